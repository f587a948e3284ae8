"""A demo database in a file, made once per session by the real commands, copied for each test."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.ops.processes import manage, sqlite_env


@pytest.fixture(scope="session")
def demo_sqlite_template(tmp_path_factory: Any) -> Path:
    db = tmp_path_factory.mktemp("demo-db") / "kinerja.sqlite3"
    env = sqlite_env(db)
    manage("migrate", "--noinput", "-v0", env=env)
    manage("demo", "-v0", env=env)
    return db


@pytest.fixture
def demo_sqlite(demo_sqlite_template: Path, tmp_path: Path) -> Path:
    """A private copy of the demo database (file-based SQLite, WAL), in its own folder."""
    db = tmp_path / "kinerja.sqlite3"
    shutil.copyfile(demo_sqlite_template, db)
    return db
