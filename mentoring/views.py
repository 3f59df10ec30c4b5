from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import TaskState

from forms_library import reading
from forms_library.pages import FormIndexPage
from home.programme import Stage

from . import model_choice, next_steps, page_parts, permissions, pool, progress, reviews, sessions
from .documents import stage_output_download
from .form_pages import form_page
from .forms import ProgrammeForm, RelationshipForm, ReviewForm, SessionForm, StageOutputForm
from .models import MentoringRelationship, StageForm
from .models.outputs import with_read_titles


def _get_relationship(user, pk):
    relationships = (
        MentoringRelationship.objects.all() if user.is_superuser else MentoringRelationship.objects.involving(user)
    )
    relationship = (
        relationships.filter(pk=pk).select_related("mentor", "department").prefetch_related("mentees").first()
    )
    if relationship is None:
        raise Http404
    return relationship


def _get_output(user, pk):
    output = (
        permissions.stage_outputs_visible_to(user)
        .filter(pk=pk)
        .select_related("relationship__mentor", "relationship__department", "filled_form", "author")
        .first()
    )
    if output is None:
        raise Http404
    return output


@login_required
def my_relationships(request):
    relationships = (
        MentoringRelationship.objects.involving(request.user)
        .select_related("mentor", "department")
        .prefetch_related("mentees")
    )
    context = {
        "relationships": relationships,
        "next_steps": next_steps.for_user(request.user, request=request),
        "can_start": permissions.can_start_relationship(request.user),
    }
    return TemplateResponse(request, "mentoring/my_relationships.html", context)


@login_required
def new_relationship(request):
    if not permissions.can_start_relationship(request.user):
        return HttpResponseForbidden(_("Only a member of a department starts a mentoring relationship."))
    # "Propose models" sends the form by GET: the answers propose models and the rest is kept as it was typed.
    initial = {name: request.GET.getlist(name) if name == "mentees" else value for name, value in request.GET.items()}
    form = RelationshipForm(
        request.POST or None,
        mentor=request.user,
        instance=MentoringRelationship(mentor=request.user),
        initial=initial,
    )
    proposals = form.proposed_models(request.GET) if request.method == "GET" else None
    if proposals:
        form.initial["mentoring_model"] = proposals[0][0]
    if request.method == "POST" and form.is_valid():
        relationship = form.save()
        messages.success(request, _("The mentoring relationship has started."))
        return redirect("mentoring:relationship", pk=relationship.pk)
    return form_page(request, form, "mentoring/relationship_form.html", model_choice.context(form, proposals))


# What the current stage of a relationship still needs, shown in that stage.
FORM_STEPS = {"fill", "continue", "submit"}


@login_required
def relationship_detail(request, pk):
    relationship = _get_relationship(request.user, pk)
    is_mentor = permissions.can_plan_sessions(request.user, relationship)
    session_form = SessionForm(request.POST or None) if is_mentor else None
    if request.method == "POST":
        if not is_mentor:
            return HttpResponseForbidden(_("Only the mentor plans the sessions."))
        if session_form.is_valid():
            fields = {name: session_form.cleaned_data[name] for name in sessions.EDITABLE_FIELDS}
            try:
                sessions.plan(user=request.user, relationship=relationship, **fields)
            except ValidationError as error:
                session_form.add_error(None, error)
            else:
                messages.success(request, _("The session is in the calendar."))
                return redirect("mentoring:relationship", pk=pk)
    # Read once for the stages and for what waits (the request's language is the current one).
    outputs = progress.relationship_outputs(relationship, request.LANGUAGE_CODE)
    calendar = list(relationship.sessions.order_by("date", "pk"))
    waiting = next_steps.for_user(
        request.user, request=request, relationship=relationship, outputs=outputs, sessions=calendar
    )
    form_steps = [step for step in waiting if step.kind in FORM_STEPS]
    stages = progress.stage_states(relationship, request.LANGUAGE_CODE, outputs=outputs)
    context = {
        "relationship": relationship,
        "next_steps": [step for step in waiting if step.kind not in FORM_STEPS],
        "stages_html": page_parts.stages_html(request, relationship, stages, form_steps),
        "sessions": calendar,
        "is_participant": relationship.is_participant(request.user),
        "is_mentor": is_mentor,
    }
    if is_mentor:
        context.update(_unbound_forms_html(request, relationship, session_form))
    return TemplateResponse(
        request,
        "mentoring/relationship_detail.html",
        context,
        status=400 if session_form and session_form.errors else 200,
    )


def _unbound_forms_html(request, relationship, session_form):
    """The mentor's forms, rendered once per language (and, the programme's, per its initial values); a session
    form with the errors of a POST is rendered as it is."""
    agreed = [relationship.agreed_sessions_for(number) for number in Stage.values]
    forms = {
        "programme_form_html": page_parts.unbound_form_html(
            request,
            "programme",
            [relationship.pk, relationship.planned_end_date, *agreed],
            lambda: ProgrammeForm(relationship=relationship),
            action=reverse("mentoring:agree_programme", args=[relationship.pk]),
            submit_label=_("Save"),
        )
    }
    if session_form.is_bound:
        forms["session_form"] = session_form
    else:
        forms["session_form_html"] = page_parts.unbound_form_html(
            request, "session", [], SessionForm, submit_label=_("Add to the calendar")
        )
    return forms


@login_required
@require_POST
def mark_ready_to_mentor(request, pk, user_pk):
    relationship = _get_relationship(request.user, pk)
    if not permissions.can_record_ready_to_mentor(request.user, relationship):
        return HttpResponseForbidden(_("The mentor records this once the five stages are complete."))
    mentee = get_object_or_404(relationship.mentees, pk=user_pk)
    relationship.ready_to_mentor.add(mentee)
    relationship.save()
    # The circle: a yes makes them a candidate of the mentor pool, confirmed by the coordinator after training.
    pool.enter_as_candidate(relationship=relationship, mentee=mentee)
    messages.success(request, _("Recorded: ready to mentor other colleagues."))
    return redirect("mentoring:relationship", pk=pk)


@login_required
def new_output(request, pk):
    relationship = _get_relationship(request.user, pk)
    if not permissions.can_submit_output(request.user, relationship):
        return HttpResponseForbidden(_("Only the mentor and the mentees submit outputs."))
    form = StageOutputForm(
        request.POST or None,
        author=request.user,
        relationship=relationship,
        initial=_chosen_form(request, relationship),
    )
    if request.method == "POST" and form.is_valid():
        try:
            output = reviews.submit_output(user=request.user, relationship=relationship, **form.cleaned_data)
        except ValidationError as error:
            form.add_submission_error(error)
        else:
            messages.success(request, _("The output is submitted for review."))
            return redirect("mentoring:output", pk=output.pk)
    context = {
        "relationship": relationship,
        "form": form,
        "nothing_to_submit": not form.fields["filled_form"].queryset.exists(),
    }
    return TemplateResponse(request, "mentoring/output_form.html", context, status=400 if form.errors else 200)


def _chosen_form(request, relationship):
    """The form the person was led here with (`?filled_form=`, on completing it), preselected with the stage it
    was filled for; an id that is not one of their submittable forms preselects nothing."""
    chosen = request.GET.get("filled_form", "")
    if not (chosen.isascii() and chosen.isdigit() and len(chosen) < 10):
        return {}
    tie = StageForm.objects.filter(filled_form_id=chosen, relationship=relationship).values_list("stage", flat=True)
    return {"filled_form": int(chosen), **({"stage": tie[0]} if tie else {})}


def _output_context(request, output, review_form=None):
    task_state = output.current_workflow_task_state
    actions = permissions.review_actions(request.user, output, task_state)
    workflow_state = output.current_workflow_state
    output.review_state = workflow_state
    is_author = output.author_id == request.user.pk
    request_for_changes = reviews.latest_request_for_changes(output)
    history = list(TaskState.objects.for_instance(output).select_related("task", "finished_by").order_by("started_at"))
    for step in history:
        step.status_label = reviews.step_status_label(step)
    # The labels in the reader's language, the answers as written (forms_library.reading).
    read = reading.read_in(output.filled_form, request.LANGUAGE_CODE)
    context = {
        "output": output,
        "read": read,
        "definitions": read.definitions,
        "task_state": task_state,
        "review_form": review_form or (ReviewForm() if actions else None),
        "needs_changes": request_for_changes is not None,
        "request_for_changes": request_for_changes,
        "history": history,
        "is_author": is_author,
        "can_withdraw": permissions.can_withdraw(request.user, output),
        "departments": None if output.share_with_all else list(output.target_departments.order_by("name")),
    }
    if is_author and request_for_changes is not None:
        context.update(_edits_since_review(request, output))
    return context


def _edits_since_review(request, output):
    """What the author changed since the review, to read before resubmitting."""
    filled = output.filled_form
    edits = [
        (definition, output.answers.get(definition.name), filled.answers.get(definition.name))
        for definition in filled.definitions
        if definition.is_input and output.answers.get(definition.name) != filled.answers.get(definition.name)
    ]
    return {
        "edits": [
            (definition, definition.display(before), definition.display(after)) for definition, before, after in edits
        ],
        "form_complete": filled.status == filled.Status.COMPLETE,
        "can_resubmit": reviews.changed_since_review(output) and filled.status == filled.Status.COMPLETE,
        "filled_form_url": FormIndexPage.filled_form_url(filled, request.LANGUAGE_CODE),
    }


@login_required
def output_detail(request, pk):
    output = _get_output(request.user, pk)
    return TemplateResponse(request, "mentoring/output_detail.html", _output_context(request, output))


@login_required
@require_POST
def review_output(request, pk):
    output = _get_output(request.user, pk)
    form = ReviewForm(request.POST)
    # An invalid form gives no decision: refused by the operation once it has checked the step and the user.
    decision = form.cleaned_data if form.is_valid() else {"action": None, "comment": ""}
    try:
        reviews.decide(user=request.user, output=output, **decision)
    except reviews.AlreadyDecided:
        messages.error(request, _("This review step has already been decided."))
        return redirect("mentoring:output", pk=pk)
    except PermissionDenied as error:
        return HttpResponseForbidden(str(error))
    except ValidationError as error:
        if not form.errors:
            form.add_error(None, error)
        context = _output_context(request, output, review_form=form)
        return TemplateResponse(request, "mentoring/output_detail.html", context, status=400)
    messages.success(request, _("Your decision is recorded."))
    return redirect("mentoring:output", pk=pk)


@login_required
@require_POST
def resubmit_output(request, pk):
    output = _get_output(request.user, pk)
    try:
        reviews.resubmit(user=request.user, output=output)
    except PermissionDenied as error:
        return HttpResponseForbidden(str(error))
    except ValidationError as error:
        messages.error(request, error.message)
        return redirect("mentoring:output", pk=pk)
    except reviews.AlreadyDecided:
        return redirect("mentoring:output", pk=pk)
    messages.success(request, _("The output is submitted for review again."))
    return redirect("mentoring:output", pk=pk)


@login_required
@require_POST
def reopen_output_form(request, pk):
    output = _get_output(request.user, pk)
    try:
        reviews.reopen_for_editing(user=request.user, output=output)
    except PermissionDenied as error:
        return HttpResponseForbidden(str(error))
    return redirect(FormIndexPage.filled_form_url(output.filled_form, request.LANGUAGE_CODE))


@login_required
@require_POST
def withdraw_output(request, pk):
    output = _get_output(request.user, pk)
    try:
        reviews.withdraw(user=request.user, output=output)
    except PermissionDenied as error:
        return HttpResponseForbidden(str(error))
    messages.success(request, _("The output is no longer published to other departments."))
    return redirect("mentoring:output", pk=pk)


@login_required
def shared_with_my_department(request):
    outputs = permissions.shared_with_departments_of(request.user).select_related("relationship__department", "author")
    outputs = with_read_titles(outputs, request.LANGUAGE_CODE)
    return TemplateResponse(request, "mentoring/shared_outputs.html", {"outputs": outputs})


@login_required
def output_docx(request, pk):
    return stage_output_download(_get_output(request.user, pk), request.LANGUAGE_CODE)
