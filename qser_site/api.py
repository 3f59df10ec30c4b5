"""The API router.

- Wagtail API v2 (`/api/v2/`): published, public pages, images and documents, with the `locale` and
  `translation_of` filters, for readers' systems.
- Wagtail API v3 (`/api/v3/`): Wagtail's own read-and-write page API for editors' systems, mounted with its
  permission checks in force.
- The site's own endpoints (`/api/`, django-ninja, described at `/api/schema/` and `/api/docs/`): what people
  do on the site, with the site's permission rules. Browsers authenticate with their session (and CSRF);
  other systems with Wagtail's API tokens (`Authorization: Bearer …`).
"""

import datetime
import json

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q
from django.http import Http404
from django.utils import timezone
from ninja import Field, Schema
from ninja.parser import Parser
from pydantic import ValidationError as PydanticValidationError
from rest_framework.authentication import SessionAuthentication
from rest_framework.response import Response
from rest_framework.views import APIView
from wagtail.api.querysets import get_public_pages_queryset
from wagtail.api.rich_text import RichTextFormatError
from wagtail.api.utils import get_full_url
from wagtail.api.v2.filters import LocaleFilter, SearchFilter
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.serializers import PageHtmlUrlField, PageSerializer
from wagtail.api.v2.utils import BadRequestError, page_models_from_string
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.api.v3.api import api as api_v3
from wagtail.api.v3.auth import BearerTokenAuth
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Page, PageViewRestriction, Site
from wagtail_headless_preview.models import PagePreview

from forms_library.api import describe_field_kinds
from forms_library.api import router as forms_router
from home import problems
from home.api import MAX_OFFSET, BearerTokenAuthentication, LanguageCode, SessionCookieAuth
from home.fragments import remembered
from home.search import bounded_query
from mentoring.api import me_router, programme_router
from mentoring.api import router as outputs_router
from mentoring.pool_api import router as pool_router
from practices.api import router as practices_router
from practices.draft_api import router as practice_drafts_router
from qser_site.openapi import DescribedAPI


def validated_query(schema, request):
    """The query parameters `schema` names, checked by pydantic as our endpoints check theirs: a value out of
    range is the same 422 problem, with the same messages, on v2 as on our endpoints."""
    given = {name: request.GET[name] for name in schema.model_fields if name in request.GET}
    try:
        return schema.model_validate(given)
    except PydanticValidationError as error:
        raise problems.query_errors(error) from error


class V2PageBounds(Schema):
    """v2's limit (0 gives only the count, as Wagtail allows) and offset, with our endpoints' upper bound on the
    offset: a database cannot skip more rows than its integers hold (SQLite fails on such an offset)."""

    limit: int = Field(20, ge=0, le=settings.WAGTAILAPI_LIMIT_MAX)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


class BoundedOffsetPagination(WagtailPagination):
    """Wagtail's pagination, its parameters checked like our endpoints' (422 when out of range)."""

    def paginate_queryset(self, queryset, request, view=None):
        validated_query(V2PageBounds, request)
        return super().paginate_queryset(queryset, request, view)


class LocaleQuery(Schema):
    locale: LanguageCode | None = None


class KnownLocaleFilter(LocaleFilter):
    """Wagtail's `locale` filter, answering an unknown language with a 422 that lists the valid codes (Wagtail
    answers 404, as if the address were wrong)."""

    def filter_queryset(self, request, queryset, view):
        validated_query(LocaleQuery, request)
        return super().filter_queryset(request, queryset, view)


class BoundedSearchFilter(SearchFilter):
    """Wagtail's search filter, refusing (400) a query longer than the site's search page takes: the same bounds
    (home/search.py), as a search of a few hundred words exhausts the search backend's recursion."""

    def filter_queryset(self, request, queryset, view):
        if "search" in request.GET:
            try:
                bounded_query(request.GET["search"])
            except ValidationError as error:
                raise BadRequestError(error.messages[0]) from error
        return super().filter_queryset(request, queryset, view)


def with_bounded_search(filter_backends):
    replacements = {SearchFilter: BoundedSearchFilter, LocaleFilter: KnownLocaleFilter}
    return [replacements.get(backend, backend) for backend in filter_backends]


class ProblemErrors:
    """Errors as problems (home/problems.py) and times in UTC, for Wagtail's v2 views.

    Wagtail's BaseAPIViewSet.handle_exception answers 404 and 400 itself as `{"message"}` before DRF's
    exception handler is asked; skipping to DRF's own handle_exception lets `get_exception_handler`, DRF's
    hook, answer every error. DRF writes times in the current time zone (the site's is Europe/Athens): the
    API writes them in UTC, with `Z`.

    Authentication as on our endpoints: anonymous without credentials, 401 for a Bearer token that is not valid
    (home/api.py's BearerTokenAuthentication, ahead of DRF's session class; DRF's default classes ignored it)."""

    authentication_classes = [BearerTokenAuthentication, SessionAuthentication]

    def handle_exception(self, exc):
        return APIView.handle_exception(self, exc)

    def get_exception_handler(self):
        return problems.drf_exception_handler

    def dispatch(self, request, *args, **kwargs):
        with timezone.override(datetime.UTC):
            return super().dispatch(request, *args, **kwargs)


class BaseUrlPageHtmlUrlField(PageHtmlUrlField):
    """A page's html_url on the API's base URL (WAGTAILAPI_BASE_URL), as its detail_url: Wagtail takes the Site
    record's host (http://localhost in a fresh install)."""

    def to_representation(self, page):
        request = self.context["request"]
        url = page.get_url(request=request)  # relative when the page is on the request's site
        return get_full_url(request, url) if url else None


class BaseUrlPageSerializer(PageSerializer):
    html_url = BaseUrlPageHtmlUrlField(read_only=True)


def public_pages_queryset(request, model=Page):
    """Wagtail's `get_public_pages_queryset`: the live pages of the request's site in every language that no view
    restriction hides from the request, read from the cache rather than the database. Wagtail reads every view
    restriction, the site and its root's translations on each call, and filters by an OR of one `descendant_of`
    tree per language; here the restrictions, the site and its roots' tree paths are kept under the cache's
    generation (home/fragments.py), which a change to a restriction or a site, and a publish, move, deletion or new
    translation of a page renew (qser_site/signals.py), and each tree is a path prefix. The `site` parameter is left
    to Wagtail."""
    if "site" in request.GET:
        return get_public_pages_queryset(request, model=model)
    from django.http.request import split_domain_port

    hostname, port = split_domain_port(request._get_raw_host())[0], request.get_port()
    # The same entry as the site's pages (home/fragments.py's CachedSiteMiddleware).
    site = remembered("site", [hostname, port], lambda: Site._find_for_request(request))
    if site is None:
        return model._default_manager.none()
    roots = remembered("site-language-roots", [site.pk], lambda: _language_root_paths(site))
    restrictions = remembered(
        "view-restrictions", [], lambda: list(PageViewRestriction.objects.select_related("page").order_by("pk"))
    )
    in_site = Q()
    for path in roots:
        in_site |= Q(path__startswith=path)
    queryset = model._default_manager.all().live().filter(in_site)
    for restriction in restrictions:
        if not restriction.accept_request(request):
            queryset = queryset.exclude(path__startswith=restriction.page.path)
    return queryset


def _language_root_paths(site):
    root = Page.objects.get(pk=site.root_page_id)
    return sorted({root.path, *root.get_translations().values_list("path", flat=True)})


class BoundedPagesAPIViewSet(ProblemErrors, PagesAPIViewSet):
    base_serializer_class = BaseUrlPageSerializer
    pagination_class = BoundedOffsetPagination
    filter_backends = with_bounded_search(PagesAPIViewSet.filter_backends)

    @classmethod
    def get_available_fields(cls, model, db_fields_only=False):
        """Wagtail filters by any query parameter named like a database field: a page type's own field named
        like one of v2's parameters (the form template's StreamField `fields`) turned `?fields=*` into the
        filter "fields = '*'". The parameters keep their meaning; the field is still returned."""
        fields = super().get_available_fields(model, db_fields_only=db_fields_only)
        if db_fields_only:
            fields = [name for name in fields if name not in cls.known_query_parameters]
        return fields

    def get_base_queryset(self):
        # Wagtail asks for it up to three times a request (the list, its model, the serializers' context): once
        # is enough, and it comes from the cache (bench/profiles).
        if not hasattr(self, "_qser_base_queryset"):
            self._qser_base_queryset = self.public_pages()
        return self._qser_base_queryset

    def public_pages(self, model=Page):
        try:
            return public_pages_queryset(self.request, model=model)
        except ValueError as error:
            raise BadRequestError(str(error)) from error

    def get_queryset(self):
        if hasattr(self, "_qser_queryset"):
            return self._qser_queryset  # a queryset: each caller filters a copy of it
        queryset = self.one_type_queryset()
        if queryset is None:
            queryset = super().get_queryset()
        # Each page's locale, and a practice's tags, in one query for the whole list rather than one per page.
        queryset = queryset.select_related("locale")
        if hasattr(queryset.model, "tagged_items"):
            # As a list on each page (practices/pages.py's TagNamesField reads it): prefetched into the manager,
            # taggit builds a query for each page of the list only to hold its tags.
            queryset = queryset.prefetch_related(Prefetch("tags", to_attr="prefetched_tags"))
        self._qser_queryset = queryset
        return queryset

    def one_type_queryset(self):
        """For `?type=` of one page type, Wagtail's own public-pages filter applied to that type directly.
        Wagtail filters the type's pages by id within a subquery of every public page of the site, which the
        database reads whole however few pages the other filters leave (growing with the site)."""
        try:
            models = page_models_from_string(self.request.GET.get("type") or "")
        except (LookupError, ValueError):
            return None  # Wagtail's own get_queryset answers with the error
        if len(models) != 1:
            return None
        return self.public_pages(model=models[0])


class BoundedImagesAPIViewSet(ProblemErrors, ImagesAPIViewSet):
    pagination_class = BoundedOffsetPagination
    filter_backends = with_bounded_search(ImagesAPIViewSet.filter_backends)


class BoundedDocumentsAPIViewSet(ProblemErrors, DocumentsAPIViewSet):
    pagination_class = BoundedOffsetPagination
    filter_backends = with_bounded_search(DocumentsAPIViewSet.filter_backends)


class PagePreviewAPIViewSet(ProblemErrors, PagesAPIViewSet):
    """The draft a signed preview token stands for (wagtail-headless-preview), for a front end's preview."""

    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(["content_type", "token"])

    def listing_view(self, request):
        return Response(self.get_serializer(self.get_object()).data)

    def detail_view(self, request, pk):
        return self.listing_view(request)

    def get_object(self):
        app_label, _dot, model = self.request.GET.get("content_type", "").partition(".")
        preview = PagePreview.objects.filter(
            content_type__app_label=app_label, content_type__model=model, token=self.request.GET.get("token", "")
        ).first()
        if preview is None:
            raise Http404
        page = preview.as_page()
        page.pk = page.pk or 0
        return page


class UnicodeJSONParser(Parser):
    """JSON whose strings are Unicode text. JSON may escape half of a surrogate pair ("\\ud800"), which is no
    character: no database stores it (PostgreSQL refuses it). ninja answers 400 to a body its parser refuses."""

    def parse_body(self, request):
        data = super().parse_body(request)
        json.dumps(data, ensure_ascii=False).encode()  # UnicodeEncodeError on a lone surrogate
        return data


api_v2 = WagtailAPIRouter("wagtailapi")
api_v2.register_endpoint("pages", BoundedPagesAPIViewSet)
api_v2.register_endpoint("page_preview", PagePreviewAPIViewSet)
api_v2.register_endpoint("images", BoundedImagesAPIViewSet)
api_v2.register_endpoint("documents", BoundedDocumentsAPIViewSet)


class QserAPI(problems.ProblemsDocumented, DescribedAPI):
    def get_openapi_schema(self, **kwargs):
        # Fields and answers by kind, from the kinds registered when the document is built (forms_library/api.py).
        return describe_field_kinds(super().get_openapi_schema(**kwargs))


api = QserAPI(
    title="Q-SER Mentoring Hub API",
    version="1.0.0",
    description="Form templates, filled forms, good-practice submissions and shared stage outputs.",
    urls_namespace="qser_api",
    openapi_url="/schema/",
    docs_url="/docs/",
    auth=[BearerTokenAuth(), SessionCookieAuth()],
    parser=UnicodeJSONParser(),
)
problems.install_ninja_handlers(api)

# Wagtail's v3 answers problems already, in English and without a challenge on its 401: the same handlers
# as ours (Wagtail's `register_exception_handlers` is the hook it offers; these replace its handlers).
problems.install_ninja_handlers(api_v3)
api_v3.add_exception_handler(RichTextFormatError, lambda request, exc: problems.problem_response(400, str(exc)))
api.add_router("/forms/", forms_router)
api.add_router("/practices/drafts/", practice_drafts_router)
api.add_router("/practices/", practices_router)
api.add_router("/outputs/", outputs_router)
api.add_router("/me/", me_router)
api.add_router("/mentoring/", programme_router)
api.add_router("/pool/", pool_router)
