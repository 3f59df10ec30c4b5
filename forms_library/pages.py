"""The forms library's page types; their routes (RoutablePageMixin) hand requests to views.py, below them."""

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.cache import public
from home.models import SectionIndexPage, SitePage
from home.programme import Stage
from home.tree import children

from . import views
from .fields import definitions_from_raw
from .kinds import FormFieldsBlock
from .provenance import Provenance, SourceKind


class ProvenanceField(serializers.Field):
    """A template's provenance in API v2, in the page's own language."""

    def to_representation(self, page):
        with translation.override(page.locale.language_code):
            return page.provenance.as_api()


class FormIndexPage(RoutablePageMixin, SectionIndexPage):
    """The forms library: the mentoring tools of the five stages, and a person's own filled forms."""

    subpage_types = ["forms_library.FormTemplatePage"]
    template = "forms_library/form_index_page.html"

    class Meta:
        verbose_name = _("forms library")

    def stages(self):
        """[(stage label, [templates])] in stage order, templates in tree order."""
        templates = public(children(FormTemplatePage, self.path).live())
        by_stage = {number: [] for number, _label in Stage.choices}
        for template in templates:
            by_stage[template.stage].append(template)
            if template.also_in_stage:
                by_stage[template.also_in_stage].append(template)
        return [(label, by_stage[number]) for number, label in Stage.choices if by_stage[number]]

    @path("mine/")
    def my_forms(self, request):
        return views.my_forms(request, self)

    @path("mine/<int:pk>/")
    def edit_filled_form(self, request, pk):
        return views.edit_filled_form(request, self, pk, libraries=FormIndexPage.objects.live())

    @classmethod
    def filled_form_url(cls, filled, language):
        """Where a filled form is read and edited: its page in the library of `language` (or the first)."""
        libraries = cls.objects.live()
        index = libraries.filter(locale__language_code=language).first() or libraries.first()
        return index.url + index.reverse_subpage("edit_filled_form", kwargs={"pk": filled.pk}) if index else ""

    @path("mine/<int:pk>/docx/")
    def filled_form_docx(self, request, pk):
        return views.filled_form_docx(request, pk)


class FormTemplatePage(RoutablePageMixin, SitePage):
    """One mentoring tool of the Q-SER process as a form template: editors compose its fields, staff
    fill it online or print it blank."""

    stage = models.PositiveSmallIntegerField(_("stage"), choices=Stage.choices, db_index=True)
    also_in_stage = models.PositiveSmallIntegerField(
        _("also used in stage"),
        choices=Stage.choices,
        null=True,
        blank=True,
        help_text=_("When a tool serves two stages."),
    )
    source_kind = models.CharField(
        _("based on"),
        max_length=16,
        choices=SourceKind.choices,
        blank=True,
        default=SourceKind.HUB,
        help_text=_("What in the Q-SER guide this form answers to. Its fields are always the hub's own."),
    )
    source_name = models.CharField(
        _("the guide's words for it"),
        max_length=255,
        blank=True,
        help_text=_(
            "The Q-SER guide's own English words, copied exactly (“Suggested” included); shown in English in "
            "every language."
        ),
    )
    purpose = RichTextField(_("purpose"), features=["bold", "italic", "link", "ul"])
    instructions = RichTextField(_("instructions"), features=["bold", "italic", "link", "ul", "ol"], blank=True)
    fields = StreamField(FormFieldsBlock(), verbose_name=_("fields"))

    content_panels = SitePage.content_panels + [
        FieldPanel("stage"),
        FieldPanel("also_in_stage"),
        MultiFieldPanel([FieldPanel("source_kind"), FieldPanel("source_name")], heading=_("Provenance")),
        FieldPanel("purpose"),
        FieldPanel("instructions"),
        FieldPanel("fields"),
    ]
    search_fields = SitePage.search_fields + [index.SearchField("purpose"), index.FilterField("stage")]
    api_fields = [
        APIField("stage"),
        APIField("also_in_stage"),
        APIField("provenance", serializer=ProvenanceField(source="*")),
        APIField("purpose"),
        APIField("instructions"),
        APIField("fields"),
    ]
    translatable_fields = SitePage.translatable_fields + [
        SynchronizedField("stage"),
        SynchronizedField("also_in_stage"),
        SynchronizedField("source_kind", overridable=False),
        # The report's English words: quoted as they are in every language, never translated.
        SynchronizedField("source_name", overridable=False),
        TranslatableField("purpose"),
        TranslatableField("instructions"),
        TranslatableField("fields"),
    ]

    parent_page_types = ["forms_library.FormIndexPage"]
    subpage_types = []
    template = "forms_library/form_template_page.html"

    class Meta:
        verbose_name = _("form template")
        verbose_name_plural = _("form templates")

    def excerpt_text(self):
        return self.purpose

    @property
    def provenance(self):
        return Provenance.of(self)

    @property
    def is_guide_tool(self):
        """Whether this form is one of the tools the guide names. The SWOT grid (the hub's aid to a stage 4
        objective) and the diary (the hub's aid to the notes the report says the mentor "may also keep") are not:
        the guides' timeline lists them apart, as the hub's."""
        return self.source_kind == SourceKind.TOOL

    @property
    def is_personal_notes(self):
        """The notes the report says the mentor "may also keep": private to their author, never required."""
        return self.source_kind == SourceKind.NOTE

    @property
    def definitions(self):
        return definitions_from_raw(self.fields.get_prep_value())

    @path("docx/")
    def blank_docx(self, request):
        return views.blank_docx(request, self)

    @path("fill/")
    def fill(self, request):
        return views.fill_new_form(request, self, libraries=FormIndexPage.objects.live())
