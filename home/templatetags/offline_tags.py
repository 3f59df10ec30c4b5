"""The offline files of the reader's language on the guides index (home/offline.py)."""

from django import template
from django.utils.translation import get_language

from .. import offline

register = template.Library()


@register.simple_tag
def offline_files():
    """Each kind of offline file of the reader's language, with its size once built and the date of its content."""
    return offline.offline_files(get_language())
