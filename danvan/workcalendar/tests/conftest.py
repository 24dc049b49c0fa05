from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from danvan.accounts.models import Profile, Role

OWNER = ("plans.assignment", "42")


@pytest.fixture
def admin_user(db):
    user = get_user_model().objects.create_user("quantri", password="pw")
    Profile.objects.create(user=user, role=Role.ADMINISTRATOR)
    return user


@pytest.fixture
def officer(db):
    user = get_user_model().objects.create_user("canbo", password="pw")
    Profile.objects.create(user=user, role=Role.OFFICER)
    return user
