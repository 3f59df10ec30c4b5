"""Settings shared by every environment. Secrets and hosts live in dev.py / production.py."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

INSTALLED_APPS = [
    "qser_site",
    "home",
    "django_tasks",
    "django_tasks_db",
    "forms_library",
    "practices",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail_headless_preview",
    "corsheaders",
    "wagtail.contrib.forms",
    "wagtail.contrib.routable_page",
    "wagtail.api.v2",
    "wagtail.api.v3",
    "rest_framework",
    "ninja",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "guardian",
    "axes",
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # After wagtail.admin, whose signal handlers it replaces (see mentoring/apps.py).
    "mentoring",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "qser_site.middleware.SiteLocaleMiddleware",
    "qser_site.middleware.RefuseNullCharactersMiddleware",
    # Wagtail's site for the request from the cache (home/fragments.py).
    "home.fragments.CachedSiteMiddleware",
    # Which page a path leads to, from the cache (home/fragments.py).
    "home.fragments.CachedRouteMiddleware",
    "qser_site.middleware.AnonymousResponseCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # The sign-in and password pages in the language the reader chose, not the browser's (after auth).
    "qser_site.accounts.AccountLanguageMiddleware",
    "qser_site.middleware.ReaderTimeZoneMiddleware",
    "qser_site.middleware.APICacheHeadersMiddleware",
    "qser_site.middleware.APIPageURLsMiddleware",
    # Django reads uploaded files for POST only; django-ninja's middleware reads them for PUT too (an attachment
    # replaced through the API, practices/api.py).
    "ninja.compatibility.files.fix_request_files_middleware",
    "qser_site.middleware.APIMethodNotAllowedMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes requires: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "qser_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "qser_site.wsgi.application"


def database(url):
    """The database of a URL, its connections kept between requests. SQLite reads the file through a
    memory map, from the operating system's page cache shared by every worker, instead of copying each
    page into its own small cache (2 MB): a search ranking a thousand index entries, each on its own
    page, took twice as long.

    SQLite takes one writer at a time, and with several clients writing at once the embedded default
    answered "database is locked" (a 500) to a third of the saves. Write-ahead logging lets readers go on
    while one writes; a writer waits up to SQLITE_BUSY_TIMEOUT_MS for the lock instead of failing; and
    every transaction takes the write lock when it begins (IMMEDIATE), because a transaction that read
    first and then tries to write cannot wait for the lock: SQLite refuses it at once to avoid a deadlock."""
    settings = dj_database_url.parse(url, conn_max_age=600, conn_health_checks=True)
    if settings["ENGINE"] == "django.db.backends.sqlite3":
        busy_ms = int(os.environ.get("SQLITE_BUSY_TIMEOUT_MS", "20000"))
        settings["OPTIONS"] = {
            "init_command": ";".join(
                [
                    "PRAGMA journal_mode = WAL",
                    "PRAGMA synchronous = NORMAL",
                    f"PRAGMA busy_timeout = {busy_ms}",
                    "PRAGMA mmap_size = 1073741824",
                ]
            ),
            "transaction_mode": "IMMEDIATE",
            "timeout": busy_ms / 1000,
        }
    return settings


# SQLite is the embedded default; DATABASE_URL (postgres://…) switches to PostgreSQL.
DATABASES = {"default": database(os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "mentoring.User"

AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out username and address before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Object permissions (stage outputs shared with departments); Django's backend never answers them.
    "guardian.backends.ObjectPermissionBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # Staff handle confidential records: longer than Django's default of 8.
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
# After signing in without a page to go back to: what is waiting for the person (mentoring/next_steps.py).
LOGIN_REDIRECT_URL = "mentoring:relationships"
LOGOUT_REDIRECT_URL = "/"
# A private page sends anonymous readers to the site's own sign-in, not Wagtail's bare one.
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/"

# Password guessing: five failed sign-ins for one username from one address lock that pair out for
# 15 minutes, on the site's sign-in and the Wagtail admin's alike (django-axes). A success resets the count.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Failures are enough to throttle; a record of every successful sign-in is personal data it does not need.
AXES_DISABLE_ACCESS_LOG = True

# Sessions of people who read confidential records: a working day at most, and none left behind in a
# shared browser once it is closed. Changing a password signs out every other session (Django's session
# auth hash). Production adds SESSION_COOKIE_SECURE.
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Read from the cache (Redis in production), written through to the database: a signed-in request does not
# query its session. Whatever ends sessions goes through the session store, which clears both.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Security headers (SecurityMiddleware, XFrameOptionsMiddleware). Wagtail's and wagtail-localize's
# preview views override DENY with SAMEORIGIN themselves, so the admin's preview iframe still works.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp): nothing inline, nothing from elsewhere. The same header for every
# response (no nonces), so whole pages can be cached. The Wagtail admin is left out: its own templates
# and editors use inline scripts and styles.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Languages: English is the source; the interface (gettext) and the content (wagtail-localize)
# share one list.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("el", "Ελληνικά"),
    ("cs", "Čeština"),
    ("de", "Deutsch"),
    ("es", "Español"),
]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
# A page submitted for translation starts as a draft in the other languages (wagtail-localize would otherwise
# publish its untranslated copy at once when the source is live): its translator publishes it, and a practice's
# translation goes through the practices' moderation (practices/permissions.py).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Athens"
USE_TZ = True
# Dates as each language writes them; Django's own formats for anything not named there.
FORMAT_MODULE_PATH = ["qser_site.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / "media"


def media_storages(environ=os.environ):
    """Where uploads are kept: the local disk (MEDIA_ROOT), or an S3-compatible bucket when
    AWS_STORAGE_BUCKET_NAME is set (django-storages; the credentials are boto3's own AWS_ACCESS_KEY_ID and
    AWS_SECRET_ACCESS_KEY, or the server's role).

    In the bucket nothing is public: documents (practice attachments in moderation among them), original
    images and every other upload are read through a URL signed for AWS_QUERYSTRING_EXPIRE seconds, which
    Wagtail's document view hands out only after its privacy checks (it redirects to the storage's URL when
    the storage has no local path). Image renditions, which published pages show to anyone and the page
    cache keeps, are the one public part: a storage of their own, under `public/`, readable without a signature."""
    bucket = environ.get("AWS_STORAGE_BUCKET_NAME")
    if not bucket:
        return {"default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    common = {
        "bucket_name": bucket,
        "endpoint_url": environ.get("AWS_S3_ENDPOINT_URL") or None,
        "region_name": environ.get("AWS_S3_REGION_NAME") or None,
        "addressing_style": environ.get("AWS_S3_ADDRESSING_STYLE") or None,
        "signature_version": "s3v4",
        "file_overwrite": False,
    }
    return {
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                **common,
                "default_acl": "private",
                "querystring_auth": True,
                "querystring_expire": int(environ.get("AWS_QUERYSTRING_EXPIRE", "300")),
            },
        },
        "renditions": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {**common, "location": "public", "default_acl": "public-read", "querystring_auth": False},
        },
    }


STORAGES = {
    **media_storages(),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if "renditions" in STORAGES:
    WAGTAILIMAGES_RENDITION_STORAGE = "renditions"

# One cache for every worker: REDIS_URL names a Redis server (production); otherwise each process has
# its own memory cache, which is right for one process (`make run`, the tests).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["REDIS_URL"]}
    if os.environ.get("REDIS_URL")
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 5000}}
}
# Anonymous readers' pages and public API answers are served from that cache (home/cache.py); a
# publish renews it at once. 0 turns it off.
RESPONSE_CACHE_SECONDS = int(os.environ.get("RESPONSE_CACHE_SECONDS", "3600"))
_LANGUAGE_PREFIXES = "|".join(code for code, _name in LANGUAGES)
RESPONSE_CACHE_PATHS = rf"^/({_LANGUAGE_PREFIXES})/|^/api/v2/|^/sitemap\.xml$|^/robots\.txt$"

WAGTAIL_SITE_NAME = _("Q-SER Mentoring Hub")
# No request to a third party from the admin: avatars are the uploaded ones or Wagtail's default.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
# Wagtail's database backend; home/search_backend.py escapes what SQLite's full-text search cannot read.
# On PostgreSQL, text is indexed and searched with the "english" configuration, the server default made
# explicit: the index does not depend on how a server was set up, and a query names its configuration, so
# PostgreSQL parses it once per search rather than once per matching row. SQLite ignores it.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "home.search_backend", "SEARCH_CONFIG": "english"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
# Uploads are judged by content, archives and images by what they unpack to (home/uploads.py, home/forms.py).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "home.forms.DocumentForm"
WAGTAILIMAGES_IMAGE_FORM_BASE = "home.forms.ImageForm"
# 50 megapixels (a 48-megapixel photo, an A4 page scanned at 600 dpi), below Pillow's own bomb limit.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 50_000_000
# The largest file, in bytes, each kind of upload takes (a reverse proxy in front must take at least the largest,
# docs/deploy.md). Images and documents: Wagtail's own settings, checked by its upload fields with its translated
# message (home/forms.py checks images' before decoding them). Attachments: a practice's attachments, on the
# site's form and through the API (home/uploads.py check_size).
WAGTAILIMAGES_MAX_UPLOAD_SIZE = int(os.environ.get("WAGTAILIMAGES_MAX_UPLOAD_SIZE", str(10 * 1024 * 1024)))
WAGTAILDOCS_MAX_UPLOAD_SIZE = int(os.environ.get("WAGTAILDOCS_MAX_UPLOAD_SIZE", str(20 * 1024 * 1024)))
PRACTICE_ATTACHMENT_MAX_UPLOAD_SIZE = int(os.environ.get("PRACTICE_ATTACHMENT_MAX_UPLOAD_SIZE", str(10 * 1024 * 1024)))
# How many days a prepared personal-data export (qser_site/privacy_exports.py) can be downloaded before its file
# and its record are removed (the clock's hourly purge_personal_data_exports).
PERSONAL_DATA_EXPORT_DAYS = int(os.environ.get("PERSONAL_DATA_EXPORT_DAYS", "7"))
# The admin offers the site's five languages (Wagtail ships these catalogues).
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

GUARDIAN_RAISE_403 = True
# No "AnonymousUser" row: the site grants anonymous readers nothing per object (what is public is public by
# Wagtail's rules), and the row showed up as a person in the admin's user and API token lists.
ANONYMOUS_USER_NAME = None

# Background work (notification e-mails) runs through Django's tasks framework. Immediate in
# development and tests; production may point TASKS_BACKEND at a queue.
WAGTAIL_FINISH_WORKFLOW_ACTION = "mentoring.publishing.publish_workflow_state"

# Wagtail's own tasks (search and reference index) run on "default", immediately, so search is fresh at
# publish; ours (mail, notifications, reminders: home/tasks.py) on "qser", immediately here and in the tests,
# on the database with its worker in production (docs/deploy.md).
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "qser": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
}

WAGTAILAPI_SEARCH_ENABLED = True
WAGTAILAPI_LIMIT_MAX = 100
# The scheme and host of every URL the API answers (v2's detail_url, html_url and download_url, our
# endpoints' detail_url): without it v2 takes the Site record's (http://localhost).
WAGTAILAPI_BASE_URL = os.environ.get("WAGTAILAPI_BASE_URL") or WAGTAILADMIN_BASE_URL

# A front end on another origin: HEADLESS_PREVIEW_URL makes editors' previews open there
# (wagtail-headless-preview, which reads the draft from /api/v2/page_preview/).
WAGTAIL_HEADLESS_PREVIEW = {
    "CLIENT_URLS": {"default": os.environ["HEADLESS_PREVIEW_URL"]} if os.environ.get("HEADLESS_PREVIEW_URL") else {},
}

# Other origins allowed to call the API from a browser (comma-separated), e.g. an intranet.
CORS_ALLOWED_ORIGINS = [o.strip() for o in os.environ.get("CORS_ALLOWED_ORIGINS", "").split(",") if o.strip()]
CORS_URLS_REGEX = r"^/api/.*$"
NINJA_PAGINATION_PER_PAGE = 50
NINJA_PAGINATION_MAX_LIMIT = 100
