from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import render
from wagtail.models import Locale, Page

from .cache import public
from .search import MAX_QUERY_LENGTH, bounded_query, fold, highlighted_excerpt

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
    if query and not error:
        pages = public(Page.objects.live()).filter(locale=Locale.get_active(), depth__gt=1)
        search_results = pages.search(fold(query), operator="and")
        page_obj = Paginator(search_results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        found = list(page_obj.object_list)
        specific = Page.objects.filter(pk__in=[p.pk for p in found]).specific().select_related("locale").in_bulk()
        results = [
            {"page": specific[p.pk], "excerpt": highlighted_excerpt(specific[p.pk].excerpt_text(), query)}
            for p in found
            if p.pk in specific
        ]
    return render(
        request,
        "home/search_results.html",
        {"query": query, "results": results, "page_obj": page_obj, "error": error, "max_length": MAX_QUERY_LENGTH},
    )
