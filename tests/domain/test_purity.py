"""The calculation core imports no framework: it must stay runnable and testable on its own."""

from __future__ import annotations

import ast
from pathlib import Path

import domain

FORBIDDEN = ("django", "rest_framework", "planning", "reporting", "audit", "demo", "kinerja")


def test_domain_imports_no_framework_or_app() -> None:
    offenders = []
    for path in Path(domain.__file__).parent.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] in FORBIDDEN]
    assert offenders == []
