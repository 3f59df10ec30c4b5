"""The repository's listing: published practices, filtered (django-filter) and searched, a page at a time.

Below the page types, which hand it their queryset: the practices' model is `queryset.model` here.

Not shared with Wagtail's API v2, which filters practices with its own FieldsFilter (`?service_area=housing`:
any API field, exact values, a 400 answer naming a value the field refuses): this FilterSet leaves out a value
it does not know, as the listing always has, and would change the API's answers. What both filter by is the
page's FILTER_FIELDS."""

import django_filters
from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Case, Exists, OuterRef, Value, When
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext, pgettext_lazy
from taggit.models import Tag
from wagtail.models import Locale

from home.cache import public
from home.fragments import remembered, remembered_html
from home.programme import Country, Stage
from home.search import MAX_QUERY_LENGTH, query_text

from .constants import ServiceArea

PER_PAGE = 12
ALL_LANGUAGES = "all"


class LanguageSelect(forms.Select):
    """Each language's name in its own language, said so for screen readers."""

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        if value != ALL_LANGUAGES:
            option["attrs"]["lang"] = value
        return option


class FilterForm(forms.Form):
    """The ids and labels the listing's styles and links have always used. A value that is not one of a
    filter's choices (an old link, a typed URL) leaves that filter out, and is no error to show."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, auto_id="filter-%s", label_suffix="", **kwargs)

    def add_error(self, field, error):
        self.cleaned_data.pop(field, None)


def _stage_choices():
    return [(str(stage), _("Stage %(number)s") % {"number": stage}) for stage in Stage.values]


def _language_choices():
    return [(ALL_LANGUAGES, _("All languages")), *settings.LANGUAGES]


class PracticeFilter(django_filters.FilterSet):
    """The filters combine; a value that is not one of a filter's choices leaves that filter out. The search
    runs last, within the filtered practices (a Wagtail search is no queryset to filter further)."""

    q = django_filters.CharFilter(
        label=gettext_lazy("Search the practices"),
        method="search_last",
        widget=forms.SearchInput(attrs={"id": "practice-q", "maxlength": MAX_QUERY_LENGTH}),
    )
    area = django_filters.ChoiceFilter(
        field_name="service_area",
        label=gettext_lazy("Service area"),
        choices=ServiceArea.choices,
        empty_label=pgettext_lazy("filter: every service area", "All"),
    )
    country = django_filters.ChoiceFilter(
        label=gettext_lazy("Country"),
        choices=Country.choices,
        empty_label=pgettext_lazy("filter: every country", "All"),
    )
    stage = django_filters.ChoiceFilter(
        label=gettext_lazy("Mentoring stage"),
        choices=_stage_choices,
        empty_label=pgettext_lazy("filter: every mentoring stage", "All"),
    )
    lang = django_filters.ChoiceFilter(
        label=gettext_lazy("Language"),
        choices=_language_choices,
        empty_label=None,
        method="filter_language",
        widget=LanguageSelect,
    )
    # Any tag's slug filters (a practice links to each of its tags); the menu offers the tags in use.
    tag = django_filters.CharFilter(label=gettext_lazy("Tag"), method="filter_tag", widget=forms.Select)

    class Meta:
        form = FilterForm

    def __init__(self, data, queryset, *, index=None, **kwargs):
        data = data.copy()
        if not data.get("lang") and index is not None:
            data["lang"] = language_of(index)
        super().__init__(data, queryset, **kwargs)
        self.index = index
        self.tagged_items = queryset.model.tags.through.objects
        self.filters["tag"].extra["widget"] = forms.Select(choices=self.tag_choices)

    def tag_choices(self):
        # Kept under the cache's generation, which a tag or a practice's tags renew (home/fragments.py).
        used = remembered("practice-tags", [], self._tags_in_use, self.request)
        return [("", pgettext("filter: every tag", "All")), *used]

    def _tags_in_use(self):
        # Asked tag by tag (an index lookup each) rather than by reading every practice's tags.
        used = Tag.objects.filter(Exists(self.tagged_items.filter(tag=OuterRef("pk")))).order_by("name")[:30]
        return [(tag.slug, tag.name) for tag in used]

    def search_last(self, queryset, name, value):
        return queryset  # see filter_queryset

    def filter_language(self, queryset, name, value):
        if value == ALL_LANGUAGES:
            return queryset
        if self.index is not None and value == language_of(self.index):
            return queryset.filter(locale_id=self.index.locale_id)  # the repository's own, without a subquery
        return queryset.filter(locale__in=Locale.objects.filter(language_code=value))

    def filter_tag(self, queryset, name, value):
        # By the page's id, which a Wagtail search accepts as a filter (a join on the tags it would not).
        return queryset.filter(pk__in=self.tagged_items.filter(tag__slug=value[:50]).values("content_object_id"))

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        query = self.form.cleaned_data.get("q", "")[:MAX_QUERY_LENGTH]
        if query:
            return queryset.search(query_text(query), operator="and")
        if self.index is not None and self.form.cleaned_data.get("lang") in (ALL_LANGUAGES, None):  # its own first
            own = Case(When(locale=self.index.locale_id, then=Value(0)), default=Value(1))
            return queryset.order_by(own, "-first_published_at", "pk")
        return queryset.order_by("-first_published_at", "pk")


def language_of(index):
    """The repository's language, without reading its locale on each request (locales renew the generation)."""
    return remembered("locale-code", [index.locale_id], lambda: index.locale.language_code)


LONG_TEXTS = ("challenge", "what_was_done", "results", "reuse", "drafted_from")


def listed(practices):
    """Published practices, each with what the listing shows of it.

    Every filter is one Wagtail's search accepts (a FilterField of the page, or the page's id), so a search
    runs on this queryset itself and the database matches its candidates by primary key."""
    return (
        public(practices.live())
        .filter(alias_of_id__isnull=True)
        .select_related("locale")
        .prefetch_related("tagged_items__tag")
        # The listing shows a practice's title, summary and facts: its four texts stay in the database
        # (bench/profiles/practices-search.txt).
        .defer(*LONG_TEXTS)
    )


LISTING_TEMPLATE = "practices/includes/listing.html"


def kept_listing(request, index, practices):
    """The listing (the filters, the counts, a page of practices and the pager) rendered, kept per repository, host,
    language and query string under the cache's generation (home/fragments.py): the same for every reader, signed
    in or not, so a signed-in reader's request reads it from the cache instead of counting and rendering again.
    Whatever changes what it shows starts a new generation: a practice published, unpublished, moved, deleted or
    translated (qser_site/signals.py), a tag (home/fragments.py), a view restriction (home/cache.py). None for a
    search (`q`), whose answers are as many as the words people type, and for a preview: rendered on the page."""
    if request.method != "GET" or request.GET.get("q") or getattr(request, "is_preview", False):
        return None

    def render():
        context = listing_context(request, index, practices)
        return render_to_string(LISTING_TEMPLATE, context, request=request)

    parts = [request.get_host(), index.pk, request.GET.urlencode()]
    return remembered_html("practice-listing", parts, render, request)


def listing_context(request, index, practices):
    filterset = PracticeFilter(request.GET, listed(practices), index=index, request=request)
    page_obj = Paginator(filterset.qs, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filterset": filterset,
        "practices": page_obj.object_list,
        "page_obj": page_obj,
        "query_string": query.urlencode(),
    }
    if filterset.form.cleaned_data.get("lang") == language_of(index):
        context.update(_other_languages(request, index, practices, page_obj.paginator.count, query))
    return context


def _other_languages(request, index, practices, shown, query):
    """How many practices the same filters find in the other languages, and the link that shows them all (the
    repository's own language first): one count query."""
    query = query.copy()
    query["lang"] = ALL_LANGUAGES
    everywhere = PracticeFilter(query, listed(practices), index=index, request=request).qs
    return {"other_languages_count": everywhere.count() - shown, "all_languages_query": query.urlencode()}
