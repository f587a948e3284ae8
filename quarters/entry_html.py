"""The entry table's rows and cells as HTML, written in Python: a 500-row table is 6,000 cells, and the
template engine's include per cell made the page take half a second to draw.  Formatting only: every
figure arrives computed (``quarters.entry_selectors``); the page template and the save's answer both
draw cells here, so a cell looks the same on the page and after a save.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from quarters.entry_selectors import EntryLine
from reporting import formatting

COMPUTED = ("k12", "kach", "rpq", "rp12", "rpabs", "f")


def cell_k(value: Decimal | None) -> str:
    """A K as it stands in its cell: blank stays blank, 0 (nothing realised) is "-"."""
    if value is None:
        return ""
    return "-" if value == 0 else formatting.value_id(value)


def cell_rp(value: Decimal | None) -> str:
    if value is None:
        return ""
    return "-" if value == 0 else formatting.rupiah(value)


def _oob(oob: bool) -> SafeString:
    return mark_safe(' hx-swap-oob="true"') if oob else mark_safe("")


def computed_cell(line: EntryLine, name: str, *, oob: bool = False) -> SafeString:
    r = line.line
    key, swap = line.key, _oob(oob)
    if name == "k12":
        return format_html('<td id="{}-k12" class="n"{}>{}</td>', key, swap, cell_k(r.annual_realization.value))
    if name == "kach":
        value = r.annual_achievement.value
        return format_html('<td id="{}-kach" class="n"{}>{}</td>', key, swap, formatting.percent(value))
    if name == "rpq":
        shown = cell_rp(line.rp_now) if r.first_of_row else ""
        return format_html(
            '<td id="{}-rpq" class="n derived" title="jumlah baris di bawahnya"{}>{}</td>', key, swap, shown
        )
    if name == "rp12":
        return format_html('<td id="{}-rp12" class="n"{}>{}</td>', key, swap, cell_rp(r.annual_realization.budget))
    if name == "rpabs":
        value = r.annual_achievement.budget
        return format_html('<td id="{}-rpabs" class="n"{}>{}</td>', key, swap, formatting.percent(value))
    if name == "f":
        items = "".join(
            format_html(
                '<p class="finding sev-{}" title="kolom {}">{}{}</p>',
                f.severity,
                f.column,
                f.message,
                format_html(' <span class="explained">Penjelasan PD: {}</span>', f.explanation)
                if f.explanation
                else "",
            )
            for f in line.findings
        )
        if line.correction is not None:
            items = (
                format_html(
                    '<p class="correction">Bappeda: perlu perbaikan{}</p>',
                    f": {line.correction}" if line.correction else "",
                )
                + items
            )
        return format_html('<td id="{}-f" class="c-f"{}>{}</td>', key, swap, mark_safe(items))
    raise ValueError(f"no computed cell {name!r}")


def input_cell(
    line: EntryLine, kind: str, *, editable: bool, outcome: dict[str, Any] | None = None, oob: bool = False
) -> SafeString:
    """The cell a value is typed in (K of the line's indicator, or Rp of its row), with its error or
    "tersimpan" after a save, and the button to its history."""
    r = line.line
    k = kind == "k"
    saved = line.k_saved if k else line.rp_saved
    now = cell_k(line.k_now) if k else cell_rp(line.rp_now)
    owner = line.indicator_id if k else line.row_id
    outcome = outcome or {}
    error = outcome.get("error")
    td_id = f"{line.key}-{'kin' if k else 'rpin'}"
    css = "c-input invalid" if error else "c-input"
    if k and r.indicator is None:
        return format_html('<td id="{}" class="{}"{}></td>', td_id, css, _oob(oob))
    if k and line.computed is not None:
        # Computed from the base figures: shown, never typed (the keys and a pasted block pass over it).
        css += " c-computed"
        field = format_html(
            '<span class="cell-fixed n" data-col="0" data-kind="k" data-id="{}" '
            'title="Indikator terhitung: {}. Dihitung dari angka dasar, tidak diketik di sini.">'
            '<span class="fx" aria-hidden="true">ƒ</span> {}</span> '
            '<a class="link figures-link" href="{}" aria-label="Angka dasar {}">angka dasar</a>',
            owner,
            line.computed.formula,
            now,
            line.computed.figures_url,
            r.indicator.name if r.indicator else "",
        )
    elif editable:
        label = f"Realisasi K {r.indicator.name}" if k and r.indicator else f"Realisasi Rp {r.row.name}"
        field = format_html(
            '<input class="cell" data-col="{}" name="value" inputmode="decimal" autocomplete="off" aria-label="{}" '
            'value="{}" data-kind="{}" data-id="{}" data-version="{}" hx-post="nilai/"{}>',
            0 if k else 1,
            label,
            outcome.get("typed", "") if error else now,
            kind,
            owner,
            saved.version if saved else "",
            mark_safe(' aria-invalid="true"') if error else "",
        )
    else:
        field = format_html('<span class="n">{}</span>', now)
    note: Any = ""
    if error:
        conflict = outcome.get("conflict")
        current = ""
        if conflict is not None:
            shown = cell_k(conflict.current) if k else cell_rp(conflict.current)
            current = format_html(" Nilai sekarang: <strong>{}</strong>.", shown or "kosong")
        note = format_html('<span class="cell-error" role="alert">{}{}</span>', error, current)
    elif outcome:
        note = mark_safe('<span class="cell-saved" role="status">tersimpan</span>')
    last = f" (terakhir: {saved.by})" if saved and saved.by else ""
    history = format_html(
        '<button type="button" class="hist" hx-target="#history-panel" hx-swap="innerHTML" '
        'hx-get="riwayat/?kind={}&amp;id={}" title="riwayat nilai{}">⟲</button>',
        kind,
        owner,
        last,
    )
    return format_html('<td id="{}" class="{}"{}>{}{}{}</td>', td_id, css, _oob(oob), field, note, history)


def note_cell(line: EntryLine) -> SafeString:
    """The line's note and the row's evidence: buttons that open them (loaded on demand, so a 500-row
    table carries no 500 forms)."""
    parts = []
    if line.line.indicator is not None:
        n = line.note
        has = n is not None and bool(n.note or n.drivers or n.obstacles)
        parts.append(
            format_html(
                '<div id="{}-note"><button type="button" class="link note-open" hx-get="catatan/{}/" '
                'hx-target="#{}-note" hx-swap="innerHTML">{}</button></div>',
                line.key,
                line.indicator_id,
                line.key,
                "✎ ada catatan" if has else "+ catatan",
            )
        )
    if line.evidence is not None:
        parts.append(
            format_html(
                '<div id="{}-ev"><button type="button" class="link evidence-open" hx-get="bukti/{}/" '
                'hx-target="#{}-ev" hx-swap="innerHTML">{}</button></div>',
                line.key,
                line.row_id,
                line.key,
                f"📎 bukti ({line.evidence})" if line.evidence else "+ bukti",
            )
        )
    return format_html('<td class="c-note">{}</td>', mark_safe("".join(parts)))


def row_html(line: EntryLine, *, quarter: int, editable: bool) -> SafeString:
    r = line.line
    ind = r.indicator
    earlier = "".join(
        format_html('<td class="n past">{}</td>', cell_k(r.quarters[i].value)) for i in range(quarter - 1)
    )
    indicator = format_html('{} <span class="muted">({})</span>', ind.name, ind.unit or "-") if ind else ""
    action_plan = formatting.value_id(ind.action_plan[quarter - 1]) if ind else ""
    rp = input_cell(line, "rp", editable=editable) if line.rp_saved is not None else computed_cell(line, "rpq")
    parts = [
        format_html(
            '<tr id="{}" class="lvl-{}{}" data-row="{}">',
            line.key,
            r.level.value,
            " needs-correction" if line.correction is not None else "",
            line.row_id,
        ),
        format_html('<td class="c-no">{}</td>', r.number),
        format_html('<td class="c-name sticky-1 d{}">{}</td>', line.depth, r.row.name if r.first_of_row else ""),
        format_html('<td class="c-ind sticky-2">{}</td>', indicator),
        format_html('<td class="n">{}</td>', formatting.value_id(r.annual_target.value)),
        format_html('<td class="n">{}</td>', action_plan),
        mark_safe(earlier),
        input_cell(line, "k", editable=editable),
        computed_cell(line, "k12"),
        computed_cell(line, "kach"),
        format_html('<td class="n">{}</td>', formatting.rupiah(r.annual_target.budget)),
        rp,
        computed_cell(line, "rp12"),
        computed_cell(line, "rpabs"),
        computed_cell(line, "f"),
        note_cell(line),
        mark_safe("</tr>\n"),
    ]
    return mark_safe("".join(parts))


def rows_html(lines: list[EntryLine], *, quarter: int, editable: bool) -> SafeString:
    return mark_safe("".join(row_html(line, quarter=quarter, editable=editable) for line in lines))
