import contextlib
import re
import zoneinfo

from django.conf import settings
from django.http import HttpResponseBadRequest
from django.middleware.locale import LocaleMiddleware
from django.utils import timezone
from django.utils.cache import patch_cache_control, set_response_etag
from django.utils.translation import gettext as _
from wagtail.models import Site

from home import problems
from home.api import api_base_url
from home.cache import cached_response, response_key, store_response


class SiteLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, except that a 404 of the API stays a 404.

    Django redirects any unprefixed URL that 404s to its language-prefixed form when that form could
    match, and Wagtail's pages match everything, so `/api/…/999/` would redirect to `/en/api/…/999/`.
    """

    def process_response(self, request, response):
        if request.path_info.startswith("/api/"):
            return response
        return super().process_response(request, response)


class RefuseNullCharactersMiddleware:
    """A null character in the address is refused with a 400 before any view reads it.

    Searches, filters and lookups pass query parameters to the database, and PostgreSQL cannot hold a null
    character in text (SQLite's full-text search fails on one too). Forms refuse it in what they validate
    (Django's ProhibitNullCharactersValidator); this covers every other parameter, Wagtail's views included.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        texts = [
            request.path,
            *request.GET.keys(),
            *(value for _key, values in request.GET.lists() for value in values),
        ]
        if any("\x00" in text for text in texts):
            message = _("The address contains a null character, which no page accepts.")
            if problems.is_api(request):
                return problems.problem_response(400, message)
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


class APIMethodNotAllowedMiddleware:
    """A method a django-ninja address does not take is a problem too (405, with its `Allow` header).

    ninja answers it from its path view before any exception handler is asked, as a plain text response, and
    offers no hook for it; DRF's (v2) goes through its exception handler already."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code == 405
            and problems.is_api(request)
            and response.get("Content-Type", "") != problems.PROBLEM_JSON
        ):
            return problems.problem_response(405, headers={"Allow": response.get("Allow", "")})
        return response


class APIPageURLsMiddleware:
    """Wagtail API v3's `html_url` (a page's `get_full_url(request)`) on the API's base URL or the request's host.

    Wagtail builds a page's full URL from the Site record's root URL (`http://localhost` in a fresh install),
    which it reads once per request into `request._wagtail_cached_site_root_paths`, the per-request cache that
    `Page.get_url_parts` documents taking a request for. For a v3 request that cache is filled here with the
    request's site on home.api.api_base_url (WAGTAILAPI_BASE_URL, else the request's host); other sites keep
    their own root URL. v3's schemas and views stay Wagtail's (v2 has its own serializer field, qser_site/api.py)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith("/api/v3/"):
            site = Site.find_for_request(request)
            base = api_base_url(request)  # like Site.root_url: no trailing slash
            request._wagtail_cached_site_root_paths = [
                root._replace(root_url=base) if site is not None and root.site_id == site.pk else root
                for root in Site.get_site_root_paths()
            ]
        return self.get_response(request)


class APICacheHeadersMiddleware:
    """Public API answers may be cached but must be revalidated, so a publish shows at once; Django's
    ConditionalGetMiddleware gives them an ETag and answers 304 when nothing changed. Anything a
    person or a token reads of their own is never stored."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path_info.startswith("/api/") and not response.has_header("Cache-Control"):
            public = (
                request.method in ("GET", "HEAD")
                and request.path_info.startswith("/api/v2/")
                # A draft read with its preview token is not public content.
                and not request.path_info.startswith("/api/v2/page_preview/")
            )
            if public and not request.user.is_authenticated and "HTTP_AUTHORIZATION" not in request.META:
                patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
            else:
                patch_cache_control(response, private=True, no_store=True)
        return response


class AnonymousResponseCacheMiddleware:
    """Serves anonymous readers' GET requests of the public site and API from the shared cache.

    Only what is the same for every anonymous reader is stored: a 200 to a request without a session,
    messages or credentials, that sets no cookie, used no CSRF token and is not marked private. The key
    holds the host, the language and the full path with its query, under the cache's generation (see
    home/cache.py), so a publish shows at once. RESPONSE_CACHE_SECONDS = 0 turns it off.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.cached_paths = re.compile(settings.RESPONSE_CACHE_PATHS)

    def __call__(self, request):
        seconds = settings.RESPONSE_CACHE_SECONDS
        if not (seconds and self.is_anonymous_read(request)):
            return self.get_response(request)
        key = response_key(request)
        current, response = cached_response(key)
        if response is not None:
            response["X-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if self.is_shareable(request, response):
            set_response_etag(response)  # once, rather than ConditionalGetMiddleware hashing it on every hit
            store_response(key, current, response, seconds)
            response["X-Cache"] = "miss"
        return response

    def is_anonymous_read(self, request):
        return (
            request.method == "GET"
            and self.cached_paths.match(request.path_info) is not None
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and "messages" not in request.COOKIES
            and "HTTP_AUTHORIZATION" not in request.META
        )

    @staticmethod
    def is_shareable(request, response):
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and not any(word in cache_control for word in ("private", "no-store", "no-cache"))
        )


class ReaderTimeZoneMiddleware:
    """Dates and times on the site in the reader's zone: a signed-in person's own (User.time_zone, the zone of
    their department's country unless they chose another in their account settings), the site's otherwise.
    After the authentication middleware; Wagtail's admin activates the same zone for its own views."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        zone = request.user.time_zone if request.user.is_authenticated else ""
        timezone.deactivate()  # nothing of the previous request on this thread stays
        if zone:
            with contextlib.suppress(zoneinfo.ZoneInfoNotFoundError, ValueError):
                timezone.activate(zoneinfo.ZoneInfo(zone))
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
