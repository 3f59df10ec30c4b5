from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from rest_framework import serializers
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index
from wagtail_headless_preview.models import HeadlessPreviewMixin
from wagtail_headless_preview.settings import headless_preview_settings
from wagtail_localize.fields import SynchronizedField, TranslatableField

from .blocks import GuideStreamBlock, InformationStreamBlock
from .cache import public, restricted_paths
from .fragments import remembered
from .page_permissions import SitePagePermissionTester
from .programme import CC_BY_URL, SOURCE_TITLE
from .search import index_text
from .site_settings import OperatorSettings  # noqa: F401  (Django finds the setting's model here)
from .tree import children


class SitePage(HeadlessPreviewMixin, Page):
    """What every page of the site shares: which fields translators see, how an untranslated page is
    recognised, and the preview of drafts in a front end on another origin when one is configured."""

    # The slug stays the same in every language so that /<lang>/guides/… is a stable contract.
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        SynchronizedField("slug"),
    ]

    search_fields = Page.search_fields + [index.SearchField("folded_search_text")]

    # Built from the seed, translated from home/content/<lang>.po (see home/translation_files.py).
    translations_in_repository = True

    class Meta:
        abstract = True

    def permissions_for_user(self, user):
        return SitePagePermissionTester(user, self)

    def attribution(self, language=None):
        """Where the guide comes from (seed/README.md: CC BY 4.0 asks for the credit, the licence and a note of
        changes), in the page's language (`language`, when the caller knows it, saves reading the locale): the
        English guides are adapted, their translations translated and adapted."""
        language = language or self.locale.language_code
        with translation.override(language):
            if language == settings.LANGUAGE_CODE:
                text = _("Adapted from Q-SER IO3 Annex II (Q-SER Consortium), CC BY 4.0, changes made.")
            else:
                text = _("Translated and adapted from Q-SER IO3 Annex II (Q-SER Consortium), CC BY 4.0, changes made.")
            return str(text)

    def excerpt_text(self):
        """The plain text a search result quotes from."""
        return self.search_description

    def folded_search_text(self):
        """Title and text without accents, so that queries typed with or without them match."""
        return index_text(f"{self.title} {self.excerpt_text()}")

    def serve_preview(self, request, preview_mode):
        # HEADLESS_PREVIEW_URL names the front end; without it editors preview on this site.
        if headless_preview_settings.CLIENT_URLS:
            return HeadlessPreviewMixin.serve_preview(self, request, preview_mode)
        return Page.serve_preview(self, request, preview_mode)

    def get_view_restrictions(self):
        # Most sites have no private section: then no restriction can apply, and serving a page needs
        # none of Wagtail's two queries over its ancestors.
        if not restricted_paths():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    @property
    def is_untranslated_alias(self):
        """An alias that wagtail-localize keeps in a locale until the page is translated: it shows the
        source page's content, in the source language."""
        return self.alias_of_id is not None and self.alias_of.locale_id != self.locale_id


class HomePage(SitePage):
    """The front door of each language's site: what the programme is, and where to go next."""

    introduction = RichTextField(
        _("introduction"), features=["bold", "italic", "link", "ul"], help_text=_("What the programme is for.")
    )

    content_panels = SitePage.content_panels + [FieldPanel("introduction")]
    api_fields = [APIField("introduction")]
    search_fields = SitePage.search_fields + [index.SearchField("introduction")]
    translatable_fields = SitePage.translatable_fields + [TranslatableField("introduction")]

    parent_page_types = ["wagtailcore.Page"]
    template = "home/home_page.html"

    class Meta:
        verbose_name = _("home page")

    def excerpt_text(self):
        return self.introduction

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = public(self.get_children().live().in_menu()).specific()
        return context


class SectionIndexPage(SitePage):
    """A section of the site under the home page (guides, forms, practices): one per language, with an
    introduction."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = SitePage.content_panels + [FieldPanel("introduction")]
    api_fields = [APIField("introduction")]
    translatable_fields = SitePage.translatable_fields + [TranslatableField("introduction")]

    parent_page_types = ["home.HomePage"]
    max_count_per_parent = 1

    class Meta:
        abstract = True

    def excerpt_text(self):
        return self.introduction


class GuideIndexPage(SectionIndexPage):
    """The mentoring guides in reading order: the programme read from beginning to end."""

    subpage_types = ["home.GuidePage"]
    template = "home/guide_index_page.html"

    class Meta:
        verbose_name = _("guide index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["guides"] = public(children(GuidePage, self.path).live())
        return context


class AttributionField(serializers.Field):
    """A guide's attribution in API v2: the sentence in the page's language, its source and licence."""

    def to_representation(self, page):
        return {"text": page.attribution(), "source": SOURCE_TITLE, "licence": "CC BY 4.0", "licence_url": CC_BY_URL}


class GuidePage(SitePage):
    """One chapter of the mentoring guide, composed from blocks built on the Q-SER report."""

    summary = models.TextField(_("summary"), help_text=_("One or two sentences shown in the guide list."))
    body = StreamField(GuideStreamBlock(), verbose_name=_("body"))

    content_panels = SitePage.content_panels + [FieldPanel("summary"), FieldPanel("body")]
    # The body as structured JSON: each block's type, value and id.
    api_fields = [
        APIField("summary"),
        APIField("body"),
        APIField("attribution", serializer=AttributionField(source="*")),
    ]
    search_fields = SitePage.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    translatable_fields = SitePage.translatable_fields + [TranslatableField("summary"), TranslatableField("body")]

    parent_page_types = ["home.GuideIndexPage"]
    subpage_types = []
    template = "home/guide_page.html"

    class Meta:
        verbose_name = _("guide page")

    def excerpt_text(self):
        body_text = " ".join(str(text) for text in self.body.stream_block.get_searchable_content(self.body))
        return f"{self.summary} {body_text}"

    def table_of_contents(self):
        """(anchor, heading) of each section, in order."""
        return [
            (section_anchor(block.id), block.value["heading"]) for block in self.body if block.block_type == "section"
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The page is served in its own language (i18n_patterns), so its locale need not be read.
        context["attribution"] = self.attribution(translation.get_language())
        if getattr(request, "is_preview", False):
            context["previous_guide"], context["next_guide"] = self._neighbours()
        else:
            # Moves, publishes and unpublishes start a new generation (home/fragments.py).
            context["previous_guide"], context["next_guide"] = remembered(
                "guide-neighbours", [self.pk], self._neighbours, request
            )
        return context

    def _neighbours(self):
        """The previous and the next published guide of the same index."""
        guides = public(GuidePage.objects.live()).select_related("locale").defer_streamfields().sibling_of(self)
        return (
            guides.filter(path__lt=self.path).order_by("-path").first(),
            guides.filter(path__gt=self.path).order_by("path").first(),
        )


class InformationPage(SitePage):
    """What a public body's site must publish and readers look for at the foot of every page: about the
    programme, the privacy notice, the accessibility statement. The footer links every published one of the
    reader's language, in the order of the tree."""

    summary = models.TextField(_("summary"), help_text=_("One or two sentences shown under the title."))
    body = StreamField(InformationStreamBlock(), verbose_name=_("body"))
    last_reviewed = models.DateField(
        _("last reviewed"), null=True, blank=True, help_text=_("When the text was last checked against the facts.")
    )

    content_panels = SitePage.content_panels + [FieldPanel("summary"), FieldPanel("last_reviewed"), FieldPanel("body")]
    api_fields = [APIField("summary"), APIField("last_reviewed"), APIField("body")]
    search_fields = SitePage.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    translatable_fields = SitePage.translatable_fields + [
        TranslatableField("summary"),
        TranslatableField("body"),
        SynchronizedField("last_reviewed"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    template = "home/information_page.html"

    class Meta:
        verbose_name = _("information page")

    def excerpt_text(self):
        return self.summary

    def table_of_contents(self):
        return [
            (section_anchor(block.id), block.value["heading"]) for block in self.body if block.block_type == "section"
        ]


def section_anchor(block_id):
    return f"section-{str(block_id)[:8]}"


class IdempotencyKey(models.Model):
    """A create request sent with an `Idempotency-Key` header, kept 24 hours (home/idempotency.py): the same key
    sent again by the same person to the same endpoint, with the same body, answers what the first request
    answered instead of creating again. The unique constraint makes two such requests at once create one."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("user")
    )
    endpoint = models.CharField(_("endpoint"), max_length=100)
    key = models.CharField(_("key"), max_length=255)
    request_hash = models.CharField(_("request hash"), max_length=64)
    status = models.PositiveSmallIntegerField(_("status"), null=True)
    body = models.JSONField(_("body"), null=True)
    headers = models.JSONField(_("headers"), default=dict)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("idempotency key")
        verbose_name_plural = _("idempotency keys")
        constraints = [models.UniqueConstraint(fields=["user", "endpoint", "key"], name="idempotency_key_once")]

    def __str__(self):
        return f"{self.endpoint} {self.key}"


class TaskFailure(models.Model):
    """A task of ours that failed on every attempt of its retry policy (home/tasks.py): kept, with what it
    needs to run again, until an administrator retries or dismisses it."""

    task_path = models.CharField(pgettext_lazy("background task", "task"), max_length=255)
    arguments = models.JSONField(pgettext_lazy("background task", "arguments"), default=dict)
    attempts = models.PositiveSmallIntegerField(pgettext_lazy("background task", "attempts"))
    error = models.TextField(pgettext_lazy("background task", "error"))
    failed_at = models.DateTimeField(pgettext_lazy("background task", "failed at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("failed task")
        verbose_name_plural = _("failed tasks")
        ordering = ["-failed_at"]

    def __str__(self):
        return self.task_path.rsplit(".", 1)[-1]
