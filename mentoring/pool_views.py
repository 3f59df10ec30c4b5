"""The mentor pool's pages under /<lang>/mentoring/pool/: the overview (my offer and load, my request, proposals
waiting for my answer; for a coordinator, their departments' demand against capacity, candidates and the circle
counted), the offer and request forms, the coordinator's requests with ranked suggestions, and a proposal with
its answers. Thin: permission and writes are pool.py's."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from home.programme import Stage

from . import coordination, matching, model_choice, permissions, pool
from .form_pages import form_page, run_operation
from .models import GroupProposal, MatchProposal, MentoringModel, MentorOffer, MentorRequest
from .pool_forms import (
    GroupProposalForm,
    GroupScheduleForm,
    ModelQuestionsForm,
    OfferForm,
    ProposalForm,
    RequestForm,
    TrainingForm,
)

SUGGESTIONS_SHOWN = 3
REQUESTS_PER_PAGE = 20


@login_required
def overview(request):
    user = request.user
    offer, load = pool.mentor_load(user)
    departments = permissions.coordinated_departments(user)
    coordinating = departments.exists()
    context = {
        "offer": offer,
        "load": load,
        "my_requests": MentorRequest.objects.filter(mentee=user).select_related("department"),
        "waiting_for_me": pool.waiting_for(user),
        "coordinating": coordinating,
    }
    if coordinating:
        candidates = list(
            MentorOffer.objects.filter(status=MentorOffer.Status.CANDIDATE, department__in=departments)
            .select_related("mentor", "department", "came_from__mentor")
            .prefetch_related("mentor__mentor_trainings")
        )
        for candidate in candidates:
            candidate.record_training_url = reverse("mentoring:record_training", args=[candidate.pk])
        context.update(
            summary=pool.capacity_summary(departments),
            few_mentors=model_choice.FEW_MENTORS,
            candidates=candidates,
            grown=pool.mentors_grown(departments),
            training_form=TrainingForm(),
        )
    return TemplateResponse(request, "mentoring/pool/overview.html", context)


@login_required
def offer_form(request):
    existing = MentorOffer.objects.filter(mentor=request.user).first()
    form = OfferForm(request.POST or None, instance=existing, user=request.user)
    if request.method == "POST" and form.is_valid() and run_operation(form, pool.offer_to_mentor, user=request.user):
        messages.success(request, _("Your offer to mentor is saved."))
        return redirect("mentoring:pool")
    return form_page(request, form, "mentoring/pool/form.html", {"title": _("Offer to mentor")})


@login_required
def request_form(request):
    form = RequestForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid() and run_operation(form, pool.ask_for_mentor, user=request.user):
        messages.success(request, _("Your request is sent to your department's coordinator."))
        return redirect("mentoring:pool")
    return form_page(request, form, "mentoring/pool/form.html", {"title": _("Ask for a mentor")})


@login_required
def coordinator_requests(request):
    """Open requests of the coordinator's departments, each with its best suggestions and their reasons: five
    queries, whatever the number of staff and mentors (offers, loads, requests, weights, departments)."""
    departments = permissions.coordinated_departments(request.user)
    if not departments.exists():
        return HttpResponseForbidden(_("Only coordinators see the requests of their departments."))
    waiting = MentorRequest.objects.filter(state=MentorRequest.State.OPEN, department__in=departments)
    page = Paginator(waiting.select_related("mentee", "department"), REQUESTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    requests = list(page)
    offers = list(pool.matchable_offers())
    loads = matching.loads_of()
    weights = pool.weights_for(request.site if hasattr(request, "site") else None)
    rows = [
        (
            mentor_request,
            pool.suggestions(mentor_request, weights=weights, offers=offers, loads=loads)[:SUGGESTIONS_SHOWN],
        )
        for mentor_request in requests
    ]
    proposed = MatchProposal.objects.filter(
        state=MatchProposal.State.PROPOSED, request__department__in=departments
    ).select_related("offer__mentor", "request__mentee")
    return TemplateResponse(
        request,
        "mentoring/pool/requests.html",
        {"rows": rows, "page": page, "proposed": proposed[:REQUESTS_PER_PAGE]},
    )


@login_required
def model_questions(request):
    """The report's three questions, answered: the models they point to, with the report's reasons."""
    form = ModelQuestionsForm(request.GET or None)
    proposals = form.proposed_models() if form.is_bound and form.is_valid() else None
    return TemplateResponse(
        request,
        "mentoring/pool/model_questions.html",
        model_choice.context(form, proposals),
        status=400 if form.errors else 200,
    )


def _visible_request(user, pk):
    mentor_request = permissions.requests_visible_to(user).filter(pk=pk).select_related("department").first()
    if mentor_request is None:
        raise Http404
    return mentor_request


def _proposal_page(request, mentor_request):
    """The coordinator's proposal form for one request: the three questions (answered, they preselect the first
    model they point to), the model, and the mentors ranked for that model, each to propose."""
    if not permissions.can_propose(request.user, mentor_request):
        return HttpResponseForbidden(_("Only a coordinator of the request's department proposes a match."))
    form = ProposalForm(initial={"mentoring_model": matching.model_for(mentor_request), **request.GET.dict()})
    proposals = form.proposed_models(request.GET)
    model = request.GET.get("mentoring_model")
    if proposals and "model_questions" in request.GET:
        model = proposals[0][0]
        form.initial["mentoring_model"] = model
    if model not in MentoringModel.values:
        model = matching.model_for(mentor_request)
    suggestions = []
    if model != MentoringModel.GROUP:
        suggestions = pool.suggestions(mentor_request, mentoring_model=model)[:SUGGESTIONS_SHOWN]
    context = {
        **model_choice.context(form, proposals),
        "mentor_request": mentor_request,
        "mentoring_model": MentoringModel(model),
        "suggestions": suggestions,
    }
    return TemplateResponse(request, "mentoring/pool/propose.html", context)


@login_required
def propose(request, pk):
    mentor_request = _visible_request(request.user, pk)
    if request.method != "POST":
        return _proposal_page(request, mentor_request)
    offer_id = request.POST.get("offer", "")
    if not offer_id.isdigit() or len(offer_id) > 10:
        raise Http404
    offer = get_object_or_404(MentorOffer, pk=int(offer_id))
    model = request.POST.get("mentoring_model") or None
    if model is not None and model not in MentoringModel.values:
        messages.error(request, _("Choose a mentoring model from the list."))
        return redirect("mentoring:pool_requests")
    try:
        proposal = pool.propose_match(
            user=request.user, mentor_request=mentor_request, offer=offer, mentoring_model=model
        )
    except PermissionDenied as error:
        return HttpResponseForbidden(str(error))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("mentoring:pool_requests")
    messages.success(request, _("The match is proposed: the mentor and the mentee are asked to accept it."))
    return redirect("mentoring:proposal", pk=proposal.pk)


def _visible_proposal(user, pk):
    proposal = (
        permissions.proposals_visible_to(user)
        .filter(pk=pk)
        .select_related("offer__mentor", "request__mentee", "request__department", "relationship", "mentors_mentor")
        .first()
    )
    if proposal is None:
        raise Http404
    return proposal


@login_required
def proposal_detail(request, pk):
    proposal = _visible_proposal(request.user, pk)
    if request.method == "POST" and request.POST.get("answer") == "withdraw":
        return _withdraw(request, proposal, "mentoring:proposal")
    if request.method == "POST":
        choice = request.POST.get("answer")
        if choice not in ("accept", "decline"):
            messages.error(request, _("Choose to accept or to decline."))
        else:
            try:
                pool.answer(user=request.user, proposal=proposal, accept=choice == "accept")
            except PermissionDenied as error:
                return HttpResponseForbidden(str(error))
            except ValidationError as error:
                messages.error(request, error.messages[0])
            else:
                messages.success(request, _("Your answer is recorded."))
        return redirect("mentoring:proposal", pk=pk)
    proposal.explained = [matching.describe(reason) for reason in proposal.reasons]
    context = {
        "proposal": proposal,
        "can_answer": permissions.can_answer(request.user, proposal) and proposal.state == MatchProposal.State.PROPOSED,
        "can_withdraw": pool.can_withdraw_proposal(request.user, proposal),
    }
    return TemplateResponse(request, "mentoring/pool/proposal.html", context)


def _withdraw(request, proposal, view_name):
    """The coordinator's "Withdraw the proposal", on a one-on-one or a group proposal's page."""
    try:
        pool.withdraw_proposal(user=request.user, proposal=proposal)
    except PermissionDenied as error:
        return HttpResponseForbidden(str(error))
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("The proposal is withdrawn; its requests wait for a match again."))
    return redirect(view_name, pk=proposal.pk)


def _candidate(user, pk):
    offer = get_object_or_404(MentorOffer.objects.select_related("mentor", "department"), pk=pk)
    if not permissions.can_confirm_mentor(user, offer):
        raise Http404
    return offer


@login_required
@require_POST
def record_training(request, pk):
    offer = _candidate(request.user, pk)
    form = TrainingForm(request.POST)
    if form.is_valid():
        pool.record_training(user=request.user, offer=offer, **form.cleaned_data)
        messages.success(request, _("The mentor training is recorded."))
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    return redirect("mentoring:pool")


@login_required
@require_POST
def confirm_mentor(request, pk):
    offer = _candidate(request.user, pk)
    try:
        pool.confirm_mentor(user=request.user, offer=offer)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Confirmed: a new mentor in the pool."))
    return redirect("mentoring:pool")


# Groups.


def _coordinated_or_403(user):
    departments = permissions.coordinated_departments(user)
    if not departments.exists():
        raise PermissionDenied(_("Only coordinators propose groups in their departments."))
    return departments


@login_required
def groups(request):
    """The coordinator's groups: suggested from the waiting requests (each a form to adjust and propose), the
    three questions before choosing the model, and the group proposals of their departments."""
    try:
        departments = _coordinated_or_403(request.user)
    except PermissionDenied as error:
        return HttpResponseForbidden(str(error))
    form = ModelQuestionsForm(request.GET or None)
    proposals = form.proposed_models() if form.is_bound and form.is_valid() else None
    weights = pool.weights_for(request.site if hasattr(request, "site") else None)
    context = {
        **model_choice.context(form, proposals),
        "suggested": pool.group_suggestions(departments, weights=weights, limit=REQUESTS_PER_PAGE),
        "rhythms": GroupProposal.Rhythm.choices,
        "open_groups": permissions.group_proposals_visible_to(request.user)
        .filter(department__in=departments, state=GroupProposal.State.PROPOSED)
        .select_related("offer__mentor", "department")[:REQUESTS_PER_PAGE],
    }
    return TemplateResponse(request, "mentoring/pool/groups.html", context)


@login_required
@require_POST
def propose_group(request):
    try:
        departments = _coordinated_or_403(request.user)
    except PermissionDenied as error:
        return HttpResponseForbidden(str(error))
    form = GroupProposalForm(request.POST, departments=departments)
    if form.is_valid():
        try:
            proposal = pool.propose_group(
                user=request.user,
                offer=form.cleaned_data["offer"],
                mentor_requests=form.cleaned_data["requests"],
                language=form.cleaned_data["language"] or None,
                meetings_per_month=form.cleaned_data["meetings_per_month"],
            )
        except PermissionDenied as error:
            return HttpResponseForbidden(str(error))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The group is proposed: the mentor and each mentee are asked to accept it."))
            return redirect("mentoring:group", pk=proposal.pk)
    for errors in form.errors.values():
        for message in errors:
            messages.error(request, message)
    return redirect("mentoring:groups")


def _visible_group(user, pk):
    proposal = (
        permissions.group_proposals_visible_to(user)
        .filter(pk=pk)
        .select_related("offer__mentor", "department", "relationship")
        .prefetch_related("members__request__mentee")
        .first()
    )
    if proposal is None:
        raise Http404
    return proposal


@login_required
def group_detail(request, pk):
    """A group proposal: its mentor and mentees with their answers; the mentor and each mentee answer here, and
    once the group has started its mentor is offered the recurring schedule of its meetings."""
    proposal = _visible_group(request.user, pk)
    is_mentor = proposal.offer.mentor_id == request.user.pk
    schedule_form = None
    if proposal.relationship_id and is_mentor:
        schedule_form = GroupScheduleForm(request.POST if "first" in request.POST else None)
    if request.method == "POST" and request.POST.get("answer") == "withdraw":
        return _withdraw(request, proposal, "mentoring:group")
    if request.method == "POST":
        if "first" in request.POST:
            if schedule_form is None:
                return HttpResponseForbidden(_("Only the mentor plans the sessions."))
            if schedule_form.is_valid():
                try:
                    pool.plan_group_meetings(user=request.user, proposal=proposal, **schedule_form.fields_for_plan())
                except ValidationError as error:
                    schedule_form.add_error(None, error)
                else:
                    messages.success(request, _("The group's meetings are in the calendar."))
                    return redirect("mentoring:relationship", pk=proposal.relationship_id)
        else:
            choice = request.POST.get("answer")
            if choice not in ("accept", "decline"):
                messages.error(request, _("Choose to accept or to decline."))
                return redirect("mentoring:group", pk=pk)
            try:
                pool.answer_group(user=request.user, proposal=proposal, accept=choice == "accept")
            except PermissionDenied as error:
                return HttpResponseForbidden(str(error))
            except ValidationError as error:
                messages.error(request, error.messages[0])
            else:
                messages.success(request, _("Your answer is recorded."))
            return redirect("mentoring:group", pk=pk)
    context = {
        "proposal": proposal,
        "members": list(proposal.members.all()),
        "can_answer": pool.can_answer_group(request.user, proposal),
        "can_withdraw": pool.can_withdraw_proposal(request.user, proposal),
        "schedule_form": schedule_form,
        "group_rhythm": model_choice.GROUP_RHYTHM,
    }
    status = 400 if schedule_form is not None and schedule_form.errors else 200
    return TemplateResponse(request, "mentoring/pool/group.html", context, status=status)


@login_required
def programme(request):
    """The coordinator's programme of their departments (or of one, `?department=`): coordination.py."""
    department_id = request.GET.get("department", "")
    if department_id and not (department_id.isascii() and department_id.isdigit() and len(department_id) < 10):
        raise Http404
    try:
        departments = coordination.departments_for(request.user, int(department_id) if department_id else None)
    except PermissionDenied as error:
        return HttpResponseForbidden(str(error))
    context = {
        **coordination.programme(departments, page=request.GET.get("page")),
        "departments": list(departments.prefetch_related("translated_names")),
        "department_id": department_id,
        "stages": Stage.values,
    }
    return TemplateResponse(request, "mentoring/pool/programme.html", context)
