"""Lines of the permission matrix (tests/test_permission_matrix.py) contributed by each feature.

Each module here may define:

- ``EXPECTED``: view name -> (method, rule), as in the matrix (rules are in ``tests.permission_rules``);
- ``NOT_DATA``: view names that are not data views, with a comment saying why;
- ``url(name, world) -> str | None``: the URL to call (None: not one of this module's names);
- ``data(name, world) -> dict | None``: what the screen would post (None: nothing special).

One module per feature keeps features that are built side by side out of each other's lines.
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType


def modules() -> list[ModuleType]:
    return [importlib.import_module(f"{__name__}.{m.name}") for m in pkgutil.iter_modules(__path__)]
