from danvan.reminders.selectors import notification_unread_count


def unread_notifications(request):
    """The navigation bar's badge: how many notifications the user has not read (one COUNT query)."""
    user = getattr(request, "user", None)
    return {"unread_notifications": notification_unread_count(user=user) if user is not None else 0}
