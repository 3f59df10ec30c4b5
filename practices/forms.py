"""The front-end submission form, a ModelForm of the practice page. Its long texts are plain text, turned into
paragraphs on cleaning (texts.py), so nothing a submitter types can become markup."""

import uuid

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from taggit.forms import TagField

from home import uploads
from home.programme import Country, Stage
from mentoring.models import Department

from . import pending
from .constants import Licence, ServiceArea
from .pages import PracticePage
from .texts import paragraphs, richtext_to_plain

MAX_ATTACHMENTS = 5
MAX_LONG_TEXT = 10_000
MAX_TAGS = 10
# Judged by content too (home/uploads.py), so a name's extension must say what the file is.
ATTACHMENT_EXTENSIONS = {"pdf", "docx", "odt", "jpg", "jpeg", "png", "gif", "webp"}


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        if len(files) > MAX_ATTACHMENTS:
            raise ValidationError(
                ngettext_lazy("Attach at most %(count)d file.", "Attach at most %(count)d files.", "count"),
                params={"count": MAX_ATTACHMENTS},
            )
        return [check_attachment(super(MultipleFileField, self).clean(file, initial)) for file in files]


def check_attachment(upload):
    """Judge a file by what it contains, which its name must agree with; and by its size, packed and unpacked."""
    uploads.check_size(upload, settings.PRACTICE_ATTACHMENT_MAX_UPLOAD_SIZE)
    if uploads.extension_of(upload.name) not in ATTACHMENT_EXTENSIONS:
        raise ValidationError(
            _("“%(name)s” is not a PDF, Word (DOCX), OpenDocument text (ODT) or image file."),
            params={"name": upload.name},
        )
    uploads.check_unpacked_size(upload, uploads.content_type(upload))
    return upload


def long_text(label, rows):
    return forms.CharField(label=label, max_length=MAX_LONG_TEXT, widget=forms.Textarea(attrs={"rows": rows}))


class PracticeForm(forms.ModelForm):
    """A new practice, or (with `instance`) the submitter's changes to one the moderators sent back. Tags and
    attachments are saved by the moderation operations, with the page (moderation.py)."""

    # The page's title allows 255 characters; a practice's, 200.
    title = forms.CharField(label=_("Title"), max_length=200)
    challenge = long_text(_("The challenge"), 5)
    what_was_done = long_text(_("What was done"), 5)
    results = long_text(_("Results"), 4)
    reuse = long_text(_("How another department could reuse it"), 4)
    tags = TagField(
        label=_("Tags"),
        max_length=200,
        required=False,
        help_text=_("Separate tags with commas, e.g. housing, interpreters."),
    )
    attachments = MultipleFileField(label=_("Attachments"), required=False)
    # The files of this form kept on the server after an error or in a draft (pending.py), each named by a
    # signed token; unticked, one is left out.
    kept_attachments = forms.MultipleChoiceField(
        label=_("Files already attached"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Kept from your last try; untick a file to leave it out."),
    )
    # Not the page's field (it is not editable): the form's, each form shown being one submission.
    token = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)

    class Meta:
        model = PracticePage
        fields = [
            "title",
            "summary",
            "service_area",
            "country",
            "municipality",
            "department",
            "stage",
            *PracticePage.RICH_TEXT_FIELDS,
            "contact",
            "licence",
        ]
        labels = {
            "summary": _("Summary"),
            "service_area": _("Service area"),
            "country": _("Country"),
            "municipality": _("Municipality"),
            "department": _("Department"),
            "stage": _("Mentoring stage it came from"),
            "contact": _("Contact"),
            "licence": _("Licence"),
        }
        help_texts = {
            "licence": _(
                "The practice stays your organisation’s. Choose a licence only if your organisation agrees that "
                "others may reuse it on its terms; by default no licence is stated."
            )
        }
        widgets = {"summary": forms.Textarea(attrs={"rows": 3}), "licence": forms.RadioSelect}

    def __init__(self, *args, user=None, kept=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        # The limit is a setting, told in the reader's units and language.
        self.fields["attachments"].help_text = _("PDF, DOCX, ODT or images; at most %(size)s each.") % {
            "size": filesizeformat(settings.PRACTICE_ATTACHMENT_MAX_UPLOAD_SIZE)
        }
        # Bound: the files the posted tokens name (the user's own, still pending); else those given.
        self.show_kept(pending.kept(self.kept_tokens(), user) if self.is_bound and user else kept)
        # Choices as the form has always offered them: an area and a country chosen, a stage or none.
        self.fields["service_area"].choices = ServiceArea.choices
        self.fields["country"].choices = Country.choices
        self.fields["stage"].choices = [("", "—"), *Stage.choices]
        self.fields["licence"].choices = Licence.choices
        self.fields["licence"].required = False
        if self.instance.pk:
            for name in PracticePage.RICH_TEXT_FIELDS:
                self.initial[name] = richtext_to_plain(getattr(self.instance, name))
            self.initial["tags"] = self.instance.tags.all()
            self.initial["token"] = self.instance.submission_token

    def show_kept(self, attachments):
        """Offer these pending attachments (ticked, when the form is not bound) besides new uploads."""
        self.kept = {attachment.token: attachment for attachment in attachments}
        self.fields["kept_attachments"].choices = [
            (attachment.token, f"{attachment.name} ({uploads.file_facts(attachment.name, attachment.size)})")
            for attachment in attachments
        ]
        if not self.is_bound:
            self.initial["kept_attachments"] = [attachment.token for attachment in attachments]

    def kept_tokens(self):
        return self.data.getlist("kept_attachments") if hasattr(self.data, "getlist") else []

    def clean_kept_attachments(self):
        return [self.kept[token] for token in self.cleaned_data["kept_attachments"]]

    def clean_licence(self):
        return self.cleaned_data.get("licence") or Licence.NONE

    def clean_tags(self):
        tags = self.cleaned_data["tags"]
        if any(len(tag) > 50 for tag in tags):
            raise ValidationError(_("Each tag can have at most 50 characters."))
        if len(tags) > MAX_TAGS:  # refused, never cut: what is stored is what was sent
            raise ValidationError(
                ngettext_lazy("Give at most %(max)d tag.", "Give at most %(max)d tags.", "max"),
                params={"max": MAX_TAGS},
            )
        return tags

    def clean(self):
        cleaned_data = super().clean()
        for name in PracticePage.RICH_TEXT_FIELDS:
            if name in cleaned_data:
                cleaned_data[name] = paragraphs(cleaned_data[name])
        files = len(cleaned_data.get("attachments") or []) + len(cleaned_data.get("kept_attachments") or [])
        if files > MAX_ATTACHMENTS:
            self.add_error(
                "attachments",
                ValidationError(
                    ngettext_lazy("Attach at most %(count)d file.", "Attach at most %(count)d files.", "count"),
                    params={"count": MAX_ATTACHMENTS},
                ),
            )
        return cleaned_data


class DepartmentChoiceField(forms.ModelChoiceField):
    """A department from the list, stored on the practice as its name (the practice's own text field, which its
    translations translate)."""

    def clean(self, value):
        department = super().clean(value)
        return department.name if department else ""


class SitePracticeForm(PracticeForm):
    """The site's form: the department chosen from the list, and where the submitter works filled in."""

    department = DepartmentChoiceField(
        label=_("Department"), queryset=Department.objects.order_by("name"), to_field_name="name"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.user is not None and not self.is_bound and not self.instance.pk:
            department = self.user.departments.order_by("name").first()
            if department is not None:
                for name, value in [
                    ("department", department.name),
                    ("country", department.country),
                    ("municipality", department.municipality),
                ]:
                    self.initial.setdefault(name, value)
