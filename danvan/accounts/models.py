from __future__ import annotations

from django.conf import settings
from django.db import models


class Role(models.TextChoices):
    ADMINISTRATOR = "admin", "Quản trị hệ thống"
    COORDINATOR = "coordinator", "Điều phối (Sở/Phòng Nội vụ)"
    OFFICER = "officer", "Cán bộ cơ quan, đơn vị"
    LEADER = "leader", "Lãnh đạo (chỉ xem)"


class Profile(models.Model):
    """What a user is in danvan: a role, and the agency they work for."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    role = models.CharField("vai trò", max_length=20, choices=Role.choices, default=Role.OFFICER)
    agency = models.ForeignKey("agencies.Agency", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="members", verbose_name="cơ quan")
    position = models.CharField("chức vụ", max_length=120, blank=True)

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"
