"""The site's skeleton and its English source content, built by `setup_demo` (idempotently)."""

from django.conf import settings
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import LocaleSynchronization
from wagtail_localize.synctree import synchronize_tree

from . import translation_files
from .content.guides import GUIDE_INDEX, GUIDES
from .content.information import INFORMATION_PAGES, REVIEWED
from .models import GuideIndexPage, GuidePage, HomePage, InformationPage
from .site_settings import OperatorSettings
from .streamdata import stream

HOME_TITLE = "Q-SER Mentoring Hub"
HOME_INTRODUCTION = (
    "<p>Staff of municipalities and public bodies meet migrants and refugees often: about housing, social "
    "care and welfare, health, education, and the permits and certificates of residence and work. Language "
    "barriers, cultural differences and the stereotypes both sides may hold can stand in the way of "
    "communication, cooperation and, in the end, integration.</p>"
    "<p>The Q-SER mentoring programme focuses on empowering municipal employees through their training and "
    "mentoring. "
    "Experienced colleagues pass on what they know to less experienced ones, stage by stage, and the "
    "organisation keeps that know-how as a repository of good practices that other departments can reuse.</p>"
    "<ul>"
    "<li>Read the <b>mentoring guides</b>: the concepts, the mentoring models and the five stages of the "
    "Q-SER process.</li>"
    "<li>Use the <b>forms</b> of each stage, online or as Word documents.</li>"
    "<li>Browse and share <b>good practices</b> from your own and other municipalities.</li>"
    "</ul>"
)


def build_locales():
    """One locale per language; the translations follow the English tree (wagtail-localize's sync),
    so a page not yet translated exists in every language as an alias of the English one."""
    source = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)[0]
    for code, _name in settings.LANGUAGES:
        locale = Locale.objects.get_or_create(language_code=code)[0]
        if locale != source:
            LocaleSynchronization.objects.get_or_create(locale=locale, defaults={"sync_from": source})
    return source


def build_home(source_locale):
    """The English home page as the default site's root, replacing Wagtail's placeholder page."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site and isinstance(site.root_page.specific, HomePage):
        return site.root_page.specific

    # Wagtail's first migration leaves a "Welcome" placeholder as the site root: replace both.
    if site is not None:
        placeholder = site.root_page
        site.delete()
        if placeholder.depth == 2 and type(placeholder.specific) is Page:
            # With its copies in the other languages, made when their locales were synchronised.
            for page in placeholder.get_translations(inclusive=True):
                page.delete()
    home = HomePage(title=HOME_TITLE, slug="home", introduction=HOME_INTRODUCTION, locale=source_locale)
    Page.get_first_root_node().add_child(instance=home)
    home.save_revision().publish()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name=HOME_TITLE)
    return home


def build_guides(home):
    """The guide index and the five guides of the report, in reading order."""
    index = GuideIndexPage.objects.child_of(home).first()
    if index is None:
        index = GuideIndexPage(show_in_menus=True, locale=home.locale, **GUIDE_INDEX)
        home.add_child(instance=index)
        index.save_revision().publish()
    existing = set(GuidePage.objects.child_of(index).values_list("slug", flat=True))
    for slug, title, summary, blocks in GUIDES:
        if slug in existing:
            continue
        guide = GuidePage(slug=slug, title=title, summary=summary, body=stream(slug, blocks), locale=home.locale)
        index.add_child(instance=guide)
        guide.save_revision().publish()
    return index


def build_information_pages(home):
    """About the programme, the privacy notice and the accessibility statement, linked from every footer.

    The privacy link to "My data" is relative ("../mentoring/my-data/"), so it leads to the reader's own
    language from every translation of the page without a translated URL."""
    existing = set(InformationPage.objects.child_of(home).values_list("slug", flat=True))
    for content in INFORMATION_PAGES:
        if content["slug"] in existing:
            continue
        page = InformationPage(
            slug=content["slug"],
            title=content["title"],
            summary=content["summary"],
            last_reviewed=REVIEWED,
            body=stream(content["slug"], content["blocks"]),
            locale=home.locale,
        )
        home.add_child(instance=page)
        page.save_revision().publish()


# A fictional operator for the demo, marked as an example: a real installation enters its own in the admin.
EXAMPLE_OPERATOR = {
    "operator_name": "Example Municipality of Elmstead (fictional demo operator)",
    "operator_address": "1 Example Square\n00000 Elmstead (fictional)",
    "operator_email": "hub@example.org",
    "dpo_name": "Data protection officer (example)",
    "dpo_email": "dpo@example.org",
    "accessibility_email": "accessibility@example.org",
    "enforcement_body": "Example national enforcement body (fictional)",
    "enforcement_url": "https://enforcement.example.org/",
    "supervisory_authority": "Example data protection authority (fictional)",
    "supervisory_authority_url": "https://dpa.example.org/",
}


def build_example_operator():
    """The demo's operator details, unless someone has entered real ones."""
    operator = OperatorSettings.load()
    if not operator.operator_name:
        for name, value in EXAMPLE_OPERATOR.items():
            setattr(operator, name, value)
        operator.save()
    return operator


def translate_site(home, user=None):
    """Translate every page not yet translated from the PO files in home/content/."""
    source_locale = home.locale
    for code in translation_files.target_languages():
        untranslated = [p for p in translation_files.source_pages(home) if not translation_files.is_translated(p, code)]
        if untranslated:
            synchronize_tree(source_locale, Locale.objects.get(language_code=code))
            translation_files.import_po(home, code, user=user)
