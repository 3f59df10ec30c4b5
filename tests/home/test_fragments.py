"""The parts of pages kept for signed-in readers (home/fragments.py): used again while nothing they show has changed,
never stale once something has. Each test first proves the part is kept (a change made behind the site's back,
without a signal, does not show), then makes the change the site's way and sees it at once."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from taggit.models import Tag
from wagtail.models import Locale, Page

from home.models import GuideIndexPage, GuidePage, HomePage
from home.site_settings import OperatorSettings
from mentoring.models import DepartmentName
from practices.models import PracticePage
from tests.conftest import sign_in
from tests.factories import GuidePageFactory, RelationshipFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("without_response_cache")]


def soup(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def guides(language="en"):
    index = GuideIndexPage.objects.get(locale__language_code=language)
    return list(GuidePage.objects.live().child_of(index).order_by("path"))


def behind_the_sites_back(page, **fields):
    """A change no signal hears of: what the site shows still comes from the kept part."""
    Page.objects.filter(pk=page.pk).update(**fields)


def publish(page, **fields):
    page = page.specific_class.objects.get(pk=page.pk)
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page


def test_a_guides_body_is_kept_and_a_new_revision_shows_at_once(client):
    sign_in(client, "mentor")
    guide = guides()[1]
    assert soup(client, guide.url).select_one("article.guide h1").get_text() == guide.title
    behind_the_sites_back(guide, title="Changed behind the site's back")
    assert soup(client, guide.url).select_one("article.guide h1").get_text() == guide.title
    publish(guide, title="Published anew")
    assert soup(client, guide.url).select_one("article.guide h1").get_text() == "Published anew"


def test_only_the_personal_parts_differ_between_readers(client):
    guide = guides()[0]
    bodies = {}
    for username in ("mentor", "mentee"):
        sign_in(client, username)
        page = soup(client, guide.url)
        bodies[username] = str(page.select_one("article.guide"))
        name = page.select_one(".site-header__user").get_text()
        assert name == {"mentor": "Maria Papadopoulou", "mentee": "Jan Novák"}[username]
    assert bodies["mentor"] == bodies["mentee"]


def test_unpublishing_a_guide_takes_it_out_of_its_neighbours_pager_and_the_section_out_of_the_menu(client):
    sign_in(client, "mentee")
    first, second, third = guides()[:3]
    assert soup(client, first.url).select_one('a[rel="next"]')["href"] == second.url
    second.specific.unpublish()
    assert soup(client, first.url).select_one('a[rel="next"]')["href"] == third.url
    index = GuideIndexPage.objects.get(locale__language_code="en")
    assert index.url in [link["href"] for link in soup(client, first.url).select(".site-nav a")]
    index.unpublish()
    assert index.url not in [link["href"] for link in soup(client, "/en/forms/").select(".site-nav a")]


def test_moving_a_guide_changes_the_pager_at_once(client):
    sign_in(client, "mentee")
    first, second, third = guides()[:3]
    assert soup(client, second.url).select_one('a[rel="prev"]')["href"] == first.url
    third.move(first, pos="left")
    pager = soup(client, second.url).select_one('a[rel="prev"]')
    assert pager["href"] == first.url  # the order is now third, first, second
    assert soup(client, first.url).select_one('a[rel="prev"]')["href"] == GuidePage.objects.get(pk=third.pk).url


def test_translating_a_page_adds_it_to_the_language_switcher_at_once(client):
    sign_in(client, "staff")
    guide = GuidePageFactory(title="Only in English")
    guide.save_revision().publish()
    spanish_home = HomePage.objects.get(locale__language_code="es")
    switcher = {link["hreflang"]: link["href"] for link in soup(client, guide.url).select(".language-switcher a")}
    assert switcher["es"] == spanish_home.url
    translation = guide.copy_for_translation(Locale.objects.get(language_code="es"), copy_parents=True)
    translation.title = "Solo en inglés"
    translation.save_revision().publish()
    switcher = {link["hreflang"]: link["href"] for link in soup(client, guide.url).select(".language-switcher a")}
    assert switcher["es"] == GuidePage.objects.get(pk=translation.pk).url != spanish_home.url


def test_renaming_a_tag_shows_in_the_practice_and_the_listings_tags(client, practices_everywhere):
    sign_in(client, "staff")
    practice = PracticePage.objects.live().filter(tagged_items__isnull=False).first()
    tag = practice.tags.first()
    assert tag.name in soup(client, practice.url).select_one("ul.tags").get_text()
    Tag.objects.filter(pk=tag.pk).update(name="renamed behind the site's back")
    assert "renamed behind" not in soup(client, practice.url).select_one("ul.tags").get_text()
    tag.name = "renamed in the admin"
    tag.save()
    assert "renamed in the admin" in soup(client, practice.url).select_one("ul.tags").get_text()
    listing = soup(client, practice.get_parent().url)
    assert "renamed in the admin" in listing.select_one("#filter-tag").get_text()


def test_editing_the_operators_settings_shows_on_the_privacy_notice_even_from_the_response_cache(client, settings):
    settings.RESPONSE_CACHE_SECONDS = 3600  # anonymous, the whole page from the cache
    operator = OperatorSettings.load()
    operator.operator_name = "First Council (fictional)"
    operator.save()
    assert "First Council (fictional)" in soup(client, "/en/privacy/").select_one("main").get_text()
    OperatorSettings.objects.filter(pk=operator.pk).update(operator_name="Behind the site's back")
    assert "First Council (fictional)" in soup(client, "/en/privacy/").select_one("main").get_text()
    operator.operator_name = "Second Council (fictional)"
    operator.save()
    assert "Second Council (fictional)" in soup(client, "/en/privacy/").select_one("main").get_text()


def test_a_departments_name_in_a_language_shows_at_once(client):
    relationship = RelationshipFactory()
    client.force_login(relationship.mentor)
    url = reverse("mentoring:relationship", args=[relationship.pk]).replace("/en/", "/de/")
    assert relationship.department.name in soup(client, url).select_one("main").get_text()
    name = DepartmentName.objects.create(department=relationship.department, language="de", name="Abteilung A")
    assert "Abteilung A" in soup(client, url).select_one("main").get_text()
    name.name = "Abteilung B"
    name.save()
    assert "Abteilung B" in soup(client, url).select_one("main").get_text()


def test_a_preview_shows_the_draft_not_the_kept_body(client):
    sign_in(client, "admin")
    guide = guides()[0]
    soup(client, guide.url)  # the live body is kept
    draft = GuidePage.objects.get(pk=guide.pk)
    draft.title = "A draft title"
    draft.save_revision()
    preview = client.get(reverse("wagtailadmin_pages:view_draft", args=[guide.pk]))
    assert "A draft title" in preview.content.decode()
    assert "A draft title" not in soup(client, guide.url).select_one("article.guide h1").get_text()


def test_the_page_a_path_leads_to_is_kept_and_a_new_slug_shows_at_once(client):
    sign_in(client, "mentee")
    guide = guides()[1]
    old = guide.url
    assert client.get(old).status_code == 200
    behind_the_sites_back(guide, slug="renamed-behind-the-sites-back")
    assert client.get(old).status_code == 200  # the route is kept; the page itself is read afresh
    publish(guide, slug="renamed")
    assert client.get(old).status_code == 404
    assert soup(client, GuidePage.objects.get(pk=guide.pk).url).select_one("article.guide h1").get_text() == guide.title


def test_a_moved_unpublished_or_deleted_page_leaves_its_old_path_at_once(client):
    sign_in(client, "mentee")
    first, second, third = guides()[:3]
    urls = [page.url for page in (first, second, third)]
    assert [client.get(url).status_code for url in urls] == [200, 200, 200]
    first.move(GuideIndexPage.objects.get(locale__language_code="en"), pos="left")  # now a sibling of the index
    second.specific.unpublish()
    Page.objects.get(pk=third.pk).delete()
    moved = GuidePage.objects.get(pk=first.pk).url
    # Wagtail's redirect from the old path, made by the move, and no page at the others.
    assert [client.get(url).status_code for url in urls] == [301, 404, 404]
    assert client.get(urls[0])["Location"].endswith(moved) and moved != urls[0]
    assert soup(client, moved).select_one("article.guide h1").get_text() == first.title


def test_a_routable_pages_sub_url_is_routed_from_the_kept_route(client):
    sign_in(client, "mentee")
    for _twice in range(2):
        page = soup(client, "/cs/forms/mine/")
        assert page.select_one("h1") is not None
    assert client.get("/cs/forms/no-such-sub-url/").status_code == 404


def listing_titles(client, url):
    page = soup(client, url)
    titles = [link.get_text() for link in page.select(".practice-list h2 a")]
    return titles, page.select_one(".result-count").get_text(), page.select_one(".other-languages")


def english_practices():
    return PracticePage.objects.live().filter(locale__language_code="en", alias_of__isnull=True)


def test_the_practices_listing_is_kept_and_a_publish_or_unpublish_shows_at_once(client, practices_everywhere):
    from practices.models import PracticeIndexPage

    sign_in(client, "staff")
    url = PracticeIndexPage.objects.get(locale__language_code="en").url
    titles, count, _other = listing_titles(client, url)
    practice = english_practices().get(title=titles[0])
    behind_the_sites_back(practice, title="Changed behind the site's back")
    assert listing_titles(client, url)[0][0] == practice.title  # the listing is kept
    publish(practice, title="Published anew")
    assert listing_titles(client, url)[0][0] == "Published anew"
    practice.specific.unpublish()
    titles, new_count, _other = listing_titles(client, url)
    assert "Published anew" not in titles and new_count != count
    # The same filters for another reader, signed out: the same listing.
    client.logout()
    assert listing_titles(client, url)[:2] == (titles, new_count)


def test_a_practice_moved_out_or_translated_changes_the_listing_at_once(client, practices_everywhere):
    from practices.models import PracticeIndexPage

    sign_in(client, "staff")
    index = PracticeIndexPage.objects.get(locale__language_code="en")
    titles, _count, other = listing_titles(client, index.url)
    others = int(other.get_text().split()[0])
    practice = english_practices().get(title=titles[0])
    translation = practice.copy_for_translation(Locale.objects.get(language_code="es"), copy_parents=True)
    translation.save_revision().publish()
    assert int(listing_titles(client, index.url)[2].get_text().split()[0]) == others + 1
    # The listing shows every published practice of its language; a moved one's link leads to where it is now.
    Page.objects.get(pk=practice.pk).move(index, pos="left")
    links = {link.get_text(): link["href"] for link in soup(client, index.url).select(".practice-list h2 a")}
    assert links[practice.title] == PracticePage.objects.get(pk=practice.pk).url != practice.url


def test_a_search_of_the_listing_is_not_kept(client, practices_everywhere):
    sign_in(client, "staff")
    response = client.get("/es/practices/", {"q": "cita"})
    assert response.context["listing"] is None and len(response.context["practices"]) > 0


def test_a_signed_in_page_reads_its_kept_parts_in_one_round_trip_and_never_an_old_generations(
    client, monkeypatch, settings
):
    from django.core.cache import cache

    from home.cache import start_new_generation

    sign_in(client, "mentee")
    guide = guides()[0]
    soup(client, guide.url)  # the address's parts are listed
    reads, depth = [], []

    def counted(name, method):
        def read(*args, **kwargs):
            if not depth:  # the memory cache's get_many calls its own get: one round trip to a shared cache
                reads.append(name)
            depth.append(name)
            try:
                return method(*args, **kwargs)
            finally:
                depth.pop()

        return read

    for name in ("get", "get_many"):
        monkeypatch.setattr(cache, name, counted(name, getattr(cache, name)))
    soup(client, guide.url)
    # The generation, the site and the address's list; the session; every other part listed, at the first asked
    # for; the private sections.
    assert reads == ["get_many", "get", "get_many", "get_many"], reads
    # Signed out, from the anonymous response cache: the first round trip and the response's, nothing more.
    client.logout()
    settings.RESPONSE_CACHE_SECONDS = 3600
    soup(client, guide.url)
    reads.clear()
    assert soup(client, guide.url) and reads == ["get_many", "get_many"], reads
    settings.RESPONSE_CACHE_SECONDS = 0
    sign_in(client, "mentee")
    monkeypatch.undo()
    # A part listed but stored under an old generation is computed again, not used.
    behind_the_sites_back(guide, title="Changed behind the site's back")
    assert soup(client, guide.url).select_one("article.guide h1").get_text() == guide.title
    start_new_generation()
    assert soup(client, guide.url).select_one("article.guide h1").get_text() == "Changed behind the site's back"


def test_a_path_that_leads_nowhere_is_not_kept(client):
    from django.core.cache import cache

    sign_in(client, "mentee")
    for _twice in range(2):
        assert client.get("/en/guides/no-such-guide/").status_code == 404
    assert not [key for key in cache._cache if "route" in key and "no-such-guide" in key]


def test_a_new_release_never_shows_what_the_old_one_rendered(client, monkeypatch):
    """Parts and whole responses are kept without a timeout under the shared generation, which a deploy does not
    renew: their keys carry the release's fingerprint, so a server running new templates, code or translations
    renders afresh, while the generation stays shared (a publish still reaches servers of both releases)."""
    from home import cache as site_cache
    from home.fragments import key_of, remembered

    computed = []
    assert remembered("release-test", ["a"], lambda: computed.append(1) or "old") == "old"
    assert remembered("release-test", ["a"], lambda: computed.append(1) or "again") == "old"
    old_key, old_generation = key_of("release-test", ["a"]), site_cache.generation()

    monkeypatch.setenv("QSER_RELEASE", "a-later-commit")
    site_cache.release.cache_clear()
    try:
        assert key_of("release-test", ["a"]) != old_key
        assert remembered("release-test", ["a"], lambda: "new") == "new"
        assert site_cache.generation() == old_generation  # the generation is not the release's
    finally:
        site_cache.release.cache_clear()
    assert len(computed) == 1


def test_the_release_fingerprint_follows_the_files(settings, tmp_path, monkeypatch):
    from home import cache as site_cache

    monkeypatch.delenv("QSER_RELEASE", raising=False)
    (tmp_path / "templates").mkdir()
    template = tmp_path / "templates" / "page.html"
    template.write_text("<p>{{ one }}</p>")
    (tmp_path / ".venv").mkdir()
    settings.BASE_DIR = tmp_path
    fingerprints = []
    try:
        for change in (
            None,
            lambda: (tmp_path / ".venv" / "x.py").write_text("ignored"),
            lambda: template.write_text("<p>{{ two }}</p>"),
        ):
            if change:
                change()
            site_cache.release.cache_clear()
            fingerprints.append(site_cache.release())
    finally:
        site_cache.release.cache_clear()
    assert fingerprints[0] == fingerprints[1] != fingerprints[2]
