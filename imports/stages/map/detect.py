"""The "map" stage: the header the locate stage found -> a ``ColumnMap`` (what each column means, how
sure, why); and back: a ``ColumnMap`` confirmed by a person -> the ``MainHeader`` the place stage reads,
so that a corrected mapping replaces the detection and the later stages run on it unchanged."""

from __future__ import annotations

from typing import Any

from imports.stages.locate.layout import MainHeader
from imports.stages.locate.sheet_join import JoinedSheets
from imports.stages.map.column_map import ColumnMap, ColumnMeaning, column_letter, split_meaning


def column_map_of(header: MainHeader, join: JoinedSheets | None = None) -> ColumnMap:
    """Every column of the header with its meaning as detected.  A table joined from two sheets (``join``)
    names each budget column by its own sheet and letter (``Isian Keuangan!E``)."""
    texts = header.label_rows or [[]]
    width = max((len(r) for r in texts), default=0)
    width = max(width, max(header.roles, default=0))
    by_column: dict[int, str] = {}
    for measure, subs in header.measures.items():
        for sub, col in subs.items():
            by_column.setdefault(col, f"{measure}.{sub}")
    columns = []
    for col in range(1, width + 1):
        labels = [r[col - 1] for r in texts if col - 1 < len(r) and r[col - 1]]
        role = header.roles.get(col)
        confidence, reason = header.how.get(col, (0.0, ""))
        if col in by_column:
            meaning = by_column[col]
        elif role in ("helper",):
            meaning = "helper"
        elif role == "code_part":
            meaning = "code"
        elif role and role != "value":
            meaning = role
        else:
            meaning = "ignore"
            if labels:
                confidence, reason = 0.0, f"label {labels[0][:40]!r} tidak dikenali"
        if not labels and meaning == "ignore":
            continue
        letter = join.letter(col) if join is not None else column_letter(col)
        columns.append(ColumnMeaning(col, letter, labels, meaning, round(confidence, 2), reason))
    rows = [header.row + i for i in range(len(texts))]
    return ColumnMap(
        sheet=f"{join.performance} + {join.budget}" if join is not None else header.sheet,
        header_rows=rows,
        header_texts=[list(r) for r in texts],
        columns=columns,
        rp_scale=header.rp_scale,
    )


def header_of(mapping: ColumnMap, detected: MainHeader) -> MainHeader:
    """The header as ``mapping`` says (its meanings and Rp scale), on the rows ``detected`` found.

    Several columns mapped to ``code`` are read as the parts of one code, left to right."""
    header = MainHeader(sheet=detected.sheet, row=detected.row, last_row=detected.last_row)
    header.label_rows = detected.label_rows
    header.rp_scale = mapping.rp_scale
    code_seen = False
    for c in sorted(mapping.columns, key=lambda c: c.column):
        figure = split_meaning(c.meaning)
        header.how[c.column] = (c.confidence, c.reason)
        if figure is not None:
            measure, sub = figure
            header.roles[c.column] = "value"
            header.measures.setdefault(measure, {}).setdefault(sub, c.column)
        elif c.meaning == "code":
            header.roles[c.column] = "code_part" if code_seen else "code"
            code_seen = True
        elif c.meaning in ("helper", "ignore"):
            header.roles[c.column] = c.meaning  # known and not read (the place stage skips them)
        else:
            header.roles[c.column] = c.meaning
    header._index = None
    return header


def mapping_summary(mapping: ColumnMap) -> list[dict[str, Any]]:
    """One line per column for listings: letter, labels, meaning in words, confidence, reason."""
    return [
        {
            "column": c.letter,
            "labels": " / ".join(c.labels),
            "meaning": c.meaning_label,
            "confidence": c.confidence,
            "reason": c.reason,
        }
        for c in mapping.columns
    ]


def detect_column_map(data: bytes, filename: str) -> ColumnMap | None:
    """The read, locate and map stages only: the detected map of a file (for ``--save-mapping``), or None
    when no E.81 table is found.  Raises ``FileRefused`` like the import."""
    from django.conf import settings

    from imports.problems import Problems
    from imports.stages.locate.workbook_sections import find_main_table
    from imports.stages.read.readers import read_workbook

    book = read_workbook(
        data, filename, max_bytes=settings.KINERJA_MAX_UPLOAD_BYTES, max_rows=settings.KINERJA_MAX_IMPORT_ROWS
    )
    main = find_main_table(book, Problems())
    return column_map_of(main.header, main.join) if main is not None else None
