"""Production: everything secret or site-specific comes from the environment."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403


def env(name, default=None, *, required=False):
    value = os.environ.get(name, default)
    if required and not value:
        raise ImproperlyConfigured(f"The environment variable {name} must be set in production.")
    return value


def env_bool(name, default):
    return env(name, str(default)).lower() in {"1", "true", "yes", "on"}


DEBUG = False
SECRET_KEY = env("SECRET_KEY", required=True)
ALLOWED_HOSTS = [host.strip() for host in env("ALLOWED_HOSTS", required=True).split(",") if host.strip()]
CSRF_TRUSTED_ORIGINS = [o.strip() for o in env("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()]

DATABASES = {"default": database(env("DATABASE_URL", required=True))}  # noqa: F405

STORAGES = {
    **media_storages(),  # noqa: F405 -- the local disk, or the bucket of AWS_STORAGE_BUCKET_NAME
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = env("MEDIA_ROOT", str(BASE_DIR / "media"))  # noqa: F405
# `manage.py collectstatic` writes here; WhiteNoise serves it.
STATIC_ROOT = env("STATIC_ROOT", str(BASE_DIR / "staticfiles"))  # noqa: F405

WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", f"https://{ALLOWED_HOSTS[0]}" if ALLOWED_HOSTS else "")
WAGTAILAPI_BASE_URL = env("WAGTAILAPI_BASE_URL", WAGTAILADMIN_BASE_URL)

# HTTPS everywhere; behind a TLS-terminating proxy set SECURE_PROXY_SSL_HEADER_NAME.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# The health probes of a load balancer speak plain HTTP to the app server.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
if env("SECURE_PROXY_SSL_HEADER_NAME"):
    SECURE_PROXY_SSL_HEADER = (env("SECURE_PROXY_SSL_HEADER_NAME"), "https")
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# Behind a proxy every request comes from the proxy's address: the sign-in lockout (django-axes, through
# django-ipware) then reads the client's address from a header the proxy sets, e.g. HTTP_X_REAL_IP for
# nginx's `proxy_set_header X-Real-IP $remote_addr;`.
if env("CLIENT_IP_HEADER_NAME"):
    AXES_IPWARE_META_PRECEDENCE_ORDER = (env("CLIENT_IP_HEADER_NAME"),)

# Anonymous responses are cached only where every worker shares one cache (home/cache.py); a memory
# cache per worker would miss the invalidations of the others.
RESPONSE_CACHE_SECONDS = int(env("RESPONSE_CACHE_SECONDS", "3600" if env("REDIS_URL") else "0"))

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
# The directory of the file-based backend (django.core.mail.backends.filebased.EmailBackend): staging, tests.
if env("EMAIL_FILE_PATH"):
    EMAIL_FILE_PATH = env("EMAIL_FILE_PATH")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "webmaster@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Our background work (mail, notifications, reminders) runs on QSER_TASKS_BACKEND: the database with its
# worker (`manage.py db_worker --backend qser`, see the Procfile) so that a slow or absent mail server never
# holds up a request and a failed mail is retried. Wagtail's own tasks stay immediate.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "qser": {"BACKEND": env("QSER_TASKS_BACKEND", "django_tasks_db.DatabaseBackend")},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
}
