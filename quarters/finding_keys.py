"""A finding's stable name, so that the PD's explanation stays with it while the figures are recomputed."""

from __future__ import annotations

from domain.findings import Finding


def finding_key(finding: Finding) -> str:
    """Code, row, indicator, column and measure: what the finding is about, not its numbers."""
    parts = (
        finding.code.value,
        finding.row or "",
        finding.indicator or "",
        finding.column or "",
        finding.measure or "",
    )
    return "|".join(parts)[:500]
