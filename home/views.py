from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import translate_url
from django.utils.http import urlencode
from django.utils.translation import get_language_info, ngettext
from wagtail.models import Locale, Page

from . import offline
from .cache import public
from .search import MAX_QUERY_LENGTH, bounded_query, highlighted_excerpt, query_text
from .search_backend import counts_by

RESULTS_PER_PAGE = 10


def search(request):
    """Wagtail search over the live, public pages of the reader's language, accents optional."""
    query = request.GET.get("q", "").strip()
    error = None
    results = []
    page_obj = None
    try:
        bounded_query(query)
    except ValidationError as invalid:
        error = invalid.messages[0]  # shown instead of results
    elsewhere = []
    if query and not error:
        locale = Locale.get_active()
        pages = public(Page.objects.live()).filter(locale=locale, depth__gt=1)
        search_results = pages.search(query_text(query), operator="and")
        page_obj = Paginator(search_results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        found = list(page_obj.object_list)
        specific = Page.objects.filter(pk__in=[p.pk for p in found]).specific().select_related("locale").in_bulk()
        results = [
            {"page": specific[p.pk], "excerpt": highlighted_excerpt(specific[p.pk].excerpt_text(), query)}
            for p in found
            if p.pk in specific
        ]
        if not page_obj.paginator.count:
            elsewhere = _found_elsewhere(request, query, locale)
    context = {"query": query, "results": results, "page_obj": page_obj, "error": error, "elsewhere": elsewhere}
    return render(request, "home/search_results.html", {**context, "max_length": MAX_QUERY_LENGTH})


def _found_elsewhere(request, query, locale):
    """When nothing matches in the reader's language: how many pages each other language holds, each a link to
    the search there. One grouped count over the search's matches for every other language at once
    (home/search_backend.py); a page that is only an alias of the English one (not translated yet) is the English
    page's, counted there."""
    others = [code for code, _name in settings.LANGUAGES if code != locale.language_code]
    counts = _counts_by_language(query, others)
    found = []
    for code in others:
        count = counts.get(code, 0)
        if count:
            language = get_language_info(code)["name_translated"]
            found.append(
                {
                    "code": code,
                    "text": ngettext("%(count)d result in %(language)s", "%(count)d results in %(language)s", count)
                    % {"count": count, "language": language},
                    "url": translate_url(request.path, code) + "?" + urlencode({"q": query}),
                }
            )
    return found


def _counts_by_language(query, codes):
    """{language code: number of live, public, translated pages of that language matching the query}."""

    def translated(codes):
        return public(Page.objects.live().filter(locale__language_code__in=codes, depth__gt=1, alias_of__isnull=True))

    def matching(codes):
        # By id: a Wagtail search filters on the fields it indexes for filtering, and alias_of is not one.
        return Page.objects.filter(pk__in=translated(codes).values("pk")).search(query_text(query), operator="and")

    # The same pages, filtered by the database directly rather than by id.
    counts = counts_by(matching(codes), "locale__language_code", within=translated(codes))
    if counts is None:  # a search the backend leaves to Wagtail: one count per language
        counts = {code: matching([code]).count() for code in codes}
    return counts


def offline_file(request, kind):
    """A language's offline file (home/offline.py), public like the guides it holds; while its task has not built it
    yet, a page says it is being prepared."""
    return offline.download(request, kind, request.LANGUAGE_CODE)
