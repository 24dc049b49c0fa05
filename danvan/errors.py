"""The one shape of every refusal danvan shows a person (no Django import, so the reader can use it)."""

from __future__ import annotations


class UserFacingError(Exception):
    """`message` is Vietnamese and shown to the user as is; `code` is a stable key for programs and tests."""

    code = "invalid"

    def __init__(self, message: str, *, code: str | None = None):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code

    def __str__(self) -> str:
        return self.message
