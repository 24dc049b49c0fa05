"""The user's notifications: list them, mark them read."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from danvan.reminders import selectors, services
from danvan.reminders.models import Notification


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    return render(request, "reminders/notification_list.html", {
        "notifications": selectors.notification_list_for(user=request.user)[:200],
        "unread": selectors.notification_unread_count(user=request.user),
    })


@login_required
@require_POST
def notification_mark_read(request: HttpRequest, notification_id: int) -> HttpResponse:
    notification = get_object_or_404(Notification, pk=notification_id, recipient=request.user)
    services.notification_mark_read(notification=notification)
    if request.POST.get("next_link") and notification.link.startswith("/"):
        return redirect(notification.link)
    return redirect("reminders:list")


@login_required
@require_POST
def notification_mark_all_read(request: HttpRequest) -> HttpResponse:
    services.notification_mark_all_read(user=request.user)
    return redirect("reminders:list")
