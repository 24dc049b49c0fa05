"""Who may see and do what with plans. Every view and API call asks these predicates.

- admin: everything;
- coordinator: every plan of its government (the root of its agency tree), and the plans it imported;
  import, review and publish for its government; every assignment's internal note in its government;
- officer: plans that assign something to its agency; its own agency's assignments and internal notes;
- leader: read-only overview of its government's plans; no internal notes (they are the agency's working notes).
"""

from __future__ import annotations

from danvan.accounts.permissions import Actor


def plan_can_import(actor: Actor) -> bool:
    return actor.is_authenticated and actor.can_import_plans and (actor.is_admin or actor.agency is not None)


def job_can_review(actor: Actor, job) -> bool:
    if actor.is_admin:
        return True
    return actor.is_coordinator and (job.government_id == actor.government_id or job.created_by_id == actor.user.pk)


def plan_can_view(actor: Actor, plan) -> bool:
    if not actor.is_authenticated:
        return False
    if actor.is_admin:
        return True
    if actor.is_coordinator:
        return plan.government_id == actor.government_id or plan.created_by_id == actor.user.pk
    if actor.is_leader:
        return plan.government_id == actor.government_id
    if actor.is_officer and actor.agency is not None:
        return plan.tasks.filter(assignments__agency=actor.agency).exists()
    return False


def assignment_can_update(actor: Actor, assignment) -> bool:
    if actor.is_admin:
        return True
    if actor.is_leader or actor.agency is None:
        return False
    if assignment.agency_id == actor.agency.pk:
        return True
    return actor.is_coordinator and assignment.task.plan.government_id == actor.government_id


def assignment_can_view_note(actor: Actor, assignment) -> bool:
    """The internal note is the agency's own: its staff, its government's coordinators and admins read it."""
    return assignment_can_update(actor, assignment)
