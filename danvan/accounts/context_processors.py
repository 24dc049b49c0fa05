from danvan.accounts.permissions import actor_for


def account(request):
    return {"actor": actor_for(request.user)}
