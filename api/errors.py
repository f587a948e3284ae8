"""Every API error as JSON in Indonesian: ``{"detail": ..., "field": ..., "errors": {...}}``.

``detail`` is one sentence naming the field at fault when there is one; ``field`` is that field (None
when the error is not about one input); ``errors`` maps each field to its messages.  The services'
refusals keep their own words (the same as the screens show): a role or a lock is 403, a stale version
409 (with the value now stored, who saved it and when), any other refusal 400.
"""

from __future__ import annotations

import re
from typing import Any

from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from planning.errors import Conflict, NotAllowed, QuarterLocked, ServiceError

FIELD_WORDS = {"non_field_errors": None}


class Refused(exceptions.APIException):
    """A refusal raised by an API view with its status, message, field and an optional reason."""

    def __init__(self, message: str, *, code: int = 400, field: str | None = None, reason: str = "") -> None:
        super().__init__(message)
        self.status_code, self.field, self.reason = code, field, reason


def body(
    detail: str, *, field: str | None = None, errors: dict[str, list[str]] | None = None, **extra: Any
) -> dict[str, Any]:
    return {"detail": detail, "field": field, "errors": errors or ({field: [detail]} if field else {}), **extra}


def _flatten(data: Any, prefix: str = "") -> dict[str, list[str]]:
    """DRF's nested validation errors as "figures.0.name" -> messages."""
    if isinstance(data, dict):
        out: dict[str, list[str]] = {}
        for key, value in data.items():
            name = "" if key in FIELD_WORDS else str(key)
            out.update(_flatten(value, f"{prefix}.{name}".strip(".") if name else prefix))
        return out
    if isinstance(data, list) and data and all(isinstance(v, (dict, list)) for v in data):
        out = {}
        for index, value in enumerate(data):
            out.update(_flatten(value, f"{prefix}.{index}".strip(".")))
        return out
    messages = [str(v) for v in data] if isinstance(data, list) else [str(data)]
    return {prefix: messages} if messages else {}


def service_response(exc: ServiceError, *, field: str | None = None) -> Response:
    if isinstance(exc, Conflict):
        current = None if exc.current is None else str(exc.current)
        at = exc.at.isoformat() if hasattr(exc.at, "isoformat") else None
        return Response(body(str(exc), field=field, current=current, by=exc.by or None, at=at), status=409)
    code = 403 if isinstance(exc, (NotAllowed, QuarterLocked)) else 400
    field = None if code == 403 else getattr(exc, "field", field)
    return Response(body(str(exc), field=field), status=code)


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, ServiceError):
        return service_response(exc)
    if isinstance(exc, Refused):
        extra = {"reason": exc.reason} if exc.reason else {}
        return Response(body(str(exc.detail), field=exc.field, **extra), status=exc.status_code)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    data = response.data
    if isinstance(exc, exceptions.ValidationError):
        errors = _flatten(data)
        first = next(iter(errors), None)
        detail = f"{first}: {errors[first][0]}" if first else "Data tidak sah."
        response.data = body(detail, field=first or None, errors=errors)
        response.status_code = status.HTTP_400_BAD_REQUEST
    else:
        detail = data.get("detail", "") if isinstance(data, dict) else str(data)
        response.data = body(_indonesian(exc, context) or str(detail))
    return response


def _indonesian(exc: Exception, context: dict[str, Any]) -> str:
    """The two messages DRF's Indonesian catalogue leaves in English."""
    if isinstance(exc, exceptions.ParseError):
        where = re.search(r"line (\d+) column (\d+)", str(exc.detail))
        at = f" (baris {where[1]}, kolom {where[2]})" if where else ""
        return f"Isi permintaan bukan JSON yang sah{at}."
    if isinstance(exc, exceptions.MethodNotAllowed):
        request = context.get("request")
        method = getattr(request, "method", "")
        return f"Metode {method} tidak dapat dipakai pada alamat ini."
    return ""
