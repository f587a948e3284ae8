"""Renderers of the report model: each takes a ``Report`` and returns bytes; none computes.

An explicit registry: the command, the download view and the benchmark look formats up here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reporting.report import Report


@dataclass(frozen=True)
class Renderer:
    name: str
    content_type: str
    extension: str
    render: Callable[[Report], bytes]


def _registry() -> dict[str, Renderer]:
    from reporting.renderers.json_report import render_json

    return {
        "json": Renderer("json", "application/json; charset=utf-8", "json", render_json),
    }


RENDERERS: dict[str, Renderer] = _registry()
