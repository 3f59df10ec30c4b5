"""A relationship moves on when every form template of its current stage has an approved output; the mentor's
personal notes (the diary, which the report says the mentor "may also keep") are never required."""

from django.db import transaction

from forms_library.models import FormTemplatePage
from forms_library.provenance import SourceKind
from home.workflow_states import attach_workflow_states

from .models import MentoringRelationship


def required_templates():
    """The templates a stage requires, in every language: those whose own stage it is (a tool shared with an
    earlier stage is not required twice), but not personal notes."""
    return FormTemplatePage.objects.filter(alias_of__isnull=True).exclude(source_kind=SourceKind.NOTE)


def required_template_keys(stage):
    return set(required_templates().filter(stage=stage).values_list("translation_key", flat=True))


def approved_template_keys(relationship, stage):
    return set(
        relationship.outputs.filter(stage=stage, live=True).values_list(
            "filled_form__template__translation_key", flat=True
        )
    )


def stage_states(relationship):
    """For each of the five stages: its outputs and whether all its required forms are approved."""
    outputs = attach_workflow_states(relationship.outputs.order_by("stage", "pk"))
    return [
        {
            "number": stage,
            "outputs": [output for output in outputs if output.stage == stage],
            "is_current": stage == relationship.current_stage
            and relationship.status == MentoringRelationship.Status.ACTIVE,
            "is_done": stage < relationship.current_stage
            or relationship.status == MentoringRelationship.Status.COMPLETED,
        }
        for stage in range(1, 6)
    ]


@transaction.atomic
def advance(relationship):
    """Move to the next stage while the current one is complete; after stage 5 the relationship is done."""
    # Locked and read again: two last approvals of a stage committing at once would otherwise each see
    # only their own output approved, and neither would move the relationship on.
    relationship.refresh_from_db(from_queryset=MentoringRelationship.objects.select_for_update())
    while relationship.status == MentoringRelationship.Status.ACTIVE and required_template_keys(
        relationship.current_stage
    ) <= approved_template_keys(relationship, relationship.current_stage):
        if relationship.current_stage == 5:
            relationship.status = MentoringRelationship.Status.COMPLETED
        else:
            relationship.current_stage += 1
    relationship.save(update_fields=["current_stage", "status"])
