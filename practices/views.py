"""The site's pages for submitters: send a practice, see one's submissions, send one again when the moderators
ask for changes. The listing and the Word download are the page types' own (pages.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from home.workflow_states import attach_workflow_states

from . import evaluation, moderation
from .forms import PracticeForm
from .pages import PracticeIndexPage, PracticePage


def _repository(request):
    index = PracticeIndexPage.objects.live().filter(locale__language_code=request.LANGUAGE_CODE).first()
    if index is None:
        raise Http404
    return index


@login_required
def submit_practice(request):
    index = _repository(request)
    # Drafted from a stage 5 evaluation: the form's action keeps `from_output`, so the POST knows it too.
    initial, sources, note = (
        evaluation.draft_from_evaluation(request.user, request.GET["from_output"])
        if request.GET.get("from_output", "").isdigit()
        else ({}, {}, "")
    )
    form = PracticeForm(request.POST or None, request.FILES or None, initial=initial)
    for name, help_text in evaluation.help_texts(sources).items():
        form.fields[name].help_text = help_text
    status = 200
    if request.method == "POST":
        try:
            _page, created = moderation.submit(user=request.user, index=index, form=form, drafted_from=note)
        except moderation.TooManySubmissions:
            messages.error(request, _("You have sent several practices in the last hour. Please try again later."))
            status = 429
        except moderation.TokenTaken:
            status = 409
        except ValidationError:
            status = 400
        else:
            if created:  # else a double click: the first POST made it
                messages.success(request, _("Thank you. Your practice is sent to the moderators."))
            return redirect("practices:mine")
    return TemplateResponse(request, "practices/submit.html", {"form": form, "index": index}, status=status)


@login_required
def my_submissions(request):
    practices = attach_workflow_states(
        PracticePage.objects.filter(owner=request.user, submission_token__isnull=False)
        .select_related("locale")
        .order_by("-pk"),
        active_only=False,
    )
    return TemplateResponse(request, "practices/my_submissions.html", {"practices": practices})


@login_required
def edit_submission(request, page_id):
    page = PracticePage.objects.filter(pk=page_id, owner=request.user, submission_token__isnull=False).first()
    if page is None:
        raise Http404
    if not moderation.may_resubmit(page, request.user):
        messages.error(request, _("This practice can be edited only when the moderators ask for changes."))
        return redirect("practices:mine")
    comment = page.current_workflow_state.current_task_state.get_comment()
    form = PracticeForm(request.POST or None, request.FILES or None, instance=page)
    if request.method == "POST":
        try:
            moderation.resubmit(user=request.user, page=page, form=form)
        except ValidationError:
            pass
        else:
            messages.success(request, _("Your changes are sent to the moderators again."))
            return redirect("practices:mine")
    context = {"form": form, "index": page.get_parent(), "editing": page, "comment": comment}
    return TemplateResponse(request, "practices/submit.html", context, status=400 if form.errors else 200)
