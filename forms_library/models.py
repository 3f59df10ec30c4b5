from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.cache import public
from home.models import SectionIndexPage, SitePage
from home.programme import Stage
from home.tree import children

from .blocks import FormFieldsBlock
from .fields import definitions_from_raw


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
        from .views import my_forms

        return my_forms(request, self)

    @path("mine/<int:pk>/")
    def edit_filled_form(self, request, pk):
        from .views import edit_filled_form

        return edit_filled_form(request, self, pk)

    @path("mine/<int:pk>/docx/")
    def filled_form_docx(self, request, pk):
        from .views import filled_form_docx

        return filled_form_docx(request, pk)


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
    purpose = RichTextField(_("purpose"), features=["bold", "italic", "link", "ul"])
    instructions = RichTextField(_("instructions"), features=["bold", "italic", "link", "ul", "ol"], blank=True)
    fields = StreamField(FormFieldsBlock(), verbose_name=_("fields"))

    content_panels = SitePage.content_panels + [
        FieldPanel("stage"),
        FieldPanel("also_in_stage"),
        FieldPanel("purpose"),
        FieldPanel("instructions"),
        FieldPanel("fields"),
    ]
    search_fields = SitePage.search_fields + [index.SearchField("purpose"), index.FilterField("stage")]
    api_fields = [
        APIField("stage"),
        APIField("also_in_stage"),
        APIField("purpose"),
        APIField("instructions"),
        APIField("fields"),
    ]
    translatable_fields = SitePage.translatable_fields + [
        SynchronizedField("stage"),
        SynchronizedField("also_in_stage"),
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
    def definitions(self):
        return definitions_from_raw(self.fields.get_prep_value())

    @path("")
    def preview(self, request):
        return self.render(request)

    @path("docx/")
    def blank_docx(self, request):
        from .views import blank_docx

        return blank_docx(request, self)

    @path("fill/")
    def fill(self, request):
        from .views import fill_new_form

        return fill_new_form(request, self)


class FilledForm(models.Model):
    """A person's answers to a form template. It keeps the language it was filled in and a copy of
    the field definitions it was filled against, so later edits of the template never garble it."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        COMPLETE = "complete", _("Complete")

    template = models.ForeignKey(
        FormTemplatePage, on_delete=models.SET_NULL, null=True, related_name="filled_forms", verbose_name=_("template")
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="filled_forms", verbose_name=_("owner")
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    title = models.CharField(_("title"), max_length=255)
    stage = models.PositiveSmallIntegerField(_("stage"), choices=Stage.choices)
    field_definitions = models.JSONField(_("field definitions"))
    answers = models.JSONField(_("answers"), default=dict)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("filled form")
        verbose_name_plural = _("filled forms")
        indexes = [models.Index(fields=["owner", "-updated_at"])]

    def __str__(self):
        return f"{self.title} ({self.owner})"

    @classmethod
    def start(cls, template, owner):
        """A new, empty filled form with a snapshot of the template in its own language."""
        return cls(
            template=template,
            owner=owner,
            language=template.locale.language_code,
            title=template.title,
            stage=template.stage,
            field_definitions=template.fields.get_prep_value(),
        )

    @property
    def definitions(self):
        return definitions_from_raw(self.field_definitions)


class FilledFormUserObjectPermission(UserObjectPermissionBase):
    """django-guardian's direct foreign keys: reading a shared form stays one indexed lookup."""

    content_object = models.ForeignKey(FilledForm, on_delete=models.CASCADE)


class FilledFormGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(FilledForm, on_delete=models.CASCADE)
