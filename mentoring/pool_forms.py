"""The pool's forms: a colleague's offer to mentor, a request for a mentor, a mentor training, and the three
practical questions asked before choosing a model. The operations (pool.py) validate and store."""

from django import forms
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from home.programme import ServiceArea

from . import model_choice
from .models import GroupProposal, MentoringModel, MentorOffer, MentorRequest, MentorTraining
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

# The report's three practical questions before choosing a model (seed, chapter 2), defined once: the model page,
# the form that starts a relationship and the coordinator's proposal forms all ask them.
MODEL_QUESTIONS = {
    "located_together": _("Where are the mentor and the mentees located? In the same place?"),
    "comfortable_online": _("How do they feel about communicating electronically? At ease?"),
    "enough_mentors": _("Are there a sufficient number of mentors?"),
}


class ModelQuestionsMixin:
    """Adds the three questions to a form (optional, unless `questions_required`) and reads the models they
    point to, with the report's reasons (model_choice.propose_models)."""

    questions_required = False

    def add_model_questions(self):
        questions = {
            name: forms.ChoiceField(
                label=label, choices=YES_NO, widget=forms.RadioSelect, required=self.questions_required
            )
            for name, label in MODEL_QUESTIONS.items()
        }
        self.fields = {**questions, **self.fields}

    def question_fields(self):
        return [self[name] for name in MODEL_QUESTIONS]

    def other_fields(self):
        return [field for field in self if field.name not in MODEL_QUESTIONS]

    def proposed_models(self, data=None):
        """[(model, reason)] for the answers given (in `data`, a GET of the form, or the cleaned data), or None
        while a question is unanswered."""
        answers = {name: (data if data is not None else self.cleaned_data).get(name) for name in MODEL_QUESTIONS}
        if any(answer not in ("yes", "no") for answer in answers.values()):
            return None
        return model_choice.propose_models(**{name: answer == "yes" for name, answer in answers.items()})


class ModelQuestionsForm(ModelQuestionsMixin, forms.Form):
    """The three questions on a page of their own."""

    questions_required = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_model_questions()


class ProposalForm(ModelQuestionsMixin, forms.Form):
    """The coordinator's proposal for one request: the three questions, then the model the mentors are ranked for."""

    mentoring_model = forms.ChoiceField(choices=MentoringModel.choices, label=_("Mentoring model"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_model_questions()


class GroupProposalForm(ModelQuestionsMixin, forms.Form):
    """The coordinator's group: a mentor and four to six waiting requests of one department, its working language
    and how often it meets; the rules are pool.propose_group's, the size is also checked here."""

    offer = forms.ModelChoiceField(queryset=MentorOffer.objects.none(), label=_("Mentor"))
    requests = forms.ModelMultipleChoiceField(
        queryset=MentorRequest.objects.none(), widget=forms.CheckboxSelectMultiple, label=_("Mentees")
    )
    language = forms.ChoiceField(choices=language_choices, required=False, label=_("Working language of the group"))
    meetings_per_month = forms.TypedChoiceField(
        choices=GroupProposal.Rhythm.choices, coerce=int, initial=1, label=_("The group meets")
    )

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_model_questions()
        self.fields["offer"].queryset = MentorOffer.objects.filter(
            active=True, status=MentorOffer.Status.CONFIRMED, group_capacity__gt=0
        ).select_related("mentor")
        self.fields["requests"].queryset = MentorRequest.objects.filter(
            state=MentorRequest.State.OPEN, department__in=departments
        ).select_related("mentee")

    def clean_requests(self):
        chosen = self.cleaned_data["requests"]
        if not 4 <= len(chosen) <= 6:
            raise forms.ValidationError(_("A group has four to six mentees."))
        return chosen


class GroupScheduleForm(forms.Form):
    """The recurring schedule offered when a group starts: its first meeting and how many; the rhythm (once or
    twice a month) is the group's."""

    first = forms.DateTimeField(
        label=_("First meeting"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    )
    count = forms.IntegerField(min_value=1, max_value=24, initial=6, label=_("Number of meetings"))
    duration_minutes = forms.IntegerField(
        min_value=15, max_value=600, initial=90, required=False, label=_("duration (minutes)")
    )
    topic = forms.CharField(max_length=255, label=_("topic"))
    place = forms.CharField(max_length=255, required=False, label=_("place"))
    online_link = forms.URLField(max_length=500, required=False, assume_scheme="https", label=_("online link"))

    def fields_for_plan(self):
        data = dict(self.cleaned_data)
        data["duration_minutes"] = data["duration_minutes"] or 90
        data["session_format"] = "online" if data["online_link"] and not data["place"] else "in_person"
        return data
