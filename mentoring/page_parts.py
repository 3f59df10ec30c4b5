"""Parts of the relationship page rendered once and kept (home/fragments.py, per language, under the generation),
keyed by everything they show, so that a change to what they show makes a new key: never stale, and no signal to
forget.

- The unbound forms (a session to plan, the programme's calendar): their fields, labels and choices are the same
  for every reader in a language; the programme form's initial values (the planned end, the agreed sessions) are in
  its key. The CSRF token is the request's own, never kept: the form is rendered with a placeholder in its place,
  replaced on each request.
- The list of stages: its key is a digest of every value the template reads (each stage's state, each output's
  id, title and its language, its publication, its review state and task, the example mark, the steps still
  needed), read on each request as before; only the rendering is saved.
"""

import hashlib

from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from home.fragments import remembered_html

# Not a token Django would make (those are 64 letters and digits): nothing else in a form's HTML can match it.
CSRF_PLACEHOLDER = "qser-csrf-token-placeholder"


def _with_token(request, html):
    # The kept HTML was rendered safe; the token is letters and digits.
    return mark_safe(html.replace(CSRF_PLACEHOLDER, get_token(request)))  # noqa: S308


def unbound_form_html(request, name, parts, make_form, **context):
    """The form `make_form()` builds, rendered by mentoring/includes/form.html with `context` (its action, its
    submit label), kept per language and `parts`, with the request's CSRF token."""

    def render():
        return render_to_string(
            "mentoring/includes/form.html", {"form": make_form(), "csrf_token": CSRF_PLACEHOLDER, **context}
        )

    return _with_token(request, remembered_html(f"relationship-form:{name}", parts, render, request))


def _output_fingerprint(output):
    state = getattr(output, "review_state", None)
    task_state = state.current_task_state if state is not None else None
    return (
        output.pk,
        output.stage,
        output.read_title,
        output.read_language,
        output.live,
        output.is_example,
        state.status if state is not None else None,
        task_state.task.name if task_state is not None and task_state.task is not None else None,
    )


def stages_html(request, relationship, stages, form_steps):
    """mentoring/includes/relationship_stages.html for `stages` (progress.stage_states) and the steps the current
    stage still needs, kept under a digest of all it shows."""
    shown = (
        relationship.pk,
        tuple(
            (
                stage["number"],
                stage["is_current"],
                stage["is_done"],
                tuple(_output_fingerprint(output) for output in stage["outputs"]),
            )
            for stage in stages
        ),
        tuple((str(step.kind), str(step.url), str(step.text)) for step in form_steps),
    )
    digest = hashlib.sha256(repr(shown).encode()).hexdigest()

    def render():
        return render_to_string(
            "mentoring/includes/relationship_stages.html",
            {"relationship": relationship, "stages": stages, "form_steps": form_steps},
        )

    return remembered_html("relationship-stages", [digest], render, request)
