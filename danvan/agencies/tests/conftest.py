import pytest
from django.contrib.auth import get_user_model

from danvan.accounts.models import Profile, Role
from danvan.agencies.demo import load_an_nhon_directory, load_can_tho_directory


@pytest.fixture
def can_tho(db):
    return load_can_tho_directory()


@pytest.fixture
def an_nhon(db):
    return load_an_nhon_directory()


@pytest.fixture
def make_user(db):
    def make(username: str, role: str | None, agency=None):
        user = get_user_model().objects.create_user(username=username, password="pw-for-tests")
        if role is not None:
            Profile.objects.create(user=user, role=role, agency=agency)
        return user

    return make


@pytest.fixture
def coordinator(make_user, can_tho):
    return make_user("dieu-phoi", Role.COORDINATOR, can_tho)


@pytest.fixture
def officer(make_user, can_tho):
    return make_user("can-bo", Role.OFFICER, can_tho)
