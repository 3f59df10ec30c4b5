"""A relationship moves on when every form template of its current stage has an approved output."""

from wagtail.models import WorkflowState

from forms_library.models import FormTemplatePage

from .models import MentoringRelationship


def required_template_keys(stage):
    """The templates whose own stage this is (a tool shared with an earlier stage is not required twice)."""
    return set(
        FormTemplatePage.objects.filter(stage=stage, alias_of__isnull=True).values_list("translation_key", flat=True)
    )


def approved_template_keys(relationship, stage):
    return set(
        relationship.outputs.filter(stage=stage, live=True).values_list(
            "filled_form__template__translation_key", flat=True
        )
    )


def with_review_states(outputs):
    """Attach each output's active workflow state (with its current task) in one query, as `review_state`."""
    outputs = list(outputs)
    if outputs:
        states = (
            WorkflowState.objects.active()
            .filter(base_content_type=outputs[0].get_base_content_type(), object_id__in=[str(o.pk) for o in outputs])
            .select_related("current_task_state__task")
        )
        by_object = {state.object_id: state for state in states}
        for output in outputs:
            output.review_state = by_object.get(str(output.pk))
    return outputs


def stage_states(relationship):
    """For each of the five stages: its outputs and whether all its required forms are approved."""
    outputs = with_review_states(relationship.outputs.order_by("stage", "pk"))
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


def advance(relationship):
    """Move to the next stage while the current one is complete; after stage 5 the relationship is done."""
    while relationship.status == MentoringRelationship.Status.ACTIVE and required_template_keys(
        relationship.current_stage
    ) <= approved_template_keys(relationship, relationship.current_stage):
        if relationship.current_stage == 5:
            relationship.status = MentoringRelationship.Status.COMPLETED
        else:
            relationship.current_stage += 1
    relationship.save(update_fields=["current_stage", "status"])
