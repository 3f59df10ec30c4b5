"""The relationship page reads the relationship's outputs once (mentoring/progress.relationship_outputs) for its
stages and for what waits in it: what it lists to review and to fix is what next_steps reads on its own, and the
stage's templates it offers (kept under the cache's generation) follow a publish at once."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.test import RequestFactory
from django.utils import translation

from mentoring import next_steps, progress
from mentoring.models import MentoringRelationship
from tests.conftest import sign_in
from tests.factories import RelationshipFactory, form_template

pytestmark = pytest.mark.django_db


def person(username):
    return get_user_model().objects.get(username=username)


@pytest.mark.parametrize("username", ["mentor", "mentee", "reviewer", "staff", "admin"])
@pytest.mark.parametrize("language", ["en", "cs"])
def test_what_waits_among_the_pages_outputs_is_what_next_steps_reads_itself(username, language):
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        pytest.skip(f"no {username} in the cast")
    translation.activate(language)
    request = RequestFactory().get("/")
    request.user, request.LANGUAGE_CODE = user, language
    seen = 0
    for relationship in MentoringRelationship.objects.order_by("pk"):
        outputs = progress.relationship_outputs(relationship, language)
        own = next_steps.for_user(user, request=request, relationship=relationship)
        assert next_steps.for_user(user, request=request, relationship=relationship, outputs=outputs) == own
        # The sessions as the page read them (date order): the same next session, the same steps.
        calendar = list(relationship.sessions.order_by("date", "pk"))
        read = next_steps.for_user(user, request=request, relationship=relationship, outputs=outputs, sessions=calendar)
        assert read == own
        seen += len(own)
    if username in ("mentor", "mentee"):
        assert seen  # the cast's outputs at review and sent back


def test_the_relationship_page_lists_the_review_and_the_fix_with_its_comment(client):
    relationship = MentoringRelationship.objects.filter(mentor__username="mentor").order_by("pk").first()
    sign_in(client, "mentee")
    page = BeautifulSoup(client.get(f"/en/mentoring/{relationship.pk}/").content, "html.parser")
    kinds = {item["class"][-1] for item in page.select(".next-steps .next-step")}
    assert "next-step--fix" in kinds
    assert "Doplňte prosím měřitelné ukazatele" in page.select_one(".next-steps").get_text()


def test_a_published_translation_of_a_stage_template_is_offered_at_once(client):
    relationship = RelationshipFactory(mentor=person("mentor"), mentees=[person("mentee")])
    sign_in(client, "mentee")

    def offered():
        page = BeautifulSoup(client.get(f"/cs/mentoring/{relationship.pk}/").content, "html.parser")
        return [a.get_text(strip=True) for a in page.select(".stage-forms a")]

    template = form_template("partnership-agreement", "cs")
    assert any(template.title in text for text in offered())
    template.title = "Dohoda o partnerství (nové znění)"
    template.save_revision().publish()
    assert any("Dohoda o partnerství (nové znění)" in text for text in offered())
    template.unpublish()
    english = form_template("partnership-agreement", "en").title
    assert any(english in text for text in offered())


def test_the_next_session_comes_from_the_sessions_the_page_read(client):
    """The page's sessions give the next-step panel its next session (not read again): an earlier session planned
    before it, or a past one, changes what the panel says as it would read it itself."""
    import datetime

    from django.utils import timezone

    from mentoring.models import MentoringSession

    relationship = RelationshipFactory()
    mentor = relationship.mentor
    now = timezone.now()
    later = MentoringSession.objects.create(
        relationship=relationship, stage=1, date=now + datetime.timedelta(days=9), topic="Later"
    )
    MentoringSession.objects.create(
        relationship=relationship, stage=1, date=now - datetime.timedelta(days=2), topic="Past"
    )
    client.force_login(mentor)

    def panel_sessions():
        request = RequestFactory().get("/")
        request.user, request.LANGUAGE_CODE = mentor, "en"
        fresh = MentoringRelationship.objects.get(pk=relationship.pk)
        calendar = list(fresh.sessions.order_by("date", "pk"))
        read = next_steps.for_user(mentor, request=request, relationship=fresh, sessions=calendar)
        assert read == next_steps.for_user(mentor, request=request, relationship=fresh)
        return [step.title for step in read if step.kind == "session"]

    assert panel_sessions() == ["Later"]
    assert "Later" in client.get(f"/en/mentoring/{relationship.pk}/").content.decode()
    MentoringSession.objects.create(
        relationship=relationship, stage=1, date=now + datetime.timedelta(days=3), topic="Sooner"
    )
    assert panel_sessions() == ["Sooner"]
    later.delete()
    relationship.status = MentoringRelationship.Status.ENDED
    relationship.save()
    assert panel_sessions() == []
