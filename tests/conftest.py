import contextlib

import django.test
import pytest
from django.core.cache import cache
from django.db import transaction
from django.utils import translation
from wagtail.models import Locale, Page

from home.models import HomePage
from qser_site import backup
from qser_site.demo import build_site_content
from tests.cast import build_cast
from tests.factories import practices_in_every_language

LANGUAGE_CODES = ["en", "el", "cs", "de", "es"]

# One page of each public kind, for the checks that go over every kind of page (security headers, CSP).
PUBLIC_PAGES = [
    "/en/",
    "/el/guides/",
    "/en/guides/the-q-ser-mentoring-process/",
    "/en/forms/",
    "/en/forms/swot-analysis/",
    "/en/practices/?lang=all",
    "/en/search/?q=mentor",
    "/accounts/login/",
    "/en/about/",
    "/el/privacy/",
    "/de/accessibility/",
]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The site's content and the cast of the README's people (tests/cast.py), built once for the session;
    each test builds with tests/factories.py whatever else it needs. Only tests/home/test_setup_demo.py runs
    the demo."""
    with django_db_blocker.unblock():
        with transaction.atomic():
            build_site_content()
        with transaction.atomic():
            build_cast()


@contextlib.contextmanager
def for_the_module(django_db_blocker):
    """Build data a module's tests read: in a transaction rolled back after the module, each test in a savepoint."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def practices_everywhere(django_db_setup, django_db_blocker):
    """Practices in every language, published and awaiting moderation, for the module that asks."""
    with for_the_module(django_db_blocker):
        practices_in_every_language()
        yield


def site_is_there():
    return HomePage.objects.exists()


@pytest.fixture(scope="session")
def session_database_copy(django_db_setup, django_db_blocker, tmp_path_factory):
    """The database as the session built it (the site's content and the cast), copied with the backup module's
    own tool."""
    with django_db_blocker.unblock():
        if not site_is_there():
            pytest.fail("A transactional test emptied the database before it was copied: give it committed_world.")
        copy = tmp_path_factory.mktemp("session") / "database"
        backup.dump_database(copy)
    return copy


@pytest.fixture
def committed_world(session_database_copy, transactional_db):
    """The session's site and cast for a transactional test, whose writes other connections see (threads,
    pg_dump). pytest-django empties the database after each such test (they run after all the others), so the
    session's database is put back first when an earlier one emptied it."""
    if not site_is_there():
        backup.restore_database(session_database_copy)


class Client(django.test.Client):
    """Django's test client; what a request leaves for after its commit (e-mail) runs as the request
    ends, as the request's own transaction commits on a real server (the test's never does). A request
    that fails leaves nothing to run: Django drops what a rolled-back block registered."""

    def request(self, **request):
        with django.test.TestCase.captureOnCommitCallbacks(execute=True):
            return super().request(**request)


@pytest.fixture
def client():
    return Client()


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test's database changes are rolled back, so its cached responses must go too."""
    cache.clear()


@pytest.fixture
def without_response_cache(settings):
    """Measure what rendering costs, not the anonymous response cache."""
    settings.RESPONSE_CACHE_SECONDS = 0


@pytest.fixture(autouse=True)
def english_by_default():
    """Requests activate the reader's language in the thread; each test starts in English again."""
    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture
def home_en(db):
    from home.models import HomePage

    return HomePage.objects.get(locale__language_code="en")


def localized(page, language_code):
    """The page's counterpart in another locale."""
    return Page.objects.get(
        translation_key=page.translation_key, locale=Locale.objects.get(language_code=language_code)
    ).specific


def translated(message, language_code, plural=None, count=None):
    """The interface string in a language (its form for `count` when it has a `plural`), asserting that the
    catalogue really translates it."""
    with translation.override(language_code):
        text = translation.gettext(message) if plural is None else translation.ngettext(message, plural, count)
    english = message if plural is None or count == 1 else plural
    assert language_code == "en" or text != english, f"'{english}' is not translated into {language_code}"
    return text


def sign_in(client, username):
    """Sign one of the cast (tests/cast.py) in without the sign-in form: django-axes' backend refuses `client.login`, which
    authenticates without a request. The form itself is tested in tests/mentoring/test_accounts.py."""
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username=username))
