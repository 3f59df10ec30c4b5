"""The Wagtail admin's upload forms (WAGTAILDOCS_DOCUMENT_FORM_BASE, WAGTAILIMAGES_IMAGE_FORM_BASE), judging
files as practice attachments are judged (home/uploads.py). Adding one file, several at once, and uploading
from a chooser all build their forms on these."""

from django.conf import settings
from django.core.exceptions import ValidationError
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from . import uploads


class DocumentForm(BaseDocumentForm):
    def clean_file(self):
        upload = self.cleaned_data["file"]
        # A name Wagtail does not accept is Wagtail's to refuse (WAGTAILDOCS_EXTENSIONS).
        if "file" in self.changed_data and uploads.extension_of(upload.name) in settings.WAGTAILDOCS_EXTENSIONS:
            uploads.check_unpacked_size(upload, uploads.content_type(upload))
        return upload


class ImageFileField(WagtailImageField):
    """Wagtail's image field, with the pixels counted from the image's header first: to count them, Willow
    decodes the whole image, which is what a decompression bomb needs. And an image that cannot be decoded is
    refused as not an image, where Willow's error would be a server error."""

    def to_python(self, data):
        if hasattr(data, "read"):  # an uploaded file
            # Wagtail's own check of WAGTAILIMAGES_MAX_UPLOAD_SIZE, with its message, but before anything decodes.
            self.check_image_file_size(data)
            uploads.check_image_pixels(data)
        try:
            return super().to_python(data)
        except (OSError, SyntaxError) as error:
            raise ValidationError(self.error_messages["invalid_image"], code="invalid_image") from error


class ImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            wagtail_field = self.fields["file"]
            self.fields["file"] = ImageFileField(
                label=wagtail_field.label, widget=wagtail_field.widget, required=wagtail_field.required
            )
