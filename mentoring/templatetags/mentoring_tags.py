from django import template

register = template.Library()


@register.filter
def get_answer(answers, definition):
    """An answer as text a person reads, from the definition it was given against."""
    return definition.display(answers.get(definition.name))
