"""The REST API's URL names (issue 13, points 4 and 6).  None is an HTML screen: the API answers 401 (not
a redirect to the login page) to anonymous callers, and open data is public by design, so the matrix's
"anonymous is sent to login" does not apply.  Each is covered per persona by tests/api/test_permissions.py,
which asserts the same outcome as the web counterpart (reading a report = reads, writing a realisation
= enters, a locked quarter refused with the screen's message); the schema and docs name no data.
"""

from __future__ import annotations

NOT_DATA = {
    "api:schema", "api:docs", "api:not_found",
    "api:regions", "api:agencies", "api:plan", "api:realizations", "api:realization_k", "api:realization_rp",
    "api:report", "api:regency_report", "api:computed_list", "api:computed_define", "api:base_figure",
    "api:opendata_index", "api:opendata_csv", "api:opendata_json", "api:opendata_dictionary", "api:opendata_publish",
}  # fmt: skip
