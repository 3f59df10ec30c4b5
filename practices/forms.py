"""The front-end submission form. Its long texts are plain text, turned into paragraphs on saving,
so nothing a submitter types can become markup: the safe subset of rich text is paragraphs."""

import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from home import uploads
from home.programme import Country, Stage

from .models import ServiceArea

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
MAX_ATTACHMENTS = 5
MAX_LONG_TEXT = 10_000
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
            raise ValidationError(_("Attach at most %(count)d files."), params={"count": MAX_ATTACHMENTS})
        return [check_attachment(super(MultipleFileField, self).clean(file, initial)) for file in files]


def check_attachment(upload):
    """Judge a file by what it contains, which its name must agree with; and by its size, packed and unpacked."""
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(_("“%(name)s” is larger than 10 MB."), params={"name": upload.name})
    if uploads.extension_of(upload.name) not in ATTACHMENT_EXTENSIONS:
        raise ValidationError(
            _("“%(name)s” is not a PDF, Word (DOCX), OpenDocument text (ODT) or image file."),
            params={"name": upload.name},
        )
    uploads.check_unpacked_size(upload, uploads.content_type(upload))
    return upload


def paragraphs(text):
    """Plain text as rich text paragraphs, every character escaped."""
    blocks = [block.strip() for block in text.replace("\r\n", "\n").split("\n\n") if block.strip()]
    return "".join("<p>" + escape(block).replace("\n", "<br/>") + "</p>" for block in blocks)


class PracticeForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(label=_("Summary"), max_length=600, widget=forms.Textarea(attrs={"rows": 3}))
    service_area = forms.ChoiceField(label=_("Service area"), choices=ServiceArea.choices)
    country = forms.ChoiceField(label=_("Country"), choices=Country.choices)
    municipality = forms.CharField(label=_("Municipality"), max_length=120)
    department = forms.CharField(label=_("Department"), max_length=120)
    stage = forms.TypedChoiceField(
        label=_("Mentoring stage it came from"),
        choices=[("", "—"), *Stage.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )
    challenge = forms.CharField(
        label=_("The challenge"), max_length=MAX_LONG_TEXT, widget=forms.Textarea(attrs={"rows": 5})
    )
    what_was_done = forms.CharField(
        label=_("What was done"), max_length=MAX_LONG_TEXT, widget=forms.Textarea(attrs={"rows": 5})
    )
    results = forms.CharField(label=_("Results"), max_length=MAX_LONG_TEXT, widget=forms.Textarea(attrs={"rows": 4}))
    reuse = forms.CharField(
        label=_("How another department could reuse it"),
        max_length=MAX_LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    contact = forms.CharField(label=_("Contact"), max_length=200, required=False)
    tags = forms.CharField(
        label=_("Tags"),
        max_length=200,
        required=False,
        help_text=_("Separate tags with commas, e.g. housing, interpreters."),
    )
    attachments = MultipleFileField(
        label=_("Attachments"), required=False, help_text=_("PDF, DOCX, ODT or images; at most 10 MB each.")
    )
    token = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)

    def clean_tags(self):
        tags = [tag.strip() for tag in self.cleaned_data["tags"].split(",") if tag.strip()]
        if any(len(tag) > 50 for tag in tags):
            raise ValidationError(_("Each tag can have at most 50 characters."))
        return tags[:10]

    def page_values(self):
        """The cleaned answers as PracticePage field values."""
        data = self.cleaned_data
        values = {
            name: data[name]
            for name in [
                "title",
                "summary",
                "service_area",
                "country",
                "municipality",
                "department",
                "stage",
                "contact",
            ]
        }
        for name in ["challenge", "what_was_done", "results", "reuse"]:
            values[name] = paragraphs(data[name])
        return values
