"""What is waiting for a person: the one place that says it, for the landing page, each relationship's page
and the API (`GET /api/me/next-steps/`).

Each item is a plain record with a link to the place where it is done:
- `review`: an output at a review step the person decides (the mentor's, or their department's);
- `fix`: their own output sent back with changes requested, with the reviewer's comment;
- `fill`, `continue`, `submit`: a form the current stage of their relationship still requires by its model
  (progress.py says which: the editors' StageRequirement for the model and stage, else the stage's own), to fill in for that relationship, to finish (their draft), or to submit for review (completed);
- `session`: the next planned session of their relationship.

A fixed number of queries, however many relationships, outputs and forms there are.
"""

import dataclasses
import datetime

from django.conf import settings
from django.db.models import CharField, OuterRef, Q, Subquery
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from wagtail.models import Task, TaskState, WorkflowState

from forms_library.models import FormIndexPage, FormTemplatePage
from home.fragments import remembered

from . import progress
from .models import MentoringRelationship, MentoringSession, StageForm, StageOutput
from .models.outputs import with_read_titles
from .models.tasks import ReviewerTaskMixin

KINDS = ("review", "fix", "submit", "continue", "fill", "session")


@dataclasses.dataclass
class NextStep:
    kind: str
    text: str  # what to do, in the reader's language
    # The output's or the form's title in the reader's language where its template has a translation in it
    # (forms_library.reading), else as written; the session's topic as written.
    title: str
    url: str
    relationship_id: int
    relationship: str
    stage: int | None = None
    comment: str = ""  # the reviewer's, for `fix`
    when: datetime.datetime | None = None  # the session's date, for `session`


def for_user(user, *, request=None, relationship=None, outputs=None, sessions=None):
    """What is waiting for `user`: everywhere, or in one `relationship` (its page). There, `outputs` may be the
    relationship's outputs as its page read them (progress.relationship_outputs, in the current language): what
    is to review or to fix is then chosen among them rather than read again; and `sessions` its sessions in date
    order, as the page read them: its next session is taken from them rather than read again."""
    if not user.is_authenticated:
        return []
    if relationship is not None and sessions is not None:
        relationships = _taking_part(user, relationship, sessions)
    else:
        relationships = _own_relationships(user, relationship)
    if relationship is not None and relationships:
        # The relationship's page: the relationship itself, with its mentees as the page read them.
        found = relationships[0]
        relationship.next_session_date, relationship.next_session_topic = (
            found.next_session_date,
            found.next_session_topic,
        )
        relationships = [relationship]
    if relationship is None:
        outputs = None
    return [
        *_to_review(user, relationship, outputs),
        *_to_fix(user, relationship, outputs),
        *_forms_missing(user, relationships, request),
        *_next_sessions(relationships),
    ]


def _taking_part(user, relationship, sessions):
    """As _own_relationships for one relationship whose mentees and sessions (in date order) were read: the
    relationship with its next session if it is active and the user its mentor or a mentee, else nothing."""
    if relationship.status != MentoringRelationship.Status.ACTIVE or not relationship.is_participant(user):
        return []
    now = timezone.now()
    upcoming = next((session for session in sessions if session.date >= now), None)
    relationship.next_session_date = upcoming.date if upcoming else None
    relationship.next_session_topic = upcoming.topic if upcoming else None
    return [relationship]


def _own_relationships(user, relationship):
    """The active relationships the user mentors or is mentored in, with their next session."""
    upcoming = MentoringSession.objects.filter(relationship=OuterRef("pk"), date__gte=timezone.now()).order_by("date")
    relationships = (
        MentoringRelationship.objects.involving(user, as_reviewer=False)
        .filter(status=MentoringRelationship.Status.ACTIVE)
        .annotate(
            next_session_date=Subquery(upcoming.values("date")[:1]),
            next_session_topic=Subquery(upcoming.values("topic")[:1]),
        )
        .order_by("pk")
    )
    if relationship is not None:
        # Only the annotations are new: for_user takes the rest from the relationship it was given.
        return list(relationships.filter(pk=relationship.pk))
    return list(relationships.select_related("mentor").prefetch_related("mentees"))


def _output_ids(queryset):
    """Workflow states keep the object's id as text."""
    return queryset.annotate(text_id=Cast("pk", CharField()))


def _outputs(queryset, relationship):
    queryset = with_read_titles(queryset, translation.get_language() or settings.LANGUAGE_CODE)
    if relationship is not None:
        # Each is the given relationship's: it is not read again for each list.
        outputs = list(queryset.filter(relationship=relationship).order_by("pk"))
        for output in outputs:
            output.relationship = relationship
        return outputs
    return queryset.select_related("relationship__mentor").prefetch_related("relationship__mentees").order_by("pk")


def active_tasks(request=None):
    """The workflows' active tasks, each of its own type: kept under the cache's generation, which a change to a
    task or a workflow renews (home/fragments.py)."""
    return remembered("active-tasks", [], lambda: list(Task.objects.filter(active=True).specific()), request)


def _to_review(user, relationship, outputs=None):
    """Outputs at a step the user decides, as the tasks say (the admin's "awaiting your review" asks the same);
    never the user's own. Among `outputs` where given (one relationship's): only the task states are read, and
    only when one of them could be the user's to review."""

    def in_progress(task_ids=None):
        states = TaskState.objects.none()
        for task in active_tasks(request=None):
            if isinstance(task, ReviewerTaskMixin) and (task_ids is None or task.pk in task_ids):
                states |= task.get_task_states_user_can_moderate(user)
        return states

    if outputs is not None:
        candidates = [
            output
            for output in outputs
            if output.author_id != user.pk
            and not output.filled_form.private
            and output.review_state is not None
            and output.review_state.status == WorkflowState.STATUS_IN_PROGRESS
        ]
        # Only the tasks at which the candidates stand are asked (a task decides only its own task states, and
        # the review_state's current task state is the one in progress).
        current_tasks = {
            output.review_state.current_task_state.task_id
            for output in candidates
            if output.review_state.current_task_state is not None
        }
        decided_here = (
            set(
                in_progress(current_tasks)
                .filter(workflow_state__object_id__in=[str(output.pk) for output in candidates])
                .values_list("workflow_state__object_id", flat=True)
            )
            if candidates
            else set()
        )
        found = sorted((output for output in candidates if str(output.pk) in decided_here), key=lambda o: o.pk)
    else:
        found = _outputs(
            _output_ids(StageOutput.objects.exclude(author=user))
            .filter(text_id__in=in_progress().values("workflow_state__object_id"))
            .filter(filled_form__private=False),
            relationship,
        )
    return [
        NextStep(
            kind="review",
            text=_("Review “%(title)s”") % {"title": output.read_title},
            title=output.read_title,
            url=reverse("mentoring:output", args=[output.pk]),
            relationship_id=output.relationship_id,
            relationship=str(output.relationship),
            stage=output.stage,
        )
        for output in found
    ]


def _to_fix(user, relationship, outputs=None):
    """The user's outputs sent back with changes requested, with the comment of the decision. Among `outputs`
    where given (one relationship's, with their active workflow state: an object has one at most)."""
    if outputs is not None:
        sent_back = [
            output
            for output in outputs
            if output.author_id == user.pk
            and output.review_state is not None
            and output.review_state.status == WorkflowState.STATUS_NEEDS_CHANGES
        ]
        outputs = sorted(sent_back, key=lambda output: output.pk)
        task_states = {str(output.pk): output.review_state.current_task_state for output in outputs}
        comments = {key: state.comment if state else None for key, state in task_states.items()}
    else:
        sent_back = WorkflowState.objects.filter(
            base_content_type=StageOutput.get_base_content_type(), status=WorkflowState.STATUS_NEEDS_CHANGES
        )
        outputs = list(
            _outputs(
                _output_ids(StageOutput.objects.filter(author=user)).filter(text_id__in=sent_back.values("object_id")),
                relationship,
            )
        )
        comments = dict(
            sent_back.filter(object_id__in=[str(output.pk) for output in outputs]).values_list(
                "object_id", "current_task_state__comment"
            )
        )
    return [
        NextStep(
            kind="fix",
            text=_("Changes requested: “%(title)s”") % {"title": output.read_title},
            title=output.read_title,
            url=reverse("mentoring:output", args=[output.pk]),
            relationship_id=output.relationship_id,
            relationship=str(output.relationship),
            stage=output.stage,
            comment=comments.get(str(output.pk)) or "",
        )
        for output in outputs
    ]


def _forms_missing(user, relationships, request):
    """The forms the current stage of each relationship still requires, by its model (progress.py: the editors'
    requirement for that model and stage, else the stage's own templates): no output of it yet in that stage."""
    if not relationships:
        return []
    language = translation.get_language() or settings.LANGUAGE_CODE
    required = progress.required_keys_for(
        ((relationship.mentoring_model, relationship.current_stage) for relationship in relationships), request
    )
    default_stages = {stage for (_model, stage), keys in required.items() if keys is None}
    chosen_keys = set().union(*(keys for keys in required.values() if keys is not None))
    localized = _templates_in(language, default_stages, chosen_keys, request)
    covered = set(
        StageOutput.objects.filter(relationship__in=relationships).values_list(
            "relationship_id", "stage", "filled_form__template__translation_key"
        )
    )
    # The user's forms already started for a stage and not yet submitted: finish or submit them, not a new one.
    started = {
        (tie["relationship_id"], tie["stage"], tie["filled_form__template__translation_key"]): tie
        for tie in StageForm.objects.filter(
            relationship__in=relationships, filled_form__owner=user, filled_form__stage_output__isnull=True
        )
        .order_by("filled_form_id")
        .values(
            "relationship_id",
            "stage",
            "filled_form_id",
            "filled_form__status",
            "filled_form__template__translation_key",
        )
    }
    library = _library(language) if started else None
    steps = []
    for relationship in relationships:
        stage = relationship.current_stage
        keys = required[(relationship.mentoring_model, stage)]
        templates = [
            template
            for template in localized
            if (template.translation_key in keys if keys is not None else progress.is_default_template(template, stage))
        ]
        for template in templates:
            key = (relationship.pk, stage, template.translation_key)
            if key not in covered:
                steps.append(_form_step(relationship, stage, template, started.get(key), library, request))
    return steps


def _templates_in(language, stages, keys, request=None):
    """The live templates the stages require by default and those of the keys (progress.py's rule), each in the
    reader's language where it has one, else the site's; in the library's order. One query, kept under the cache's
    generation, which a publish, unpublish, move or deletion of a page renews (home/fragments.py)."""
    return remembered(
        "stage-templates",
        [language, ",".join(map(str, sorted(stages))), ",".join(sorted(map(str, keys)))],
        lambda: _read_templates_in(language, stages, keys),
        request,
    )


def _read_templates_in(language, stages, keys):
    pages = (
        FormTemplatePage.objects.live()
        .filter(alias_of__isnull=True, locale__language_code__in={language, settings.LANGUAGE_CODE})
        .filter(Q(pk__in=progress.stage_templates().filter(stage__in=stages)) | Q(translation_key__in=keys))
        .select_related("locale")
    )
    chosen = {}
    for page in pages:
        if page.translation_key not in chosen or page.locale.language_code == language:
            chosen[page.translation_key] = page
    return sorted(chosen.values(), key=lambda page: page.path)


def _library(language):
    """The forms library in the reader's language (or the site's), where a person's filled forms are."""
    libraries = (
        FormIndexPage.objects.live()
        .filter(locale__language_code__in={language, settings.LANGUAGE_CODE})
        .select_related("locale")
    )
    return next((page for page in libraries if page.locale.language_code == language), None) or libraries.first()


def _form_step(relationship, stage, template, started, library, request):
    common = {
        "title": template.title,
        "relationship_id": relationship.pk,
        "relationship": str(relationship),
        "stage": stage,
    }
    if started and started["filled_form__status"] == "complete":
        query = urlencode({"filled_form": started["filled_form_id"]})
        url = f"{reverse('mentoring:new_output', args=[relationship.pk])}?{query}"
        return NextStep(kind="submit", text=_("Submit “%(title)s” for review") % common, url=url, **common)
    if started:
        edit = library.reverse_subpage("edit_filled_form", kwargs={"pk": started["filled_form_id"]})
        url = library.get_url(request) + edit
        return NextStep(kind="continue", text=_("Finish your draft of “%(title)s”") % common, url=url, **common)
    query = urlencode({"relationship": relationship.pk, "stage": stage})
    url = f"{template.get_url(request)}fill/?{query}"
    return NextStep(kind="fill", text=_("Fill in “%(title)s”") % common, url=url, **common)


def _next_sessions(relationships):
    return [
        NextStep(
            kind="session",
            text=_("Next session: %(topic)s") % {"topic": relationship.next_session_topic},
            title=relationship.next_session_topic,
            url=reverse("mentoring:relationship", args=[relationship.pk]) + "#sessions",
            relationship_id=relationship.pk,
            relationship=str(relationship),
            when=relationship.next_session_date,
        )
        for relationship in relationships
        if relationship.next_session_date is not None
    ]
