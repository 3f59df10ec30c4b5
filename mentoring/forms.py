from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.forms import ClusterForm

from forms_library import reading
from forms_library.models import FilledForm
from home.mail import display_name
from home.programme import Stage

from . import recurrence
from .models import Department, MentoringRelationship, MentoringSession, validate_mentees
from .pool_forms import ModelQuestionsMixin
from .reviews import DECISION_REQUIRED, submittable_filled_forms
from .sessions import EDITABLE_FIELDS

MAX_DATABASE_ID = 2**63 - 1
EARLIEST_SESSION = recurrence.EARLIEST


def _beyond_database_ids(pk):
    try:
        return abs(int(pk)) > MAX_DATABASE_ID
    except (TypeError, ValueError):
        return False  # not a number: Django's own check refuses it


class ObjectsChoiceField(forms.ModelMultipleChoiceField):
    """Django's field, refusing an id beyond any database key before the query: Django guards a lookup of one
    id against such numbers, not a lookup of several (`__in`), on which SQLite fails."""

    def clean(self, value):
        for pk in value if isinstance(value, list | tuple) else []:
            if _beyond_database_ids(pk):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                )
        return super().clean(value)


class PersonChoiceField(ObjectsChoiceField):
    def label_from_instance(self, user):
        return display_name(user)


class InReaderLanguage:
    """A choice of departments, named in the reader's language (their querysets prefetch the names)."""

    def label_from_instance(self, department):
        return department.name_in(get_language())


class DepartmentChoiceField(InReaderLanguage, forms.ModelChoiceField):
    pass


class DepartmentsChoiceField(InReaderLanguage, ObjectsChoiceField):
    pass


class RelationshipForm(ModelQuestionsMixin, ClusterForm):
    """A mentor starts a relationship with colleagues of their own department, after the report's three questions
    that propose a model (optional: answered, they preselect the first model they point to)."""

    mentees = PersonChoiceField(
        queryset=get_user_model().objects.none(), widget=forms.CheckboxSelectMultiple, label=_("Mentees")
    )

    class Meta:
        model = MentoringRelationship
        fields = ["mentoring_model", "department", "mentees", "start_date"]
        field_classes = {"department": DepartmentChoiceField}
        widgets = {"start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, mentor, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_model_questions()
        self.mentor = mentor
        departments = mentor.departments
        self.fields["department"].queryset = departments.prefetch_related("translated_names")
        self.fields["mentees"].queryset = (
            get_user_model()
            .objects.filter(groups__department_as_members__in=departments)
            .exclude(pk=mentor.pk)
            .distinct()
            .order_by("last_name", "first_name")
        )

    def clean(self):
        cleaned = super().clean()
        if "mentoring_model" in cleaned and "mentees" in cleaned:
            validate_mentees(cleaned["mentoring_model"], self.mentor, list(cleaned["mentees"]))
        return cleaned


class SessionForm(forms.ModelForm):
    """The fields of a session, read (in the reader's time zone, which the middleware activates); what makes a
    session valid as a whole (its repetition rule, its link) is mentoring.sessions' to say."""

    class Meta:
        model = MentoringSession
        fields = list(EDITABLE_FIELDS)
        widgets = {
            "date": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "agreed_topics": forms.Textarea(attrs={"rows": 3}),
        }

    # Left out, a session is of stage 1 and lasts an hour (what a client written before these fields sends).
    DEFAULTS = {"stage": 1, "duration_minutes": 60, "session_format": "in_person"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].validators.append(MinValueValidator(EARLIEST_SESSION))
        self.fields["online_link"].assume_scheme = "https"
        for name, value in self.DEFAULTS.items():
            self.fields[name].required = False
            self.fields[name].initial = getattr(self.instance, name, None) or value

    def clean(self):
        cleaned = super().clean()
        for name, value in self.DEFAULTS.items():
            if cleaned.get(name) in (None, ""):
                cleaned[name] = value
        return cleaned


class ProgrammeForm(forms.Form):
    """Stage 1's calendar of the programme: the planned end and how many sessions each stage has."""

    planned_end_date = forms.DateField(
        required=False,
        label=_("planned end"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, relationship, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["planned_end_date"].initial = relationship.planned_end_date
        for number, label in Stage.choices:
            self.fields[f"stage_{number}"] = forms.IntegerField(
                min_value=0, max_value=50, required=False, label=label, initial=relationship.agreed_sessions_for(number)
            )

    def agreed_sessions(self):
        return {
            number: self.cleaned_data[f"stage_{number}"]
            for number in Stage.values
            if self.cleaned_data.get(f"stage_{number}") is not None
        }


class FilledFormChoiceField(forms.ModelChoiceField):
    """The author's filled forms, each under its title in the reader's language (forms_library.reading)."""

    def label_from_instance(self, filled_form):
        return (
            f"{filled_form.read_title} · {Stage(filled_form.stage).label} "
            f"({date_format(localtime(filled_form.updated_at), 'SHORT_DATE_FORMAT')})"
        )


class StageOutputForm(forms.Form):
    """Submit one of the author's filled forms as the output of a stage: the fields, read; what makes a
    submission valid is reviews.submit_output's to say. The stage is the form's own (its template's), not
    chosen here."""

    filled_form = FilledFormChoiceField(queryset=FilledForm.objects.none(), label=_("Filled form"))
    share_with_all = forms.BooleanField(required=False, label=_("Publish to every department"))
    target_departments = DepartmentsChoiceField(
        queryset=Department.objects.prefetch_related("translated_names"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Publish to"),
    )
    share_private = forms.BooleanField(
        required=False,
        label=_("I choose to share these private notes"),
        help_text=_(
            "Needed only for your private notes (the mentor's diary): the mentor, the mentees, the reviewers and "
            "the departments it is published to will read it."
        ),
    )

    def __init__(self, *args, author, relationship, **kwargs):
        super().__init__(*args, **kwargs)
        language = get_language() or settings.LANGUAGE_CODE
        forms_of_author = submittable_filled_forms(author).select_related("template")
        self.fields["filled_form"].queryset = reading.with_read_titles(forms_of_author, language)

    def add_submission_error(self, error):
        """reviews.submit_output's refusal, each message at its field when the form has it."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for name, messages in error.message_dict.items():
            self.add_error(name if name in self.fields else None, messages)


class StageOutputApiForm(StageOutputForm):
    """The API's submission may name the stage, which must be the form's own (reviews.submit_output)."""

    stage = forms.TypedChoiceField(choices=Stage.choices, coerce=int, required=False, empty_value=None)


class ReviewForm(forms.Form):
    # Radio buttons with none checked: the reviewer chooses (reviews.DECISION_REQUIRED otherwise).
    action = forms.ChoiceField(
        choices=[("approve", _("Approve")), ("reject", _("Request changes"))],
        label=_("Decision"),
        widget=forms.RadioSelect,
        error_messages={"required": DECISION_REQUIRED},
    )
    comment = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), required=False, max_length=5000, label=_("Comment")
    )
