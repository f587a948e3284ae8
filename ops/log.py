"""Logging: a refused request is one line, not a traceback."""

from __future__ import annotations

import logging


class ClientErrorsOneLine(logging.Filter):
    """Drop the traceback Django attaches to a 4xx it logs (``PermissionDenied`` -> "Forbidden: /path").

    The request's answer is the client's business, not a fault of the server: the line with the status
    and the path is enough.  Server errors (5xx) keep their traceback.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if isinstance(status, int) and status < 500 and record.exc_info:
            record.exc_info = None
            record.exc_text = None
        return True
