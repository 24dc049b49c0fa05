from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from danvan.plans.models import Assignment

pytestmark = pytest.mark.django_db


def token_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


class TestReadApi:
    def test_requires_authentication(self, published):
        assert APIClient().get(reverse("api:plan_list")).status_code in (401, 403)

    def test_token_auth_lists_visible_plans_and_tasks(self, people, published):
        client = token_client(people["noivu"])
        data = client.get(reverse("api:plan_list"), {"q": "dan van"}).json()
        assert [p["id"] for p in data["results"]] == [published.pk]
        tasks = client.get(reverse("api:plan_tasks", args=[published.pk])).json()["results"]
        assert "II.3" in [t["path"] for t in tasks]
        assert client.get(reverse("api:agency_list")).status_code == 200

    def test_officer_of_other_government_is_refused(self, people, published):
        client = token_client(people["annhon"])
        assert client.get(reverse("api:plan_list")).json()["results"] == []
        assert client.get(reverse("api:plan_detail", args=[published.pk])).status_code == 403
        assert client.get(reverse("api:plan_tasks", args=[published.pk])).status_code == 403

    def test_internal_note_only_for_own_agency(self, people, published, directory):
        a = Assignment.objects.get(task__plan=published, task__path="II.3", agency=directory["stp"])
        a.internal_note = "Ghi chú mật"
        a.save()
        own = token_client(people["tuphap"]).get(reverse("api:assignment_detail", args=[a.pk])).json()
        assert own["internal_note"] == "Ghi chú mật"
        other = token_client(people["taichinh"]).get(reverse("api:assignment_detail", args=[a.pk])).json()
        assert other["internal_note"] is None
        leader = token_client(people["lanhdao"]).get(reverse("api:assignment_detail", args=[a.pk])).json()
        assert leader["internal_note"] is None

    def test_schema(self, people):
        client = token_client(people["noivu"])
        response = client.get(reverse("api:schema"))
        assert response.status_code == 200
        assert b"/assignments/" in response.content
