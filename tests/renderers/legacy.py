"""The tables as the template engine printed them before their rows were written in Python.

``tests/renderers/legacy_templates/`` keeps the old templates (the loops over rows and cells); inside
``legacy_templates()`` they stand in front of the project's, so the same render call gives the old
output, to compare with the new byte for byte.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.test import override_settings

LEGACY = Path(__file__).parent / "legacy_templates"


@contextmanager
def legacy_templates() -> Iterator[None]:
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [LEGACY, *templates[0]["DIRS"]]
    with override_settings(TEMPLATES=templates):
        yield
