"""A stage 5 evaluation drafted into a good practice ("highlight as good practice"): which answer of the
evaluation (forms_library/content/templates.py, EVALUATION) goes to which field of the practice, defined once.

Each answer goes to the field that means the same. "What should change" is a lesson for whoever reuses the
practice, not the practice's challenge; the challenge and the results are the submitter's to write, as no
answer of the evaluation says them. The submitter sees which answer went where (each field's help text) and
so does the moderator: the note is kept on the practice (`PracticePage.drafted_from`, read-only in the admin).
"""

from django.utils.translation import gettext as _

from mentoring.permissions import stage_outputs_visible_to

from .pages import PracticePage

SUMMARY_LENGTH = PracticePage._meta.get_field("summary").max_length

# (the evaluation's answer, the practice's field), in the order they are written into a field.
EVALUATION_TO_PRACTICE = [
    ("good_practices", "summary"),
    ("worked_best", "what_was_done"),
    ("proposals", "reuse"),
    ("should_change", "reuse"),
]


def _field_label(name):
    return str(PracticePage._meta.get_field(name).verbose_name)


def draft_from_evaluation(user, output_id):
    """(initial data of the submission form, {field: [answer labels]}, the note for the moderators), from a
    stage 5 output the user may see; three empties otherwise."""
    output = (
        stage_outputs_visible_to(user)
        .filter(pk=output_id, stage=5)
        .select_related("relationship__department", "filled_form")
        .first()
    )
    if output is None:
        return {}, {}, ""
    labels = {definition.name: definition.label for definition in output.filled_form.definitions}
    department = output.relationship.department
    initial = {
        "title": output.title,
        "department": department.name,
        "municipality": department.municipality,
        "country": department.country,
        "stage": 5,
    }
    sources, pieces = {}, {}
    for answer, field in EVALUATION_TO_PRACTICE:
        text = str(output.answers.get(answer) or "").strip()
        if not text:
            continue
        sources.setdefault(field, []).append(labels.get(answer, answer))
        pieces.setdefault(field, []).append((labels.get(answer, answer), text))
    for field, texts in pieces.items():
        # One answer: as it is; two in one field: each under its question, so neither reads as the other.
        initial[field] = texts[0][1] if len(texts) == 1 else "\n\n".join(f"{label}:\n{text}" for label, text in texts)
    initial["summary"] = initial.get("summary", "")[:SUMMARY_LENGTH]
    note = _("Drafted from the stage 5 evaluation “%(title)s” (stage output %(id)s).") % {
        "title": output.title,
        "id": output.pk,
    }
    lines = [
        _("%(answers)s → %(field)s")
        % {"answers": ", ".join(f"“{answer}”" for answer in answers), "field": _field_label(field)}
        for field, answers in sources.items()
    ]
    return initial, sources, "\n".join([note, *lines])


def help_texts(sources):
    """Each drafted field's help: which of the evaluation's answers it was drafted from."""
    return {
        field: _("Drafted from the evaluation’s answer: %(answers)s. Check it and say it in your own words.")
        % {"answers": ", ".join(f"“{answer}”" for answer in answers)}
        for field, answers in sources.items()
    }
