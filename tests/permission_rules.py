"""The personas of the permission matrix and the rules mapping a persona to the outcome of a call."""

from __future__ import annotations

PD, YEAR, Q = "diskopum-lumajang", 2021, 3

PERSONAS = ("operator", "kepala", "verifier", "admin", "reader", "sibling", "other_pemda", "other_verifier", "nobody")
PD_ROLES = {"operator", "kepala"}
BAPPEDA = {"verifier", "admin"}
READERS = PD_ROLES | BAPPEDA | {"reader"}
OUTSIDE = {"sibling", "other_pemda", "other_verifier", "nobody"}  # may not see the demo PD at all


def reads(persona: str) -> str:
    return "ok" if persona in READERS else "404"


def enters(persona: str) -> str:
    return "ok" if persona in PD_ROLES else ("403" if persona in READERS else "404")


def verifies(persona: str) -> str:
    return "ok" if persona in BAPPEDA else ("403" if persona in READERS else "404")


def anyone(persona: str) -> str:
    return "ok"


def bappeda_anywhere(persona: str) -> str:
    return "ok" if persona in BAPPEDA | {"other_verifier"} else "403"


def admin_only(persona: str) -> str:
    """The pemda administrator's screens: Bappeda's verifier and the PD see 403, outsiders 404."""
    return "ok" if persona == "admin" else ("403" if persona in READERS else "404")
