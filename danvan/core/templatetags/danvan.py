from __future__ import annotations

import datetime as dt

from django import template
from django.utils import timezone

from danvan.core.dates import date_in_words

register = template.Library()


@register.filter
def ngay(value) -> str:
    """`{{ task.due|ngay }}` → `ngày 31 tháng 10 năm 2025`."""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return date_in_words(value)
