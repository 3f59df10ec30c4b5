"""The people of the README's table (`admin`, `editor`, `reviewer`, `mentor`, `mentee`, `staff`, `translator_el`)
in their departments and roles, and the mentor's one-on-one relationship with an output in every review state:
built with the factories once per session (tests/conftest.py), the small shared world most tests read.

Tests that need anything else (practices, more people, other relationships) build it with tests/factories.py.
The names are the README's, which is how people and tests speak of them; setup_demo's contract test removes the
cast before it builds the demo's own.
"""

import datetime

from django.utils import timezone

from tests.factories import (
    DepartmentFactory,
    EditorFactory,
    MemberFactory,
    MentoringSessionFactory,
    RelationshipFactory,
    ReviewerFactory,
    StageOutputFactory,
    SuperuserFactory,
    TranslatorFactory,
    form_template,
)

# (form template, review state, the comment of its last decision); the mentee fills the forms in Czech.
OUTPUTS = [
    ("partnership-agreement", "published", "Schváleno pro odbor bydlení."),
    ("mutual-understanding", "department_approval", ""),
    ("calendar-of-sessions", "mentor_review", ""),
    ("expectations-and-goals", "changes_requested", "Doplňte prosím měřitelné ukazatele ke každému cíli."),
    ("session-record", "draft", ""),
]


def build_cast():
    social = DepartmentFactory(name="Social Services", municipality="Elmstead (fictional)", country="GR")
    housing = DepartmentFactory(name="Housing", municipality="Elmstead (fictional)", country="GR")
    SuperuserFactory(username="admin", first_name="Alexandra", last_name="Admin")
    EditorFactory(username="editor", first_name="Eleni", last_name="Editor")
    ReviewerFactory(
        username="reviewer", first_name="Rafael", last_name="Reviewer", preferred_language="es", department=social
    )
    mentor = MemberFactory(
        username="mentor", first_name="Maria", last_name="Papadopoulou", preferred_language="el", department=social
    )
    mentee = MemberFactory(
        username="mentee", first_name="Jan", last_name="Novák", preferred_language="cs", department=social
    )
    MemberFactory(
        username="staff", first_name="Sabine", last_name="Schmidt", preferred_language="de", department=housing
    )
    TranslatorFactory(username="translator_el", first_name="Giorgos", last_name="Translator", language="el")
    relationship = RelationshipFactory(mentor=mentor, mentees=[mentee], department=social)
    for week in (1, 2, 3):
        MentoringSessionFactory(relationship=relationship, date=timezone.now() + datetime.timedelta(weeks=week))
    for slug, state, comment in OUTPUTS:
        StageOutputFactory(
            relationship=relationship,
            author=mentee,
            filled_form__template=form_template(slug, "cs"),
            target_departments=[housing],
            state=state,
            state__comment=comment,
        )
