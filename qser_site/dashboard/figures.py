"""The programme's figures for a period and a selection (organisation or department, country, mentoring model),
computed in a fixed number of queries whatever the data's size (`QUERIES` at most), and kept in the cache for
`MAX_AGE` so that a busy dashboard does not compute them on every request (the page says how old they are).

`compute` gives the raw figures (numbers and codes, the same in every language and for every reader of the same
selection: that is what the cache holds). `tables` (tables.py) turns them into what a reader sees: labels in their
language, counts under 5 withheld where they may not see the records, free-text answers only where they may see
the relationship.

Where a stage starts and ends: stage 1 starts on the relationship's start date, and each stage ends when the
audit log records it done (mentoring.audit.STAGE_DONE, written by mentoring.progress.advance); the next starts
then. A stage still under way counts up to now."""

import datetime
import functools
import hashlib
import pickle
import statistics
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import CharField, Count, Exists, F, IntegerField, Max, OuterRef, Q, Subquery, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from wagtail.models import ModelLogEntry, TaskState, WorkflowState
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from forms_library.fields import FieldDefinition
from mentoring.audit import STAGE_DONE
from mentoring.models import (
    Department,
    MatchProposal,
    MentoringRelationship,
    MentorOffer,
    MentorRequest,
    SessionAttendance,
    StageOutput,
)
from practices.models import PracticePage
from qser_site.models import DashboardRollup

# The cache keeps figures at most this long (seconds): the "never more than 5 minutes old".
MAX_AGE = 300
QUERIES = 20
CACHE_VERSION = 1
STAGES = range(1, 6)
CHOICE_KINDS = {"single_choice", "multiple_choice", "yes_no", "rating_scale"}
TEXT_KINDS = {"short_text", "long_text"}


@dataclass(frozen=True)
class Filters:
    start: datetime.date
    end: datetime.date
    organisation: int | None = None
    department: int | None = None
    country: str = ""
    mentoring_model: str = ""

    @classmethod
    def default(cls, today=None):
        """The last twelve months, to today."""
        today = today or timezone.localdate()
        first = today.replace(day=1)
        for _month in range(11):
            first = (first - datetime.timedelta(days=1)).replace(day=1)
        return cls(start=first, end=today)


@dataclass
class Figures:
    computed_at: datetime.datetime
    filters: Filters
    department_ids: list
    relationships: dict = field(default_factory=dict)
    sessions: dict = field(default_factory=dict)
    pool: dict = field(default_factory=dict)
    reviews: list = field(default_factory=list)
    practices: dict = field(default_factory=dict)
    circle: list = field(default_factory=list)
    translations: list = field(default_factory=list)
    evaluations: list = field(default_factory=list)

    @property
    def age(self):
        return timezone.now() - self.computed_at


def selection_key(filters, department_ids):
    """The cache's and the roll-ups' key of a selection (its filters over these departments, sorted)."""
    drawn = repr((CACHE_VERSION, asdict(filters), sorted(department_ids)))
    return hashlib.sha256(drawn.encode()).hexdigest()


def figures_for(filters, departments, *, use_cache=True):
    """The figures of `filters` over `departments` (a queryset the reader may see): from this process's cache or
    from the roll-up the task stores (rollups.py) when they are at most MAX_AGE old, else computed now."""
    department_ids = sorted(_selected_departments(filters, departments))
    key = selection_key(filters, department_ids)
    if use_cache:
        cached = cache.get("dashboard:" + key, version=CACHE_VERSION)
        if cached is not None and cached.age.total_seconds() < MAX_AGE:
            return cached
        stored = stored_figures(key) if getattr(settings, "DASHBOARD_ROLLUPS", True) else None
        if stored is not None:
            cache.set(
                "dashboard:" + key, stored, max(1, int(MAX_AGE - stored.age.total_seconds())), version=CACHE_VERSION
            )
            return stored
    figures = compute(filters, department_ids)
    if use_cache:
        cache.set("dashboard:" + key, figures, MAX_AGE, version=CACHE_VERSION)
    return figures


def stored_figures(key):
    """The roll-up of `key` if it is at most MAX_AGE old (one query); never an older one."""
    fresh_since = timezone.now() - datetime.timedelta(seconds=MAX_AGE)
    row = DashboardRollup.objects.filter(key=key, computed_at__gt=fresh_since).values_list("figures", flat=True).first()
    if row is None:
        return None
    try:
        return pickle.loads(bytes(row))  # noqa: S301  (written by this site's own task, rollups.py)
    except Exception:  # written by an older version of Figures: computed again
        return None


def _selected_departments(filters, departments):
    selected = departments
    if filters.organisation:
        selected = selected.filter(organisation_id=filters.organisation)
    if filters.department:
        selected = selected.filter(pk=filters.department)
    if filters.country:
        selected = selected.filter(country=filters.country)
    return list(selected.values_list("pk", flat=True))


def _days(later, earlier):
    return max((later - earlier).total_seconds() / 86400, 0)


def _spread(values):
    """Count, median and slowest (in whole days) of a list of durations in days."""
    if not values:
        return {"count": 0, "median": None, "slowest": None}
    return {"count": len(values), "median": round(statistics.median(values)), "slowest": round(max(values))}


def _months(start, end):
    months = []
    month = start.replace(day=1)
    while month <= end:
        months.append(f"{month:%Y-%m}")
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return months


def _as_datetime(day):
    return _midnight(day, timezone.get_current_timezone())


@functools.lru_cache(maxsize=8192)
def _midnight(day, zone):
    """The start of `day` in `zone`: asked once per relationship, for a few hundred distinct days."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()), zone)


def compute(filters, department_ids):
    now = timezone.now()
    figures = Figures(computed_at=now, filters=filters, department_ids=department_ids)
    start, end = _as_datetime(filters.start), _as_datetime(filters.end + datetime.timedelta(days=1))
    scope = Q(department_id__in=department_ids, start_date__lte=filters.end)
    if filters.mentoring_model:
        scope &= Q(mentoring_model=filters.mentoring_model)
    # 1. The relationships of the selection begun by the period's end.
    relationships = list(
        MentoringRelationship.objects.filter(scope).values_list(
            "pk",
            "department_id",
            "mentoring_model",
            "current_stage",
            "status",
            "start_date",
            "agreed_sessions",
            "mentor_id",
        )
    )
    # 2-3. When each of their stages was done (the audit log); the content type is cached by Django.
    relationship_type = ContentType.objects.get_for_model(MentoringRelationship)
    done = defaultdict(dict)
    for object_id, data, timestamp in ModelLogEntry.objects.filter(
        content_type=relationship_type, action=STAGE_DONE
    ).values_list("object_id", "data", "timestamp"):
        stage = (data or {}).get("stage")
        if stage:
            done[int(object_id)].setdefault(int(stage), timestamp)
    # Those still going on in the period (or ended early, which has no date).
    relationships = [row for row in relationships if done[row[0]].get(5, end) >= start]
    figures.relationships = _relationship_figures(relationships, done, filters, start, end, now)
    ids = {row[0] for row in relationships}
    figures.sessions = _session_figures(relationships, filters, department_ids, start, end)
    figures.pool = _pool_figures(relationships, filters, department_ids, start, end, now)
    figures.reviews = _review_figures(filters, department_ids, now)
    figures.practices = _practice_figures(filters, start, end)
    figures.circle = _circle_figures(filters, department_ids, start, end)
    figures.translations = _translation_figures()
    figures.evaluations = _evaluation_figures(filters, department_ids, ids)
    return figures


def _relationship_figures(relationships, done, filters, start, end, now):
    Status = MentoringRelationship.Status
    by_stage = dict.fromkeys(STAGES, 0)
    by_status = Counter()
    by_model = defaultdict(Counter)
    started = Counter()
    finished = Counter()
    stage_days = defaultdict(list)
    for pk, _department, model, current_stage, status, start_date, _agreed, _mentor in relationships:
        by_status[status] += 1
        by_model[model][status] += 1
        if status == Status.ACTIVE:
            by_stage[current_stage] += 1
        if filters.start <= start_date <= filters.end:
            started[f"{start_date:%Y-%m}"] += 1
        completed_at = done[pk].get(5)
        if status == Status.COMPLETED and completed_at and start <= completed_at < end:
            finished[f"{timezone.localtime(completed_at):%Y-%m}"] += 1
        entered = _as_datetime(start_date)
        for stage in STAGES:
            left = done[pk].get(stage)
            if left is None:
                if status == Status.ACTIVE and current_stage == stage:
                    stage_days[stage].append(_days(min(now, end), entered))
                break
            stage_days[stage].append(_days(left, entered))
            entered = left
    months = _months(filters.start, filters.end)
    return {
        "by_stage": by_stage,
        "by_status": dict(by_status),
        "by_model": {model: dict(counts) for model, counts in by_model.items()},
        "months": [(month, started[month], finished[month]) for month in months],
        "stall": {stage: _spread(stage_days[stage]) for stage in STAGES},
    }


def _session_figures(relationships, filters, department_ids, start, end):
    agreed = Counter()
    for *_rest, agreed_sessions, _mentor in relationships:
        for stage, count in (agreed_sessions or {}).items():
            if str(stage).isdigit() and isinstance(count, int):
                agreed[int(stage)] += count
    # 4. A meeting was held when someone's attendance of it was recorded; each meeting (a session's occurrence)
    # counts once. Counted by the database, per stage, over the same relationships as the other figures: the
    # selection's, begun by the period's end, less those whose stage 5 was last done before the period.
    relationship_type = ContentType.objects.get_for_model(MentoringRelationship)
    stage_5_done = ModelLogEntry.objects.filter(
        Q(data__stage=5) | Q(data__stage="5"),
        content_type=relationship_type,
        action=STAGE_DONE,
        object_id=Cast(OuterRef("session__relationship_id"), CharField()),
    )
    scope = Q(
        session__relationship__department_id__in=department_ids,
        session__relationship__start_date__lte=filters.end,
        occurrence__lt=end,
    )
    if filters.mentoring_model:
        scope &= Q(session__relationship__mentoring_model=filters.mentoring_model)
    meeting = Concat(Cast("session_id", CharField()), Value("|"), Cast("occurrence", CharField()))
    held = dict(
        SessionAttendance.objects.filter(scope)
        .exclude(Exists(stage_5_done) & ~Exists(stage_5_done.filter(timestamp__gte=start)))
        .order_by()
        .values_list("session__stage")
        .annotate(held=Count(meeting, distinct=True))
        .values_list("session__stage", "held")
    )
    return {stage: {"agreed": agreed[stage], "held": held.get(stage, 0)} for stage in STAGES}


def _pool_figures(relationships, filters, department_ids, start, end, now):
    Status = MentoringRelationship.Status
    # 5. The confirmed, active offers: the places they give, and their mentors.
    offers = list(
        MentorOffer.objects.filter(
            department_id__in=department_ids, active=True, status=MentorOffer.Status.CONFIRMED
        ).values_list("mentor_id", "one_on_one_capacity", "group_capacity")
    )
    pool_mentors = {mentor for mentor, _one, _group in offers}
    # The pool's mentors with a relationship under way (of those read above).
    taken = sum(
        1
        for _pk, _department, _model, _stage, status, _start, _agreed, mentor in relationships
        if status == Status.ACTIVE and mentor in pool_mentors
    )
    # 7. The requests of the selection, by state.
    requests = MentorRequest.objects.filter(department_id__in=department_ids)
    if filters.mentoring_model:
        requests = requests.filter(Q(preferred_model=filters.mentoring_model) | Q(preferred_model=""))
    states = dict(requests.values_list("state").annotate(count=Count("pk")).values_list("state", "count"))
    waiting = requests.filter(state__in=[MentorRequest.State.OPEN, MentorRequest.State.PROPOSED])
    # 8. How long the waiting requests have waited, and (9) how long the matched ones took.
    waited = [_days(now, created) for created in waiting.values_list("created_at", flat=True)]
    matched = MatchProposal.objects.filter(
        state=MatchProposal.State.ACCEPTED,
        request__department_id__in=department_ids,
        relationship__isnull=False,
        relationship__start_date__gte=filters.start,
        relationship__start_date__lte=filters.end,
    )
    if filters.mentoring_model:
        matched = matched.filter(mentoring_model=filters.mentoring_model)
    to_match = [
        _days(_as_datetime(started), created)
        for created, started in matched.values_list("request__created_at", "relationship__start_date")
    ]
    return {
        "mentors": len(offers),
        "places": sum((one or 0) + (group or 0) for _mentor, one, group in offers),
        "taken": taken,
        "waiting": states.get(MentorRequest.State.OPEN, 0) + states.get(MentorRequest.State.PROPOSED, 0),
        "states": states,
        "waited": _spread(waited),
        "to_match": _spread(to_match),
    }


def _review_figures(filters, department_ids, now):
    """10. The outputs waiting at a review step, with the department whose reviewers (or mentor) hold them."""
    output_type = ContentType.objects.get_for_model(StageOutput)
    outputs = StageOutput.objects.filter(pk=OuterRef("output_id"), relationship__department_id__in=department_ids)
    if filters.mentoring_model:
        outputs = outputs.filter(relationship__mentoring_model=filters.mentoring_model)
    rows = (
        TaskState.objects.filter(
            status=TaskState.STATUS_IN_PROGRESS,
            workflow_state__status=WorkflowState.STATUS_IN_PROGRESS,
            workflow_state__base_content_type=output_type,
        )
        .annotate(output_id=Cast("workflow_state__object_id", IntegerField()))
        .annotate(department=Subquery(outputs.values("relationship__department_id")[:1]))
        .filter(department__isnull=False)
        .values_list("task__name", "department", "started_at")
    )
    ages = defaultdict(list)
    for task, department, started_at in rows:
        ages[(task, department)].append(_days(now, started_at))
    return [
        {"task": task, "department": department, **_spread(values)}
        for (task, department), values in sorted(ages.items(), key=lambda item: (item[0][1], item[0][0]))
    ]


def _practice_figures(filters, start, end):
    """11. Each practice once (its translations are the same practice), and (12) the time its moderation took."""
    pages = PracticePage.objects.filter(alias_of__isnull=True)
    if filters.country:
        pages = pages.filter(country=filters.country)
    practices = {}
    for pk, key, area, country, live in pages.values_list("pk", "translation_key", "service_area", "country", "live"):
        entry = practices.setdefault(key, {"area": area, "country": country, "live": False, "pks": set()})
        entry["live"] = entry["live"] or live
        entry["pks"].add(str(pk))
    page_type = ContentType.objects.get_for_model(PracticePage)
    workflows = (
        WorkflowState.objects.filter(content_type=page_type)
        .annotate(finished=Max("task_states__finished_at"))
        .order_by("created_at")
        .values_list("object_id", "status", "created_at", "finished")
    )
    latest = {}
    took = []
    for object_id, status, created_at, finished in workflows:
        latest[object_id] = status
        if status == WorkflowState.STATUS_APPROVED and finished and start <= finished < end:
            took.append(_days(finished, created_at))
    by_area = defaultdict(Counter)
    by_country = Counter()
    by_state = Counter()
    for entry in practices.values():
        if entry["live"]:
            state = "published"
        else:
            statuses = {latest.get(pk) for pk in entry["pks"]}
            if WorkflowState.STATUS_IN_PROGRESS in statuses:
                state = "in_moderation"
            elif WorkflowState.STATUS_NEEDS_CHANGES in statuses:
                state = "changes_requested"
            else:
                state = "draft"
        by_area[entry["area"]][state] += 1
        by_country[entry["country"]] += 1
        by_state[state] += 1
    return {
        "by_area": {area: dict(counts) for area, counts in by_area.items()},
        "by_country": dict(by_country),
        "by_state": dict(by_state),
        "moderation": _spread(took),
    }


def _circle_figures(filters, department_ids, start, end):
    """13. Mentees who became mentors (an offer that came from a relationship), per department and year, with the
    depth of their lineage: 1 for a mentor whose own mentor came from outside the circle, 2 when that mentor had
    grown in it too, and so on."""
    grown = list(
        MentorOffer.objects.filter(came_from__isnull=False).values_list(
            "mentor_id", "department_id", "created_at", "came_from__mentor_id"
        )
    )
    mentor_of = {mentor: their_mentor for mentor, _department, _created, their_mentor in grown}

    def depth(mentor):
        seen = {mentor}
        level = 0
        while mentor in mentor_of:
            level += 1
            mentor = mentor_of[mentor]
            if mentor in seen:
                break
            seen.add(mentor)
        return level

    selected = set(department_ids)
    cells = defaultdict(lambda: {"mentors": 0, "depth": 0})
    for mentor, department, created_at, _their_mentor in grown:
        if department in selected and start <= created_at < end:
            cell = cells[(department, timezone.localtime(created_at).year)]
            cell["mentors"] += 1
            cell["depth"] = max(cell["depth"], depth(mentor))
    return [{"department": department, "year": year, **cell} for (department, year), cell in sorted(cells.items())]


def _translation_figures():
    """14-15. wagtail-localize's own records: each language's share of the source segments translated (as its
    editor counts them, Translation.get_progress), and its translations older than their source."""
    translated = StringTranslation.objects.filter(
        translation_of_id=OuterRef("string_id"),
        context_id=OuterRef("context_id"),
        locale_id=OuterRef("source__translations__target_locale_id"),
        has_error=False,
    )
    segments = (
        StringSegment.objects.filter(source__translations__enabled=True)
        .values(language=F("source__translations__target_locale__language_code"))
        .annotate(total=Count("pk"), translated=Count("pk", filter=Q(Exists(translated))))
        .order_by("language")
    )
    pages = {
        row["language"]: row
        for row in Translation.objects.filter(enabled=True)
        .values(language=F("target_locale__language_code"))
        .annotate(
            pages=Count("pk"),
            outdated=Count(
                "pk",
                filter=Q(destination_last_updated_at__isnull=True)
                | Q(destination_last_updated_at__lt=F("source__last_updated_at")),
            ),
        )
        .order_by("language")
    }
    rows = []
    for row in segments:
        page_row = pages.get(row["language"], {})
        rows.append(
            {
                "language": row["language"],
                "segments": row["total"],
                "translated": row["translated"],
                "share": round(100 * row["translated"] / row["total"]) if row["total"] else 0,
                "pages": page_row.get("pages", 0),
                "outdated": page_row.get("outdated", 0),
            }
        )
    return rows


def _evaluation_figures(filters, department_ids, relationship_ids):
    """16. Stage 5's outputs (not the private notes): per question of each evaluation form, how often each choice
    was given, and the free-text answers with the relationship and department they came from."""
    outputs = StageOutput.objects.filter(
        stage=5, relationship__department_id__in=department_ids, filled_form__private=False
    ).values_list(
        "relationship_id",
        "relationship__department_id",
        "filled_form__template__translation_key",
        "filled_form__template__title",
        "filled_form__field_definitions",
        "answers",
    )
    questions = {}
    for relationship_id, department, form_key, form_title, definitions, answers in outputs:
        if relationship_id not in relationship_ids:
            continue
        for block in definitions or []:
            kind, value = block.get("type"), block.get("value") or {}
            name = value.get("name")
            if not name or kind not in CHOICE_KINDS | TEXT_KINDS:
                continue
            question = questions.setdefault(
                (str(form_key), name),
                {
                    "form": form_title,
                    "label": value.get("label", name),
                    "kind": kind,
                    "options": _options(kind, value),
                    "counts": Counter(),
                    "answers": 0,
                    "texts": [],
                },
            )
            answer = (answers or {}).get(name)
            if answer in (None, "", []):
                continue
            question["answers"] += 1
            if kind in TEXT_KINDS:
                question["texts"].append({"relationship": relationship_id, "department": department, "text": answer})
            else:
                for chosen in answer if isinstance(answer, list) else [answer]:
                    question["counts"][str(chosen)] += 1
    return [{**question, "counts": dict(question["counts"])} for question in questions.values()]


def _options(kind, value):
    """(stored value, label) of each option; None where the label is the site's own (translated when shown)."""
    if kind == "yes_no":
        return [("yes", None), ("no", None)]
    if kind == "rating_scale":
        return [(str(n), str(n)) for n in range(1, 6)]
    if kind in TEXT_KINDS:
        return []
    return [(str(choice_id), str(label)) for choice_id, label in FieldDefinition(kind, "", value).choices]


def department_names_of(ids, language):
    """{id: name in `language`} of the departments the figures name (one query)."""
    return {
        department.pk: department.name_in(language)
        for department in Department.objects.filter(pk__in=ids).prefetch_related("translated_names")
    }
