"""Text as searched: lower case, without accents and punctuation, so "Ketahanan" finds "ketahanan" and
"Perizinan" with an accent typed finds it too."""

from __future__ import annotations

import re
import unicodedata


def search_key(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    # Dots stay (codes are searched as typed: "2.17.07"); other punctuation becomes a space.
    return " ".join(re.sub(r"[^\w.]+", " ", plain).split())


def words(query: str) -> list[str]:
    return [w for w in search_key(query).split(" ") if w]
