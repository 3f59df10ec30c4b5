"""The site's pages for submitters: send a practice, see one's submissions, send one again when the moderators
ask for changes. The listing and the Word download are the page types' own (pages.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model

from home.programme import Country, Stage
from home.workflow_states import attach_workflow_states

from . import drafts, evaluation, moderation, pending
from .constants import ServiceArea
from .forms import SitePracticeForm
from .pages import PracticeIndexPage, PracticePage


def _repository(request):
    index = PracticeIndexPage.objects.live().filter(locale__language_code=request.LANGUAGE_CODE).first()
    if index is None:
        raise Http404
    return index


@login_required
def submit_practice(request):
    """A new practice: sent to the moderators, or saved as a draft (`action=draft`) to finish later; a draft
    is resumed with `?draft=<id>`, which the form's action keeps."""
    index = _repository(request)
    draft = pending.draft_of(request.user, request.GET["draft"]) if "draft" in request.GET else None
    if "draft" in request.GET and draft is None:
        raise Http404
    # Drafted from a stage 5 evaluation: the form's action keeps `from_output`, so the POST knows it too.
    initial, sources, note = (
        evaluation.draft_from_evaluation(request.user, request.GET["from_output"])
        if request.GET.get("from_output", "").isdigit()
        else ({}, {}, "")
    )
    if draft is not None:
        initial = {name: value for name, value in draft.data.items() if value}
    kept = list(draft.attachments.all()) if draft is not None and request.method != "POST" else ()
    form = SitePracticeForm(request.POST or None, request.FILES or None, initial=initial, user=request.user, kept=kept)
    for name, help_text in evaluation.help_texts(sources).items():
        form.fields[name].help_text = help_text
    status = 200
    if request.method == "POST" and request.POST.get("action") == "draft":
        return _save_draft(request, form, draft, note)
    if request.method == "POST":
        try:
            _page, created = drafts.submit(user=request.user, index=index, form=form, draft=draft, drafted_from=note)
        except moderation.TooManySubmissions:
            messages.error(request, _("You have sent several practices in the last hour. Please try again later."))
            status = 429
        except moderation.TokenTaken:
            status = 409
        except ValidationError:
            status = 400
            _keep_uploads(request, form, draft)
        else:
            if created:  # else a double click: the first POST made it
                messages.success(request, _("Thank you. Your practice is sent to the moderators."))
            return redirect("practices:mine")
    context = {"form": form, "index": index, "draft": draft}
    return TemplateResponse(request, "practices/submit.html", context, status=status)


def _new_uploads(form):
    """The files chosen this time, when each passed the checks (else the form says which did not)."""
    if "attachments" in form.errors:
        return []
    field = form.fields["attachments"]
    try:
        return field.clean(field.widget.value_from_datadict(form.data, form.files, form.add_prefix("attachments")))
    except ValidationError:
        return []


def _keep_uploads(request, form, draft):
    """The form came back with an error: its accepted files are kept on the server and offered again, ticked."""
    kept = list(form.kept.values())
    for upload in _new_uploads(form):
        kept.append(pending.keep(upload, request.user, draft=draft))
    form.data = form.data.copy()
    form.data.setlist("kept_attachments", [attachment.token for attachment in kept])
    form.show_kept(kept)


def _save_draft(request, form, draft, note=""):
    form.full_clean()  # for the kept files ticked and the new ones checked; the rest waits until it is sent
    try:
        draft = pending.save_draft(
            user=request.user,
            language=draft.language if draft is not None else request.LANGUAGE_CODE,
            data=form.data,
            uploads=_new_uploads(form),
            kept=list(form.kept.values()),
            draft=draft,
            drafted_from=note or None,
        )
    except pending.DraftTooLong:
        messages.error(request, _("A field is too long to be saved. Shorten it and save again."))
        context = {"form": form, "index": _repository(request), "draft": draft}
        return TemplateResponse(request, "practices/submit.html", context, status=400)
    messages.success(request, _("Your draft is saved. Finish it from “My submissions” when you are ready."))
    return redirect(f"{reverse('practices:submit')}?draft={draft.pk}")


@login_required
def my_submissions(request):
    """The user's drafts, and each practice they sent: its state, and what they sent (its latest revision: the
    page's own fields stay as first saved while it is in moderation), with its attachments."""
    practices = attach_workflow_states(
        PracticePage.objects.filter(owner=request.user, submission_token__isnull=False)
        .select_related("locale", "latest_revision")
        .order_by("-pk"),
        active_only=False,
    )
    _attach_sent_content(practices)
    drafts = pending.PracticeDraft.objects.filter(owner=request.user).prefetch_related("attachments")
    context = {"practices": practices, "drafts": drafts}
    return TemplateResponse(request, "practices/my_submissions.html", context)


class SentContent:
    """A practice as its submitter last sent it, read from its latest revision's content. Not the revision made
    a page (`as_object`): that checks each foreign key it holds with a query, per practice."""

    def __init__(self, content):
        self.content = content

    def __getattr__(self, name):
        if name in {"title", "summary", "municipality", "department", "contact", *PracticePage.RICH_TEXT_FIELDS}:
            return self.content.get(name) or ""
        raise AttributeError(name)

    def _label(self, choices, value):
        return dict(choices).get(value, value or "")

    def get_service_area_display(self):
        return self._label(ServiceArea.choices, self.content.get("service_area"))

    def get_country_display(self):
        return self._label(Country.choices, self.content.get("country"))

    @property
    def stage(self):
        return self.content.get("stage")

    def get_stage_display(self):
        return self._label(Stage.choices, self.stage)

    @property
    def document_ids(self):
        return [attachment.get("document") for attachment in self.content.get("attachments") or []]


def _attach_sent_content(practices):
    """`sent` (what was last sent) and `sent_documents` on each practice; the documents of all in one query."""
    for practice in practices:
        revision = practice.latest_revision
        practice.sent = SentContent(revision.content if revision else {"title": practice.title})
    ids = {pk for practice in practices for pk in practice.sent.document_ids}
    documents = get_document_model().objects.in_bulk(ids) if ids else {}
    for practice in practices:
        practice.sent_documents = [documents[pk] for pk in practice.sent.document_ids if pk in documents]


@login_required
def edit_submission(request, page_id):
    page = PracticePage.objects.filter(pk=page_id, owner=request.user, submission_token__isnull=False).first()
    if page is None:
        raise Http404
    if not moderation.may_resubmit(page, request.user):
        messages.error(request, _("This practice can be edited only when the moderators ask for changes."))
        return redirect("practices:mine")
    comment = page.current_workflow_state.current_task_state.get_comment()
    form = SitePracticeForm(request.POST or None, request.FILES or None, instance=page, user=request.user)
    if request.method == "POST":
        try:
            moderation.resubmit(user=request.user, page=page, form=form)
        except ValidationError:
            _keep_uploads(request, form, None)
        else:
            messages.success(request, _("Your changes are sent to the moderators again."))
            return redirect("practices:mine")
    context = {"form": form, "index": page.get_parent(), "editing": page, "comment": comment}
    return TemplateResponse(request, "practices/submit.html", context, status=400 if form.errors else 200)
