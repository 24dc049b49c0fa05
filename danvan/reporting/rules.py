"""Who may see and do what with progress updates, report requests and reports.

- admin: everything;
- officer (and a coordinator for its own agency's work): records progress on its agency's assignments,
  writes and submits its agency's reports;
- a lead agency (chủ trì) of a task reads the updates of the agencies cooperating on that task;
- coordinator: reads everything of its government, issues on-demand requests, returns and accepts reports,
  merges them;
- leader: reads everything of its government, changes nothing.
"""

from __future__ import annotations

from danvan.accounts.permissions import Actor
from danvan.plans.models import AssignmentRole


def _same_government(actor: Actor, agency) -> bool:
    return actor.government_id is not None and agency is not None and agency.government().pk == actor.government_id


def _own_agency(actor: Actor, agency_id: int | None) -> bool:
    return actor.agency is not None and agency_id == actor.agency.pk


def progress_can_record(actor: Actor, assignment) -> bool:
    if not actor.is_authenticated:
        return False
    if actor.is_admin:
        return True
    return (actor.is_officer or actor.is_coordinator) and _own_agency(actor, assignment.agency_id)


def progress_can_view(actor: Actor, assignment) -> bool:
    if not actor.is_authenticated:
        return False
    if actor.is_admin or _own_agency(actor, assignment.agency_id):
        return True
    if actor.is_coordinator or actor.is_leader:
        return assignment.task.plan.government_id == actor.government_id
    if actor.agency is None:
        return False
    # The lead agency of a task follows the agencies cooperating with it on the same task.
    return assignment.task.assignments.filter(agency=actor.agency, role=AssignmentRole.LEAD).exists()


def request_can_issue(actor: Actor) -> bool:
    return actor.is_authenticated and (actor.is_admin or (actor.is_coordinator and actor.agency is not None))


def report_can_edit(actor: Actor, request) -> bool:
    """Write, save and submit the report of `request`: the sender agency's staff (not leaders)."""
    if not actor.is_authenticated:
        return False
    if actor.is_admin:
        return True
    return (actor.is_officer or actor.is_coordinator) and _own_agency(actor, request.sender_id)


def report_can_review(actor: Actor, request) -> bool:
    """Return or accept: the coordinators of the sender's government (not for their own agency's report)."""
    if actor.is_admin:
        return True
    if not actor.is_coordinator or _own_agency(actor, request.sender_id):
        return False
    if request.recipient_id is not None and _own_agency(actor, request.recipient_id):
        return True
    return _same_government(actor, request.sender)


def report_can_view(actor: Actor, request) -> bool:
    if not actor.is_authenticated:
        return False
    if actor.is_admin or _own_agency(actor, request.sender_id):
        return True
    if actor.is_coordinator or actor.is_leader:
        return _same_government(actor, request.sender)
    return False


def merge_can_view(actor: Actor) -> bool:
    return actor.is_authenticated and (actor.is_admin or actor.is_coordinator or actor.is_leader)
