from django.middleware.locale import LocaleMiddleware
from django.utils.cache import patch_cache_control


class SiteLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, except that a 404 of the API stays a 404.

    Django redirects any unprefixed URL that 404s to its language-prefixed form when that form could
    match, and Wagtail's pages match everything, so `/api/…/999/` would redirect to `/en/api/…/999/`.
    """

    def process_response(self, request, response):
        if request.path_info.startswith("/api/"):
            return response
        return super().process_response(request, response)


class APICacheHeadersMiddleware:
    """Public API answers may be cached but must be revalidated, so a publish shows at once; Django's
    ConditionalGetMiddleware gives them an ETag and answers 304 when nothing changed. Anything a
    person or a token reads of their own is never stored."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path_info.startswith("/api/") and not response.has_header("Cache-Control"):
            public = request.method in ("GET", "HEAD") and request.path_info.startswith("/api/v2/")
            if public and not request.user.is_authenticated and "HTTP_AUTHORIZATION" not in request.META:
                patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
            else:
                patch_cache_control(response, private=True, no_store=True)
        return response
