"""Retention applied: `apply_retention` removes what is past the periods of the operator's settings with the
erasure's own steps, keeps what is newer and the organisation's records, and changes nothing with --dry-run."""

import datetime
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from forms_library.models import FilledForm
from home.site_settings import OperatorSettings
from mentoring.models import MentoringRelationship, MentoringSession
from practices.models import PracticePage
from tests.factories import (
    FilledFormFactory,
    MentoringSessionFactory,
    PracticePageFactory,
    RelationshipFactory,
    StageOutputFactory,
    SuperuserFactory,
    UserFactory,
    form_template,
)

pytestmark = pytest.mark.django_db

User = get_user_model()
NOW = timezone.now()


def days_ago(days):
    return NOW - datetime.timedelta(days=days)


@pytest.fixture
def periods():
    settings = OperatorSettings.load()
    settings.account_retention_days = 400
    settings.session_retention_days = 200
    settings.filled_form_retention_days = 300
    settings.practice_retention_days = 100
    settings.save()
    return settings


@pytest.fixture
def records(periods):
    """For each kind of personal data, a record a day past its period and one a day within it."""
    ended = RelationshipFactory(status=MentoringRelationship.Status.ENDED)
    active = RelationshipFactory(status=MentoringRelationship.Status.ACTIVE)
    template = form_template("swot-analysis")
    old_practice = PracticePageFactory(state="changes_requested")
    new_practice = PracticePageFactory(state="changes_requested")
    published_practice = PracticePageFactory(state="published")
    data = {
        "old_account": UserFactory(last_login=days_ago(401)),
        "never_signed_in": UserFactory(date_joined=days_ago(401)),
        "new_account": UserFactory(last_login=days_ago(399)),
        "old_superuser": SuperuserFactory(last_login=days_ago(900)),
        "old_mentor_in_active_relationship": active.mentor,
        "old_session": MentoringSessionFactory(relationship=ended, date=days_ago(201)),
        "new_session": MentoringSessionFactory(relationship=ended, date=days_ago(199)),
        "old_session_of_active_relationship": MentoringSessionFactory(relationship=active, date=days_ago(900)),
        "old_form": FilledFormFactory(template=template),
        "new_form": FilledFormFactory(template=template),
        "old_practice": old_practice,
        "new_practice": new_practice,
        "published_practice": published_practice,
    }
    User.objects.filter(pk=active.mentor.pk).update(last_login=days_ago(900))
    FilledForm.objects.filter(pk=data["old_form"].pk).update(updated_at=days_ago(301))
    FilledForm.objects.filter(pk=data["new_form"].pk).update(updated_at=days_ago(299))
    for page, age in [(old_practice, 101), (new_practice, 99), (published_practice, 900)]:
        PracticePage.objects.filter(translation_key=page.translation_key).update(
            latest_revision_created_at=days_ago(age)
        )
    return data


def exists(record):
    return type(record).objects.filter(pk=record.pk).exists()


def erased(person):
    return User.objects.get(pk=person.pk).username == f"erased-user-{person.pk}"


def test_records_past_their_period_are_removed_and_newer_ones_kept(records):
    output = StringIO()
    call_command("apply_retention", stdout=output)

    assert erased(records["old_account"])
    assert erased(records["never_signed_in"])
    assert not erased(records["new_account"])
    assert not erased(records["old_superuser"])
    # An active relationship holds its people until it ends; the run says so.
    assert not erased(records["old_mentor_in_active_relationship"])
    assert f"account kept for now: {records['old_mentor_in_active_relationship'].username}" in output.getvalue()

    assert not exists(records["old_session"])
    assert exists(records["new_session"])
    assert exists(records["old_session_of_active_relationship"])

    assert not exists(records["old_form"])
    assert exists(records["new_form"])

    assert not PracticePage.objects.filter(translation_key=records["old_practice"].translation_key).exists()
    assert exists(records["new_practice"])
    assert exists(records["published_practice"])


def test_a_filled_form_behind_a_stage_output_is_kept(periods):
    output = StageOutputFactory()
    FilledForm.objects.filter(pk=output.filled_form_id).update(updated_at=days_ago(5000))
    call_command("apply_retention", stdout=StringIO())
    assert FilledForm.objects.filter(pk=output.filled_form_id).exists()


def test_dry_run_reports_and_changes_nothing(records):
    before = {
        "users": list(User.objects.order_by("pk").values_list("username", flat=True)),
        "sessions": MentoringSession.objects.count(),
        "forms": FilledForm.objects.count(),
        "practices": PracticePage.objects.count(),
    }
    output = StringIO()
    call_command("apply_retention", "--dry-run", stdout=output)
    after = {
        "users": list(User.objects.order_by("pk").values_list("username", flat=True)),
        "sessions": MentoringSession.objects.count(),
        "forms": FilledForm.objects.count(),
        "practices": PracticePage.objects.count(),
    }
    assert after == before
    report = output.getvalue()
    assert "sessions: 1" in report
    assert "filled forms: 1" in report
    assert "practice submissions: 1" in report
    assert records["old_account"].username in report
    assert "would remove" in report


def test_a_period_shorter_than_a_month_is_refused_in_the_settings(periods):
    periods.filled_form_retention_days = 3
    with pytest.raises(ValidationError):
        periods.full_clean()
