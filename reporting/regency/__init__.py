"""The regency's evaluation (form E.79), the ranking of PD and the early warning, over all PD of a pemda.

``builder.regency_report_build(region=..., year=..., quarter=...)`` is the entry point; renderers take
its record and return bytes.
"""
