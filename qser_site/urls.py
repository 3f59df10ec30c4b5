from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path, re_path
from django.views.generic import TemplateView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.api.v3.urls import api as api_v3
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from home import problems, reports
from home.sitemaps import MultilingualSitemap
from mentoring.accounts import PasswordChangeForm
from mentoring.session_views import calendar_feed
from qser_site import accounts, health
from qser_site import api_v3 as cached_api_v3
from qser_site.api import api as qser_api
from qser_site.api import api_v2


def favicon(request):
    """Pages name their icon; this answers the browsers and crawlers that ask /favicon.ico regardless."""
    return redirect(static("home/img/favicon.svg"), permanent=True)


urlpatterns = [
    path("favicon.ico", favicon),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    # Wagtail's report, but naming only pages the reader may edit (home/reports.py).
    path("admin/reports/page-types-usage/", reports.page_types_usage_report),
    path("admin/reports/page-types-usage/results/", reports.page_types_usage_results),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_v2.urls),
    # Wagtail's OpenAPI document of v3, from the cache (qser_site/api_v3.py), ahead of Wagtail's own view of it.
    path("api/v3/openapi.json", cached_api_v3.openapi_json),
    path("api/v3/", api_v3.urls),
    path("api/", qser_api.urls),
    # Any other address under /api/ is a problem too (in development as well, where Django's debug page
    # would answer instead of handler404).
    re_path(r"^api/", problems.api_not_found),
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password/",
        auth_views.PasswordChangeView.as_view(form_class=PasswordChangeForm),
        name="password_change",
    ),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    # Django's reset views; the mail goes out in its recipient's language (qser_site/accounts.py).
    path("accounts/password/reset/", accounts.PasswordResetView.as_view(), name="password_reset"),
    path("accounts/password/reset/done/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "accounts/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("accounts/reset/done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": MultilingualSitemap}}),
    # A person's calendar feed: its secret token is the key (calendar programs do not sign in), outside the
    # language prefixes, since the feed is written in its owner's language.
    path("calendar/<str:token>.ics", calendar_feed, name="calendar_feed"),
    path("robots.txt", TemplateView.as_view(template_name="robots.txt", content_type="text/plain")),
]

# Under /api/ an error no API's own handler answered is a problem; elsewhere the site's error page.
handler400 = problems.bad_request
handler403 = problems.permission_denied
handler404 = problems.page_not_found
handler500 = problems.server_error

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Every language has its prefix, English included; "/" redirects by Accept-Language (LocaleMiddleware).
urlpatterns += i18n_patterns(
    path("", include("home.urls")),
    path("mentoring/", include("qser_site.privacy_urls")),
    path("mentoring/", include("mentoring.urls")),
    path("practices/", include("practices.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
