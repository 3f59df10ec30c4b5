from django.conf import settings
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from rest_framework import serializers
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import GroupApprovalTask, Orderable
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.models import SectionIndexPage, SitePage
from home.programme import Country, Stage
from home.search import fold
from home.workflow_states import OneDecisionTaskMixin, lock_undecided


class ServiceArea(models.TextChoices):
    HOUSING = "housing", _("Housing")
    SOCIAL_CARE = "social_care", _("Social care and welfare")
    HEALTH = "health", _("Health")
    EDUCATION = "education", _("Education")
    PERMITS = "permits", _("Residence and work permits")
    OTHER = "other", _("Other")


PRACTICE_TEXT_FEATURES = ["bold", "italic", "ul", "ol", "link"]


class TagNamesField(serializers.Field):
    """A practice's tag names in the API, read from the tags the listing prefetched (Wagtail's TagsField
    queries each practice again)."""

    def to_representation(self, tags):
        return sorted(tag.name for tag in tags.all())


class PracticeIndexPage(SectionIndexPage):
    """The repository of good practices: how the organisation keeps its tacit know-how (seed, 1.2)."""

    subpage_types = ["practices.PracticePage"]
    template = "practices/practice_index_page.html"

    class Meta:
        verbose_name = _("good practices repository")

    def get_context(self, request, *args, **kwargs):
        from .views import listing_context

        context = super().get_context(request, *args, **kwargs)
        context.update(listing_context(request, self))
        return context


class PracticePageTag(TaggedItemBase):
    content_object = ParentalKey("practices.PracticePage", related_name="tagged_items", on_delete=models.CASCADE)


class PracticePage(RoutablePageMixin, SitePage):
    """One good practice: a challenge of serving migrants, what was done, and how others can reuse it."""

    summary = models.TextField(_("summary"), max_length=600)
    service_area = models.CharField(_("service area"), max_length=20, choices=ServiceArea.choices, db_index=True)
    country = models.CharField(_("country"), max_length=2, choices=Country.choices, db_index=True)
    municipality = models.CharField(_("municipality"), max_length=120)
    department = models.CharField(_("department"), max_length=120)
    stage = models.PositiveSmallIntegerField(
        _("mentoring stage it came from"), choices=Stage.choices, null=True, blank=True, db_index=True
    )
    challenge = RichTextField(_("the challenge"), features=PRACTICE_TEXT_FEATURES)
    what_was_done = RichTextField(_("what was done"), features=PRACTICE_TEXT_FEATURES)
    results = RichTextField(_("results"), features=PRACTICE_TEXT_FEATURES)
    reuse = RichTextField(_("how another department could reuse it"), features=PRACTICE_TEXT_FEATURES)
    contact = models.CharField(_("contact"), max_length=200, blank=True)
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
        FieldPanel("challenge"),
        FieldPanel("what_was_done"),
        FieldPanel("results"),
        FieldPanel("reuse"),
        FieldPanel("contact"),
        FieldPanel("tags"),
        InlinePanel("attachments", label=_("Attachments")),
    ]
    api_fields = [
        APIField(name)
        for name in [
            "summary",
            "service_area",
            "country",
            "municipality",
            "department",
            "stage",
            "challenge",
            "what_was_done",
            "results",
            "reuse",
            "contact",
        ]
    ] + [APIField("tags", serializer=TagNamesField())]
    search_fields = SitePage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("challenge"),
        index.SearchField("what_was_done"),
        index.SearchField("results"),
        index.SearchField("reuse"),
        index.FilterField("service_area"),
        index.FilterField("country"),
        index.FilterField("stage"),
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
        TranslatableField("challenge"),
        TranslatableField("what_was_done"),
        TranslatableField("results"),
        TranslatableField("reuse"),
        SynchronizedField("contact"),
        SynchronizedField("submitted_by"),
    ]

    parent_page_types = ["practices.PracticeIndexPage"]
    subpage_types = []
    template = "practices/practice_page.html"

    class Meta:
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")
        # The listing's filters (each field has its own index too): area and stage together narrow best.
        indexes = [models.Index(fields=["service_area", "stage"], name="practice_area_stage")]

    def excerpt_text(self):
        return self.summary

    @path("")
    def practice(self, request):
        return self.render(request)

    @path("docx/")
    def docx(self, request):
        from .views import practice_docx

        return practice_docx(request, self)

    def folded_search_text(self):
        return fold(" ".join([self.title, self.summary, self.challenge, self.what_was_done, self.results, self.reuse]))


class PracticeAttachment(Orderable):
    page = ParentalKey(PracticePage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey("wagtaildocs.Document", on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("document")]


class PracticeModerationTask(OneDecisionTaskMixin, GroupApprovalTask):
    """Wagtail's group approval for the Moderators, with a final "reject" beside "request changes"."""

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if actions:
            actions = [*actions, ("decline", _("Reject"), True)]
        return actions

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "decline":
            from .notifications import notify_submitter

            lock_undecided(task_state)
            # Rejected for good: the task records the reason, and the workflow ends without publishing.
            task_state.specific.declining = True
            task_state.reject(user=user, **kwargs)
            task_state.workflow_state.refresh_from_db()
            task_state.workflow_state.cancel(user=user)
            page = task_state.workflow_state.content_object.specific
            notify_submitter("declined", page, actor=user, comment=kwargs.get("comment", ""))
        else:
            super().on_action(task_state, user, action_name, **kwargs)

    class Meta:
        verbose_name = _("practice moderation task")
        verbose_name_plural = _("practice moderation tasks")
