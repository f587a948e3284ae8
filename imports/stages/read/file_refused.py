"""The one error a file that cannot be read raises, shared by the readers and the guards in front of them."""

from __future__ import annotations


class FileRefused(Exception):
    """The file cannot be read at all; ``str()`` says why, in Indonesian, naming the file (and the sheet,
    the cell or the archive member where it can)."""
