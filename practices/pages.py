"""The page types of the repository: its index page (the listing), a practice and its attachments.

They hand their work to the modules below them (listing.py, word.py) and import nothing above; models.py
re-exports them for Django."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from rest_framework import serializers
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.examples import EXAMPLE_LABEL, ExampleRecord
from home.models import SectionIndexPage, SitePage
from home.programme import Country, Stage
from home.search import index_text

from .constants import LICENCE_URLS, TEXT_FEATURES, Licence, ServiceArea
from .listing import kept_listing, listing_context
from .permissions import PracticePermissionTester
from .word import practice_docx


class TagNamesField(serializers.Field):
    """A practice's tag names in the API, read from the tags the listing prefetched as a list
    (`prefetched_tags`, qser_site/api.py), else from its tags (Wagtail's TagsField queries each practice again)."""

    def __init__(self, **kwargs):
        super().__init__(source="*", **kwargs)

    def to_representation(self, page):
        tags = getattr(page, "prefetched_tags", None)
        return sorted(tag.name for tag in (page.tags.all() if tags is None else tags))


class PracticeIndexPage(SectionIndexPage):
    """The repository of good practices: how the organisation keeps its tacit know-how (seed, 1.2)."""

    subpage_types = ["practices.PracticePage"]
    template = "practices/practice_index_page.html"

    class Meta:
        verbose_name = _("good practices repository")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The same for every reader of these filters: from the cache (practices/listing.py), else rendered here.
        context["listing"] = kept_listing(request, self, PracticePage.objects.all())
        if context["listing"] is None:
            context.update(listing_context(request, self, PracticePage.objects.all()))
        return context


class PracticePageTag(TaggedItemBase):
    content_object = ParentalKey("practices.PracticePage", related_name="tagged_items", on_delete=models.CASCADE)


class PracticePage(RoutablePageMixin, SitePage, ExampleRecord):
    """One good practice: a challenge of serving migrants, what was done, and how others can reuse it."""

    # Its long texts, in the order a reader meets them: the one list every form, export and index uses.
    RICH_TEXT_FIELDS = ("challenge", "what_was_done", "results", "reuse")
    # What the listing filters by (and the API with the others): FilterFields, so that a search runs within them.
    FILTER_FIELDS = ("service_area", "country", "stage")

    summary = models.TextField(_("summary"), max_length=600)
    service_area = models.CharField(_("service area"), max_length=20, choices=ServiceArea.choices, db_index=True)
    country = models.CharField(_("country"), max_length=2, choices=Country.choices, db_index=True)
    municipality = models.CharField(_("municipality"), max_length=120)
    department = models.CharField(_("department"), max_length=120)
    stage = models.PositiveSmallIntegerField(
        _("mentoring stage it came from"), choices=Stage.choices, null=True, blank=True, db_index=True
    )
    challenge = RichTextField(_("the challenge"), features=TEXT_FEATURES)
    what_was_done = RichTextField(_("what was done"), features=TEXT_FEATURES)
    results = RichTextField(_("results"), features=TEXT_FEATURES)
    reuse = RichTextField(_("how another department could reuse it"), features=TEXT_FEATURES)
    contact = models.CharField(_("contact"), max_length=200, blank=True)
    licence = models.CharField(
        _("licence"),
        max_length=16,
        choices=Licence.choices,
        blank=True,
        default=Licence.NONE,
        help_text=_("Chosen by the submitter; without a choice no licence is stated."),
    )
    # Which answer of a stage 5 evaluation went to which field, when the practice was drafted from one
    # (evaluation.py); for the moderators, read-only.
    drafted_from = models.TextField(_("drafted from"), blank=True)
    tags = ClusterTaggableManager(through=PracticePageTag, blank=True, verbose_name=_("tags"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="submitted_practices",
        verbose_name=_("submitted by"),
    )
    # One submission per form shown: a repeated POST finds the page it already created.
    submission_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    exclude_fields_in_copy = ["submission_token"]
    translations_in_repository = False

    def permissions_for_user(self, user):
        # No role skips moderation (permissions.py).
        return PracticePermissionTester(user, self)

    content_panels = SitePage.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("service_area"),
                FieldPanel("country"),
                FieldPanel("municipality"),
                FieldPanel("department"),
                FieldPanel("stage"),
            ],
            heading=_("Where it comes from"),
        ),
        *[FieldPanel(name) for name in RICH_TEXT_FIELDS],
        FieldPanel("contact"),
        FieldPanel("licence"),
        FieldPanel("drafted_from", read_only=True),
        FieldPanel("tags"),
        InlinePanel("attachments", label=_("Attachments")),
        FieldPanel("is_example", read_only=True),
    ]
    api_fields = [
        *[
            APIField(name)
            for name in ["summary", "service_area", "country", "municipality", "department", "stage"]
            + [*RICH_TEXT_FIELDS, "contact", "licence"]
        ],
        APIField("licence_url"),
        APIField("tags", serializer=TagNamesField()),
        APIField("is_example"),
    ]
    search_fields = SitePage.search_fields + [
        index.SearchField("summary"),
        *[index.SearchField(name) for name in RICH_TEXT_FIELDS],
        *[index.FilterField(name) for name in FILTER_FIELDS],
        index.FilterField("locale_id"),
        index.FilterField("alias_of_id"),
    ]
    translatable_fields = SitePage.translatable_fields + [
        TranslatableField("summary"),
        SynchronizedField("service_area"),
        SynchronizedField("country"),
        TranslatableField("municipality"),
        TranslatableField("department"),
        SynchronizedField("stage"),
        *[TranslatableField(name) for name in RICH_TEXT_FIELDS],
        SynchronizedField("contact"),
        SynchronizedField("licence", overridable=False),
        SynchronizedField("submitted_by"),
        SynchronizedField("is_example"),
    ]

    parent_page_types = ["practices.PracticeIndexPage"]
    subpage_types = []
    template = "practices/practice_page.html"

    class Meta:
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")
        # The listing's filters (each field has its own index too): area and stage together narrow best.
        indexes = [models.Index(fields=["service_area", "stage"], name="practice_area_stage")]

    def get_admin_display_title(self):
        """The demo's practices say they are examples wherever the admin names them (listings, edit view)."""
        title = super().get_admin_display_title()
        return f"{title} ({EXAMPLE_LABEL})" if self.is_example else title

    def excerpt_text(self):
        return self.summary

    @property
    def licence_url(self):
        return LICENCE_URLS.get(self.licence, "")

    def attribution(self):
        """Whose document this is, in the active language, for the page and the Word file: the submitting
        organisation's, under the licence it chose or none; never the Q-SER Consortium's."""
        owner = _("A good practice of %(department)s, %(municipality)s, who submitted it.") % {
            "department": self.department,
            "municipality": self.municipality,
        }
        if self.licence:
            licence = _("Licence chosen by the submitter: %(licence)s.") % {"licence": self.get_licence_display()}
        else:
            licence = _("No licence stated: ask the submitting organisation before reusing it.")
        return f"{owner} {licence}"

    def attachment_documents(self):
        """The attached Wagtail documents, read at once (also from a revision, in the moderators' preview)."""
        return [attachment.document for attachment in self.attachments.select_related("document")]

    @path("docx/")
    def docx(self, request):
        return practice_docx(self)

    def folded_search_text(self):
        return index_text(
            " ".join([self.title, self.summary, *(getattr(self, name) for name in self.RICH_TEXT_FIELDS)])
        )


class PracticeAttachment(Orderable):
    page = ParentalKey(PracticePage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey("wagtaildocs.Document", on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("document")]
