"""The dashboard's figures against data with known answers: a department with three relationships whose stages,
sessions, pool and evaluations are set by hand; an empty period; a department of one, withheld ("fewer than 5")
for a reader who may not see its records; and a fixed number of queries whatever the data's size."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import ModelLogEntry, TaskState
from wagtail_localize.models import Translation

from forms_library.models import FilledForm
from mentoring.audit import STAGE_DONE
from mentoring.models import MentoringRelationship, MentorOffer, SessionAttendance
from qser_site.dashboard.figures import QUERIES, Filters, compute
from qser_site.dashboard.tables import FEWER, tables
from tests.factories import (
    DepartmentFactory,
    FilledFormFactory,
    GroupRelationshipFactory,
    MentoringSessionFactory,
    MentorOfferFactory,
    MentorRequestFactory,
    PracticePageFactory,
    RelationshipFactory,
    StageOutputFactory,
    form_template,
    mentee_of,
)

pytestmark = pytest.mark.django_db

PERIOD = Filters(start=datetime.date(2026, 1, 1), end=datetime.date(2026, 6, 30))


def at(year, month, day):
    return timezone.make_aware(datetime.datetime(year, month, day))


def stage_done(relationship, stage, moment):
    ModelLogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(MentoringRelationship),
        object_id=str(relationship.pk),
        label=str(relationship.pk),
        action=STAGE_DONE,
        data={"stage": stage},
        timestamp=moment,
    )


@pytest.fixture
def programme():
    """Department A: r1 (one-on-one, in stage 3: stage 1 took 10 days, stage 2 30), r2 (group, completed on
    1 April: stage 1 took 4 days), r3 (ended early); one held meeting of stage 1 for r1, which agreed 2 + 3
    sessions; a mentor offering 3 places; two requests waiting."""
    department = DepartmentFactory(name="Dashboard A")
    r1 = RelationshipFactory(
        department=department, start_date=datetime.date(2026, 1, 10), current_stage=3, agreed_sessions={"1": 2, "2": 3}
    )
    stage_done(r1, 1, at(2026, 1, 20))
    stage_done(r1, 2, at(2026, 2, 19))
    r2 = GroupRelationshipFactory(
        department=department,
        start_date=datetime.date(2026, 2, 1),
        current_stage=5,
        status=MentoringRelationship.Status.COMPLETED,
    )
    for stage, day in enumerate([at(2026, 2, 5), at(2026, 2, 20), at(2026, 3, 1), at(2026, 3, 15), at(2026, 4, 1)], 1):
        stage_done(r2, stage, day)
    r3 = RelationshipFactory(
        department=department, start_date=datetime.date(2026, 3, 3), status=MentoringRelationship.Status.ENDED
    )
    session = MentoringSessionFactory(relationship=r1, stage=1, date=at(2026, 1, 15))
    for person in (r1.mentor, mentee_of(r1)):
        SessionAttendance.objects.create(session=session, person=person, occurrence=session.date)
    offer = MentorOfferFactory(department=department, one_on_one_capacity=2, group_capacity=1)
    MentorRequestFactory(department=department)
    MentorRequestFactory(department=department)
    return {"department": department, "relationships": (r1, r2, r3), "offer": offer}


def test_relationships_by_stage_and_model_and_month(programme):
    figures = compute(PERIOD, [programme["department"].pk])
    data = figures.relationships
    assert data["by_stage"] == {1: 0, 2: 0, 3: 1, 4: 0, 5: 0}  # the active ones: r1, in stage 3
    assert data["by_status"] == {"active": 1, "completed": 1, "ended": 1}
    assert data["by_model"] == {"one_on_one": {"active": 1, "ended": 1}, "group": {"completed": 1}}
    months = {month: (started, finished) for month, started, finished in data["months"]}
    assert len(months) == 6
    assert months["2026-01"] == (1, 0)
    assert months["2026-02"] == (1, 0)
    assert months["2026-03"] == (1, 0)
    assert months["2026-04"] == (0, 1)


def test_where_relationships_stall(programme):
    stall = compute(PERIOD, [programme["department"].pk]).relationships["stall"]
    # Stage 1: r1 10 days, r2 4 days; r3 ended early in stage 1 (no end, not under way): not counted.
    assert stall[1] == {"count": 2, "median": 7, "slowest": 10}
    assert stall[2] == {"count": 2, "median": 22, "slowest": 30}  # r1 30, r2 15
    # Stage 3: r2 9 days; r1 still in it, counted to the period's end (1 July).
    assert stall[3] == {"count": 2, "median": 70, "slowest": 132}  # 70.5, rounded to even
    assert stall[5] == {"count": 1, "median": 17, "slowest": 17}


def test_sessions_pool_and_empty_figures(programme):
    figures = compute(PERIOD, [programme["department"].pk])
    assert figures.sessions[1] == {"agreed": 2, "held": 1}
    assert figures.sessions[2] == {"agreed": 3, "held": 0}
    assert figures.pool["mentors"] == 1
    assert figures.pool["places"] == 3
    assert figures.pool["waiting"] == 2
    assert figures.pool["waited"]["count"] == 2


def test_an_empty_period_and_an_empty_department(programme):
    earlier = Filters(start=datetime.date(2024, 1, 1), end=datetime.date(2024, 3, 31))
    figures = compute(earlier, [programme["department"].pk])
    assert figures.relationships["by_stage"] == dict.fromkeys(range(1, 6), 0)
    assert [row[1:] for row in figures.relationships["months"]] == [(0, 0)] * 3
    assert all(spread["count"] == 0 for spread in figures.relationships["stall"].values())
    empty = compute(PERIOD, [DepartmentFactory().pk])
    assert empty.sessions[1] == {"agreed": 0, "held": 0}
    assert empty.pool["places"] == 0
    assert empty.reviews == [] and empty.circle == [] and empty.evaluations == []
    # Every table is there, with a summary that says there is nothing.
    shown = tables(empty, record_department_ids=set(), language="en")
    assert [table.key for table in shown][:5] == ["stages", "models", "months", "stall", "sessions"]
    assert "no data" in shown[1].summary()


def test_a_department_of_one_is_withheld_from_those_who_may_not_see_its_records():
    department = DepartmentFactory(name="Dashboard One")
    RelationshipFactory(department=department, start_date=datetime.date(2026, 2, 2))
    figures = compute(PERIOD, [department.pk])
    withheld = {table.key: table for table in tables(figures, record_department_ids=set(), language="en")}
    assert withheld["stages"].rows[0]["count"] is FEWER
    assert withheld["stall"].rows[0] == {"stage": "Stage 1", "count": FEWER, "median": None, "slowest": None}
    assert "fewer than 5" in withheld["stages"].summary()
    # The chart draws no bar for a withheld count.
    assert withheld["stages"].chart().series["Relationships"][0] is None
    shown = {table.key: table for table in tables(figures, record_department_ids={department.pk}, language="en")}
    assert shown["stages"].rows[0]["count"] == 1


def test_the_circle_and_its_lineage(programme):
    department = programme["department"]
    r1 = programme["relationships"][0]
    grown = MentorOfferFactory(department=department, mentor=mentee_of(r1), came_from=r1)
    MentorOffer.objects.filter(pk=grown.pk).update(created_at=at(2026, 5, 5))
    second = RelationshipFactory(department=department, mentor=grown.mentor, start_date=datetime.date(2026, 5, 6))
    third = MentorOfferFactory(department=department, mentor=mentee_of(second), came_from=second)
    MentorOffer.objects.filter(pk=third.pk).update(created_at=at(2026, 6, 6))
    circle = compute(PERIOD, [department.pk]).circle
    assert circle == [{"department": department.pk, "year": 2026, "mentors": 2, "depth": 2}]


def test_a_fixed_number_of_queries_whatever_the_size(programme):
    department = programme["department"]
    with CaptureQueriesContext(connection) as small:
        compute(PERIOD, [department.pk])
    for _number in range(5):
        relationship = RelationshipFactory(department=department, start_date=datetime.date(2026, 4, 1))
        stage_done(relationship, 1, at(2026, 4, 9))
        session = MentoringSessionFactory(relationship=relationship, date=at(2026, 4, 2))
        SessionAttendance.objects.create(session=session, person=relationship.mentor, occurrence=session.date)
        MentorRequestFactory(department=department)
    with CaptureQueriesContext(connection) as larger:
        compute(PERIOD, [department.pk])
    assert len(small.captured_queries) == len(larger.captured_queries) <= QUERIES


def evaluation_by(relationship, author, goals, worked_best):
    filled = FilledFormFactory(template=form_template("evaluation"), owner=author, status=FilledForm.Status.COMPLETE)
    answers = {**filled.answers, "goals_reached": goals, "worked_best": worked_best, "respondent_role": None}
    return StageOutputFactory(relationship=relationship, author=author, filled_form=filled, answers=answers)


def test_stage_5_evaluations_per_question_and_their_free_text(programme):
    r1, r2, _r3 = programme["relationships"]
    evaluation_by(r1, r1.mentor, 4, "The shadowing days")
    evaluation_by(r2, r2.mentor, 5, "Our monthly meetings")
    evaluation_by(r2, mentee_of(r2), 5, "")
    department = programme["department"]
    figures = compute(PERIOD, [department.pk])
    goals = next(question for question in figures.evaluations if question["label"] == "The goals we set were reached")
    assert goals["counts"] == {"4": 1, "5": 2}
    assert goals["options"][0] == ("1", "1")
    # Those who may see the relationships read the answers; the others only how many there were, withheld.
    shown = tables(figures, record_department_ids={department.pk}, language="en")
    worked = next(table for table in shown if table.title.endswith("What worked best"))
    assert sorted(text["text"] for text in worked.texts) == ["Our monthly meetings", "The shadowing days"]
    hidden = tables(figures, record_department_ids=set(), language="en")
    worked = next(table for table in hidden if table.title.endswith("What worked best"))
    assert worked.texts == [] and worked.rows[0]["count"] is FEWER
    goals_table = next(table for table in shown if table.title.endswith("The goals we set were reached"))
    assert [row["count"] for row in goals_table.rows] == [0, 0, 0, 1, 2]


def test_outputs_waiting_for_review_with_their_age(programme):
    r1 = programme["relationships"][0]
    output = StageOutputFactory(relationship=r1, state="department_approval")
    TaskState.objects.filter(workflow_state__object_id=str(output.pk), status="in_progress").update(
        started_at=timezone.now() - datetime.timedelta(days=12)
    )
    StageOutputFactory(relationship=r1, state="mentor_review")
    reviews = compute(PERIOD, [programme["department"].pk]).reviews
    assert sorted((row["count"], row["slowest"]) for row in reviews) == [(1, 0), (1, 12)]
    assert {row["department"] for row in reviews} == {programme["department"].pk}


def test_practices_by_area_country_and_moderation_state():
    before = compute(PERIOD, []).practices
    PracticePageFactory(state="in_moderation", country="CZ", service_area="health")
    PracticePageFactory(state="published", country="CZ", service_area="health")
    after = compute(PERIOD, []).practices
    health_before = before["by_area"].get("health", {})
    assert after["by_area"]["health"].get("in_moderation", 0) == health_before.get("in_moderation", 0) + 1
    assert after["by_area"]["health"].get("published", 0) == health_before.get("published", 0) + 1
    assert after["by_country"]["CZ"] == before["by_country"].get("CZ", 0) + 2
    czech = compute(Filters(start=PERIOD.start, end=PERIOD.end, country="CZ"), []).practices
    assert set(czech["by_country"]) == {"CZ"}


def test_translation_coverage_agrees_with_wagtail_localize():
    """The share translated per language, as wagtail-localize's own editor counts each translation's progress."""
    expected = {}
    for translation in Translation.objects.filter(enabled=True).select_related("target_locale"):
        total, done = translation.get_progress()
        language = translation.target_locale.language_code
        segments, translated = expected.get(language, (0, 0))
        expected[language] = (segments + total, translated + done)
    rows = compute(PERIOD, []).translations
    assert {row["language"]: (row["segments"], row["translated"]) for row in rows} == {
        language: counts for language, counts in expected.items() if counts[0]
    }


def test_meetings_held_are_counted_by_the_database_over_the_relationships_of_the_period():
    """Each occurrence of a session once, whoever attended it; none of a relationship whose stage 5 was last done
    before the period, nor after the period's end; a relationship done again in the period counts."""
    department = DepartmentFactory(name="Dashboard meetings")
    going = RelationshipFactory(department=department, start_date=datetime.date(2026, 1, 5))
    weekly = MentoringSessionFactory(relationship=going, stage=2, date=at(2026, 2, 2))
    for moment in (at(2026, 2, 2), at(2026, 2, 9)):
        for person in (going.mentor, mentee_of(going)):
            SessionAttendance.objects.create(session=weekly, person=person, occurrence=moment)
    SessionAttendance.objects.create(session=weekly, person=going.mentor, occurrence=at(2026, 7, 6))  # after
    finished = RelationshipFactory(
        department=department, start_date=datetime.date(2025, 1, 5), status=MentoringRelationship.Status.COMPLETED
    )
    stage_done(finished, 5, at(2025, 11, 1))
    old = MentoringSessionFactory(relationship=finished, stage=1, date=at(2025, 10, 1))
    SessionAttendance.objects.create(session=old, person=finished.mentor, occurrence=at(2025, 10, 1))
    again = RelationshipFactory(
        department=department, start_date=datetime.date(2025, 1, 5), status=MentoringRelationship.Status.COMPLETED
    )
    stage_done(again, 5, at(2025, 11, 1))
    stage_done(again, 5, at(2026, 2, 1))
    later = MentoringSessionFactory(relationship=again, stage=5, date=at(2026, 1, 20))
    SessionAttendance.objects.create(session=later, person=again.mentor, occurrence=at(2026, 1, 20))
    MentorOfferFactory(department=department, mentor=going.mentor, one_on_one_capacity=2, group_capacity=0)
    figures = compute(PERIOD, [department.pk])
    assert {stage: row["held"] for stage, row in figures.sessions.items()} == {1: 0, 2: 2, 3: 0, 4: 0, 5: 1}
    # The pool's mentor with a relationship under way.
    assert figures.pool["taken"] == 1 and figures.pool["places"] == 2
    other_model = Filters(start=PERIOD.start, end=PERIOD.end, mentoring_model="group")
    assert compute(other_model, [department.pk]).sessions[2]["held"] == 0
