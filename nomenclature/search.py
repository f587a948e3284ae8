"""Finding codes in the active nomenclature: as the user types (by code or words), and by code for the
editor's marks ("di luar nomenklatur").

The Penunjang program is listed once as ``X.XX.01`` and applies under every bidang: ``2.17.01.2.01.0007``
is ``X.XX.01.2.01.0007`` with the PD's bidang in front.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Case, IntegerField, Q, Value, When

from nomenclature.models import NomenclatureEntry, NomenclatureVersion
from nomenclature.text import search_key, words

# The editor's levels (planning's Level values) and the nomenclature's.
EDITOR_LEVELS = {"program": "program", "activity": "kegiatan", "sub_activity": "sub_kegiatan"}
_CODE_QUERY = re.compile(r"^[\dxX](\.[\dxX.]*)?$")
_BIDANG = re.compile(r"^\d\.\d{2}$")
LIMIT = 25


@dataclass(frozen=True)
class Hit:
    code: str  # as it applies to the PD (Penunjang with the PD's bidang in front)
    official_code: str
    level: str
    name: str
    indicator: str
    unit: str


def active_version() -> NomenclatureVersion | None:
    return NomenclatureVersion.objects.filter(is_active=True).first()


def penunjang_form(code: str) -> str | None:
    """``2.17.01...`` -> ``X.XX.01...`` (the shared Penunjang program), else None."""
    parts = code.split(".")
    if len(parts) >= 3 and parts[2] == "01" and parts[:2] != ["X", "XX"]:
        return ".".join(["X", "XX", *parts[2:]])
    return None


def applied_code(code: str, bidang: str | None) -> str:
    if bidang and _BIDANG.match(bidang) and code.startswith("X.XX."):
        return bidang + code[4:]
    return code


def bidang_of(code: str) -> str | None:
    parts = code.split(".")
    return ".".join(parts[:2]) if len(parts) >= 2 and _BIDANG.match(".".join(parts[:2])) else None


def search(
    query: str,
    *,
    level: str | None = None,
    bidang: str | None = None,
    within: str | None = None,
    version: NomenclatureVersion | None = None,
) -> list[Hit]:
    """Up to ``LIMIT`` entries whose code starts with ``query`` or whose code, name or indikator contain
    every word of it (case and accents ignored); those under ``within`` (the parent row's code) first.
    One query."""
    version = version or active_version()
    text = query.strip()
    if version is None or not text:
        return []
    entries = NomenclatureEntry.objects.filter(version=version)
    if level:
        entries = entries.filter(level=EDITOR_LEVELS.get(level, level))
    if _CODE_QUERY.match(text):
        code = text.upper().rstrip(".")
        prefixes = [code, *filter(None, [penunjang_form(code)])]
        condition = Q()
        for prefix in prefixes:
            condition |= Q(code__startswith=prefix)
        entries = entries.filter(condition)
    else:
        for word in words(text):
            entries = entries.filter(search_text__contains=word)
    order: list[object] = ["code"]
    if within:
        parents = [within, *filter(None, [penunjang_form(within)])]
        under = Q()
        for parent in parents:
            under |= Q(code__startswith=parent + ".")
        order.insert(0, Case(When(under, then=Value(0)), default=Value(1), output_field=IntegerField()))
    return [
        Hit(applied_code(e.code, bidang), e.code, e.level, e.name, e.indicator, e.unit)
        for e in entries.order_by(*order)[:LIMIT]  # type: ignore[misc]
    ]


def lookup(codes: Iterable[str], *, version: NomenclatureVersion | None = None) -> dict[str, NomenclatureEntry]:
    """The entry of each code (directly or through the Penunjang rule); codes not in the list are absent.
    One query (none when there is no code or no version)."""
    wanted = {c for c in codes if c}
    version = version or active_version()
    if version is None or not wanted:
        return {}
    forms = {code: [code, *filter(None, [penunjang_form(code)])] for code in wanted}
    found = {
        e.code: e
        for e in NomenclatureEntry.objects.filter(version=version, code__in={f for fs in forms.values() for f in fs})
    }
    out = {}
    for code, candidates in forms.items():
        for candidate in candidates:
            if candidate in found:
                out[code] = found[candidate]
                break
    return out


def codes_by_name(
    names: Iterable[tuple[str, str]], *, bidang: str | None = None, version: NomenclatureVersion | None = None
) -> dict[tuple[str, str], str]:
    """For rows without a code: the code whose official name is the row's name (case, accents and punctuation
    ignored), keyed by (editor level, name).  The ordinary kab/kota code (kewenangan 2) is preferred over the
    special ones that repeat a name; Penunjang codes are given with ``bidang`` in front.  One query (none
    when nothing is asked)."""
    wanted = {
        (EDITOR_LEVELS[level], search_key(name)): (level, name) for level, name in names if level in EDITOR_LEVELS
    }
    version = version or active_version()
    if version is None or not wanted:
        return {}
    found: dict[tuple[str, str], str] = {}
    entries = (
        NomenclatureEntry.objects.filter(
            version=version, level__in={lv for lv, _k in wanted}, name_key__in={k for _lv, k in wanted}
        )
        .order_by("code")
        .values_list("level", "name_key", "code")
    )
    for level, name_key, code in entries:
        key = (level, name_key)
        if key not in wanted:
            continue
        current = found.get(key)
        if current is None or (_ordinary(code) and not _ordinary(current)):
            found[key] = code
    return {wanted[key]: applied_code(code, bidang) for key, code in found.items()}


def _ordinary(code: str) -> bool:
    """Not a special kewenangan code (Otsus Papua 3 and 4, DIY 5, Aceh 7: the fourth part)."""
    parts = code.split(".")
    return len(parts) < 4 or parts[3] == "2"


def same_name(a: str, b: str) -> bool:
    return search_key(a) == search_key(b)
