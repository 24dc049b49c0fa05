from __future__ import annotations

from typing import Any

from django.db import models

from danvan.core.models import AuditEvent


def audit_record(*, actor, action: str, obj: models.Model | None = None, summary: str = "", **extra: Any) -> AuditEvent:
    """Write one audit row; call it inside the transaction of the change it records."""
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        summary=summary[:500],
        extra=extra,
    )
