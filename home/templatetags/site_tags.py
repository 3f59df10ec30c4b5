from django import template
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import reverse, translate_url
from django.utils.translation import get_language
from wagtail.models import Page, Site

from home.cache import public
from home.fragments import remembered, remembered_html
from home.models import InformationPage
from home.tree import children

register = template.Library()


def _locale_pages(queryset):
    return {page.locale.language_code: page for page in queryset.select_related("locale")}


@register.simple_tag(takes_context=True)
def language_links(context):
    """One entry per language: where the switcher leads and whether it is a real translation.

    On a page, the switcher leads to the page's translation, or to that language's home page when
    there is none (never a 404). Elsewhere it leads to the same view in the other language, or,
    for views without a language prefix, posts to Django's set_language view. Computed once per
    request: the header's switcher and the head's alternate links share it.
    """
    request = context["request"]
    cached = getattr(request, "_qser_language_links", None)
    if cached is not None:
        return cached

    page = context.get("page")
    if isinstance(page, Page):
        # Kept per page, path and language (home/fragments.py): the translations' query is not made again.
        parts = [request.get_host(), page.pk, request.path, get_language()]
        links = remembered("language-links", parts, lambda: _page_language_links(request, page), request)
    else:
        links = _view_language_links(request)
    request._qser_language_links = links
    return links


def _page_language_links(request, page):
    current = get_language()
    translations = _locale_pages(public(page.get_translations(inclusive=True).live()))
    homes = {}
    if len(translations) < len(settings.LANGUAGES):
        site = Site.find_for_request(request)
        homes = _locale_pages(Page.objects.filter(translation_key=site.root_page.translation_key).live())
    # A routable page's sub-URL (e.g. forms/mine/) is kept in the other language.
    page_url = page.get_url(request) or ""
    subpath = request.path[len(page_url) :] if page_url and request.path.startswith(page_url) else ""
    links = []
    for code, name in settings.LANGUAGES:
        target = translations.get(code)
        if target is not None:
            url = target.get_url(request) + subpath
        else:
            fallback = homes.get(code) or homes.get(settings.LANGUAGE_CODE)
            url = fallback.get_url(request) if fallback else None
        links.append(
            {
                "code": code,
                "name": name,
                "url": url,
                # An alias still shows the source language, so it is no alternate for search engines.
                "is_translation": target is not None and target.alias_of_id is None,
                "is_current": code == current,
            }
        )
    return links


def _view_language_links(request):
    current = get_language()
    path = request.get_full_path()
    links = []
    for code, name in settings.LANGUAGES:
        url = translate_url(path, code)
        changes = url != path or code == current
        links.append(
            {
                "code": code,
                "name": name,
                "url": url if changes else None,
                "is_translation": changes,
                "is_current": code == current,
            }
        )
    return links


def _home_path(context):
    """The tree path of the current language's home page: a page's own ancestor at depth 2, read off
    its path without a query; elsewhere the translation of the site's root page."""
    page = context.get("page")
    if isinstance(page, Page) and page.depth >= 2:
        return page.path[: Page.steplen * 2]
    request = context["request"]
    if not hasattr(request, "_qser_home_path"):
        request._qser_home_path = remembered(
            "home-path", [request.get_host(), get_language()], lambda: _localized_home_path(request), request
        )
    return request._qser_home_path


@register.simple_tag(takes_context=True)
def home_path(context):
    """The tree path of the current language's home page (a key of the navigation's and the footer's kept parts)."""
    return _home_path(context)


def _localized_home_path(request):
    site = Site.find_for_request(request)
    home = site.root_page.localized if site else None
    return home.path if home else None


def _home_children(context):
    """The live pages under the current language's home page that the header or the footer links: one query
    for both, made once per request."""
    request = context["request"]
    home_path = _home_path(context)
    cached = getattr(request, "_qser_home_children", None)
    if cached is None or cached[0] != home_path:
        pages = []
        if home_path is not None:
            pages = remembered("home-children", [home_path], lambda: _linked_children(home_path), request)
        cached = request._qser_home_children = (home_path, pages)
    return cached[1]


def _linked_children(home_path):
    linked = Q(show_in_menus=True) | Q(content_type=ContentType.objects.get_for_model(InformationPage))
    return list(public(children(Page, home_path).live().filter(linked)))


@register.simple_tag(takes_context=True)
def site_navigation(context):
    """The sections of the current language's site that editors chose to show in menus."""
    return [page for page in _home_children(context) if page.show_in_menus]


@register.simple_tag(takes_context=True)
def footer_pages(context):
    """The information pages of the current language's site (about, privacy, accessibility), in tree order,
    for the footer of every page."""
    information = ContentType.objects.get_for_model(InformationPage)
    return [page for page in _home_children(context) if page.content_type_id == information.pk]


@register.simple_tag
def localized_home_url():
    # Every language's home page is served at its prefix (i18n_patterns in qser_site/urls.py).
    return reverse("wagtail_serve", args=("",))


@register.filter
def is_within(page, section):
    """True when the page is the section or one of its descendants (for aria-current)."""
    return isinstance(page, Page) and page.path.startswith(section.path)


@register.filter
def in_minutes(duration):
    """A timedelta as whole minutes, for a counted translation (the sign-in lockout's cool-off)."""
    return int(duration.total_seconds() // 60)


class RememberedNode(template.Node):
    def __init__(self, name, parts, nodelist):
        self.name, self.parts, self.nodelist = name, parts, nodelist

    def render(self, context):
        parts = [part.resolve(context) for part in self.parts]
        request = context.get("request")
        if request is not None and getattr(request, "is_preview", False):
            # A preview shows a draft, not the revision the key names.
            return self.nodelist.render(context)
        if request is not None:
            parts.insert(0, request.get_host())
        return remembered_html(self.name, parts, lambda: self.nodelist.render(context), request)


@register.tag
def remembered_part(parser, token):
    """`{% remembered_part "name" page.pk page.live_revision_id %}…{% endremembered_part %}`: the block rendered
    once per generation, language, host and the values given (home/fragments.py); nothing personal may be inside."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("remembered_part needs a name")
    nodelist = parser.parse(("endremembered_part",))
    parser.delete_first_token()
    return RememberedNode(bits[1].strip("\"'"), [parser.compile_filter(bit) for bit in bits[2:]], nodelist)
