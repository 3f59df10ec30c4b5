from django import template

from mentoring import pool

register = template.Library()


@register.filter
def get_answer(answers, definition):
    """An answer as text a person reads, from the definition it was given against."""
    return definition.display(answers.get(definition.name))


@register.simple_tag
def mentors_mentor(relationship):
    """Who mentored this relationship's mentor, when the hub recorded it (the circle's lineage, pool.py)."""
    return pool.lineage(relationship)
