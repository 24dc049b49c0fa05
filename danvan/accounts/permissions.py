"""Who the current user is, in danvan's terms. Every view and API call starts from an `Actor`."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from django.core.exceptions import PermissionDenied

from danvan.accounts.models import Role


@dataclass(frozen=True)
class Actor:
    user: object
    role: str | None
    agency: object | None  # danvan.agencies.models.Agency

    @property
    def is_authenticated(self) -> bool:
        return bool(getattr(self.user, "is_authenticated", False))

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMINISTRATOR or bool(getattr(self.user, "is_superuser", False))

    @property
    def is_coordinator(self) -> bool:
        return self.role == Role.COORDINATOR

    @property
    def is_officer(self) -> bool:
        return self.role == Role.OFFICER

    @property
    def is_leader(self) -> bool:
        return self.role == Role.LEADER

    @cached_property
    def government(self):
        """The People's Committee at the top of the actor's agency tree (None for a bare admin)."""
        return self.agency.government() if self.agency is not None else None

    @property
    def government_id(self) -> int | None:
        return self.government.pk if self.government is not None else None

    @property
    def sees_all_plans_of_government(self) -> bool:
        return self.is_admin or self.is_coordinator or self.is_leader

    @property
    def can_import_plans(self) -> bool:
        return self.is_admin or self.is_coordinator


def actor_for(user) -> Actor:
    if not getattr(user, "is_authenticated", False):
        return Actor(user=user, role=None, agency=None)
    profile = getattr(user, "profile", None)
    if profile is None:
        role = Role.ADMINISTRATOR if user.is_superuser else None
        return Actor(user=user, role=role, agency=None)
    return Actor(user=user, role=profile.role, agency=profile.agency)


def require(condition: bool) -> None:
    """Raise 403 unless `condition`; views call it after loading the object they guard."""
    if not condition:
        raise PermissionDenied("Bạn không có quyền truy cập nội dung này.")
