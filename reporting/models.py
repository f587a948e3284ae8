"""Reporting keeps no tables of its own: it reads the plan (``planning``) and the quarters (``quarters``)."""
