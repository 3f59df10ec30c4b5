"""What every form page of the mentoring app does alike, once (the site's pages and the pool's shared it as copies):
a bound form with errors answers 400, as the project answers bad input, and an operation's refusal is shown on
the form it came from."""

from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse


def form_page(request, form, template, context=None):
    return TemplateResponse(request, template, {"form": form, **(context or {})}, status=400 if form.errors else 200)


def run_operation(form, operation, **arguments):
    """Call the operation with the form's cleaned data (and `arguments`): its result, or None with its refusal
    added to the form."""
    try:
        return operation(**{**form.cleaned_data, **arguments})
    except ValidationError as error:
        form.add_error(None, error)
        return None
