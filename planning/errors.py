"""Errors raised by services, with messages in Indonesian that name the place."""

from __future__ import annotations


class ServiceError(Exception):
    """A refused change; ``str(error)`` is shown to the user as it is."""


class QuarterLocked(ServiceError):
    """A write into a quarter that Bappeda has approved."""


class NotAllowed(ServiceError):
    """The actor's role does not allow this change (the view answers 403, the command exits)."""
