"""Errors a reader raises for input it cannot read; each carries a message in Vietnamese for the user."""

from __future__ import annotations


class ReaderError(Exception):
    """A file that cannot be read. `message` is shown to the user as is; `code` is for programs."""

    code = "unreadable"

    def __init__(self, message: str, *, code: str | None = None):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code

    def __str__(self) -> str:
        return self.message
