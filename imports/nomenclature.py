"""Known Permendagri 90 names, matched with tolerance for typos ("Kemiraan", "Perijinan").

The list is a small data file (``data/nomenclature-2.17.csv``) plus, at import time, the names the
pemda already has in the database.  A match says the row's level and suggests its code; the name in
the file is kept as written, and a near match is reported so that a person can correct the typo.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache, lru_cache
from pathlib import Path

from domain.types import Level

DATA = Path(__file__).resolve().parent / "data" / "nomenclature-2.17.csv"
THRESHOLD = 0.9


@dataclass(frozen=True)
class Name:
    code: str  # "" when unknown; a trailing "?" marks an unconfirmed number
    level: Level
    name: str

    @property
    def key(self) -> str:
        return normalise(self.name)


@dataclass(frozen=True)
class Match:
    known: Name
    ratio: float

    @property
    def exact(self) -> bool:
        return self.ratio >= 0.999


@lru_cache(maxsize=100_000)
def normalise(name: str) -> str:
    text = name.lower().replace("-", " ")
    text = re.sub(r"[^\w/ ]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


@cache
def builtin() -> tuple[Name, ...]:
    out = []
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, level, name = line.split(";", 2)
        out.append(Name(code.strip(), Level(level.strip()), name.strip()))
    return tuple(out)


class Nomenclature:
    def __init__(self, names: Iterable[Name] = ()) -> None:
        self.names = [*builtin(), *names]
        self._exact = {n.key: n for n in self.names}
        self._cache: dict[tuple[str, Level | None], Match | None] = {}
        # by the length of their key: a name is compared only with those of a close length
        # (ties between equal ratios still go to the earlier name of the list)
        self._by_length = sorted(enumerate(self.names), key=lambda pair: len(pair[1].key))
        self._lengths = [len(n.key) for _i, n in self._by_length]
        # word -> positions in ``_by_length``: only names sharing a word can pass the word test below, so
        # the fuzzy match counts shared words from these lists instead of intersecting with every name of
        # a close length (about 1,000 set intersections per unknown name, most of a large import's match)
        self._word_counts = [len(_words(n.key)) for _i, n in self._by_length]
        self._postings: dict[str, list[int]] = {}
        for position, (_i, known) in enumerate(self._by_length):
            for word in _words(known.key):
                self._postings.setdefault(word, []).append(position)

    def match(self, name: str, level: Level | None = None) -> Match | None:
        """The best known name within the tolerance, or ``None``."""
        cache_key = (name, level)
        if cache_key not in self._cache:
            self._cache[cache_key] = self._match(name, level)
        return self._cache[cache_key]

    def _match(self, name: str, level: Level | None) -> Match | None:
        key = normalise(name)
        if not key:
            return None
        exact = self._exact.get(key)
        if exact is not None and (level is None or exact.level is level):
            return Match(exact, 1.0)
        best: Match | None = None
        tolerance = max(6, len(key) // 8)
        low = bisect_left(self._lengths, len(key) - tolerance)
        high = bisect_right(self._lengths, len(key) + tolerance)
        best_at = -1
        words = _words(key)
        shared: Counter[int] = Counter()
        for word in words:
            shared.update(self._postings.get(word, ()))
        for position in sorted(shared):  # the names of a close length sharing at least one word
            if not low <= position < high:
                continue
            at, known = self._by_length[position]
            if level is not None and known.level is not level:
                continue
            if shared[position] < 0.5 * max(len(words), self._word_counts[position]):
                continue
            other = known.key
            matcher = SequenceMatcher(None, key, other, autojunk=False)
            if matcher.real_quick_ratio() < THRESHOLD or matcher.quick_ratio() < THRESHOLD:
                continue
            ratio = matcher.ratio()
            if ratio >= THRESHOLD and (best is None or ratio > best.ratio or (ratio == best.ratio and at < best_at)):
                best, best_at = Match(known, ratio), at
        return best


def similarity(a: str, b: str) -> float:
    """0..1, 1 for names equal once case, punctuation and spacing are ignored."""
    x, y = normalise(a), normalise(b)
    if x == y:
        return 1.0
    return SequenceMatcher(None, x, y, autojunk=False).ratio()


@lru_cache(maxsize=100_000)
def _words(name: str) -> frozenset[str]:
    return frozenset(normalise(name).split())


def similar(a: str, b: str, threshold: float) -> bool:
    """``similarity(a, b) >= threshold``, cheaply rejecting names that cannot reach it (too different
    in length or in words) before the exact ratio."""
    x, y = normalise(a), normalise(b)
    if x == y:
        return True
    if min(len(x), len(y)) < threshold * max(len(x), len(y)):
        return False
    wa, wb = _words(a), _words(b)
    if wa and wb and len(wa & wb) / len(wa | wb) < threshold - 0.4:
        return False
    matcher = SequenceMatcher(None, x, y, autojunk=False)
    return (
        matcher.real_quick_ratio() >= threshold and matcher.quick_ratio() >= threshold and matcher.ratio() >= threshold
    )
