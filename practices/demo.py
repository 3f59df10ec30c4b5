"""The repository of good practices with demo practices in several languages, some awaiting moderation
and one with changes requested; built by `setup_demo` (idempotently). The practices are examples from fictional
municipalities (home/examples.py)."""

import uuid

from django.contrib.auth import get_user_model
from django.utils.text import slugify

from . import moderation
from .content.demo_practices import DEMO_PRACTICES
from .pages import PracticeIndexPage, PracticePage
from .texts import paragraphs

PRACTICE_INDEX = {
    "slug": "practices",
    "title": "Good practices",
    "search_description": "Know-how from municipal services for migrants and refugees, shared between departments.",
    "introduction": (
        "Practices that worked when serving migrants and refugees, written by the staff who tried them. Filter "
        "them, search them, and reuse them in your own department."
    ),
}


def build_repository(home):
    index = PracticeIndexPage.objects.child_of(home).first()
    if index is None:  # not get_or_create: a page is a tree node, made by its parent's add_child
        index = PracticeIndexPage(show_in_menus=True, locale=home.locale, **PRACTICE_INDEX)
        home.add_child(instance=index)
        index.save_revision().publish()
    return index


def build_practices(home):
    """Each demo practice in its own language's repository; run after the site is translated."""
    User = get_user_model()
    staff, editor = User.objects.get(username="staff"), User.objects.get(username="editor")
    for spec in DEMO_PRACTICES:
        index = PracticeIndexPage.objects.get(
            translation_key=PracticeIndexPage.objects.child_of(home).get().translation_key,
            locale__language_code=spec["language"],
        )
        if PracticePage.objects.child_of(index).filter(slug=spec["slug"]).exists():
            continue
        page = PracticePage(
            title=spec["title"],
            slug=slugify(spec["slug"]),
            summary=spec["summary"],
            service_area=spec["service_area"],
            country=spec["country"],
            municipality=spec["municipality"],
            department=spec["department"],
            stage=spec["stage"],
            **{name: paragraphs(spec[name]) for name in PracticePage.RICH_TEXT_FIELDS},
            contact=spec["contact"],
            is_example=True,
            owner=staff,
            submitted_by=staff,
            live=False,
            locale=index.locale,
        )
        if spec["state"] != "published":
            page.submission_token = uuid.uuid5(uuid.NAMESPACE_URL, f"qser-demo/{spec['slug']}")
        index.add_child(instance=page)
        page.tags.add(*spec["tags"])
        page.save()
        page.save_revision(user=staff)
        if spec["state"] == "published":
            moderation.approve_at_once(page=page, user=editor)
            continue
        workflow_state = page.get_workflow().start(page, staff)
        if spec["state"] == "changes_requested":
            moderation.request_changes(
                task_state=workflow_state.current_task_state.specific,
                user=editor,
                comment=CHANGES_REQUESTED_COMMENT[spec["language"]],
            )


CHANGES_REQUESTED_COMMENT = {
    "el": "Προσθέστε, παρακαλώ, πόσοι άνθρωποι εξυπηρετήθηκαν και σε πόσο χρόνο, ώστε να φαίνεται το αποτέλεσμα.",
    "en": "Please add how many people were served and in how much time, so that the result shows.",
    "cs": "Doplňte prosím, kolik lidí jste obsloužili a za jak dlouho, aby byl vidět výsledek.",
    "de": "Bitte ergänzen Sie, wie viele Menschen in welcher Zeit beraten wurden, damit das Ergebnis sichtbar wird.",
    "es": "Añada, por favor, cuántas personas se atendieron y en cuánto tiempo, para que se vea el resultado.",
}
