"""Kinerja's pure calculation core.

Plain functions over frozen dataclasses, ``Decimal`` and enums: quarter aggregation, achievement,
budget roll-ups, averages, rating and consistency findings.  Nothing here imports Django (a test
enforces it); labels and translations live outside, in the apps.
"""
