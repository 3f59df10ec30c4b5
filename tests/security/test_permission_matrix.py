"""Every URL the site and its API serve × every role of the README × the answer expected.

The site holds staff's mentoring records, confidential by default, so one table says who gets what. Each row is
a request on a real object of the world (conftest.py): `{name}` placeholders are the cast's objects and those
the world adds, so a row asks for something that belongs to someone, and most rows have a twin asking for
somebody else's. A cell is the answer for one role:

- a status code; a 3xx code is a redirect that is not to a sign-in page;
- `LOGIN`: a redirect to a sign-in page (the site's, the admin's or Wagtail's page-privacy one);
- `NO`: the Wagtail admin's refusal for a user who has the admin but not this permission (a redirect to
  the dashboard with "Sorry, you do not have permission"), or 403;
- `BACK`: a refusal as a redirect with a message (e.g. to "My submissions" when a practice is not editable).

A row that writes names a payload (`PAYLOADS`); the world is compared before and after: a refused write
changes nothing, an accepted one changes something. Every answer must be free of server errors, and no text
answer may carry a `Secret` its reader may not see (a listing leaking someone's form title, say).

API rows are sent with a browser's session and with a Wagtail API token. Our endpoints (/api/) and API v2 honour
both, and each signed-in role's cell sends both; API v3 honours the token only: the cells send that one, and the
admin's cell also sends the session, which must be answered as the anonymous column says.

The collection tests fail when a URL pattern, a method of an API endpoint or a route of a page type has no row,
so a new view cannot escape the matrix. The Wagtail admin's own hundreds of patterns are covered by a rule
(`test_admin_rule`); its views of our own models and its public pages have rows.

Each row is one test and each role's cell a subtest of it, so a failing cell is reported by its request and its
role: `SUBFAILED …::test_row[GET /en/forms/mine/{staff_form}/] - AssertionError: GET … as mentee (session):
expected 404, got 200`.
"""

import dataclasses
import inspect
import re
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import transaction
from django.test import RequestFactory
from django.urls import Resolver404, URLResolver, get_resolver, resolve
from django.utils import translation
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

from .conftest import ROLES, world_snapshot

pytestmark = pytest.mark.django_db


@dataclasses.dataclass(frozen=True)
class Answer:
    """An expected answer that is a class of responses rather than one status code."""

    label: str
    refusal: bool

    def __repr__(self):
        return self.label


LOGIN = Answer("LOGIN", refusal=True)
NO = Answer("NO", refusal=True)
BACK = Answer("BACK", refusal=True)
LOGIN_PATHS = ("/accounts/login/", "/admin/login/", "/en/_util/login/")


def _location(response):
    return response.get("Location", "").split("?")[0]


def matches(expected, response):
    location = _location(response)
    if expected is LOGIN:
        return response.status_code == 302 and location.startswith(LOGIN_PATHS)
    if expected is NO:
        return response.status_code == 403 or (response.status_code == 302 and location == "/admin/")
    if expected is BACK:
        return response.status_code == 302 and not location.startswith(LOGIN_PATHS)
    if 300 <= expected < 400 and location.startswith(LOGIN_PATHS):
        return False
    return response.status_code == expected


def is_refusal(expected):
    return expected.refusal if isinstance(expected, Answer) else expected >= 400


# fmt: off
MATRIX = [
    # request                                                             anonymous staff mentee mentor reviewer outsider translator editor admin
    # Outside the language prefix
    ("GET /",                                                                302,  302,  302,  302,  302,  302,  302,  302,  302),
    ("GET /robots.txt",                                                      200,  200,  200,  200,  200,  200,  200,  200,  200),
    ("GET /sitemap.xml",                                                     200,  200,  200,  200,  200,  200,  200,  200,  200),
    ("POST /i18n/setlang/ language",                                         302,  302,  302,  302,  302,  302,  302,  302,  302),
    ("GET /accounts/login/",                                                 200,  302,  302,  302,  302,  302,  302,  302,  302),
    ("GET /accounts/logout/",                                                405,  405,  405,  405,  405,  405,  405,  405,  405),
    ("POST /accounts/logout/ logout",                                        302,  302,  302,  302,  302,  302,  302,  302,  302),
    ("GET /accounts/password/",                                            LOGIN,  200,  200,  200,  200,  200,  200,  200,  200),
    ("POST /accounts/password/ password",                                  LOGIN,  302,  302,  302,  302,  302,  302,  302,  302),
    ("GET /accounts/password/done/",                                       LOGIN,  200,  200,  200,  200,  200,  200,  200,  200),
    ("GET /accounts/password/reset/",                                        200,  200,  200,  200,  200,  200,  200,  200,  200),
    ("GET /accounts/password/reset/done/",                                   200,  200,  200,  200,  200,  200,  200,  200,  200),
    ("GET /accounts/reset/done/",                                            200,  200,  200,  200,  200,  200,  200,  200,  200),
    # A reset link that names nobody: the page says the link does not work, to everyone.
    ("GET /accounts/reset/MTIzNDU2/not-a-token/",                            200,  200,  200,  200,  200,  200,  200,  200,  200),
    ("GET /favicon.ico",                                                     301,  301,  301,  301,  301,  301,  301,  301,  301),
    ("GET /documents/{public_document}/{public_document_file}",              200,  200,  200,  200,  200,  200,  200,  200,  200),
    # An attachment of a practice in moderation: the moderators' (editor) only, in a private collection.
    ("GET /documents/{pending_document}/{pending_document_file}",          LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN,  200,  200),
    ("GET /documents/authenticate_with_password/{collection_restriction}/",  200,  200,  200,  200,  200,  200,  200,  200,  200),

    # Wagtail API v2: published, public content (a page restricted to a group is read with that group's session)
    ("GET /api/v2/pages/",                                                   200,  200,  200,  200,  200,  200,  200,  200,  200),
    ("GET /api/v2/pages/{guide_id}/",                                        200,  200,  200,  200,  200,  200,  200,  200,  200),
    ("GET /api/v2/pages/{private_guide_id}/",                                404,  404,  200,  200,  200,  404,  404,  404,  200),
    ("GET /api/v2/pages/{pending_practice}/",                                404,  404,  404,  404,  404,  404,  404,  404,  404),
    ("GET /api/v2/pages/find/?html_path=/guides/",                           302,  302,  302,  302,  302,  302,  302,  302,  302),
    ("GET /api/v2/page_preview/?content_type=home.guidepage&token={preview_token}",
                                                                             200,  200,  200,  200,  200,  200,  200,  200,  200),
    ("GET /api/v2/page_preview/?content_type=home.guidepage&token=forged",   404,  404,  404,  404,  404,  404,  404,  404,  404),
    ("GET /api/v2/page_preview/{guide_id}/?content_type=home.guidepage&token=forged",
                                                                             404,  404,  404,  404,  404,  404,  404,  404,  404),
    ("GET /api/v2/page_preview/find/?content_type=home.guidepage&token=forged",
                                                                             404,  404,  404,  404,  404,  404,  404,  404,  404),
    ("GET /api/v2/images/",                                                  200,  200,  200,  200,  200,  200,  200,  200,  200),
    ("GET /api/v2/images/{image}/",                                          200,  200,  200,  200,  200,  200,  200,  200,  200),
    ("GET /api/v2/images/find/?id={image}",                                  302,  302,  302,  302,  302,  302,  302,  302,  302),
    ("GET /api/v2/documents/",                                               200,  200,  200,  200,  200,  200,  200,  200,  200),
    ("GET /api/v2/documents/{public_document}/",                             200,  200,  200,  200,  200,  200,  200,  200,  200),
    ("GET /api/v2/documents/{pending_document}/",                            404,  404,  404,  404,  404,  404,  404,  200,  200),
    ("GET /api/v2/documents/find/?id={public_document}",                     302,  302,  302,  302,  302,  302,  302,  302,  302),

    # Our API
    ("GET /api/",                                                            404,  404,  404,  404,  404,  404,  404,  404,  404),
    ("GET /api/schema/",                                                     200,  200,  200,  200,  200,  200,  200,  200,  200),
    ("GET /api/docs/",                                                       200,  200,  200,  200,  200,  200,  200,  200,  200),
    ("GET /api/forms/templates/",                                            200,  200,  200,  200,  200,  200,  200,  200,  200),
    ("GET /api/forms/templates/?locale=el",                                  200,  200,  200,  200,  200,  200,  200,  200,  200),
    ("GET /api/forms/templates/{swot_id}/",                                  200,  200,  200,  200,  200,  200,  200,  200,  200),
    ("GET /api/forms/templates/{swot_id}/?locale=el",                        200,  200,  200,  200,  200,  200,  200,  200,  200),
    ("GET /api/forms/templates/{swot_id}/?lang=el",                          200,  200,  200,  200,  200,  200,  200,  200,  200),
    ("GET /api/forms/templates/{swot_id}/docx/",                             200,  200,  200,  200,  200,  200,  200,  200,  200),
    ("GET /api/practices/{practice_id}/docx/",                               200,  200,  200,  200,  200,  200,  200,  200,  200),
    ("GET /api/practices/{pending_practice}/docx/",                          404,  404,  404,  404,  404,  404,  404,  404,  404),
    # The operations' probes: cheap, public, no personal data (qser_site/health.py).
    ("GET /api/practices/{practice_id}/attachments/{public_document}/",      200,  200,  200,  200,  200,  200,  200,  200,  200),
    ("GET /api/practices/{pending_practice}/attachments/{pending_document}/",
                                                                             404,  200,  404,  404,  404,  404,  404,  404,  404),
    # A multipart body without its file is refused before anything is looked up (422), whoever sends it.
    ("POST /api/practices/mine/{changes_practice}/attachments/ nothing",     401,  422,  422,  422,  422,  422,  422,  422,  422),
    ("PUT /api/practices/mine/{changes_practice}/attachments/{public_document}/ nothing",
                                                                             401,  422,  422,  422,  422,  422,  422,  422,  422),
    ("DELETE /api/practices/mine/{changes_practice}/attachments/{public_document}/",
                                                                             401,  404,  404,  404,  404,  404,  404,  404,  404),
    ("GET /healthz",                                                         200,  200,  200,  200,  200,  200,  200,  200,  200),
    ("GET /readyz",                                                          200,  200,  200,  200,  200,  200,  200,  200,  200),
    # The administrators' report of background tasks (home/task_admin.py): superusers only.
    ("GET /admin/reports/tasks/",                                          LOGIN,  LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,   NO,  200),
    ("GET /admin/reports/tasks/results/",                                  LOGIN,  LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,   NO,  200),
    ("POST /admin/reports/tasks/{task_failure}/retry/ nothing",            LOGIN,  LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN,  302),
    ("POST /admin/reports/tasks/{task_failure}/dismiss/ nothing",          LOGIN,  LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN,  302),
    # The programme dashboard (qser_site/dashboard): coordinators (the reviewer coordinates Social Services),
    # editors and administrators.
    ("GET /admin/programme/",                                              LOGIN,  LOGIN, LOGIN, LOGIN,  200, LOGIN,   NO,  200,  200),
    ("GET /admin/programme/results/",                                      LOGIN,  LOGIN, LOGIN, LOGIN,  200, LOGIN,   NO,  200,  200),
    ("GET /admin/programme/report.docx",                                   LOGIN,  LOGIN, LOGIN, LOGIN,  200, LOGIN,   NO,  200,  200),
    ("GET /admin/programme/stall/",                                        LOGIN,  LOGIN, LOGIN, LOGIN,  200, LOGIN,   NO,  200,  200),
    ("GET /admin/programme/evaluations/results/",                          LOGIN,  LOGIN, LOGIN, LOGIN,  200, LOGIN,   NO,  200,  200),
    ("GET /api/forms/mine/",                                                 401,  200,  200,  200,  200,  200,  200,  200,  200),
    ("POST /api/forms/mine/ api_fill",                                       401,  201,  201,  201,  201,  201,  201,  201,  201),
    ("GET /api/forms/mine/{staff_form}/",                                    401,  200,  404,  404,  404,  404,  404,  404,  200),
    ("GET /api/forms/mine/{unsubmitted_form}/",                              401,  404,  200,  404,  404,  404,  404,  404,  200),
    ("GET /api/forms/mine/{published_form}/",                                401,  200,  200,  200,  200,  404,  404,  404,  200),
    ("GET /api/forms/mine/{other_department_form}/",                         401,  404,  404,  404,  404,  404,  404,  404,  200),
    ("PUT /api/forms/mine/{changes_requested_form}/ api_answers",            401,  404,  200,  403,  403,  404,  404,  404,  403),
    ("PUT /api/forms/mine/{staff_form}/ api_answers",                        401,  200,  404,  404,  404,  404,  404,  404,  403),
    ("PUT /api/forms/mine/{published_form}/ api_answers",                    401,  403,  409,  403,  403,  404,  404,  404,  403),
    ("PATCH /api/forms/mine/{staff_form}/ api_patch",                        401,  200,  404,  404,  404,  404,  404,  404,  403),
    ("PATCH /api/forms/mine/{published_form}/ api_patch",                    401,  403,  409,  403,  403,  404,  404,  404,  403),
    ("DELETE /api/forms/mine/{staff_form}/",                                 405,  405,  405,  405,  405,  405,  405,  405,  405),
    ("GET /api/forms/mine/{unsubmitted_form}/docx/",                         401,  404,  200,  404,  404,  404,  404,  404,  200),
    ("GET /api/forms/mine/{published_form}/docx/",                           401,  200,  200,  200,  200,  404,  404,  404,  200),
    ("POST /api/practices/ api_practice",                                    401,  201,  201,  201,  201,  201,  201,  201,  201),
    ("POST /api/outputs/ api_output",                                        401,  404,  201,  422,  403,  404,  404,  404,  404),
    # A decision through the API, as on the site: the step's reviewer, never the author (the mentee, 403).
    ("POST /api/outputs/{in_mentor_review}/review/ api_approve",             401,  404,  403,  200,  403,  404,  404,  404,  403),
    ("POST /api/outputs/{in_department_approval}/review/ api_approve",       401,  404,  403,  403,  200,  404,  404,  404,  200),


    ("GET /api/practices/mine/",                                             401,  200,  200,  200,  200,  200,  200,  200,  200),
    ("GET /api/practices/mine/{changes_practice}/",                          401,  200,  404,  404,  404,  404,  404,  404,  404),
    ("PATCH /api/practices/mine/{changes_practice}/ api_summary",            401,  200,  404,  404,  404,  404,  404,  404,  404),
    ("PUT /api/practices/mine/{changes_practice}/ api_practice_content",     401,  200,  404,  404,  404,  404,  404,  404,  404),
    # Drafts of practices: their author's only, administrators included (404).
    ("GET /api/practices/drafts/",                                           401,  200,  200,  200,  200,  200,  200,  200,  200),
    ("POST /api/practices/drafts/ api_draft",                                401,  201,  201,  201,  201,  201,  201,  201,  201),
    # Drafted from a stage 5 evaluation: only by those who may see it (the mentee's, not yet submitted: as the
    # unsubmitted output's Word download above, its author, the mentor and the department's reviewer).
    ("POST /api/practices/drafts/?from_output={evaluation_output} api_draft",
                                                                             401,  404,  201,  201,  201,  404,  404,  404,  201),
    ("GET /api/practices/drafts/{staff_draft}/",                             401,  200,  404,  404,  404,  404,  404,  404,  404),
    ("PUT /api/practices/drafts/{staff_draft}/ api_draft_content",           401,  200,  404,  404,  404,  404,  404,  404,  404),
    ("PATCH /api/practices/drafts/{staff_draft}/ api_draft_patch",           401,  200,  404,  404,  404,  404,  404,  404,  404),
    ("DELETE /api/practices/drafts/{staff_draft}/",                          401,  204,  404,  404,  404,  404,  404,  404,  404),
    ("POST /api/practices/drafts/{staff_draft}/submit/ nothing",             401,  201,  404,  404,  404,  404,  404,  404,  404),
    ("GET /api/outputs/shared/",                                             401,  200,  200,  200,  200,  200,  200,  200,  200),
    ("GET /api/me/next-steps/",                                              401,  200,  200,  200,  200,  200,  200,  200,  200),
    ("GET /api/outputs/{published}/docx/",                                   401,  200,  200,  200,  200,  404,  404,  404,  200),
    ("GET /api/outputs/{unsubmitted}/docx/",                                 401,  404,  200,  200,  200,  404,  404,  404,  200),
    ("GET /api/outputs/{other_department}/docx/",                            401,  404,  404,  404,  404,  404,  404,  404,  200),

    # Wagtail API v3, for editors' systems: Wagtail's page permissions decide (a token only, never a session)
    ("GET /api/v3/",                                                         404,  404,  404,  404,  404,  404,  404,  404,  404),
    ("GET /api/v3/openapi.json",                                             200,  200,  200,  200,  200,  200,  200,  200,  200),
    ("GET /api/v3/docs/",                                                    200,  200,  200,  200,  200,  200,  200,  200,  200),
    ("GET /api/v3/whoami/",                                                  401,  200,  200,  200,  200,  200,  200,  200,  200),
    ("GET /api/v3/schema/",                                                  401,  200,  200,  200,  200,  200,  200,  200,  200),
    ("GET /api/v3/schema/home.GuidePage/",                                   401,  200,  200,  200,  200,  200,  200,  200,  200),
    # A token sees the pages its user may edit in the admin, not the public site: the public pages only without one.
    ("GET /api/v3/pages/",                                                   200,  200,  200,  200,  200,  200,  200,  200,  200),
    ("GET /api/v3/pages/find/?html_path=/guides/",                           302,  404,  404,  404,  404,  404,  404,  302,  302),
    ("GET /api/v3/pages/{guide_id}/",                                        200,  404,  404,  404,  404,  404,  404,  200,  200),
    ("GET /api/v3/pages/{guide_el_id}/",                                     200,  404,  404,  404,  404,  404,  200,  200,  200),
    ("GET /api/v3/pages/{pending_practice}/",                                404,  404,  404,  404,  404,  404,  404,  200,  200),
    ("GET /api/v3/pages/{private_guide_id}/",                                404,  404,  404,  404,  404,  404,  404,  200,  200),
    ("POST /api/v3/pages/ v3_new_guide",                                     401,  403,  403,  403,  403,  403,  403,  201,  201),
    # The translator edits the Greek tree, not the English one.
    ("PATCH /api/v3/pages/{guide_id}/ v3_title",                             401,  403,  403,  403,  403,  403,  403,  200,  200),
    ("PATCH /api/v3/pages/{guide_el_id}/ v3_title",                          401,  403,  403,  403,  403,  403,  200,  200,  200),
    ("DELETE /api/v3/pages/{pending_practice}/",                             401,  403,  403,  403,  403,  403,  403,  204,  204),
    ("GET /api/v3/pages/{guide_id}/revisions/",                              401,  403,  403,  403,  403,  403,  404,  200,  200),
    ("GET /api/v3/pages/{guide_id}/revisions/{guide_revision}/",             401,  403,  403,  403,  403,  403,  404,  200,  200),
    # A practice is published by its moderation's approval, by nobody directly (the superuser included).
    ("POST /api/v3/pages/{pending_practice}/actions/publish/ nothing",       401,  403,  403,  403,  403,  403,  403,  403,  403),
    ("POST /api/v3/pages/{practice_id}/actions/unpublish/ v3_unpublish",     401,  403,  403,  403,  403,  403,  403,  200,  200),
    ("POST /api/v3/pages/{guide_id}/actions/copy/ v3_copy",                  401,  403,  403,  403,  403,  403,  403,  201,  201),
    ("POST /api/v3/pages/{guide_id}/actions/move/ v3_move",                  401,  403,  403,  403,  403,  403,  403,  200,  200),
    ("DELETE /api/v3/pages/{pending_practice}/actions/delete/",              401,  403,  403,  403,  403,  403,  403,  204,  204),
    ("POST /api/v3/pages/{guide_id}/actions/revert/ v3_revert",              401,  403,  403,  403,  403,  403,  403,  200,  200),
    ("POST /api/v3/pages/{private_guide_el_id}/actions/convert_alias/ nothing",
                                                                             401,  403,  403,  403,  403,  403,  200,  200,  200),
    ("POST /api/v3/pages/{guide_id}/actions/create_alias/ v3_alias",         401,  403,  403,  403,  403,  403,  403,  201,  201),
    # Translations are submitted with wagtail-localize's permission, which only the superuser has.
    ("POST /api/v3/pages/{pending_practice}/actions/copy_for_translation/ v3_translate",
                                                                             401,  403,  403,  403,  403,  403,  403,  403,  201),
    ("GET /api/v3/sites/",                                                   401,  403,  403,  403,  403,  403,  403,  403,  200),
    ("POST /api/v3/sites/ v3_site",                                          401,  403,  403,  403,  403,  403,  403,  403,  201),
    ("GET /api/v3/sites/{site}/",                                            401,  403,  403,  403,  403,  403,  403,  403,  200),
    ("PUT /api/v3/sites/{site}/ v3_site",                                    401,  403,  403,  403,  403,  403,  403,  403,  200),
    ("DELETE /api/v3/sites/{site}/",                                         401,  403,  403,  403,  403,  403,  403,  403,  204),
    # Redirects, images and documents are public to read, as on the site; the attachment of a practice in
    # moderation is not.
    ("GET /api/v3/redirects/",                                               200,  200,  200,  200,  200,  200,  200,  200,  200),
    ("POST /api/v3/redirects/ v3_redirect",                                  401,  403,  403,  403,  403,  403,  403,  403,  201),
    ("GET /api/v3/redirects/find/?html_path=/old-guides",                    302,  302,  302,  302,  302,  302,  302,  302,  302),
    ("GET /api/v3/redirects/{redirect}/",                                    200,  200,  200,  200,  200,  200,  200,  200,  200),
    ("PUT /api/v3/redirects/{redirect}/ v3_redirect",                        401,  403,  403,  403,  403,  403,  403,  403,  200),
    ("DELETE /api/v3/redirects/{redirect}/",                                 401,  403,  403,  403,  403,  403,  403,  403,  204),
    # No snippet model is exposed to API v3: the type of a stage output is refused as unknown.
    ("GET /api/v3/snippets/mentoring.stageoutput/",                          401,  422,  422,  422,  422,  422,  422,  422,  422),
    ("POST /api/v3/snippets/mentoring.stageoutput/ v3_title",                401,  422,  422,  422,  422,  422,  422,  422,  422),
    ("GET /api/v3/snippets/mentoring.stageoutput/{other_department}/",       401,  422,  422,  422,  422,  422,  422,  422,  422),
    ("PATCH /api/v3/snippets/mentoring.stageoutput/{other_department}/ v3_title",
                                                                             401,  422,  422,  422,  422,  422,  422,  422,  422),
    ("DELETE /api/v3/snippets/mentoring.stageoutput/{other_department}/",    401,  422,  422,  422,  422,  422,  422,  422,  422),
    ("GET /api/v3/snippets/mentoring.stageoutput/{other_department}/revisions/",
                                                                             401,  422,  422,  422,  422,  422,  422,  422,  422),
    ("GET /api/v3/snippets/mentoring.stageoutput/{other_department}/revisions/{in_mentor_review_revision}/",
                                                                             401,  422,  422,  422,  422,  422,  422,  422,  422),
    ("DELETE /api/v3/snippets/mentoring.stageoutput/{other_department}/actions/delete/",
                                                                             401,  422,  422,  422,  422,  422,  422,  422,  422),
    ("POST /api/v3/snippets/mentoring.stageoutput/{other_department}/actions/publish/ nothing",
                                                                             401,  422,  422,  422,  422,  422,  422,  422,  422),
    ("POST /api/v3/snippets/mentoring.stageoutput/{published}/actions/unpublish/ nothing",
                                                                             401,  422,  422,  422,  422,  422,  422,  422,  422),
    ("POST /api/v3/snippets/mentoring.stageoutput/{published}/actions/revert/ v3_revert",
                                                                             401,  422,  422,  422,  422,  422,  422,  422,  422),
    ("POST /api/v3/snippets/mentoring.stageoutput/{published}/actions/copy_for_translation/ v3_translate",
                                                                             401,  422,  422,  422,  422,  422,  422,  422,  422),
    ("GET /api/v3/documents/",                                               200,  200,  200,  200,  200,  200,  200,  200,  200),
    ("POST /api/v3/documents/ v3_document",                                  401,  403,  403,  403,  403,  403,  403,  201,  201),
    ("GET /api/v3/documents/{public_document}/",                             200,  200,  200,  200,  200,  200,  200,  200,  200),
    ("GET /api/v3/documents/{pending_document}/",                            404,  404,  404,  404,  404,  404,  404,  200,  200),
    ("PATCH /api/v3/documents/{public_document}/ v3_title",                  401,  403,  403,  403,  403,  403,  403,  200,  200),
    ("DELETE /api/v3/documents/{public_document}/",                          401,  403,  403,  403,  403,  403,  403,  204,  204),
    ("GET /api/v3/images/",                                                  200,  200,  200,  200,  200,  200,  200,  200,  200),
    ("POST /api/v3/images/ v3_image",                                        401,  403,  403,  403,  403,  403,  403,  201,  201),
    ("GET /api/v3/images/{image}/",                                          200,  200,  200,  200,  200,  200,  200,  200,  200),
    ("PATCH /api/v3/images/{image}/ v3_title",                               401,  403,  403,  403,  403,  403,  403,  200,  200),
    ("DELETE /api/v3/images/{image}/",                                       401,  403,  403,  403,  403,  403,  403,  204,  204),

    # Pages
    ("GET /en/",                                                             200,  200,  200,  200,  200,  200,  200,  200,  200),
    ("GET /el/",                                                             200,  200,  200,  200,  200,  200,  200,  200,  200),
    ("GET /en/guides/",                                                      200,  200,  200,  200,  200,  200,  200,  200,  200),
    ("GET /en/guides/{guide}/",                                              200,  200,  200,  200,  200,  200,  200,  200,  200),
    ("GET /en/privacy/",                                                     200,  200,  200,  200,  200,  200,  200,  200,  200),
    ("GET /el/guides/{guide}/",                                              200,  200,  200,  200,  200,  200,  200,  200,  200),
    # Restricted to Social Services' members, in English and as the Greek tree's alias of it
    ("GET /en/guides/{private_guide}/",                                    LOGIN, LOGIN,  200,  200,  200, LOGIN, LOGIN, LOGIN,  200),
    ("GET /el/guides/{private_guide}/",                                    LOGIN, LOGIN,  200,  200,  200, LOGIN, LOGIN, LOGIN,  200),
    ("GET /en/search/?q=zebrafinch",                                         200,  200,  200,  200,  200,  200,  200,  200,  200),
    ("GET /en/forms/",                                                       200,  200,  200,  200,  200,  200,  200,  200,  200),
    ("GET /en/forms/{swot}/",                                                200,  200,  200,  200,  200,  200,  200,  200,  200),
    ("GET /en/forms/{swot}/docx/",                                           200,  200,  200,  200,  200,  200,  200,  200,  200),
    # The guide offline: public content, the restricted guide left out of it (tests/home/test_offline.py)
    ("GET /en/offline/guide/",                                               200,  200,  200,  200,  200,  200,  200,  200,  200),
    ("GET /el/offline/forms/",                                               200,  200,  200,  200,  200,  200,  200,  200,  200),
    ("GET /en/offline/everything/",                                          404,  404,  404,  404,  404,  404,  404,  404,  404),
    ("GET /en/forms/{swot}/fill/",                                         LOGIN,  200,  200,  200,  200,  200,  200,  200,  200),
    ("POST /en/forms/{swot}/fill/ save_draft",                             LOGIN,  302,  302,  302,  302,  302,  302,  302,  302),
    ("GET /en/forms/mine/",                                                LOGIN,  200,  200,  200,  200,  200,  200,  200,  200),
    ("GET /en/forms/mine/{staff_form}/",                                   LOGIN,  200,  404,  404,  404,  404,  404,  404,  200),
    ("GET /en/forms/mine/{unsubmitted_form}/",                             LOGIN,  404,  200,  404,  404,  404,  404,  404,  200),
    ("GET /en/forms/mine/{published_form}/",                               LOGIN,  200,  200,  200,  200,  404,  404,  404,  200),
    ("GET /en/forms/mine/{other_department_form}/",                        LOGIN,  404,  404,  404,  404,  404,  404,  404,  200),
    ("POST /en/forms/mine/{changes_requested_form}/ save_draft",           LOGIN,  404,  302,  403,  403,  404,  404,  404,  403),
    ("POST /en/forms/mine/{staff_form}/ save_draft",                       LOGIN,  302,  404,  404,  404,  404,  404,  404,  403),
    ("POST /en/forms/mine/{published_form}/ save_draft",                   LOGIN,  403,  403,  403,  403,  404,  404,  404,  403),
    ("GET /en/forms/mine/{staff_form}/docx/",                              LOGIN,  200,  404,  404,  404,  404,  404,  404,  200),
    ("GET /en/forms/mine/{unsubmitted_form}/docx/",                        LOGIN,  404,  200,  404,  404,  404,  404,  404,  200),
    ("GET /en/practices/",                                                   200,  200,  200,  200,  200,  200,  200,  200,  200),
    ("GET /en/practices/?q=practice",                                        200,  200,  200,  200,  200,  200,  200,  200,  200),
    ("GET /en/practices/{practice}/",                                        200,  200,  200,  200,  200,  200,  200,  200,  200),
    ("GET /en/practices/{practice}/docx/",                                   200,  200,  200,  200,  200,  200,  200,  200,  200),
    # A practice in moderation is a draft page: nobody reads it on the site, its submitter included.
    ("GET /en/practices/{pending_slug}/",                                    404,  404,  404,  404,  404,  404,  404,  404,  404),
    ("GET /en/practices/{pending_slug}/docx/",                               404,  404,  404,  404,  404,  404,  404,  404,  404),
    ("GET /en/practices/submit/",                                          LOGIN,  200,  200,  200,  200,  200,  200,  200,  200),
    ("POST /en/practices/submit/ practice",                                LOGIN,  302,  302,  302,  302,  302,  302,  302,  302),
    ("GET /en/practices/mine/",                                            LOGIN,  200,  200,  200,  200,  200,  200,  200,  200),
    ("GET /en/practices/mine/{changes_practice}/",                         LOGIN,  200,  404,  404,  404,  404,  404,  404,  404),
    ("POST /en/practices/mine/{changes_practice}/ practice",               LOGIN,  302,  404,  404,  404,  404,  404,  404,  404),
    # Not editable while the moderators have it: back to the list, with a message.
    ("POST /en/practices/mine/{pending_practice}/ practice",               LOGIN, BACK,  404,  404,  404,  404,  404,  404,  404),
    ("GET /en/mentoring/",                                                 LOGIN,  200,  200,  200,  200,  200,  200,  200,  200),
    # Only a member of a department starts a relationship (as its mentor); the others are refused.
    ("GET /en/mentoring/new/",                                             LOGIN,  200,  200,  200,  200,  200,  403,  403,  403),
    # A mentor of Social Services starts a relationship with a colleague; elsewhere the colleague is not offered.
    ("POST /en/mentoring/new/ relationship",                               LOGIN,  400,  400,  302,  302,  400,  403,  403,  403),
    ("GET /api/mentoring/relationships/{relationship}/sessions/",            401,  404,  200,  200,  200,  404,  404,  404,  200),
    ("POST /api/mentoring/relationships/{relationship}/sessions/ api_session",
                                                                             401,  404,  403,  201,  403,  404,  404,  404,  403),
    ("PATCH /api/mentoring/sessions/{session}/ api_session_patch",           401,  404,  403,  200,  403,  404,  404,  404,  403),
    ("GET /api/mentoring/calendar-feed/",                                    401,  200,  200,  200,  200,  200,  200,  200,  200),
    ("POST /api/mentoring/calendar-feed/regenerate/ nothing",                401,  200,  200,  200,  200,  200,  200,  200,  200),
    ("GET /api/mentoring/relationships/{relationship}/stages/1/",            401,  404,  200,  200,  200,  404,  404,  404,  200),
    ("POST /api/mentoring/relationships/{relationship}/stages/1/confirm/ nothing",
                                                                             401,  404,  200,  200,  403,  404,  404,  404,  403),
    ("GET /en/mentoring/shared/",                                          LOGIN,  200,  200,  200,  200,  200,  200,  200,  200),
    # Personal data: each person downloads their own, and nobody else's appears in it.
    ("GET /en/mentoring/my-data/",                                         LOGIN,  200,  200,  200,  200,  200,  200,  200,  200),
    # Each asks for their own export (built at once here: the immediate task backend) and downloads it; the old
    # addresses hand over one's newest ready export of that format, or lead to the page to ask for one.
    ("POST /en/mentoring/my-data/ export_json",                            LOGIN,  302,  302,  302,  302,  302,  302,  302,  302),
    ("GET /en/mentoring/my-data/download.json",                            LOGIN,  302,  200,  302,  302,  302,  302,  302,  302),
    ("GET /en/mentoring/my-data/download.zip",                             LOGIN,  302,  302,  302,  302,  302,  302,  302,  302),
    # An export is downloaded by its asker and by the person it is of, nobody else.
    ("GET /en/mentoring/my-data/exports/{mentee_export}/download/",        LOGIN,  404,  200,  404,  404,  404,  404,  404,  404),
    ("GET /en/mentoring/my-data/exports/{admin_export}/download/",         LOGIN,  404,  200,  404,  404,  404,  404,  404,  200),
    ("GET /en/mentoring/{relationship}/",                                  LOGIN,  404,  200,  200,  200,  404,  404,  404,  200),
    ("GET /en/mentoring/{other_relationship}/",                            LOGIN,  404,  404,  404,  404,  404,  404,  404,  200),
    ("POST /en/mentoring/{relationship}/ session",                         LOGIN,  404,  403,  302,  403,  404,  404,  404,  403),
    ("GET /en/mentoring/{relationship}/outputs/new/",                      LOGIN,  404,  200,  200,  403,  404,  404,  404,  403),
    # The mentee submits their own completed form; the mentor cannot submit the mentee's.
    ("POST /en/mentoring/{relationship}/outputs/new/ output",              LOGIN,  404,  302,  400,  403,  404,  404,  404,  403),
    ("POST /en/mentoring/{other_relationship}/outputs/new/ output",        LOGIN,  404,  404,  404,  404,  404,  404,  404,  403),
    # Recorded by the mentor once the five stages are complete, which they are not.
    ("POST /en/mentoring/{relationship}/ready/{mentee_user}/ nothing",     LOGIN,  404,  403,  403,  403,  404,  404,  404,  403),
    # Running a relationship: its stages, its sessions, the reader's calendar (mentoring/session_views.py).
    ("GET /en/mentoring/calendar/",                                        LOGIN,  200,  200,  200,  200,  200,  200,  200,  200),
    ("POST /en/mentoring/calendar/ nothing",                               LOGIN,  302,  302,  302,  302,  302,  302,  302,  302),
    ("GET /en/mentoring/{relationship}/stage/1/",                          LOGIN,  404,  200,  200,  200,  404,  404,  404,  200),
    ("GET /en/mentoring/{relationship}/stage/6/",                          LOGIN,  404,  404,  404,  404,  404,  404,  404,  404),
    ("GET /en/mentoring/{other_relationship}/stage/1/",                    LOGIN,  404,  404,  404,  404,  404,  404,  404,  200),
    # The mentor and the mentee confirm the current stage; a reviewer or an administrator does not.
    ("POST /en/mentoring/{relationship}/stage/1/ nothing",                 LOGIN,  404,  302,  302,  403,  404,  404,  404,  403),
    ("POST /en/mentoring/{relationship}/programme/ programme",             LOGIN,  404,  403,  302,  403,  404,  404,  404,  403),
    ("POST /en/mentoring/{relationship}/calendar-form/ nothing",           LOGIN,  404,  403,  302,  403,  404,  404,  404,  403),
    ("GET /en/mentoring/{relationship}/sessions/{session}/",               LOGIN,  404,  200,  200,  200,  404,  404,  404,  200),
    ("GET /en/mentoring/{other_relationship}/sessions/{session}/",         LOGIN,  404,  404,  404,  404,  404,  404,  404,  404),
    ("POST /en/mentoring/{relationship}/sessions/{session}/ session",      LOGIN,  404,  403,  302,  403,  404,  404,  404,  403),
    ("POST /en/mentoring/{relationship}/sessions/{session}/record/ nothing",
                                                                           LOGIN,  404,  403,  302,  403,  404,  404,  404,  403),
    ("POST /en/mentoring/{relationship}/sessions/{session}/note/ nothing", LOGIN,  404,  403,  302,  403,  404,  404,  404,  403),
    ("POST /en/mentoring/{relationship}/sessions/{session}/cancel/ occurrence",
                                                                           LOGIN,  404,  403,  302,  403,  404,  404,  404,  403),
    ("POST /en/mentoring/{relationship}/sessions/{session}/attendance/ attendance",
                                                                           LOGIN,  404,  403,  302,  403,  404,  404,  404,  403),
    # The feed's secret token is its key, whoever sends it.
    ("GET /calendar/{feed_token}.ics",                                       200,  200,  200,  200,  200,  200,  200,  200,  200),
    ("GET /calendar/not-a-token.ics",                                        404,  404,  404,  404,  404,  404,  404,  404,  404),
    ("GET /en/mentoring/outputs/{published}/",                             LOGIN,  200,  200,  200,  200,  404,  404,  404,  200),
    ("GET /en/mentoring/outputs/{in_department_approval}/",                LOGIN,  404,  200,  200,  200,  404,  404,  404,  200),
    ("GET /en/mentoring/outputs/{in_mentor_review}/",                      LOGIN,  404,  200,  200,  200,  404,  404,  404,  200),
    ("GET /en/mentoring/outputs/{changes_requested}/",                     LOGIN,  404,  200,  200,  200,  404,  404,  404,  200),
    ("GET /en/mentoring/outputs/{unsubmitted}/",                           LOGIN,  404,  200,  200,  200,  404,  404,  404,  200),
    ("GET /en/mentoring/outputs/{other_department}/",                      LOGIN,  404,  404,  404,  404,  404,  404,  404,  200),
    ("GET /en/mentoring/outputs/{in_mentor_review}/review/",               LOGIN,  405,  405,  405,  405,  405,  405,  405,  405),
    ("POST /en/mentoring/outputs/{in_mentor_review}/review/ approve",      LOGIN,  404,  403,  302,  403,  404,  404,  404,  403),
    ("POST /en/mentoring/outputs/{in_department_approval}/review/ approve",LOGIN,  404,  403,  403,  302,  404,  404,  404,  302),
    ("POST /en/mentoring/outputs/{other_department}/review/ approve",      LOGIN,  404,  404,  404,  404,  404,  404,  404,  302),
    ("POST /en/mentoring/outputs/{resubmittable}/resubmit/ nothing",       LOGIN,  404,  302,  403,  403,  404,  404,  404,  403),
    ("POST /en/mentoring/outputs/{resubmittable}/reopen/ nothing",         LOGIN,  404,  302,  403,  403,  404,  404,  404,  403),
    ("POST /en/mentoring/outputs/{in_mentor_review}/reopen/ nothing",      LOGIN,  404,  403,  403,  403,  404,  404,  404,  403),
    ("GET /en/mentoring/outputs/{resubmittable}/reopen/",                  LOGIN,  405,  405,  405,  405,  405,  405,  405,  405),
    ("POST /en/mentoring/outputs/{published}/withdraw/ nothing",           LOGIN,  403,  302,  403,  302,  404,  404,  404,  403),
    ("POST /en/mentoring/outputs/{other_department}/withdraw/ nothing",    LOGIN,  404,  404,  404,  404,  404,  404,  404,  403),
    ("GET /en/mentoring/outputs/{published}/docx/",                        LOGIN,  200,  200,  200,  200,  404,  404,  404,  200),
    ("GET /en/mentoring/outputs/{other_department}/docx/",                 LOGIN,  404,  404,  404,  404,  404,  404,  404,  200),
    ("GET /en/_util/login/",                                                 200,  200,  200,  200,  200,  200,  200,  200,  200),
    ("GET /en/_util/authenticate_with_password/{private_restriction}/{private_guide_id}/",
                                                                             200,  200,  200,  200,  200,  200,  200,  200,  200),

    # The Wagtail admin's public pages (its other views: test_admin_rule)
    ("GET /admin/login/",                                                    200,  200,  200,  200,  302,  200,  302,  302,  302),
    # The mentor pool: the reviewer coordinates Social Services in this world (conftest.py _pool); the admin, a
    # superuser, coordinates every department. A request is seen by its mentee, the proposed mentor and the
    # coordinator; only the proposed mentor and the mentee answer a proposal.
    ("GET /en/mentoring/pool/",                                            LOGIN,  200,  200,  200,  200,  200,  200,  200,  200),
    ("GET /en/mentoring/pool/offer/",                                      LOGIN,  200,  200,  200,  200,  200,  200,  200,  200),
    ("POST /en/mentoring/pool/offer/ pool_offer",                          LOGIN,  400,  302,  302,  302,  400,  400,  400,  400),
    ("GET /en/mentoring/pool/request/",                                    LOGIN,  200,  200,  200,  200,  200,  200,  200,  200),
    ("POST /en/mentoring/pool/request/ pool_request",                      LOGIN,  400,  400,  302,  302,  400,  400,  400,  400),
    ("GET /en/mentoring/pool/requests/",                                   LOGIN,  403,  403,  403,  200,  403,  403,  403,  200),
    ("POST /en/mentoring/pool/requests/{open_request}/propose/ propose",   LOGIN,  404,  403,  404,  302,  404,  404,  404,  302),
    ("GET /en/mentoring/pool/models/",                                     LOGIN,  200,  200,  200,  200,  200,  200,  200,  200),
    ("GET /en/mentoring/pool/proposals/{pool_proposal}/",                  LOGIN,  404,  200,  200,  200,  404,  404,  404,  200),
    ("POST /en/mentoring/pool/proposals/{pool_proposal}/ accept",          LOGIN,  404,  302,  302,  403,  404,  404,  404,  403),
    ("POST /en/mentoring/pool/proposals/{pool_proposal}/ withdraw",        LOGIN,  404,  403,  403,  302,  404,  404,  404,  302),
    ("POST /en/mentoring/pool/candidates/{candidate_offer}/training/ training",
                                                                           LOGIN,  404,  404,  404,  302,  404,  404,  404,  302),
    # Without a training recorded, the coordinator's confirmation is refused with a message.
    ("POST /en/mentoring/pool/candidates/{candidate_offer}/confirm/ nothing",
                                                                           LOGIN,  404,  404,  404,  BACK,  404,  404,  404, BACK),
    ("GET /api/pool/offers/",                                                401,  200,  200,  200,  200,  200,  200,  200,  200),
    ("GET /api/pool/summary/",                                               401,  403,  403,  403,  200,  403,  403,  403,  200),
    ("GET /api/pool/requests/",                                              401,  200,  200,  200,  200,  200,  200,  200,  200),
    ("POST /api/pool/requests/ api_pool_request",                            401,  403,  422,  201,  201,  403,  403,  403,  201),
    ("GET /api/pool/requests/{open_request}/suggestions/",                   401,  404,  403,  404,  200,  404,  404,  404,  200),
    ("GET /api/pool/matches/",                                               401,  200,  200,  200,  200,  200,  200,  200,  200),
    ("POST /api/pool/matches/ api_match",                                    401,  404,  403,  404,  201,  404,  404,  404,  201),
    ("POST /api/pool/matches/{pool_proposal}/answer/ api_accept",            401,  404,  200,  200,  403,  404,  404,  404,  403),
    ("POST /api/pool/matches/{pool_proposal}/withdraw/",                     401,  404,  403,  403,  200,  404,  404,  404,  200),
    # The coordinator's proposal form, programme and groups; a group is answered by its mentor and its mentees.
    # A group proposed from one request is refused with a message (four to six); through the API, the group's
    # requests are no longer waiting (422), and the mentor, who sees them, may not propose (403).
    ("GET /en/mentoring/pool/requests/{open_request}/propose/",            LOGIN,  404,  403,  404,  200,  404,  404,  404,  200),
    ("GET /en/mentoring/pool/programme/",                                  LOGIN,  403,  403,  403,  200,  403,  403,  403,  200),
    ("GET /en/mentoring/pool/groups/",                                     LOGIN,  403,  403,  403,  200,  403,  403,  403,  200),
    ("POST /en/mentoring/pool/groups/new/ group_new",                      LOGIN,  403,  403,  403,  BACK,  403,  403,  403, BACK),
    ("GET /en/mentoring/pool/groups/new/",                                 LOGIN,  405,  405,  405,  405,  405,  405,  405,  405),
    ("GET /en/mentoring/pool/groups/{group_proposal}/",                    LOGIN,  404,  404,  200,  200,  404,  404,  404,  200),
    ("POST /en/mentoring/pool/groups/{group_proposal}/ accept",            LOGIN,  404,  404,  302,  403,  404,  404,  404,  403),
    ("POST /en/mentoring/pool/groups/{group_proposal}/ withdraw",          LOGIN,  404,  404,  403,  302,  404,  404,  404,  302),
    ("GET /api/pool/groups/",                                                401,  200,  200,  200,  200,  200,  200,  200,  200),
    ("GET /api/pool/groups/suggestions/",                                    401,  403,  403,  403,  200,  403,  403,  403,  200),
    ("POST /api/pool/groups/ api_group",                                     401,  404,  404,  403,  422,  404,  404,  404,  422),
    ("POST /api/pool/groups/{group_proposal}/answer/ api_accept",            401,  404,  404,  200,  403,  404,  404,  404,  403),
    ("POST /api/pool/groups/{group_proposal}/withdraw/",                     401,  404,  404,  403,  200,  404,  404,  404,  200),

    ("GET /admin/password_reset/",                                           200,  200,  200,  200,  200,  200,  200,  200,  200),
    ("GET /admin/password_reset/done/",                                      200,  200,  200,  200,  200,  200,  200,  200,  200),
    ("GET /admin/password_reset/confirm/forged/forged-token/",               200,  200,  200,  200,  200,  200,  200,  200,  200),
    ("GET /admin/password_reset/complete/",                                  200,  200,  200,  200,  200,  200,  200,  200,  200),
    ("GET /admin/jsi18n/",                                                   200,  200,  200,  200,  200,  200,  200,  200,  200),
    ("GET /admin/sprite/",                                                   200,  200,  200,  200,  200,  200,  200,  200,  200),

    # The Wagtail admin, for our own models and the review screens.
    # Without the admin's access (staff, mentee, mentor, outsider) every one of them is a sign-in page.
    ("GET /admin/",                                                        LOGIN, LOGIN, LOGIN, LOGIN,  200, LOGIN,  200,  200,  200),
    ("GET /admin/pages/{guide_id}/edit/",                                  LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,  200,  200),
    ("GET /admin/pages/{guide_el_id}/edit/",                               LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,  200,  200,  200),
    ("GET /admin/pages/{pending_practice}/edit/",                          LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,  200,  200),
    # Practice moderation: the Moderators (editor) decide.
    ("POST /admin/pages/workflow/action/{pending_practice}/approve/{pending_task}/ comment",
                                                                           LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,  302,  302),
    ("GET /admin/snippets/mentoring/stageoutput/",                         LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,   NO,  200),
    ("GET /admin/snippets/mentoring/stageoutput/results/",                 LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,   NO,  200),
    ("GET /admin/snippets/mentoring/stageoutput/add/",                     LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,   NO,  200),
    # The department's reviewers open the output their step is about, not another department's.
    ("GET /admin/snippets/mentoring/stageoutput/edit/{in_department_approval}/",
                                                                           LOGIN, LOGIN, LOGIN, LOGIN,  200, LOGIN,   NO,   NO,  200),
    ("GET /admin/snippets/mentoring/stageoutput/edit/{in_mentor_review}/", LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,   NO,  200),
    ("GET /admin/snippets/mentoring/stageoutput/edit/{other_department}/", LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,   NO,  200),
    ("GET /admin/snippets/mentoring/stageoutput/delete/{published}/",      LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,   NO,  200),
    ("GET /admin/snippets/mentoring/stageoutput/usage/{published}/",       LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,   NO,  200),
    # The editor audits: an output's history, without its answers.
    ("GET /admin/snippets/mentoring/stageoutput/history/{other_department}/",
                                                                           LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,  200,  200),
    ("GET /admin/snippets/mentoring/stageoutput/history-results/{other_department}/",
                                                                           LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,  200,  200),
    ("GET /admin/snippets/mentoring/stageoutput/copy/{published}/",        LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,   NO,  200),
    ("GET /admin/snippets/mentoring/stageoutput/history/{published}/revisions/{published_revision}/revert/",
                                                                           LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,   NO,  200),
    ("GET /admin/snippets/mentoring/stageoutput/history/{published}/revisions/compare/earliest...latest/",
                                                                           LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,   NO,  200),
    ("GET /admin/snippets/mentoring/stageoutput/history/{published}/revisions/{published_revision}/unschedule/",
                                                                           LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,   NO,  200),
    ("GET /admin/snippets/mentoring/stageoutput/unpublish/{published}/",   LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,   NO,  200),
    ("POST /admin/snippets/mentoring/stageoutput/lock/{in_department_approval}/ nothing",
                                                                           LOGIN, LOGIN, LOGIN, LOGIN,  302, LOGIN,   NO,   NO,  302),
    ("POST /admin/snippets/mentoring/stageoutput/lock/{other_department}/ nothing",
                                                                           LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,   NO,  302),
    # Locked by its mentor, who reviews it.
    ("POST /admin/snippets/mentoring/stageoutput/unlock/{in_mentor_review}/ nothing",
                                                                           LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,   NO,  302),
    # Approving as the wrong department's reviewer changes nothing.
    ("POST /admin/snippets/mentoring/stageoutput/workflow/action/{in_department_approval}/approve/{in_department_approval_task}/ comment",
                                                                           LOGIN, LOGIN, LOGIN, LOGIN,  302, LOGIN,   NO,   NO,  302),
    ("POST /admin/snippets/mentoring/stageoutput/workflow/action/{other_department}/approve/{other_department_task}/ comment",
                                                                           LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,   NO,  302),
    ("GET /admin/snippets/mentoring/stageoutput/workflow/collect_action_data/{in_department_approval}/approve/{in_department_approval_task}/",
                                                                           LOGIN, LOGIN, LOGIN, LOGIN,  200, LOGIN,   NO,   NO,  200),
    ("GET /admin/snippets/mentoring/stageoutput/workflow/collect_action_data/{other_department}/approve/{other_department_task}/",
                                                                           LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,   NO,  200),
    # Wagtail's confirmation step names the workflow and its task, nothing of the output.
    ("GET /admin/snippets/mentoring/stageoutput/workflow/confirm_cancellation/{other_department}/",
                                                                           LOGIN, LOGIN, LOGIN, LOGIN,  200, LOGIN,  200,  200,  200),
    ("GET /admin/snippets/mentoring/stageoutput/workflow_history/{other_department}/",
                                                                           LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,  200,  200),
    ("GET /admin/snippets/mentoring/stageoutput/workflow_history/{other_department}/detail/{other_department_workflow}/",
                                                                           LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,  200,  200),
    # The choosers offer what the listing shows (mentoring/choosers.py): only the superuser has that listing.
    ("GET /admin/snippets/choose/mentoring/stageoutput/",                  LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,   NO,  200),
    ("GET /admin/snippets/choose/mentoring/stageoutput/results/",          LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,   NO,  200),
    ("GET /admin/snippets/choose/mentoring/stageoutput/chosen/{other_department}/",
                                                                           LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,   NO,  200),
    ("GET /admin/snippets/choose/mentoring/stageoutput/chosen-multiple/?id={other_department}",
                                                                           LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,   NO,  200),
    ("GET /admin/snippets/choose/mentoring/stageoutput/create/",           LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,   NO,  200),
    ("GET /admin/snippets/mentoring/mentoringrelationship/",               LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,   NO,  200),
    ("GET /admin/snippets/mentoring/mentoringrelationship/results/",       LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,   NO,  200),
    ("GET /admin/snippets/mentoring/mentoringrelationship/add/",           LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,   NO,  200),
    ("GET /admin/snippets/mentoring/mentoringrelationship/edit/{other_relationship}/",
                                                                           LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,   NO,  200),
    ("GET /admin/snippets/mentoring/mentoringrelationship/delete/{other_relationship}/",
                                                                           LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,   NO,  200),
    ("GET /admin/snippets/mentoring/mentoringrelationship/usage/{other_relationship}/",
                                                                           LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,   NO,  200),
    ("GET /admin/snippets/mentoring/mentoringrelationship/history/{other_relationship}/",
                                                                           LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,   NO,  200),
    ("GET /admin/snippets/mentoring/mentoringrelationship/history-results/{other_relationship}/",
                                                                           LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,   NO,  200),
    ("GET /admin/snippets/mentoring/mentoringrelationship/copy/{other_relationship}/",
                                                                           LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,   NO,  200),
    ("GET /admin/snippets/choose/mentoring/mentoringrelationship/",        LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,   NO,  200),
    ("GET /admin/snippets/choose/mentoring/mentoringrelationship/results/",LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,   NO,  200),
    ("GET /admin/snippets/choose/mentoring/mentoringrelationship/chosen/{other_relationship}/",
                                                                           LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,   NO,  200),
    ("GET /admin/snippets/choose/mentoring/mentoringrelationship/chosen-multiple/?id={other_relationship}",
                                                                           LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,   NO,  200),
    ("GET /admin/snippets/choose/mentoring/mentoringrelationship/create/", LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,   NO,  200),
    ("GET /admin/snippets/mentoring/stagerequirement/",
                                                                           LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,   NO,  200),
    ("GET /admin/snippets/mentoring/stagerequirement/results/",
                                                                           LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,   NO,  200),
    ("GET /admin/snippets/mentoring/stagerequirement/add/",
                                                                           LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,   NO,  200),
    ("GET /admin/snippets/mentoring/stagerequirement/edit/{stage_requirement}/",
                                                                           LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,   NO,  200),
    ("GET /admin/snippets/mentoring/stagerequirement/delete/{stage_requirement}/",
                                                                           LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,   NO,  200),
    ("GET /admin/snippets/mentoring/stagerequirement/usage/{stage_requirement}/",
                                                                           LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,   NO,  200),
    ("GET /admin/snippets/mentoring/stagerequirement/history/{stage_requirement}/",
                                                                           LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,   NO,  200),
    ("GET /admin/snippets/mentoring/stagerequirement/history-results/{stage_requirement}/",
                                                                           LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,   NO,  200),
    ("GET /admin/snippets/mentoring/stagerequirement/copy/{stage_requirement}/",
                                                                           LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,   NO,  200),
    ("GET /admin/snippets/choose/mentoring/stagerequirement/",
                                                                           LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,   NO,  200),
    ("GET /admin/snippets/choose/mentoring/stagerequirement/results/",
                                                                           LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,   NO,  200),
    ("GET /admin/snippets/choose/mentoring/stagerequirement/chosen/{stage_requirement}/",
                                                                           LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,   NO,  200),
    ("GET /admin/snippets/choose/mentoring/stagerequirement/chosen-multiple/?id={stage_requirement}",
                                                                           LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,   NO,  200),
    ("GET /admin/snippets/choose/mentoring/stagerequirement/create/",
                                                                           LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,   NO,  200),
    ("GET /admin/snippets/mentoring/department/",                          LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,   NO,  200),
    ("GET /admin/snippets/mentoring/department/results/",                  LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,   NO,  200),
    ("GET /admin/snippets/mentoring/department/add/",                      LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,   NO,  200),
    ("GET /admin/snippets/mentoring/department/edit/{housing}/",           LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,   NO,  200),
    ("GET /admin/snippets/mentoring/department/delete/{housing}/",         LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,   NO,  200),
    ("GET /admin/snippets/mentoring/department/usage/{housing}/",          LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,   NO,  200),
    ("GET /admin/snippets/mentoring/department/history/{housing}/",        LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,   NO,  200),
    ("GET /admin/snippets/mentoring/department/history-results/{housing}/",LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,   NO,  200),
    ("GET /admin/snippets/mentoring/department/copy/{housing}/",           LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,   NO,  200),
    # Accounts are our User model: Wagtail's views of them are the superuser's.
    ("GET /admin/users/",                                                  LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,   NO,  200),
    ("GET /admin/users/results/",                                          LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,   NO,  200),
    ("GET /admin/users/new/",                                              LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,   NO,  200),
    ("GET /admin/users/edit/{outsider_user}/",                             LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,   NO,  200),
    ("POST /admin/users/delete/{outsider_user}/ nothing",                  LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,   NO,  302),
    ("GET /admin/users/copy/{outsider_user}/",                             LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,   NO,  200),
    ("GET /admin/users/history/{outsider_user}/",                          LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,   NO,  200),
    ("GET /admin/users/history-results/{outsider_user}/",                  LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,   NO,  200),
    ("GET /admin/users/usage/{outsider_user}/",                            LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,   NO,  200),
    # Anyone's personal data: exported and erased by the superuser (or a holder of the dedicated permissions).
    ("GET /admin/personal-data/{mentee_user}/export/",                     LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,   NO,  200),
    ("GET /admin/personal-data/{outsider_user}/erase/",                    LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,   NO,  200),
    ("POST /admin/personal-data/{outsider_user}/erase/ nothing",           LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,   NO,  302),
    ("POST /admin/personal-data/{mentee_user}/export/ export_json",        LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,   NO,  302),
    ("GET /admin/personal-data/exports/{admin_export}/download/",          LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,   NO,  200),
    ("GET /admin/personal-data/exports/{mentee_export}/download/",         LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,   NO,   NO),
    # Department names are no secret: Wagtail's chooser offers them to anyone with the admin.
    ("GET /admin/snippets/choose/mentoring/department/",                   LOGIN, LOGIN, LOGIN, LOGIN,  200, LOGIN,  200,  200,  200),
    ("GET /admin/snippets/choose/mentoring/department/results/",           LOGIN, LOGIN, LOGIN, LOGIN,  200, LOGIN,  200,  200,  200),
    ("GET /admin/snippets/choose/mentoring/department/chosen/{housing}/",  LOGIN, LOGIN, LOGIN, LOGIN,  200, LOGIN,  200,  200,  200),
    ("GET /admin/snippets/choose/mentoring/department/chosen-multiple/?id={housing}",
                                                                           LOGIN, LOGIN, LOGIN, LOGIN,  200, LOGIN,  200,  200,  200),
    ("GET /admin/snippets/choose/mentoring/department/create/",            LOGIN, LOGIN, LOGIN, LOGIN,   NO, LOGIN,   NO,   NO,  200),
]
# fmt: on


def _upload(name, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)


def _image_upload():
    from wagtail.images.tests.utils import get_test_image_file

    return _upload("logo.png", get_test_image_file().file.getvalue())


def _payloads():
    """What each write sends: data that would change something if the write were allowed."""
    from tests.practices.conftest import practice_data

    return {
        "nothing": {"data": {}},
        "export_json": {"data": {"format": "json"}},
        "pool_offer": {
            "data": lambda ids: {
                "department": ids["social_services"],
                "languages": ["en", "de"],
                "mode": "both",
                "sessions_per_month": 2,
                "hours_per_month": 4,
                "one_on_one_capacity": 2,
                "group_capacity": 0,
                "years_of_service": 5,
                "active": "on",
            }
        },
        "pool_request": {
            "data": lambda ids: {
                "department": ids["social_services"],
                "wants_to_learn": "Interpreters",
                "languages": ["en"],
                "mode": "both",
                "sessions_per_month": 2,
                "years_of_service": 1,
            }
        },
        "propose": {"data": lambda ids: {"offer": ids["pool_offer"]}},
        "accept": {"data": {"answer": "accept"}},
        "withdraw": {"data": {"answer": "withdraw"}},
        "training": {"data": {"name": "Mentoring basics", "date": "2026-03-02", "hours": "8"}},
        "api_pool_request": {
            "json": lambda ids: {
                "department_id": ids["social_services"],
                "wants_to_learn": "Letters",
                "languages": ["en"],
            }
        },
        "api_match": {"json": lambda ids: {"request_id": ids["open_request"], "offer_id": ids["pool_offer"]}},
        "api_accept": {"json": {"accept": True}},
        "group_new": {"data": lambda ids: {"offer": ids["pool_offer"], "requests": [ids["open_request"]]}},
        "api_group": {
            "json": lambda ids: {
                "offer_id": ids["pool_offer"],
                "request_ids": [ids[f"group_request{number}"] for number in range(4)],
            }
        },
        "logout": {"data": {}, "changes": False},
        "language": {"data": {"language": "el", "next": "/el/"}, "changes": False},
        "password": {
            "data": {
                "old_password": "qser-demo",
                "new_password1": "a-long-new-pass-9",
                "new_password2": "a-long-new-pass-9",
            }
        },
        "save_draft": {"data": {"action": "save_draft"}},
        "approve": {"data": {"action": "approve", "comment": "Fine."}},
        "comment": {"data": {"comment": "Fine."}},
        "practice": {"data": practice_data(token="5f1b9a52-5c1e-4d0b-8d3c-3c8f0f7c2a11")},
        "relationship": {
            "data": lambda ids: {
                "mentoring_model": "one_on_one",
                "department": ids["social_services"],
                "mentees": [ids["mentee_user"]],
                "start_date": "2026-03-02",
            }
        },
        "session": {
            "data": {"date": "2026-03-02T10:00", "topic": "Role play", "place": "Room 2", "session_format": "in_person"}
        },
        "output": {
            "data": lambda ids: {
                "filled_form": ids["mentee_new_form"],
                "stage": 1,
                "target_departments": [ids["housing"]],
            }
        },
        "api_fill": {"json": lambda ids: {"template_id": ids["swot_id"], "answers": {"subject": "Queue"}}},
        "api_answers": {"json": {"answers": {}, "complete": False}},
        "api_output": {
            "json": lambda ids: {
                "relationship_id": ids["relationship"],
                "filled_form_id": ids["mentee_new_form"],
                "stage": 1,
                "target_department_ids": [ids["housing"]],
            }
        },
        "programme": {"data": {"planned_end_date": "2031-06-30", "stage_1": "2", "stage_2": "3"}},
        "occurrence": {"data": lambda ids: {"occurrence": ids["session_start"]}},
        "attendance": {"data": lambda ids: {"occurrence": ids["session_start"], "people": [ids["mentee_user"]]}},
        "api_session": {
            "json": {"stage": 2, "date": "2031-03-04T15:00:00+02:00", "topic": "Goals", "rrule": "FREQ=WEEKLY;COUNT=3"}
        },
        "api_session_patch": {"json": {"topic": "Roles and rules"}},
        "api_patch": {"json": {"answers": {"subject": "Queue"}}},
        "api_approve": {"json": {"action": "approve", "comment": "Fine."}},
        "api_summary": {"json": {"summary": "Shorter."}},
        "v3_new_guide": {
            "json": lambda ids: {
                "meta": {"type": "home.GuidePage", "parent_id": ids["guide_index_id"]},
                "title": "A new chapter",
                "slug": "a-new-chapter",
                "summary": "New",
                "body": [],
            }
        },
        "v3_title": {"json": {"title": "Retitled"}},
        "v3_unpublish": {"json": {"recursive": False}},
        "v3_copy": {"json": lambda ids: {"destination_id": ids["guide_index_id"], "slug": "copied-chapter"}},
        "v3_move": {"json": lambda ids: {"destination_id": ids["guide_index_id"], "position": "last-child"}},
        "v3_revert": {"json": lambda ids: {"revision_id": ids["guide_revision"]}},
        "v3_alias": {"json": lambda ids: {"destination_id": ids["guide_index_id"], "slug": "aliased-chapter"}},
        "v3_translate": {"json": {"locale": "de", "copy_parents": True}},
        "v3_site": {"json": lambda ids: {"hostname": "hub.example.org", "root_page_id": ids["guide_index_id"]}},
        "v3_redirect": {"json": lambda ids: {"old_path": "/older-guides", "redirect_page_id": ids["guide_index_id"]}},
        "v3_document": {
            "multipart": lambda ids: {
                "title": "Agenda",
                "collection_id": ids["root_collection"],
                "file": _upload("agenda.txt", b"Agenda"),
            }
        },
        "v3_image": {
            "multipart": lambda ids: {"title": "Logo", "collection_id": ids["root_collection"], "file": _image_upload()}
        },
        "api_practice": {
            "json": {
                **{key: value for key, value in practice_data().items() if key not in ("stage", "tags", "token")},
                "language": "en",
                "stage": 5,
                "tags": ["interpreters"],
            }
        },
        "api_draft": {"json": {"language": "en", "title": "Started"}},
        "api_draft_patch": {"json": {"title": "Renamed"}},
        "api_draft_content": {
            "json": {
                **{key: value for key, value in practice_data().items() if key not in ("stage", "tags", "token")},
                "language": "el",
                "stage": None,
                "licence": "",
                "tags": ["interpreters"],
            }
        },
        "api_practice_content": {
            "json": {
                **{key: value for key, value in practice_data().items() if key not in ("stage", "tags", "token")},
                "contact": "",
                "stage": None,
                "tags": ["interpreters"],
            }
        },
    }


PAYLOADS = _payloads()


@dataclasses.dataclass(frozen=True)
class Row:
    method: str
    template: str
    payload: str | None
    cells: tuple

    @classmethod
    def parse(cls, request, *cells):
        method, template, *payload = request.split()
        assert len(cells) == len(ROLES), request
        return cls(method, template, payload[0] if payload else None, cells)

    def __str__(self):
        return f"{self.method} {self.template}" + (f" +{self.payload}" if self.payload else "")

    def expected(self, role):
        return self.cells[ROLES.index(role)]


ROWS = [Row.parse(*row) for row in MATRIX]

# Which credentials each API honours. A credential an API ignores is tried in the admin's cell, the most
# powerful one: it must be answered as the anonymous cell says.
API_CREDENTIALS = {"/api/v2/": {"session", "token"}, "/api/v3/": {"token"}, "/api/": {"session", "token"}}


def credentials(row, role):
    """[(credential, expected answer)] to send for one cell."""
    if role == "anonymous":
        return [("none", row.expected(role))]
    api = next((prefix for prefix in API_CREDENTIALS if row.template.startswith(prefix)), None)
    if api is None:
        return [("session", row.expected(role))]
    honoured = API_CREDENTIALS[api]
    sent = [(credential, row.expected(role)) for credential in sorted(honoured)]
    if role == "admin":
        sent += [(credential, row.expected("anonymous")) for credential in {"session", "token"} - honoured]
    return sent


def send(world, row, role, credential):
    client = world.client(role if credential == "session" else "anonymous")
    headers = world.bearer(role) if credential == "token" else {}
    url = world.url(row.template)
    payload = PAYLOADS[row.payload] if row.payload else {}
    options = {}
    if "multipart" in payload:
        options = {"data": payload["multipart"](world.ids)}
    elif "json" in payload:
        body = payload["json"]
        options = {"data": body(world.ids) if callable(body) else body, "content_type": "application/json"}
    elif "data" in payload:
        body = payload["data"]
        options = {"data": body(world.ids) if callable(body) else body}
    return getattr(client, row.method.lower())(url, **options, **headers)


def describe(response):
    location = response.get("Location")
    return f"{response.status_code}" + (f" → {location}" if location else "")


def check_answer(world, role, response, expected, what):
    assert response.status_code < 500, f"{what}: server error"
    assert matches(expected, response), f"{what}: expected {expected!r}, got {describe(response)}"
    if response.status_code == 200 and not response.streaming:
        content_type = response.get("Content-Type", "")
        if content_type.startswith(("text/", "application/json")):
            leaks = world.leaks(role, response.content.decode())
            assert not leaks, f"{what}: the answer shows {leaks}, which {role} may not see"


def check_cell(world, row, role):
    payload = PAYLOADS[row.payload] if row.payload else {}
    for credential, expected in credentials(row, role):
        what = f"{row} as {role} ({credential})"
        # Each request in a savepoint of the world's transaction, rolled back: the next starts from the same world.
        with transaction.atomic():
            response = send(world, row, role, credential)
            check_answer(world, role, response, expected, what)
            if payload.get("changes", True) and payload:
                changed = world_snapshot() != world.snapshot
                assert changed != is_refusal(expected), f"{what}: {'changed' if changed else 'nothing changed'}"
            transaction.set_rollback(True)
        if payload:
            cache.clear()  # nothing cached from a write that was rolled back


@pytest.mark.parametrize("row", ROWS, ids=str)
def test_row(world, subtests, row):
    """One row, each role's cell a subtest: a failing cell is reported by its request and its role."""
    for role in ROLES:
        with subtests.test(role=role):
            check_cell(world, row, role)


# Collection: every URL pattern, API method and page route has a row.

OUR_APPS = {"home", "forms_library", "practices", "mentoring", "qser_site"}
LANGUAGE_PREFIX = re.compile("^({})/".format("|".join(code for code, _name in settings.LANGUAGES)))


def _join(prefix, pattern):
    # As Django joins a resolver's route with its child's (URLResolver._join_route).
    route = str(pattern.pattern)
    return prefix + (route[1:] if route.startswith("^") else route)


def url_patterns(patterns=None, prefix=""):
    """(route, pattern) of every URL pattern, routes as ResolverMatch.route gives them."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from url_patterns(pattern.url_patterns, _join(prefix, pattern))
        else:
            yield _join(prefix, pattern), pattern


def methods(pattern):
    """The methods a pattern's view accepts when it says so: django-ninja's operations, DRF's actions."""
    callback = pattern.callback
    if hasattr(callback, "actions"):
        # HEAD is answered as GET is.
        return {method.upper() for method in callback.actions} - {"HEAD"}
    path_view = inspect.getclosurevars(callback).nonlocals.get("self") if inspect.isfunction(callback) else None
    if hasattr(path_view, "operations"):
        return {method for operation in path_view.operations for method in operation.methods}
    return {"*"}


def _is_ours(pattern):
    """A view of one of our apps, or a Wagtail view of one of our models."""
    callback = pattern.callback
    model = getattr(callback, "view_initkwargs", {}).get("model")
    if isinstance(model, str):
        app = model.split(".")[0]
    elif model is not None:
        app = model._meta.app_label
    else:
        app = callback.__module__.split(".")[0]
    return app in OUR_APPS


def collected_urls():
    """(method, route) that need a row: everything outside the admin, and the admin's public pages and views of
    our models."""
    with translation.override(settings.LANGUAGE_CODE):
        for route, pattern in url_patterns():
            if route.startswith("admin/") and not (_is_ours(pattern) or pattern.name in ADMIN_PUBLIC):
                continue
            for method in methods(pattern):
                yield method, LANGUAGE_PREFIX.sub("<lang>/", route)


def row_route(row, ids):
    """The URL pattern a row's request reaches, and its route; (None, None) for a URL no pattern serves."""
    path = urlsplit(row.template.format(**ids)).path
    language = path.split("/")[1] if LANGUAGE_PREFIX.match(path[1:]) else settings.LANGUAGE_CODE
    try:
        with translation.override(language):
            match = resolve(path)
    except Resolver404:
        return None, None
    return match, LANGUAGE_PREFIX.sub("<lang>/", match.route)


def test_every_url_has_rows(world):
    covered = set()
    for row in ROWS:
        _match, route = row_route(row, world.ids)
        covered |= {(row.method, route), ("*", route)}
    missing = sorted({(method, route) for method, route in collected_urls()} - covered)
    assert not missing, f"URLs without a row in the permission matrix: {missing}"


def page_routes():
    """(page type, route) of every live page type: the routes of a RoutablePageMixin page, or serving it."""
    routes = set()
    for content_type_id in Page.objects.live().filter(depth__gt=1).values_list("content_type", flat=True).distinct():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if issubclass(model, RoutablePageMixin):
            # The first route of a pattern serves it; a later one with the same pattern never does.
            first = {}
            for pattern in model.get_subpage_urls():
                first.setdefault(str(pattern.pattern), pattern.name)
            routes |= {(model._meta.label, name) for name in first.values()}
        else:
            routes.add((model._meta.label, "serve"))
    return routes


def test_every_page_route_has_rows(world):
    covered = set()
    for row in ROWS:
        match, _route = row_route(row, world.ids)
        if match is None or match.url_name != "wagtail_serve":
            continue
        path = urlsplit(world.url(row.template)).path
        request = RequestFactory().get(path, HTTP_HOST="localhost")
        language = path.split("/")[1]
        with translation.override(language):
            result = Page.route_for_request(request, "/" + path.split("/", 2)[2])
        if result is None:
            continue  # a draft, or a page that does not exist: a row of its own, not a route's
        page, args, _kwargs = result
        view = args[0].__name__ if isinstance(page, RoutablePageMixin) else "serve"
        covered.add((page._meta.label, view))
    missing = sorted(page_routes() - covered)
    assert not missing, f"Page routes without a row in the permission matrix: {missing}"


# The rule for the rest of the Wagtail admin: every parameterless page asks for the admin's sign-in from
# anyone without the admin (anonymous, staff, mentee, mentor, outsider), and shows the reviewer and the
# translator, whose admin is narrow, nothing of what they may not see.

# The admin's pages for signing in and its static helpers are public: they have rows.
ADMIN_PUBLIC = {
    "wagtailadmin_login",
    "wagtailadmin_password_reset",
    "wagtailadmin_password_reset_done",
    "wagtailadmin_password_reset_confirm",
    "wagtailadmin_password_reset_complete",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
}
# Wagtail's page that raises on purpose, to test the error page.
ADMIN_ERROR_TEST = "wagtailadmin_error_test"
WITHOUT_ADMIN = ("anonymous", "staff", "mentee", "mentor", "outsider")
NARROW_ADMIN = ("reviewer", "translator")


def _parameterless(pattern):
    regex = pattern.pattern.regex
    return regex.groups == 0 and not getattr(pattern.pattern, "converters", None)


def admin_urls():
    """(URL, name) of the admin's parameterless pages, but ours and the public ones, which have rows."""
    with translation.override(settings.LANGUAGE_CODE):
        routes = [(route, pattern) for route, pattern in url_patterns() if route.startswith("admin/")]
    urls = {}
    for route, pattern in routes:
        if _parameterless(pattern) and not _is_ours(pattern) and pattern.name not in ADMIN_PUBLIC:
            # A URL served by the first pattern that matches it.
            urls.setdefault("/" + route.rstrip("$").replace("^", ""), pattern.name)
    return sorted(urls.items())


ADMIN_URLS = admin_urls()


@pytest.mark.parametrize(("url", "name"), ADMIN_URLS, ids=[url for url, _name in ADMIN_URLS])
def test_admin_rule(world, subtests, url, name):
    for role in WITHOUT_ADMIN:
        with subtests.test(role=role):
            response = world.client(role).get(url)
            assert response.status_code == 302 and _location(response) == "/admin/login/", describe(response)
    for role in NARROW_ADMIN if name != ADMIN_ERROR_TEST else ():
        with subtests.test(role=role), transaction.atomic():
            response = world.client(role).get(url)
            check_answer(world, role, response, response.status_code, f"GET {url} as {role}")
            transaction.set_rollback(True)


# Pages × actions × roles: no role skips moderation.
#
# One page of each kind (conftest.py `_translated_pages`, the Greek tree being the translator's) and every action
# of Wagtail's admin and of API v3 on a page. A cell says whether the role may (Y) or not (-): a refusal is a
# sign-in page, the admin's "no permission", or 401/403/404, and changes nothing; a permission is a 2xx answer
# or a redirect elsewhere. Who decides is Wagtail's page permissions narrowed by ours: the translators' sections
# (practices/translators.py), the structure to those who may add pages (home/page_permissions.py), and the
# practices' moderation (practices/permissions.py): a practice in moderation is its submitter's and the
# moderators', and nobody publishes a practice but its workflow.
#
# The page kinds: home_el, information_el (the editors'), guide_el, form_el (the translator's), practice_en and
# practice_el (published), translation_el (the Greek translation of practice_en, a draft), pending_el (sent
# back to its submitter), pending_en (in moderation).

PAGE_ACTIONS = {
    # action: (method, URL, JSON body or None); {page}, {parent}, {revision} are the page kind's
    "admin explore": ("GET", "/admin/api/main/pages/{page}/", None),
    "admin edit": ("GET", "/admin/pages/{page}/edit/", None),
    "admin unpublish": ("GET", "/admin/pages/{page}/unpublish/", None),
    "admin delete": ("GET", "/admin/pages/{page}/delete/", None),
    "admin move": ("GET", "/admin/pages/{page}/move/", None),
    "admin copy": ("GET", "/admin/pages/{page}/copy/", None),
    "admin lock": ("POST", "/admin/pages/{page}/lock/", None),
    "admin revisions": ("GET", "/admin/pages/{page}/history/", None),
    "v3 get": ("GET", "/api/v3/pages/{page}/", None),
    "v3 edit": ("PATCH", "/api/v3/pages/{page}/", {"title": "Retitled"}),
    "v3 publish": ("POST", "/api/v3/pages/{page}/actions/publish/", {}),
    "v3 unpublish": ("POST", "/api/v3/pages/{page}/actions/unpublish/", {"recursive": False}),
    "v3 delete": ("DELETE", "/api/v3/pages/{page}/actions/delete/", None),
    "v3 move": (
        "POST",
        "/api/v3/pages/{page}/actions/move/",
        {"destination_id": "{parent}", "position": "first-child"},
    ),
    "v3 copy": ("POST", "/api/v3/pages/{page}/actions/copy/", {"destination_id": "{parent}", "slug": "copied-page"}),
    "v3 revisions": ("GET", "/api/v3/pages/{page}/revisions/", None),
    "v3 revert": ("POST", "/api/v3/pages/{page}/actions/revert/", {"revision_id": "{revision}"}),
    "v3 translate": (
        "POST",
        "/api/v3/pages/{page}/actions/copy_for_translation/",
        {"locale": "de", "copy_parents": True},
    ),
}

# fmt: off
PAGE_MATRIX = {
    # page kind:       action:            anonymous staff mentee mentor reviewer outsider translator editor admin
    "home_el": {
        "admin explore":   "- - - - - - Y Y Y",
        "admin edit":      "- - - - - - - Y Y",
        "admin unpublish": "- - - - - - - Y Y",
        # A page with children is deleted with Wagtail's bulk_delete, which only the superuser has.
        "admin delete":    "- - - - - - - - Y",
        "admin move":      "- - - - - - - Y Y",
        "admin copy":      "- - - - - - - Y Y",
        "admin lock":      "- - - - - - - Y Y",
        "admin revisions": "- - - - - - - Y Y",
        "v3 get":          "Y - - - - - - Y Y",
        "v3 edit":         "- - - - - - - Y Y",
        "v3 publish":      "- - - - - - - Y Y",
        "v3 unpublish":    "- - - - - - - Y Y",
        "v3 delete":       "- - - - - - - - Y",
        "v3 move":         "- - - - - - - Y Y",
        "v3 copy":         "- - - - - - - Y Y",
        "v3 revisions":    "- - - - - - - Y Y",
        "v3 revert":       "- - - - - - - Y Y",
        # Every page here has its German translation already: the superuser's copy is a conflict (409), the
        # others' a refusal.
        "v3 translate":    "- - - - - - - - -",
    },
}
# fmt: on

# The other kinds, written as the differences from a base: the editors' pages are as the Greek home page;
# the translator's sections add the translator's editing and publishing, not the structure.
_TRANSLATED = {
    "admin explore": "- - - - - - Y Y Y",
    "admin edit": "- - - - - - Y Y Y",
    "admin unpublish": "- - - - - - Y Y Y",
    "admin revisions": "- - - - - - Y Y Y",
    "v3 get": "Y - - - - - Y Y Y",
    "v3 edit": "- - - - - - Y Y Y",
    "v3 publish": "- - - - - - Y Y Y",
    "v3 unpublish": "- - - - - - Y Y Y",
    "v3 revisions": "- - - - - - Y Y Y",
    "v3 revert": "- - - - - - Y Y Y",
}
# A practice: published by its moderation only, by nobody directly. It has no German translation yet: the
# superuser may start one.
_PRACTICE = {"v3 publish": "- - - - - - - - -", "v3 translate": "- - - - - - - - Y"}
_UNPUBLISHED = {
    "admin unpublish": "- - - - - - - - -",
    "v3 unpublish": "- - - - - - - - -",
    "v3 get": "- - - - - - - Y Y",
}
_HIDDEN_FROM_TRANSLATOR = {"admin explore": "- - - - - - - Y Y"}
PAGE_MATRIX["information_el"] = {
    **PAGE_MATRIX["home_el"],
    "admin explore": "- - - - - - - Y Y",
    "admin delete": "- - - - - - - Y Y",
    "v3 delete": "- - - - - - - Y Y",
}
PAGE_MATRIX["guide_el"] = {**PAGE_MATRIX["information_el"], **_TRANSLATED}
PAGE_MATRIX["form_el"] = PAGE_MATRIX["guide_el"]
PAGE_MATRIX["practice_en"] = {**PAGE_MATRIX["information_el"], **_PRACTICE}
# A published practice of the translator's language: seen in their repository (it is public), not edited.
PAGE_MATRIX["practice_el"] = {
    **PAGE_MATRIX["practice_en"],
    "admin explore": "- - - - - - Y Y Y",
    "v3 get": "Y - - - - - Y Y Y",
}
PAGE_MATRIX["pending_en"] = {**PAGE_MATRIX["practice_en"], **_UNPUBLISHED, **_HIDDEN_FROM_TRANSLATOR}
PAGE_MATRIX["pending_el"] = PAGE_MATRIX["pending_en"]
# The translation of a published practice: the translator's to edit; sent to the moderators, never published.
PAGE_MATRIX["translation_el"] = {
    **PAGE_MATRIX["pending_en"],
    **{action: _TRANSLATED[action] for action in ("admin explore", "admin edit", "admin revisions", "v3 edit")},
    **dict.fromkeys(("v3 get", "v3 revisions", "v3 revert"), "- - - - - - Y Y Y"),
}

PAGE_ROWS = [(kind, action) for kind, actions in PAGE_MATRIX.items() for action in PAGE_ACTIONS if action in actions]


def _fill(value, ids, kind):
    names = {"page": ids[f"{kind}_page"], "parent": ids[f"{kind}_parent"], "revision": ids[f"{kind}_revision"]}
    if isinstance(value, dict):
        return {key: _fill(item, ids, kind) for key, item in value.items()}
    if isinstance(value, str) and value.startswith("{") and value.endswith("}"):
        return names[value[1:-1]]
    return value.format(**names) if isinstance(value, str) else value


def _refused(response, url):
    location = _location(response)
    if response.status_code in (401, 403, 404, 409):  # 409: a conflict with what is stored, nothing changed
        return True
    # Django's LocaleMiddleware answers a 404 outside the language prefix with a redirect to the English path.
    not_found = location == f"/{settings.LANGUAGE_CODE}{urlsplit(url).path}"
    return response.status_code == 302 and (location.startswith(LOGIN_PATHS) or location == "/admin/" or not_found)


def test_page_actions_cover_every_kind_and_action():
    assert all(set(actions) == set(PAGE_ACTIONS) for actions in PAGE_MATRIX.values())


@pytest.mark.parametrize(("kind", "action"), PAGE_ROWS, ids=[f"{kind} {action}" for kind, action in PAGE_ROWS])
def test_page_action(world, subtests, kind, action):
    method, template, body = PAGE_ACTIONS[action]
    url = _fill(template, world.ids, kind)
    cells = PAGE_MATRIX[kind][action].split()
    api = template.startswith("/api/v3/")
    for role, cell in zip(ROLES, cells, strict=True):
        with subtests.test(role=role), transaction.atomic():
            client = world.client("anonymous" if api else role)
            headers = world.bearer(role) if api else {}
            options = (
                {"data": _fill(body, world.ids, kind), "content_type": "application/json"} if body is not None else {}
            )
            response = getattr(client, method.lower())(url, **options, **headers)
            what = f"{action} on {kind} as {role}: {describe(response)}"
            assert response.status_code < 500, what
            assert _refused(response, url) == (cell == "-"), what
            if cell == "-" and method != "GET":
                assert world_snapshot() == world.snapshot, f"{what}: a refusal changed something"
            transaction.set_rollback(True)
        cache.clear()
