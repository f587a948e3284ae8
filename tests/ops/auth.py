"""django-axes for the test suite: ``Client.login()`` calls ``authenticate()`` without a request."""

from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend


class AxesBackendOrTestClient(AxesStandaloneBackend):
    """Throttles every login that comes with a request; lets the test client's ``login()`` through."""

    def authenticate(
        self, request: Any, username: str | None = None, password: str | None = None, **kwargs: Any
    ) -> Any:
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
