"""The API against its own OpenAPI schema (schemathesis 4, in-process WSGI, no server): no server error,
and every answer documented (status, content type, body, headers), for cases generated from the schema.

Checks: ``not_a_server_error``, ``status_code_conformance``, ``content_type_conformance``,
``response_schema_conformance``, ``response_headers_conformance`` and ``negative_data_rejection`` (data
the schema forbids is refused with a 4xx).  ``positive_data_acceptance`` is left out on purpose: a
well-formed formula or reason can still be refused by the service with a documented 400 (an unknown
base-figure name, a division by zero), which is the behaviour the issue asks for.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from api.opendata import open_data_publish
from tests.api.conftest import auth

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
    negative_data_rejection,
]


# Loaded once at collection, in-process (the schema view reads no data); schemathesis's lazy
# ``from_fixture`` loader does not run under pytest 9 (it reads a node attribute pytest dropped).
schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application())


@pytest.fixture(autouse=True)
def _connections_kept_open() -> Any:
    """Calling the WSGI application directly fires request_started/finished, whose handler closes the
    database connection: on PostgreSQL that is the test's own transaction.  Django's test client
    disconnects it for the same reason."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def operator_token(agency: Any, personas: dict[str, Any]) -> str:
    open_data_publish(region=agency.region, published=True, actor=personas["admin"]["user"], reason="uji")
    return personas["operator"]["token"]


@pytest.mark.slow
@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_answer_is_documented(case: Any, operator_token: str) -> None:
    headers = {"Authorization": auth(operator_token)["HTTP_AUTHORIZATION"]}
    case.call_and_validate(headers=headers, checks=CHECKS)
