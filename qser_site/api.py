"""The API router.

- Wagtail API v2 (`/api/v2/`): published, public pages, images and documents, with the `locale` and
  `translation_of` filters, for readers' systems.
- Wagtail API v3 (`/api/v3/`): Wagtail's own read-and-write page API for editors' systems, mounted with its
  permission checks in force.
- The site's own endpoints (`/api/`, django-ninja, described at `/api/schema/` and `/api/docs/`): what people
  do on the site, with the site's permission rules. Browsers authenticate with their session (and CSRF);
  other systems with Wagtail's API tokens (`Authorization: Bearer …`).
"""

import json

from django.core.exceptions import ValidationError
from django.http import Http404
from ninja.parser import Parser
from ninja.security import django_auth
from rest_framework.response import Response
from wagtail.api.querysets import get_public_pages_queryset
from wagtail.api.v2.filters import SearchFilter
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError, page_models_from_string
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.api.v3.auth import BearerTokenAuth
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail_headless_preview.models import PagePreview

from forms_library.api import router as forms_router
from home.api import MAX_OFFSET
from home.search import bounded_query
from mentoring.api import router as outputs_router
from practices.api import router as practices_router
from qser_site.openapi import DescribedAPI


class BoundedOffsetPagination(WagtailPagination):
    """Wagtail's pagination, with the same upper bound on the offset as our endpoints: a database cannot skip
    more rows than its integers hold (SQLite fails on such an offset)."""

    def paginate_queryset(self, queryset, request, view=None):
        offset = request.GET.get("offset", "")
        if offset.isdecimal() and int(offset) > MAX_OFFSET:
            raise BadRequestError(f"offset cannot be higher than {MAX_OFFSET}")
        return super().paginate_queryset(queryset, request, view)


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
    return [BoundedSearchFilter if backend is SearchFilter else backend for backend in filter_backends]


class BoundedPagesAPIViewSet(PagesAPIViewSet):
    pagination_class = BoundedOffsetPagination
    filter_backends = with_bounded_search(PagesAPIViewSet.filter_backends)

    def get_queryset(self):
        queryset = self.one_type_queryset()
        if queryset is None:
            queryset = super().get_queryset()
        # Each page's locale, and a practice's tags, in one query for the whole list rather than one per page.
        queryset = queryset.select_related("locale")
        if hasattr(queryset.model, "tagged_items"):
            queryset = queryset.prefetch_related("tags")
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
        try:
            return get_public_pages_queryset(self.request, model=models[0])
        except ValueError as error:
            raise BadRequestError(str(error)) from error


class BoundedImagesAPIViewSet(ImagesAPIViewSet):
    pagination_class = BoundedOffsetPagination
    filter_backends = with_bounded_search(ImagesAPIViewSet.filter_backends)


class BoundedDocumentsAPIViewSet(DocumentsAPIViewSet):
    pagination_class = BoundedOffsetPagination
    filter_backends = with_bounded_search(DocumentsAPIViewSet.filter_backends)


class PagePreviewAPIViewSet(PagesAPIViewSet):
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


api = DescribedAPI(
    title="Q-SER Mentoring Hub API",
    version="1.0.0",
    description="Form templates, filled forms, good-practice submissions and shared stage outputs.",
    urls_namespace="qser_api",
    openapi_url="/schema/",
    docs_url="/docs/",
    auth=[BearerTokenAuth(), django_auth],
    parser=UnicodeJSONParser(),
)
api.add_router("/forms/", forms_router)
api.add_router("/practices/", practices_router)
api.add_router("/outputs/", outputs_router)
