"""The app's models for Django, which looks for them here; in-app modules import records.py or pages.py."""

from .pages import FormIndexPage, FormTemplatePage
from .records import FilledForm, FilledFormGroupObjectPermission, FilledFormUserObjectPermission

__all__ = [
    "FilledForm",
    "FilledFormGroupObjectPermission",
    "FilledFormUserObjectPermission",
    "FormIndexPage",
    "FormTemplatePage",
]
