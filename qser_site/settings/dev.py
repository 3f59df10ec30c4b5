"""Local development: `make run`. Never used in production."""

from .base import *  # noqa: F403

DEBUG = True
# Development only: production reads SECRET_KEY from the environment.
SECRET_KEY = "dev-only-insecure-key-qser-mentoring-hub"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
INTERNAL_IPS = ["127.0.0.1"]
# WhiteNoise serves straight from the apps' static folders, without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# The demo users' password; `setup_demo` refuses to create them outside DEBUG.
DEMO_PASSWORD = "qser-demo"  # noqa: S105
