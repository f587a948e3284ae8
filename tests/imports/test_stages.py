"""The importer's folder shows its stages, and a stage reads only what the stages before it made.

A stage importing a later one would mean the data no longer flows one way (issue 9, point 5): the
mapping page reruns the stages after "map" on its output, which only works if none of them reaches back.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

STAGES = ["read", "locate", "map", "place", "reconcile", "documents", "load"]
ROOT = Path(__file__).resolve().parents[2] / "imports" / "stages"


def _stage_of_module(name: str) -> str | None:
    parts = name.split(".")
    if parts[:2] == ["imports", "stages"] and len(parts) > 2:
        return parts[2]
    return None


def _modules(stage: str) -> list[Path]:
    folder = ROOT / stage
    return sorted(folder.glob("*.py")) if folder.is_dir() else [ROOT / f"{stage}.py"]


def _imported(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def test_every_stage_is_a_folder_or_module_of_its_own_in_order():
    found = {p.stem for p in ROOT.iterdir() if p.suffix == ".py" or (p.is_dir() and (p / "__init__.py").exists())}
    assert set(STAGES) <= found, f"stages missing: {set(STAGES) - found}"
    assert found - {"__init__", "__pycache__"} == set(STAGES), "a module in imports/stages/ that is not a stage"
    overview = (ROOT / "__init__.py").read_text(encoding="utf-8")
    positions = [overview.index(f"``{s}") for s in STAGES]
    assert positions == sorted(positions), "imports/stages/__init__.py lists the stages out of order"


@pytest.mark.parametrize("stage", STAGES)
def test_a_stage_imports_no_later_stage_nor_the_web_layer(stage):
    own = STAGES.index(stage)
    for path in _modules(stage):
        for name in _imported(path):
            other = _stage_of_module(name)
            if other is not None:
                assert other in STAGES, f"{path.name} imports {name}: not a stage"
                assert STAGES.index(other) <= own, f"{stage}/{path.name} imports the later stage {name}"
            assert name not in {"imports.services", "imports.pipeline", "imports.history", "imports.views"}, (
                f"{stage}/{path.name} reaches back into {name}"
            )
            assert (
                not name.startswith(("django.db", "planning.models", "planning.services.documents")) or stage == "load"
            ), f"{stage}/{path.name} touches the database ({name}); only the load stage may"
