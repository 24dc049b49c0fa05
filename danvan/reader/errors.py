"""Errors a reader raises for input it cannot read; each carries a message in Vietnamese for the user."""

from __future__ import annotations

from danvan.errors import UserFacingError


class ReaderError(UserFacingError):
    """A file that cannot be read."""

    code = "unreadable"
