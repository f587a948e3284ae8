"""Tags for screens that print report lines their own way (Bappeda's verification page): a computed
cell gets the ``data-x`` that ``static/js/explain.js`` opens, and the page the explanations it reads.
The explanations come from ``reporting.renderers.html.explained_lines``; nothing is computed here."""

from __future__ import annotations

from typing import Any

from django import template
from django.templatetags.static import static
from django.utils.html import format_html, json_script
from django.utils.safestring import SafeString

from reporting.renderers.html import ExplainedLines, explained_lines

register = template.Library()


@register.simple_tag
def report_explanations(report: Any, keys: str = "") -> ExplainedLines:
    """``{% report_explanations report "12K 12/7K" as explained %}``, once per page: the columns the
    page prints (all when ``keys`` is empty)."""
    return explained_lines(report, frozenset(keys.split()) or None)


@register.simple_tag
def explain_attr(explained: ExplainedLines | None, line: Any, key: str) -> SafeString:
    """`` data-x="N"`` on the cell of ``line``'s column ``key`` ("12K", "12/7Rp"...; the evaluation
    itself with "average" or "rating"); nothing when the cell has no explanation."""
    position = explained.at(line, key) if explained is not None else None
    return format_html(' data-x="{}"', position) if position is not None else SafeString("")


@register.simple_tag
def explanations_block(explained: ExplainedLines | None) -> SafeString:
    """The explanations as a JSON data block and the script that opens them (no inline script)."""
    if explained is None or not explained.payload.get("c"):
        return SafeString("")
    return format_html(
        '{}\n<script src="{}" defer></script>',
        json_script(explained.payload, "e81-explanations"),
        static("js/explain.js"),
    )
