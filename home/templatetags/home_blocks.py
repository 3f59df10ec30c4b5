from django import template

from home.models import section_anchor

register = template.Library()


@register.filter
def anchor(block_id):
    """The section's anchor, the same one the table of contents links to."""
    return section_anchor(block_id)
