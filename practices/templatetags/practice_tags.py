from django import template

from home import uploads

register = template.Library()


@register.filter
def file_name(attachment):
    """A Wagtail document's or a pending attachment's file name, as the submitter chose it."""
    return getattr(attachment, "name", None) or attachment.filename


@register.filter
def file_facts(attachment):
    """ "PDF, 12.3 KB" for a Wagtail document (its stored size, never read from the storage on a page view) or a
    pending attachment."""
    size = attachment.size if hasattr(attachment, "size") else attachment.file_size
    return uploads.file_facts(file_name(attachment), size)
