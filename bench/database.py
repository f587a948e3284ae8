"""The benchmark's own database, so that a run never reads or writes the user's data.

By default a temporary SQLite file (WAL, as the project runs by default), migrated and deleted at
the end.  ``BENCH_DATABASE_URL`` (e.g. ``postgres://kinerja:kinerja@127.0.0.1/kinerja``) runs on
another server instead: Django's test-database machinery creates ``test_<name>`` beside the named
database and drops it afterwards.  ``DATABASE_URL`` alone is ignored on purpose.

``reuse`` (``--reuse-db`` or ``BENCH_REUSE_DB=1``, server databases only) keeps an existing
``test_<name>`` (Django's ``keepdb``: migrated, its data kept) and never drops it, so that the province's
450,000 rows, loaded in about 45 minutes, serve run after run; the loaders skip what is already there.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager


def reuse_requested() -> bool:
    return os.environ.get("BENCH_REUSE_DB", "").strip().lower() in {"1", "yes", "true", "on"}


@contextmanager
def bench_database(*, keep: bool = False, reuse: bool = False) -> Iterator[str]:
    """Configure Django on a fresh (or, with ``reuse``, a kept) database and yield a description of it.

    Call before ``django.setup``."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kinerja.settings")
    os.environ.setdefault("KINERJA_ALLOW_DEV_SECRET", "1")
    url = os.environ.get("BENCH_DATABASE_URL", "")
    reuse = reuse or reuse_requested()
    if reuse and not url:
        raise SystemExit("--reuse-db / BENCH_REUSE_DB needs BENCH_DATABASE_URL (a server database to keep)")
    folder = "" if url else tempfile.mkdtemp(prefix="kinerja-bench-")
    os.environ["DATABASE_URL"] = url or f"sqlite:///{folder}/bench.sqlite3"
    django.setup()

    from django.core.management import call_command
    from django.db import connection

    if url:
        original = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False, keepdb=reuse)
        how = "kept for the next run (reused)" if reuse else "created for this run"
        try:
            yield f"{connection.vendor} {connection.settings_dict['NAME']} ({how})"
        finally:
            if not (keep or reuse):
                connection.creation.destroy_test_db(original, verbosity=0)
            else:
                connection.close()
        return
    call_command("migrate", verbosity=0, interactive=False)
    try:
        yield f"sqlite {folder}/bench.sqlite3 (temporary)"
    finally:
        connection.close()
        if not keep:
            shutil.rmtree(folder, ignore_errors=True)
