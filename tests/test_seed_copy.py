"""The project ships a verbatim copy of the seed report; when ../shared is beside the clone, they agree."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NAME = "laporan-kinerja-tw4-2021-diskopum-lumajang.txt"


def test_shipped_seed_is_the_shared_seed() -> None:
    shipped = (ROOT / "demo" / "data" / NAME).read_bytes()
    assert shipped.startswith(b"\n") and b"Laporan Kinerja Tribunal IV" in shipped
    shared = ROOT.parent / "shared" / "seed" / NAME
    if shared.exists():  # beside the clone in a workplace and in CI; a user's clone need not have it
        assert shared.read_bytes() == shipped
