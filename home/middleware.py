from django.middleware.locale import LocaleMiddleware


class SiteLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, except that a 404 of the API stays a 404.

    Django redirects any unprefixed URL that 404s to its language-prefixed form when that form could
    match, and Wagtail's pages match everything, so `/api/…/999/` would redirect to `/en/api/…/999/`.
    """

    def process_response(self, request, response):
        if request.path_info.startswith("/api/"):
            return response
        return super().process_response(request, response)
