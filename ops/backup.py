"""A consistent copy of the database while the server runs, and bringing one back.

SQLite: SQLite's online backup API (``sqlite3.Connection.backup``) copies the database as of one
moment, in one step, while other processes go on reading and writing (WAL); restore uses the same API
in the other direction, into the configured database file, so the running server sees the restored data
at its next query.  PostgreSQL: ``pg_dump --format=custom`` and ``pg_restore --clean`` in one transaction.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import connections
from django.db.migrations.executor import MigrationExecutor


class BackupError(Exception):
    """A backup or restore that could not be done; the message says why, in Indonesian."""


@dataclass(frozen=True)
class Outcome:
    path: Path
    vendor: str
    size: int
    unapplied_migrations: int = 0  # after a restore: migrations the restored database still needs


def database_backup(*, path: Path, using: str = "default") -> Outcome:
    """Write a copy of the database ``using`` to ``path``; a failed backup leaves ``path`` untouched."""
    connection = connections[using]
    path = path.resolve()
    if not path.parent.is_dir():
        raise BackupError(f"Folder {path.parent} tidak ada.")
    draft = path.with_name(f".{path.name}.sebagian")
    try:
        if connection.vendor == "sqlite":
            _sqlite_backup(connection, draft)
        elif connection.vendor == "postgresql":
            _run(_pg_command("pg_dump", connection.settings_dict, "--format=custom", f"--file={draft}"))
        else:
            raise BackupError(f"Basis data {connection.vendor} tidak didukung oleh perintah ini.")
        os.replace(draft, path)
    finally:
        draft.unlink(missing_ok=True)
    return Outcome(path=path, vendor=connection.vendor, size=path.stat().st_size)


def database_restore(*, path: Path, using: str = "default") -> Outcome:
    """Replace the whole content of the database ``using`` by the backup at ``path``."""
    connection = connections[using]
    path = path.resolve()
    if not path.is_file():
        raise BackupError(f"Berkas cadangan {path} tidak ada.")
    if connection.in_atomic_block:
        raise BackupError("Pemulihan tidak dapat dijalankan di dalam transaksi.")
    if connection.vendor == "sqlite":
        _sqlite_restore(connection, path)
    elif connection.vendor == "postgresql":
        _run(_pg_command("pg_restore", connection.settings_dict, "--list", str(path), database=False))
        _run(
            _pg_command(
                "pg_restore",
                connection.settings_dict,
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "--exit-on-error",
                str(path),
            )
        )
    else:
        raise BackupError(f"Basis data {connection.vendor} tidak didukung oleh perintah ini.")
    connection.close()  # the next query sees the restored database from a fresh connection
    executor = MigrationExecutor(connections[using])
    unapplied = len(executor.migration_plan(executor.loader.graph.leaf_nodes()))
    return Outcome(path=path, vendor=connection.vendor, size=path.stat().st_size, unapplied_migrations=unapplied)


def _sqlite_backup(connection: Any, draft: Path) -> None:
    connection.ensure_connection()
    target = sqlite3.connect(draft)
    try:
        connection.connection.backup(target)  # pages=-1: the whole database in one step, one snapshot
        target.execute("PRAGMA journal_mode=DELETE")  # the copy is one self-contained file
        _sqlite_check(target, draft)
    finally:
        target.close()


def _sqlite_restore(connection: Any, path: Path) -> None:
    try:
        source = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise BackupError(f"{path} tidak dapat dibuka: {exc}") from exc
    try:
        _sqlite_check(source, path)
        connection.ensure_connection()
        source.backup(connection.connection)  # into the live database: others wait, then see it whole
    finally:
        source.close()


def _sqlite_check(db: sqlite3.Connection, path: Path) -> None:
    """Refuse a file that is not a sound SQLite database of a Django project."""
    try:
        result = db.execute("PRAGMA integrity_check").fetchone()[0]
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path} bukan basis data SQLite yang utuh: {exc}") from exc
    if result != "ok":
        raise BackupError(f"{path} rusak: {result}")
    if "django_migrations" not in tables:
        raise BackupError(f"{path} bukan cadangan basis data Kinerja (tabel django_migrations tidak ada).")


def _pg_command(
    program: str, settings_dict: dict[str, Any], *arguments: str, database: bool = True
) -> tuple[list[str], dict[str, str]]:
    """``program`` (pg_dump, pg_restore) with the connection of ``settings_dict``; the password in the env."""
    command = [program]
    if settings_dict.get("HOST"):
        command.append(f"--host={settings_dict['HOST']}")
    if settings_dict.get("PORT"):
        command.append(f"--port={settings_dict['PORT']}")
    if settings_dict.get("USER"):
        command.append(f"--username={settings_dict['USER']}")
    command.append("--no-password")
    if database:
        command.append(f"--dbname={settings_dict['NAME']}")
    command.extend(arguments)
    env = dict(os.environ)
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    sslmode = settings_dict.get("OPTIONS", {}).get("sslmode")
    if sslmode:
        env["PGSSLMODE"] = str(sslmode)
    return command, env


def _run(command_env: tuple[list[str], dict[str, str]]) -> None:
    command, env = command_env
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    except FileNotFoundError as exc:
        raise BackupError(f"{command[0]} tidak terpasang (apt-get install postgresql-client).") from exc
    if done.returncode != 0:
        raise BackupError(f"{command[0]} gagal ({done.returncode}): {done.stderr.strip()}")


# -- evidence files (bukti dukung) ----------------------------------------------------------------
# The database names each file; the files live under MEDIA_ROOT.  They are written once under random
# names and never changed (a removal only marks the row), so copying them AFTER the database's snapshot
# gives every file the snapshot names: files added meanwhile are extra, never missing.


def media_archive_path(path: Path) -> Path:
    """Where the evidence files of the backup ``path`` go: ``<file>.bukti.tar`` beside it."""
    return path.with_name(path.name + ".bukti.tar")


def media_backup(*, path: Path, media_root: Path) -> Path | None:
    """Archive ``media_root`` beside the backup ``path`` (after the database was copied); None when empty."""
    import tarfile

    if not media_root.is_dir() or not any(media_root.iterdir()):
        return None
    target = media_archive_path(path.resolve())
    draft = target.with_name(f".{target.name}.sebagian")
    try:
        with tarfile.open(draft, "w") as tar:
            tar.add(media_root, arcname=".")
        os.replace(draft, target)
    finally:
        draft.unlink(missing_ok=True)
    return target


def media_restore(*, path: Path, media_root: Path) -> Path | None:
    """Bring back the evidence files archived beside the backup ``path`` (files already there stay)."""
    import tarfile

    archive = media_archive_path(path.resolve())
    if not archive.is_file():
        return None
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(archive) as tar:
        tar.extractall(media_root, filter="data")  # "data": no absolute paths, links or devices
    return archive
