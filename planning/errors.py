"""Errors raised by services, with messages in Indonesian that name the place."""

from __future__ import annotations


class ServiceError(Exception):
    """A refused change; ``str(error)`` is shown to the user as it is."""


class QuarterLocked(ServiceError):
    """A write into a quarter that Bappeda has approved."""


class NotAllowed(ServiceError):
    """The actor's role does not allow this change (the view answers 403, the command exits)."""


class Conflict(ServiceError):
    """Someone else saved the value since it was read: the save is refused, never a silent overwrite.

    ``current`` is the stored value now (None: blank), ``by`` who saved it and ``at`` when.
    """

    def __init__(self, message: str, *, current: object = None, by: str = "", at: object = None) -> None:
        super().__init__(message)
        self.current, self.by, self.at = current, by, at
