from django import template
from django.utils.translation import get_language

from home.fragments import remembered
from mentoring import pool

from ..models import department_names

register = template.Library()


@register.filter
def get_answer(answers, definition):
    """An answer as text a person reads, from the definition it was given against."""
    return definition.display(answers.get(definition.name))


@register.simple_tag(takes_context=True)
def department_name(context, department):
    """The department's name in the reader's language; the names of that language are read once a request."""
    if department is None:
        return ""
    request = context.get("request")
    language = get_language()
    names = getattr(request, "_qser_department_names", None)
    if names is None or names[0] != language:
        # Kept under the cache's generation, which a department's name renews (mentoring/signals.py).
        names = (language, remembered("department-names", [language], lambda: department_names(language)))
        if request is not None:
            request._qser_department_names = names
    return names[1].get(department.pk) or department.name


@register.simple_tag
def mentors_mentor(relationship):
    """Who mentored this relationship's mentor, when the hub recorded it (the circle's lineage, pool.py)."""
    return pool.lineage(relationship)
