"""The blocks editors compose guides from. Each is built from Wagtail's standard blocks, so that
wagtail-localize extracts every piece of text a reader sees (and synchronises URLs and DOIs)."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.models import Locale, Page

from .content import report
from .site_settings import OperatorSettings

INLINE_FEATURES = ["bold", "italic", "link"]


class LanguageBlock(blocks.ChoiceBlock):
    """The language a text stays in, in every translation (an English title in a Greek reference list):
    the page marks it with `lang` (WCAG 3.1.2). A choice is synchronised by wagtail-localize, not translated."""

    def __init__(self, **kwargs):
        super().__init__(
            choices=settings.LANGUAGES,
            required=False,
            label=_("Language of the text"),
            help_text=_("Choose it when the text stays in one language in every translation, e.g. a title."),
            **kwargs,
        )


PROSE_FEATURES = ["bold", "italic", "link", "ul", "ol", "h3"]


class SectionBlock(blocks.StructBlock):
    """A titled section; its heading feeds the page's table of contents. The anchor is made from the
    block's id, so it is the same in every language."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=200)
    body = blocks.RichTextBlock(label=_("Text"), features=PROSE_FEATURES)

    class Meta:
        icon = "title"
        label = _("Section")
        template = "home/blocks/section_block.html"


class CalloutBlock(blocks.StructBlock):
    """A "Did you know?" aside that sets the scene without interrupting the argument."""

    title = blocks.CharBlock(label=_("Title"), max_length=100)
    text = blocks.RichTextBlock(label=_("Text"), features=INLINE_FEATURES)

    class Meta:
        icon = "help"
        label = _("Did you know? callout")
        template = "home/blocks/callout_block.html"


class MentoringModelBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Name"), max_length=100)
    description = blocks.RichTextBlock(label=_("Description"), features=INLINE_FEATURES)
    when_it_fits = blocks.TextBlock(label=_("When it fits"), required=False)
    strengths = blocks.TextBlock(label=_("Strengths"), required=False)
    limits = blocks.TextBlock(label=_("Limits"), required=False)
    used_in_qser = blocks.BooleanBlock(label=_("Used in Q-SER"), required=False)

    class Meta:
        icon = "user"
        label = _("Mentoring model")


class MentoringModelsBlock(blocks.StructBlock):
    """The mentoring models side by side, so readers can compare them."""

    models = blocks.ListBlock(MentoringModelBlock(), label=_("Models"))

    class Meta:
        icon = "group"
        label = _("Mentoring model cards")
        template = "home/blocks/mentoring_models_block.html"


class MentoringToolBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Name"), max_length=200)
    form = blocks.PageChooserBlock(
        label=_("Form template"), required=False, help_text=_("Links the tool to its form, when there is one.")
    )

    class Meta:
        icon = "form"
        label = _("Mentoring tool")


class StageBlock(blocks.StructBlock):
    number = blocks.IntegerBlock(label=_("Stage number"), min_value=1, max_value=5)
    name = blocks.CharBlock(label=_("Name"), max_length=100)
    sessions = blocks.TextBlock(label=_("Sessions"), help_text=_("What the sessions of this stage do."))
    objectives = blocks.ListBlock(blocks.CharBlock(max_length=300), label=_("Objectives"))
    tools = blocks.ListBlock(MentoringToolBlock(), label=_("Mentoring tools"))

    class Meta:
        icon = "list-ol"
        label = _("Stage")


class StageTimelineBlock(blocks.StructBlock):
    """The five stages of the Q-SER mentoring process, as one ordered timeline."""

    stages = blocks.ListBlock(StageBlock(), label=_("Stages"))

    def get_context(self, value, parent_context=None):
        """Each tool with the URL of its form in the reader's language (one query for all of them, and one per
        page type for their specific pages). A linked form that says it is not one of the guide's tools
        (`is_guide_tool`: the SWOT grid and the diary, the hub's aids) is listed apart, as the hub's."""
        context = super().get_context(value, parent_context)
        chosen = [tool["form"] for stage in value["stages"] for tool in stage["tools"] if tool["form"]]
        localized = {}
        if chosen:
            pages = (
                Page.objects.live()
                .filter(translation_key__in={page.translation_key for page in chosen}, locale=Locale.get_active())
                .specific()
            )
            localized = {page.translation_key: page for page in pages}
        request = (parent_context or {}).get("request")
        context["stages"] = []
        for stage in value["stages"]:
            tools, aids = [], []
            for tool in stage["tools"]:
                page = localized.get(tool["form"].translation_key, tool["form"]) if tool["form"] else None
                entry = {"name": tool["name"], "url": page.get_url(request) if page else None}
                (tools if getattr(page, "is_guide_tool", True) else aids).append(entry)
            context["stages"].append({"stage": stage, "tools": tools, "aids": aids})
        return context

    class Meta:
        icon = "time"
        label = _("Five-stage timeline")
        template = "home/blocks/stage_timeline_block.html"


class ChecklistBlock(blocks.StructBlock):
    """Questions to answer before acting (e.g. before choosing a mentoring model)."""

    title = blocks.CharBlock(label=_("Title"), max_length=200)
    items = blocks.ListBlock(blocks.CharBlock(max_length=300), label=_("Items"))

    class Meta:
        icon = "tasks"
        label = _("Checklist")
        template = "home/blocks/checklist_block.html"


class SourceNoteBlock(blocks.StructBlock):
    """A footnote or note on a source, numbered as in the report."""

    marker = blocks.CharBlock(label=_("Marker"), max_length=8, help_text=_("The note's number, e.g. 1."))
    text = blocks.RichTextBlock(label=_("Text"), features=INLINE_FEATURES)
    language = LanguageBlock()

    class Meta:
        icon = "doc-full"
        label = _("Footnote or source note")
        template = "home/blocks/source_note_block.html"


class ReferenceBlock(blocks.StructBlock):
    citation = blocks.RichTextBlock(label=_("Citation"), features=["italic"])
    language = LanguageBlock(default="en")
    # A DOI or URL is the same in every language: RegexBlock and URLBlock are synchronised, not translated.
    doi = blocks.RegexBlock(
        regex=r"^10\.\d{4,9}/\S+$",
        required=False,
        label=_("DOI"),
        error_messages={"invalid": _("Enter a DOI such as 10.1037/0021-9010.89.1.127.")},
    )
    url = blocks.URLBlock(label=_("URL"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Reference")


class ReferencesBlock(blocks.StructBlock):
    references = blocks.ListBlock(ReferenceBlock(), label=_("References"))

    class Meta:
        icon = "openquote"
        label = _("References")
        template = "home/blocks/references_block.html"


class UsefulLinkBlock(blocks.StructBlock):
    url = blocks.URLBlock(label=_("URL"))
    description = blocks.CharBlock(label=_("What it offers"), max_length=300)

    class Meta:
        icon = "link"
        label = _("Useful link")


class UsefulLinksBlock(blocks.StructBlock):
    links = blocks.ListBlock(UsefulLinkBlock(), label=_("Links"))

    class Meta:
        icon = "link"
        label = _("Useful links")
        template = "home/blocks/useful_links_block.html"


class GuideStreamBlock(blocks.StreamBlock):
    section = SectionBlock()
    callout = CalloutBlock()
    mentoring_models = MentoringModelsBlock()
    stage_timeline = StageTimelineBlock()
    checklist = ChecklistBlock()
    source_note = SourceNoteBlock()
    references = ReferencesBlock()
    useful_links = UsefulLinksBlock()


class OperatorSettingsBlock(blocks.StaticBlock):
    """A part of a page written from the operator's settings (home/site_settings.py), so that the privacy
    notice and the accessibility statement always show the details editors keep in one place."""

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["operator"] = OperatorSettings.load(request_or_site=(parent_context or {}).get("request"))
        return context


class OperatorDetailsBlock(OperatorSettingsBlock):
    class Meta:
        icon = "site"
        label = _("Operator and data protection officer (from the settings)")
        admin_text = _("Shows the operator's name, address and e-mail and the data protection officer's contact.")
        template = "home/blocks/operator_details_block.html"


class RetentionPeriodsBlock(OperatorSettingsBlock):
    class Meta:
        icon = "time"
        label = _("Retention periods (from the settings)")
        admin_text = _("Shows how long each kind of personal data is kept.")
        template = "home/blocks/retention_periods_block.html"


class AccessibilityContactsBlock(OperatorSettingsBlock):
    class Meta:
        icon = "mail"
        label = _("Accessibility feedback and enforcement (from the settings)")
        admin_text = _("Shows the accessibility feedback address and the enforcement body.")
        template = "home/blocks/accessibility_contacts_block.html"


class ComplaintBlock(OperatorSettingsBlock):
    class Meta:
        icon = "warning"
        label = _("Data protection supervisory authority (from the settings)")
        admin_text = _("Shows where readers may lodge a complaint.")
        template = "home/blocks/complaint_block.html"


class ReportFactsBlock(blocks.StaticBlock):
    """The source report's front matter (home/content/report.py): title, deliverable, version, contributor,
    project number, consortium and the European Commission's disclaimer in the report's own English wording."""

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["report"] = report
        context["partners"] = [
            {"name": name, "language": language, "country": country.label}
            for name, language, country in report.PARTNERS
        ]
        return context

    class Meta:
        icon = "doc-full"
        label = _("The Q-SER report and its consortium")
        admin_text = _("Shows the report's title, version, contributor, project number, partners and disclaimer.")
        template = "home/blocks/report_facts_block.html"


class InformationStreamBlock(blocks.StreamBlock):
    """The About page, the privacy notice and the accessibility statement: sections the editors write, and
    parts written from the settings or from the report's front matter."""

    section = SectionBlock()
    callout = CalloutBlock()
    report_facts = ReportFactsBlock()
    operator_details = OperatorDetailsBlock()
    retention_periods = RetentionPeriodsBlock()
    complaint = ComplaintBlock()
    accessibility_contacts = AccessibilityContactsBlock()
