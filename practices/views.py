import datetime
import uuid
from contextlib import contextmanager

from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import gettext as _
from taggit.models import Tag
from wagtail.coreutils import find_available_slug
from wagtail.documents import get_document_model
from wagtail.models import Locale

from forms_library import docx_export
from home.cache import public
from home.docx import docx_response
from home.programme import Country
from home.search import fold
from home.workflow_states import attach_workflow_states

from .attachments import submissions_collection
from .forms import PracticeForm
from .models import PracticeAttachment, PracticeIndexPage, PracticePage, PracticePageTag, ServiceArea

PER_PAGE = 12
SUBMISSIONS_PER_HOUR = 5
ALL_LANGUAGES = "all"


# The repository


def _filters(request, index):
    get = request.GET
    language = get.get("lang") or index.locale.language_code
    return {
        "area": get.get("area") if get.get("area") in ServiceArea.values else "",
        "country": get.get("country") if get.get("country") in Country.values else "",
        "stage": get.get("stage") if get.get("stage") in {"1", "2", "3", "4", "5"} else "",
        "lang": language if language in {code for code, _name in settings.LANGUAGES} | {ALL_LANGUAGES} else "",
        "tag": get.get("tag", "")[:50],
        "q": get.get("q", "").strip()[:200],
    }


def filtered_practices(filters, locale=None):
    """Published practices matching every filter given, with what the listing shows of them; full-text search
    within them. `locale` is the Locale of the language filter when the caller has it at hand (the
    repository's own).

    Every filter is one Wagtail's search accepts (a FilterField of the page, or the page's id), so a search
    runs on this queryset itself and the database matches its candidates by primary key."""
    practices = (
        public(PracticePage.objects.live())
        .filter(alias_of_id__isnull=True)
        .select_related("locale")
        .prefetch_related("tagged_items__tag")
    )
    if locale is not None:
        practices = practices.filter(locale=locale)
    elif filters["lang"] and filters["lang"] != ALL_LANGUAGES:
        practices = practices.filter(locale__in=Locale.objects.filter(language_code=filters["lang"]))
    if filters["area"]:
        practices = practices.filter(service_area=filters["area"])
    if filters["country"]:
        practices = practices.filter(country=filters["country"])
    if filters["stage"]:
        practices = practices.filter(stage=int(filters["stage"]))
    if filters["tag"]:
        tagged = PracticePageTag.objects.filter(tag__slug=filters["tag"]).values("content_object_id")
        practices = practices.filter(pk__in=tagged)
    if filters["q"]:
        return practices.search(fold(filters["q"]), operator="and")
    return practices.order_by("-first_published_at", "pk")


def listing_context(request, index):
    filters = _filters(request, index)
    locale = index.locale if filters["lang"] == index.locale.language_code else None
    paginator = Paginator(filtered_practices(filters, locale), PER_PAGE)
    page_obj = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    # Asked tag by tag (an index lookup each) rather than by reading every practice's tags.
    used_tags = Tag.objects.filter(Exists(PracticePageTag.objects.filter(tag=OuterRef("pk"))))
    return {
        "filters": filters,
        "practices": page_obj.object_list,
        "page_obj": page_obj,
        "query_string": query.urlencode(),
        "service_areas": ServiceArea.choices,
        "countries": Country.choices,
        "language_choices": settings.LANGUAGES,
        "popular_tags": used_tags.order_by("name")[:30],
    }


# Submission


def _repository(request):
    index = PracticeIndexPage.objects.live().filter(locale__language_code=request.LANGUAGE_CODE).first()
    if index is None:
        raise Http404
    return index


def lock_for_submission(index, user):
    """Submissions wait for one another. The submitter's row is locked, so the hourly count and a form's token
    are checked against what their other submissions committed; then the repository page, read again, as
    treebeard places a new page after the children its parent had when it was read."""
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    return PracticeIndexPage.objects.select_for_update().get(pk=index.pk)


def too_many_submissions(user):
    since = timezone.now() - datetime.timedelta(hours=1)
    return (
        PracticePage.objects.filter(
            owner=user, submission_token__isnull=False, latest_revision_created_at__gte=since
        ).count()
        >= SUBMISSIONS_PER_HOUR
    )


@contextmanager
def stored_documents(uploads, user, title):
    """The uploads as Wagtail documents, for a block that uses them. When the block fails the database rolls
    back and the storage does not, so their files are removed here."""
    Document = get_document_model()
    # Private until the practice is published (attachments.py).
    collection = submissions_collection()
    documents = []
    try:
        for number, upload in enumerate(uploads, start=1):
            document = Document(title=f"{title} ({number})", file=upload, collection=collection, uploaded_by_user=user)
            document.save()
            documents.append(document)
        yield documents
    except Exception:
        for document in documents:
            document.file.delete(save=False)
        raise


@transaction.atomic
def create_submission(index, form, user):
    """A draft practice page in the repository's language, its attachments, and its moderation started."""
    values = form.page_values()
    page = PracticePage(
        **values,
        slug=find_available_slug(index, slugify(values["title"], allow_unicode=True) or "practice"),
        owner=user,
        submitted_by=user,
        submission_token=form.cleaned_data["token"],
        live=False,
        locale=index.locale,
    )
    index.add_child(instance=page)
    with stored_documents(form.cleaned_data["attachments"], user, values["title"]) as documents:
        page.tags.add(*form.cleaned_data["tags"])
        page.attachments = [PracticeAttachment(document=document) for document in documents]
        page.save()
        page.save_revision(user=user)
        page.get_workflow().start(page, user)
    return page


def initial_from_evaluation(user, output_id):
    """A stage 5 evaluation output's answers as the start of a practice ("highlight as good practice")."""
    from mentoring.permissions import stage_outputs_visible_to

    output = (
        stage_outputs_visible_to(user).filter(pk=output_id, stage=5).select_related("relationship__department").first()
    )
    if output is None:
        return {}
    answers, department = output.answers, output.relationship.department
    return {
        "title": output.title,
        "summary": answers.get("good_practices", "")[:600],
        "department": department.name,
        "municipality": department.municipality,
        "country": department.country,
        "stage": 5,
        "challenge": answers.get("should_change", ""),
        "what_was_done": answers.get("worked_best", ""),
        "results": answers.get("good_practices", ""),
        "reuse": answers.get("proposals", ""),
    }


def _submitted_token(request):
    """The posted form's token when it is one; the form says what is wrong with anything else."""
    try:
        return uuid.UUID(request.POST.get("token", ""))
    except ValueError:
        return None


@login_required
def submit_practice(request):
    index = _repository(request)
    initial = (
        initial_from_evaluation(request.user, request.GET["from_output"])
        if request.GET.get("from_output", "").isdigit()
        else {}
    )
    form = PracticeForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST":
        with transaction.atomic():
            index = lock_for_submission(index, request.user)
            token = _submitted_token(request)
            if token and PracticePage.objects.filter(submission_token=token, owner=request.user).exists():
                return redirect("practices:mine")  # a double click: the first POST made it
            if too_many_submissions(request.user):
                messages.error(request, _("You have sent several practices in the last hour. Please try again later."))
                return TemplateResponse(request, "practices/submit.html", {"form": form, "index": index}, status=429)
            if form.is_valid():
                create_submission(index, form, request.user)
                messages.success(request, _("Thank you. Your practice is sent to the moderators."))
                return redirect("practices:mine")
    status = 400 if form.errors else 200
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


def richtext_to_plain(html):
    """The stored paragraphs as the plain text the submitter typed."""
    soup = BeautifulSoup(html or "", "html.parser")
    for line_break in soup.find_all("br"):
        line_break.replace_with("\n")
    return "\n\n".join(paragraph.get_text() for paragraph in soup.find_all("p"))


@login_required
def edit_submission(request, page_id):
    page = PracticePage.objects.filter(pk=page_id, owner=request.user, submission_token__isnull=False).first()
    state = page and page.current_workflow_state
    if page is None:
        raise Http404
    if state is None or state.status != state.STATUS_NEEDS_CHANGES:
        messages.error(request, _("This practice can be edited only when the moderators ask for changes."))
        return redirect("practices:mine")
    initial = {
        name: getattr(page, name)
        for name in ["title", "summary", "service_area", "country", "municipality", "department", "stage", "contact"]
    }
    initial.update(
        {name: richtext_to_plain(getattr(page, name)) for name in ["challenge", "what_was_done", "results", "reuse"]}
    )
    initial["tags"] = ", ".join(page.tags.names())
    initial["token"] = page.submission_token
    form = PracticeForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        uploads = form.cleaned_data["attachments"]
        with transaction.atomic(), stored_documents(uploads, request.user, page.title) as documents:
            for name, value in form.page_values().items():
                setattr(page, name, value)
            page.tags.set(form.cleaned_data["tags"])
            for document in documents:
                page.attachments.add(PracticeAttachment(document=document))
            page.save_revision(user=request.user, log_action=True)
            state.resume(user=request.user)
        messages.success(request, _("Your changes are sent to the moderators again."))
        return redirect("practices:mine")
    context = {
        "form": form,
        "index": page.get_parent(),
        "editing": page,
        "comment": state.current_task_state.get_comment(),
    }
    return TemplateResponse(request, "practices/submit.html", context, status=400 if form.errors else 200)


def practice_docx(request, page):
    """Any department downloads a published practice as a Word document."""
    from django.utils.translation import override

    with override(page.locale.language_code):
        details = [
            (_("Service area"), page.get_service_area_display()),
            (_("Country"), page.get_country_display()),
            (_("Municipality"), page.municipality),
            (_("Department"), page.department),
            (_("Contact"), page.contact),
        ]
        sections = [
            (str(PracticePage._meta.get_field(name).verbose_name).capitalize(), getattr(page, name))
            for name in ["challenge", "what_was_done", "results", "reuse"]
        ]
    summary = (
        "<p>"
        + escape(page.summary)
        + "</p>"
        + "".join(f"<p><b>{escape(label)}:</b> {escape(value)}</p>" for label, value in details if value)
    )
    document = docx_export.FormDocument(
        title=page.title,
        stage=page.stage or 0,
        language=page.locale.language_code,
        definitions=[],
        purpose_html=summary,
        sections=sections,
        department=page.department,
        author=page.municipality,
        created=page.last_published_at or timezone.now(),
    )
    return docx_response(docx_export.render(document), page.title, timezone.localdate())
