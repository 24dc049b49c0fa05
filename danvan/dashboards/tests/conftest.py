import pytest

from danvan.reminders.tests.conftest import deadline_for, province  # noqa: F401 — shared fixtures


@pytest.fixture(autouse=True)
def _urls(settings):
    settings.ROOT_URLCONF = "danvan.reminders.tests.urls"
