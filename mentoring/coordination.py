"""The coordinator's programme: for the departments they coordinate, the relationships with their model and stage,
the sessions agreed against those held per stage (stage 1's calendar against the meetings whose time has passed),
the upcoming meetings, the requests waiting for a mentor and the proposals waiting for answers. A programme runs
several models at once: it counts the relationships of each. Read in a fixed number of queries, whatever the
number of staff, relationships and sessions (the pages of relationships are paginated)."""

import datetime

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from home.programme import Stage

from . import permissions, recurrence
from .models import GroupProposal, MatchProposal, MentoringModel, MentoringRelationship, MentoringSession, MentorRequest

RELATIONSHIPS_PER_PAGE = 25
UPCOMING_DAYS = 31
LISTED = 20


def departments_for(user, department_id=None):
    """The departments the user coordinates, or the one asked for if they coordinate it (PermissionDenied
    otherwise, as for someone who coordinates none)."""
    departments = permissions.coordinated_departments(user)
    if department_id is not None:
        departments = departments.filter(pk=department_id)
    if not departments.exists():
        raise PermissionDenied(_("Only a coordinator of the department sees its programme."))
    return departments


def programme(departments, *, page=None, now=None):
    now = now or timezone.now()
    relationships = (
        MentoringRelationship.objects.filter(department__in=departments)
        .exclude(status=MentoringRelationship.Status.ENDED)
        .select_related("mentor", "department")
        .prefetch_related("mentees")
        .order_by("status", "-start_date", "pk")
    )
    page = Paginator(relationships, RELATIONSHIPS_PER_PAGE).get_page(page)
    rows = list(page)
    sessions = MentoringSession.objects.filter(relationship__in=rows).order_by("date", "pk")
    by_relationship = {}
    for session in sessions:
        by_relationship.setdefault(session.relationship_id, []).append(session)
    upcoming = []
    horizon = now + datetime.timedelta(days=UPCOMING_DAYS)
    for relationship in rows:
        held = dict.fromkeys(Stage.values, 0)
        for session in by_relationship.get(relationship.pk, []):
            starts = recurrence.occurrences(
                session.date, session.rrule, session.exdates, relationship.time_zone, before=horizon
            )
            held[session.stage] += sum(1 for start in starts if start < now)
            upcoming.extend((start, session, relationship) for start in starts if start >= now)
        relationship.stage_sessions = [
            {"stage": stage, "agreed": relationship.agreed_sessions_for(stage), "held": held[stage]}
            for stage in Stage.values
        ]
    upcoming.sort(key=lambda item: (item[0], item[1].pk))
    waiting = MentorRequest.objects.filter(state=MentorRequest.State.OPEN, department__in=departments)
    return {
        "page": page,
        "relationships": rows,
        "upcoming": upcoming[:LISTED],
        "models": [
            {"code": code, "label": MentoringModel(code).label, "count": count}
            for code, count in MentoringRelationship.objects.filter(
                department__in=departments, status=MentoringRelationship.Status.ACTIVE
            )
            .values_list("mentoring_model")
            .annotate(count=Count("pk"))
            .order_by("-count", "mentoring_model")
        ],
        "waiting_count": waiting.count(),
        "waiting": list(waiting.select_related("mentee", "department").order_by("created_at", "pk")[:LISTED]),
        "proposals": list(
            MatchProposal.objects.filter(state=MatchProposal.State.PROPOSED, request__department__in=departments)
            .select_related("offer__mentor", "request__mentee")
            .order_by("proposed_at", "pk")[:LISTED]
        ),
        "groups": list(
            GroupProposal.objects.filter(state=GroupProposal.State.PROPOSED, department__in=departments)
            .select_related("offer__mentor", "department")
            .annotate(size=Count("members"))
            .order_by("proposed_at", "pk")[:LISTED]
        ),
    }
