import datetime

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.utils.translation import gettext_lazy as _
from modelcluster.forms import ClusterForm

from forms_library.models import FilledForm
from home.programme import Stage

from .models import Department, MentoringRelationship, MentoringSession, StageOutput, validate_mentees

MAX_DATABASE_ID = 2**63 - 1
# Sessions are planned in this century; the earliest dates cannot even be stored in UTC.
EARLIEST_SESSION = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)


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
        return user.get_full_name() or user.get_username()


class RelationshipForm(ClusterForm):
    """A mentor starts a relationship with colleagues of their own department."""

    mentees = PersonChoiceField(
        queryset=get_user_model().objects.none(), widget=forms.CheckboxSelectMultiple, label=_("Mentees")
    )

    class Meta:
        model = MentoringRelationship
        fields = ["mentoring_model", "department", "mentees", "start_date"]
        widgets = {"start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, mentor, **kwargs):
        super().__init__(*args, **kwargs)
        self.mentor = mentor
        departments = mentor.departments
        self.fields["department"].queryset = departments
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
    class Meta:
        model = MentoringSession
        fields = ["date", "topic", "place", "session_format"]
        widgets = {"date": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].validators.append(MinValueValidator(EARLIEST_SESSION))


class FilledFormChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, filled_form):
        return f"{filled_form.title} ({filled_form.updated_at:%Y-%m-%d})"


class StageOutputForm(forms.Form):
    """Submit one of the author's filled forms as the output of a stage."""

    filled_form = FilledFormChoiceField(queryset=FilledForm.objects.none(), label=_("Filled form"))
    stage = forms.TypedChoiceField(choices=Stage.choices, coerce=int, label=_("Stage"))
    share_with_all = forms.BooleanField(required=False, label=_("Publish to every department"))
    target_departments = ObjectsChoiceField(
        queryset=Department.objects.all(), required=False, widget=forms.CheckboxSelectMultiple, label=_("Publish to")
    )

    def __init__(self, *args, author, relationship, **kwargs):
        super().__init__(*args, **kwargs)
        # Only completed forms, each submitted once.
        self.fields["filled_form"].queryset = FilledForm.objects.filter(
            owner=author, status=FilledForm.Status.COMPLETE, stage_output__isnull=True
        )
        self.fields["stage"].initial = relationship.current_stage
        self.relationship = relationship

    def clean_filled_form(self):
        """Lock the chosen form, then ask again in a new statement: when the same form is submitted twice at
        once (two tabs), the second waits here and finds it taken, instead of failing on the unique key."""
        filled_form = self.cleaned_data["filled_form"]
        FilledForm.objects.select_for_update().filter(pk=filled_form.pk).first()
        if not self.fields["filled_form"].queryset.filter(pk=filled_form.pk).exists():
            field = self.fields["filled_form"]
            raise ValidationError(field.error_messages["invalid_choice"], code="invalid_choice")
        return filled_form

    def clean_stage(self):
        stage = self.cleaned_data["stage"]
        if stage > self.relationship.current_stage:
            raise ValidationError(
                _("Stage %(stage)d has not started yet: the relationship is in stage %(current)d."),
                params={"stage": stage, "current": self.relationship.current_stage},
            )
        return stage

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("share_with_all") and not cleaned.get("target_departments"):
            raise ValidationError(_("Choose the departments to publish to, or publish to every department."))
        return cleaned

    def create(self, relationship, author):
        output = StageOutput(
            relationship=relationship,
            stage=self.cleaned_data["stage"],
            filled_form=self.cleaned_data["filled_form"],
            author=author,
            share_with_all=self.cleaned_data["share_with_all"],
            live=False,
        )
        output.copy_from_filled_form()
        output.save()
        output.target_departments.set(self.cleaned_data["target_departments"])
        output.save()
        return output


class ReviewForm(forms.Form):
    action = forms.ChoiceField(
        choices=[("approve", _("Approve")), ("reject", _("Request changes"))], label=_("Decision")
    )
    comment = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), required=False, max_length=5000, label=_("Comment")
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == "reject" and not cleaned.get("comment", "").strip():
            raise ValidationError({"comment": _("Say what should change, so the author knows what to do.")})
        return cleaned
