"""Errors raised while exporting; each carries a message in Vietnamese for the user."""

from __future__ import annotations

from danvan.errors import UserFacingError


class ExportError(UserFacingError):
    """An export that could not be produced."""

    code = "export_failed"
    detail = ""  # technical detail for logs (e.g. LibreOffice's stderr), never shown to users
