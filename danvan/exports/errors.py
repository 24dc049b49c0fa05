"""Errors raised while exporting; each carries a message in Vietnamese for the user."""

from __future__ import annotations


class ExportError(Exception):
    """An export that could not be produced. `message` is shown to the user as is; `code` is for programs."""

    code = "export_failed"
    detail = ""  # technical detail for logs (e.g. LibreOffice's stderr), never shown to users

    def __init__(self, message: str, *, code: str | None = None):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code

    def __str__(self) -> str:
        return self.message
