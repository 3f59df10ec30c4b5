"""The admin's side panel lists all of a page's translations, not only those the reader may edit.

Wagtail's status side panel, and wagtail-localize's editor which fills it, list the translations the user may
edit: a translator, who edits one language, would see none, and translates without the source and the other
languages at hand. Here each other translation is listed: a link to its editor when the user may edit it, to
its published page otherwise (a draft the user may not edit is left out: its title may not be theirs to read).
"""

from django import template
from django.urls import reverse
from wagtail.models import Page

register = template.Library()


@register.simple_tag(takes_context=True)
def other_translations(context, obj):
    if not isinstance(obj, Page) or not obj.pk:
        return []
    user = context["request"].user
    links = []
    for page in obj.get_translations().select_related("locale").order_by("locale__language_code"):
        page = page.specific_deferred
        if page.permissions_for_user(user).can_edit():
            links.append(
                {"locale": page.locale, "url": reverse("wagtailadmin_pages:edit", args=[page.pk]), "edit": True}
            )
        elif page.live:
            links.append({"locale": page.locale, "url": page.get_url(request=context["request"]), "edit": False})
    return links
