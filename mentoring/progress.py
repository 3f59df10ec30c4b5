"""When a stage of a relationship is done, and moving on: the one definition the relationship page, the stage
page, the API and the review signals use.

A stage is done when the outputs it requires are approved (published) **and** the mentor and each mentee have
confirmed it. What a stage requires is the editors' choice per mentoring model (StageRequirement); without one,
the form templates of that stage, never the mentor's personal notes (the diary, which the report says the mentor
"may also keep").
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from forms_library.models import FormTemplatePage
from forms_library.provenance import SourceKind
from home.fragments import remembered
from home.workflow_states import attach_workflow_states

from . import audit
from .models import MentoringRelationship, StageConfirmation, StageRequirement
from .models.outputs import with_read_titles


def stage_templates():
    """The templates stages require by default, in every language: those whose own stage it is (a tool shared
    with an earlier stage is not required twice), but not personal notes."""
    return FormTemplatePage.objects.filter(alias_of__isnull=True).exclude(source_kind=SourceKind.NOTE)


def default_templates(stage):
    return stage_templates().filter(stage=stage, locale__language_code=settings.LANGUAGE_CODE)


def required_templates(mentoring_model, stage):
    requirement = StageRequirement.objects.filter(mentoring_model=mentoring_model, stage=stage).first()
    if requirement is not None:
        return requirement.templates.all()
    return default_templates(stage)


def required_keys_for(pairs, request=None):
    """{(mentoring model, stage): the translation keys the editors require, or None where they set nothing (then
    the stage's default templates are required: is_default_template)}, for many pairs at once."""
    chosen = _stage_requirements(request)
    return {pair: chosen.get(pair) for pair in set(pairs)}


def _stage_requirements(request=None):
    """Every StageRequirement as {(model, stage): keys}: a table of at most seven models by five stages, read in
    one query and kept under the cache's generation, which a change to a requirement renews (mentoring/signals.py)."""

    def read():
        chosen = {}
        for mentoring_model, stage, key in StageRequirement.objects.values_list(
            "mentoring_model", "stage", "templates__translation_key"
        ):
            keys = chosen.setdefault((mentoring_model, stage), set())
            if key is not None:
                keys.add(key)
        return chosen

    return remembered("stage-requirements", [], read, request)


def is_default_template(page, stage):
    """Whether a (non-alias) template is one a stage requires by default: stage_templates' rule, on one page."""
    return page.stage == stage and page.source_kind != SourceKind.NOTE


def required_template_keys(stage, mentoring_model=None):
    templates = required_templates(mentoring_model, stage) if mentoring_model else default_templates(stage)
    return set(templates.values_list("translation_key", flat=True))


def approved_template_keys(relationship, stage):
    return set(
        relationship.outputs.filter(stage=stage, live=True).values_list(
            "filled_form__template__translation_key", flat=True
        )
    )


def participants(relationship):
    return [relationship.mentor, *relationship.mentees.order_by("last_name", "first_name", "pk")]


def confirmed_people(relationship, stage):
    return set(
        StageConfirmation.objects.filter(relationship=relationship, stage=stage).values_list("person", flat=True)
    )


def is_complete(relationship, stage):
    required = required_template_keys(stage, relationship.mentoring_model)
    if not required <= approved_template_keys(relationship, stage):
        return False
    return {person.pk for person in participants(relationship)} <= confirmed_people(relationship, stage)


def stage_status(relationship, stage, *, language="en"):
    """What the stage page shows: the required templates (in `language` where translated) and whether each has an
    approved output, who confirmed, and what is still missing."""
    required = list(required_templates(relationship.mentoring_model, stage).select_related("locale"))
    approved = approved_template_keys(relationship, stage)
    localized = {
        page.translation_key: page
        for page in FormTemplatePage.objects.live().filter(
            translation_key__in=[page.translation_key for page in required], locale__language_code=language
        )
    }
    confirmed = confirmed_people(relationship, stage)
    people = participants(relationship)
    missing_outputs = [
        localized.get(page.translation_key, page) for page in required if page.translation_key not in approved
    ]
    missing_confirmations = [person for person in people if person.pk not in confirmed]
    return {
        "number": stage,
        "required": [
            {"template": localized.get(page.translation_key, page), "approved": page.translation_key in approved}
            for page in required
        ],
        "missing_outputs": missing_outputs,
        "confirmations": [{"person": person, "confirmed": person.pk in confirmed} for person in people],
        "missing_confirmations": missing_confirmations,
        "is_done": _is_done(relationship, stage),
        "is_current": _is_current(relationship, stage),
    }


def _is_current(relationship, stage):
    return stage == relationship.current_stage and relationship.status == MentoringRelationship.Status.ACTIVE


def _is_done(relationship, stage):
    return stage < relationship.current_stage or relationship.status == MentoringRelationship.Status.COMPLETED


def relationship_outputs(relationship, language):
    """The relationship's outputs in stage order, with their titles read in `language`, their form (whether it is
    private) and their active workflow state (`review_state`): one query for the outputs, one for their states."""
    outputs = relationship.outputs.select_related("filled_form").order_by("stage", "pk")
    return attach_workflow_states(with_read_titles(outputs, language))


def stage_states(relationship, language, outputs=None):
    """For each of the five stages: its outputs (their titles read in `language`; relationship_outputs' list, read
    here unless given), and whether it is the current one or done."""
    if outputs is None:
        outputs = relationship_outputs(relationship, language)
    return [
        {
            "number": stage,
            "outputs": [output for output in outputs if output.stage == stage],
            "is_current": _is_current(relationship, stage),
            "is_done": _is_done(relationship, stage),
        }
        for stage in range(1, 6)
    ]


def can_confirm(user, relationship, stage):
    """The mentor and each mentee confirm the current stage of an active relationship, once."""
    return (
        user.is_authenticated
        and relationship.is_participant(user)
        and _is_current(relationship, stage)
        and not StageConfirmation.objects.filter(relationship=relationship, stage=stage, person=user).exists()
    )


@transaction.atomic
def confirm(*, user, relationship, stage):
    """The user confirms that `stage` is done for them; the relationship moves on once it is done."""
    relationship = MentoringRelationship.objects.select_for_update().get(pk=relationship.pk)
    if not relationship.is_participant(user):
        raise PermissionDenied(_("Only the mentor and the mentees confirm a stage."))
    if not _is_current(relationship, stage):
        raise ValidationError({"stage": _("Only the current stage of an active relationship can be confirmed.")})
    StageConfirmation.objects.get_or_create(relationship=relationship, stage=stage, person=user)
    advance(relationship)
    return relationship


@transaction.atomic
def advance(relationship):
    """Move to the next stage while the current one is done (logged in the audit log); after stage 5 the
    relationship is complete."""
    # Locked and read again: two last approvals (or confirmations) of a stage committing at once would otherwise
    # each see only their own, and neither would move the relationship on.
    relationship.refresh_from_db(from_queryset=MentoringRelationship.objects.select_for_update())
    while relationship.status == MentoringRelationship.Status.ACTIVE and is_complete(
        relationship, relationship.current_stage
    ):
        log(relationship, audit.STAGE_DONE, data={"stage": relationship.current_stage})
        if relationship.current_stage == 5:
            relationship.status = MentoringRelationship.Status.COMPLETED
        else:
            relationship.current_stage += 1
    relationship.save(update_fields=["current_stage", "status"])
