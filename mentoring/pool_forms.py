"""The pool's forms: a colleague's offer to mentor, a request for a mentor, a mentor training, and the three
practical questions asked before choosing a model. The operations (pool.py) validate and store."""

from django import forms
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from home.programme import ServiceArea

from .models import MentoringModel, MentorOffer, MentorRequest, MentorTraining
from .models.pool import WORKING_LANGUAGES


def language_choices():
    """Every language Django names, each in the reader's language, alphabetically."""
    return sorted(
        ((code, get_language_info(code)["name_translated"]) for code in WORKING_LANGUAGES if "-" not in code),
        key=lambda choice: choice[1],
    )


class CodeListField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple


class LanguagesField(forms.MultipleChoiceField):
    """A multiple select (not checkboxes: the list is long)."""

    def __init__(self, **kwargs):
        super().__init__(choices=language_choices, label=_("Working languages"), **kwargs)


class OfferForm(forms.ModelForm):
    languages = LanguagesField()
    service_areas = CodeListField(choices=ServiceArea.choices, label=_("Service areas"), required=False)
    mentoring_models = CodeListField(
        choices=MentoringModel.choices, label=_("Preferred mentoring models"), required=False
    )

    class Meta:
        model = MentorOffer
        fields = [
            "department",
            "languages",
            "service_areas",
            "mentoring_models",
            "sessions_per_month",
            "hours_per_month",
            "one_on_one_capacity",
            "group_capacity",
            "mode",
            "years_of_service",
            "active",
        ]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = user.departments


class RequestForm(forms.ModelForm):
    languages = LanguagesField()
    service_areas = CodeListField(choices=ServiceArea.choices, label=_("Service areas"), required=False)

    class Meta:
        model = MentorRequest
        fields = [
            "department",
            "wants_to_learn",
            "languages",
            "service_areas",
            "preferred_model",
            "mode",
            "sessions_per_month",
            "years_of_service",
        ]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = user.departments


class TrainingForm(forms.ModelForm):
    class Meta:
        model = MentorTraining
        fields = ["name", "date", "hours"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class ModelQuestionsForm(forms.Form):
    """The report's three practical questions before choosing a model (seed, chapter 2)."""

    located_together = forms.ChoiceField(
        label=_("Where are the mentor and the mentees located? In the same place?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
    )
    comfortable_online = forms.ChoiceField(
        label=_("How do they feel about communicating electronically? At ease?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
    )
    enough_mentors = forms.ChoiceField(
        label=_("Are there a sufficient number of mentors?"), choices=YES_NO, widget=forms.RadioSelect
    )
