"""Whether the demo data should be loaded: only into an empty database."""

from __future__ import annotations


def demo_needed() -> bool:
    from django.contrib.auth import get_user_model

    return not get_user_model().objects.exists()
