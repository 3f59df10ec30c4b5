"""Personal data on request (GDPR articles 15, 17 and 20): what a person's export holds, and what erasing a
person deletes, keeps and pseudonymises. README, "Personal data (GDPR)", is the contract carried out here.

Erasure keeps the account row, anonymised, under a pseudonym: the organisation's records (stage outputs
published to departments, published practices, review decisions, the audit log) keep pointing at it, and
from then on show the pseudonym instead of the person.
"""

import io
import json
import zipfile
from datetime import timedelta
from functools import partial
from importlib import import_module

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from guardian.conf import settings as guardian_settings
from guardian.models import UserObjectPermission
from wagtail.actions.delete import DeleteAction
from wagtail.actions.delete_page import DeletePageAction
from wagtail.admin.models import EditingSession, FormState
from wagtail.documents import get_document_model
from wagtail.log_actions import log
from wagtail.models import (
    APIToken,
    ModelLogEntry,
    Page,
    PageLogEntry,
    PageSubscription,
    Revision,
    TaskState,
    UploadedFile,
)
from wagtail.users.models import UserProfile
from wagtail_localize.models import OverridableSegment, SegmentOverride, TranslationSource

from forms_library import docx_export
from forms_library.models import FilledForm, FilledFormUserObjectPermission
from home.cache import start_new_generation
from home.mail import display_name
from home.models import IdempotencyKey
from home.site_settings import OperatorSettings
from mentoring import audit
from mentoring.documents import stage_output_docx
from mentoring.models import (
    CalendarFeed,
    DepartmentUserObjectPermission,
    MentoringRelationship,
    MentoringSession,
    MentorOffer,
    MentorRequest,
    MentorTraining,
    SessionReminder,
    StageOutput,
    StageOutputUserObjectPermission,
)
from practices import pending
from practices.models import PracticeAttachment, PracticePage
from practices.texts import richtext_to_plain

from .models import PersonalDataExport

EXPORT_ANYONE = "mentoring.export_personal_data"
ERASE = "mentoring.erase_personal_data"

# Every relation of a person in the database, and what erasure does with it ("kept" relations then point at
# the pseudonymised account). A model added with a relation to users fails the privacy tests until it is
# listed here and erasure handles it.
RELATIONS = {
    "forms_library.FilledForm.owner": "deleted, unless behind a stage output that was published",
    "forms_library.FilledFormUserObjectPermission.user": "deleted",
    "guardian.UserObjectPermission.user": "deleted",
    "mentoring.User_groups.user": "deleted",
    "mentoring.User_user_permissions.user": "deleted",
    "mentoring.MentoringRelationship.mentor": "kept; refused while the relationship is active",
    "mentoring.MentoringRelationship.mentees": "kept; refused while the relationship is active",
    "mentoring.MentoringRelationship_mentees.user": "kept; refused while the relationship is active",
    "mentoring.MentoringRelationship.ready_to_mentor": "deleted",
    "mentoring.MentoringRelationship_ready_to_mentor.user": "deleted",
    "mentoring.StageOutput.author": "kept if the output was published, deleted otherwise",
    "mentoring.StageOutput.locked_by": "released",
    "mentoring.StageOutputUserObjectPermission.user": "deleted",
    "practices.PracticeDraft.owner": "deleted, with the files it kept",
    "practices.PendingAttachment.owner": "deleted, with its file",
    "mentoring.SessionAttendance.person": "kept, as the relationship's record of its meetings",
    "mentoring.MentoringSession.attendees": "kept, as the relationship's record of its meetings",
    "mentoring.StageConfirmation.person": "kept, as the relationship's record of its stages",
    "mentoring.CalendarFeed.user": "deleted (the feed's secret address stops working)",
    "mentoring.SessionReminder.person": "deleted",
    "mentoring.DepartmentUserObjectPermission.user": "deleted",
    "mentoring.MentorOffer.mentor": "deleted, with the proposals made of it",
    "mentoring.MentorRequest.mentee": "deleted, with its proposals",
    "mentoring.MentorTraining.person": "deleted",
    "mentoring.MatchProposal.proposed_by": "kept",
    "mentoring.GroupProposal.proposed_by": "kept",
    "mentoring.MatchProposal.mentors_mentor": "kept",
    "practices.PracticePage.submitted_by": "kept if the practice was published (contact removed), deleted otherwise",
    "wagtailcore.Page.owner": "kept",
    "wagtailcore.Page.locked_by": "released",
    "wagtailcore.Revision.user": "kept",
    "wagtailcore.WorkflowState.requested_by": "kept",
    "wagtailcore.TaskState.finished_by": "kept",
    "wagtailcore.ModelLogEntry.user": "kept",
    "wagtailcore.PageLogEntry.user": "kept",
    "admin.LogEntry.user": "kept",
    "wagtailcore.Comment.user": "kept",
    "wagtailcore.Comment.resolved_by": "kept",
    "wagtailcore.CommentReply.user": "kept",
    "wagtailcore.PageSubscription.user": "deleted",
    "wagtailcore.APIToken.user": "deleted",
    "home.IdempotencyKey.user": "deleted (they keep copies of API answers for 24 hours)",
    "wagtailcore.UploadedFile.uploaded_by_user": "deleted",
    "wagtaildocs.Document.uploaded_by_user": "kept, unless attached to a deleted practice",
    "wagtailimages.Image.uploaded_by_user": "kept",
    "wagtailadmin.EditingSession.user": "deleted",
    "wagtailadmin.FormState.user": "deleted",
    "wagtailusers.UserProfile.user": "kept, emptied",
    "wagtail_localize.StringTranslation.last_translated_by": "kept",
    "wagtail_localize.SegmentOverride.last_translated_by": "kept",
    "qser_site.PersonalDataExport.person": "deleted, with its file",
    "qser_site.PersonalDataExport.requested_by": "deleted, with its file (the exports they asked for of others)",
}


def can_export(actor, person):
    return actor.is_authenticated and (actor.pk == person.pk or actor.has_perm(EXPORT_ANYONE))


def can_erase(actor):
    return actor.is_authenticated and actor.has_perm(ERASE)


# Export


def _answers(definitions, answers):
    return [
        {"name": definition.name, "question": definition.label, "answer": answers[definition.name]}
        for definition in definitions
        if definition.is_input and definition.name in answers
    ]


def _account(person):
    profile = UserProfile.objects.filter(user=person).first()
    return {
        "username": person.username,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "email": person.email,
        "preferred_language": person.preferred_language,
        "time_zone": profile.current_time_zone if profile else "",
        "date_joined": person.date_joined,
        "last_login": person.last_login,
        "is_active": person.is_active,
        "groups": sorted(person.groups.values_list("name", flat=True)),
        "api_tokens": list(
            APIToken.objects.filter(user=person).values("name", "created", "last_used_at", "revoked_at")
        ),
    }


def _departments(person):
    group_ids = set(person.groups.values_list("pk", flat=True))
    return [
        {
            "name": department.name,
            "municipality": department.municipality,
            "country": department.country,
            "member": department.members_group_id in group_ids,
            "reviewer": department.reviewers_group_id in group_ids,
        }
        for department in person.departments
    ]


def _filled_forms(person):
    return [
        {
            "id": filled.pk,
            "title": filled.title,
            "language": filled.language,
            "stage": filled.stage,
            "status": filled.status,
            "created_at": filled.created_at,
            "updated_at": filled.updated_at,
            "answers": _answers(filled.definitions, filled.answers),
        }
        for filled in FilledForm.objects.filter(owner=person).order_by("pk")
    ]


def _relationships(person):
    relationships = (
        MentoringRelationship.objects.involving(person, as_reviewer=False)
        .select_related("mentor", "department")
        .prefetch_related("mentees", "ready_to_mentor", "sessions")
        .order_by("pk")
    )
    return [
        {
            "id": relationship.pk,
            "role": "mentor" if relationship.mentor_id == person.pk else "mentee",
            "mentoring_model": relationship.mentoring_model,
            "department": relationship.department.name,
            "start_date": relationship.start_date,
            "current_stage": relationship.current_stage,
            "status": relationship.status,
            # The other participants by name only: who the relationship was with is part of it.
            "mentor": display_name(relationship.mentor),
            "mentees": [display_name(mentee) for mentee in relationship.mentees.all()],
            "ready_to_mentor": person in relationship.ready_to_mentor.all(),
            "sessions": [
                {"date": s.date, "topic": s.topic, "place": s.place, "format": s.session_format}
                for s in sorted(relationship.sessions.all(), key=lambda s: s.date)
            ],
        }
        for relationship in relationships
    ]


def _mentor_pool(person):
    """The person's offer to mentor, requests for a mentor and mentor trainings."""
    offer = (
        MentorOffer.objects.filter(mentor=person)
        .values(
            "department__name",
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
            "status",
            "created_at",
        )
        .first()
    )
    requests = list(
        MentorRequest.objects.filter(mentee=person)
        .order_by("pk")
        .values(
            "department__name",
            "wants_to_learn",
            "languages",
            "service_areas",
            "preferred_model",
            "mode",
            "state",
            "created_at",
        )
    )
    trainings = list(MentorTraining.objects.filter(person=person).order_by("pk").values("name", "date", "hours"))
    return {"offer": offer, "requests": requests, "trainings": trainings}


def _review_steps(obj):
    return [
        {
            "step": state.task.name,
            "status": state.status,
            "started_at": state.started_at,
            "finished_at": state.finished_at,
            "by": display_name(state.finished_by),
            "comment": state.comment,
        }
        for state in TaskState.objects.for_instance(obj).select_related("task", "finished_by").order_by("started_at")
    ]


def _stage_outputs(person):
    outputs = StageOutput.objects.filter(author=person).select_related("filled_form").order_by("pk")
    return [
        {
            "id": output.pk,
            "relationship": output.relationship_id,
            "title": output.title,
            "stage": output.stage,
            "published": output.live,
            "first_published_at": output.first_published_at,
            "shared_with": [department.name for department in output.receiving_departments()],
            "answers": _answers(output.filled_form.definitions, output.answers),
            "review": _review_steps(output),
        }
        for output in outputs
    ]


def _review_decisions(person):
    """What the person decided as a reviewer or moderator, with their comments (not the reviewed content)."""
    decided = [TaskState.STATUS_APPROVED, TaskState.STATUS_REJECTED]  # not the cancelling of one's own review
    states = (
        TaskState.objects.filter(finished_by=person, status__in=decided)
        .select_related("task", "revision")
        .order_by("finished_at")
    )
    return [
        {
            "of": state.revision.object_str if state.revision else "",
            "step": state.task.name,
            "status": state.status,
            "finished_at": state.finished_at,
            "comment": state.comment,
        }
        for state in states
    ]


def _practices(person):
    # Each practice once, in the language it was submitted in (its translations are the editors' work).
    originals = {}
    for page in PracticePage.objects.filter(submitted_by=person, alias_of__isnull=True).order_by("pk"):
        originals.setdefault(page.translation_key, page)
    submissions = []
    for page in originals.values():
        # What the person last sent, which may be a draft newer than the published version.
        sent = page.get_latest_revision_as_object()
        state = page.workflow_states.order_by("-created_at").first()
        submissions.append(
            {
                "id": page.pk,
                "title": sent.title,
                "language": page.locale.language_code,
                "published": page.live,
                "first_published_at": page.first_published_at,
                "moderation": state.status if state else "",
                "summary": sent.summary,
                "service_area": sent.service_area,
                "country": sent.country,
                "municipality": sent.municipality,
                "department": sent.department,
                "stage": sent.stage,
                **{name: richtext_to_plain(getattr(sent, name)) for name in PracticePage.RICH_TEXT_FIELDS},
                "contact": sent.contact,
                "tags": sorted(tag.name for tag in sent.tags.all()),
                "attachments": [attachment.document.filename for attachment in sent.attachments.all()],
                "review": _review_steps(page),
            }
        )
    return submissions


def _audit_log(person):
    entries = [entry for model in (ModelLogEntry, PageLogEntry) for entry in model.objects.filter(user=person)]
    return [
        {
            "timestamp": entry.timestamp,
            "action": entry.action,
            "message": str(entry.message),
            "comment": str(entry.comment),
            "object": entry.label,
            "object_type": str(entry.object_verbose_name),
        }
        for entry in sorted(entries, key=lambda entry: entry.timestamp)
    ]


def personal_data(person):
    """Everything the site holds about the person, as JSON-ready data; other people appear only by name,
    where they are part of the person's record (their mentor, who reviewed their output)."""
    with translation.override(person.preferred_language or settings.LANGUAGE_CODE):
        return {
            "exported_at": timezone.now(),
            "account": _account(person),
            "departments": _departments(person),
            "filled_forms": _filled_forms(person),
            "mentoring_relationships": _relationships(person),
            "mentor_pool": _mentor_pool(person),
            "stage_outputs": _stage_outputs(person),
            "review_decisions": _review_decisions(person),
            "practice_submissions": _practices(person),
            "audit_log": _audit_log(person),
        }


def export_json(person):
    return json.dumps(personal_data(person), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode()


def export_zip(person):
    """The JSON export with the Word file of each filled form and stage output, and the person's attachments."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("personal-data.json", export_json(person))
        for filled in FilledForm.objects.filter(owner=person).select_related("owner", "template"):
            archive.writestr(_docx_name("forms", filled.pk, filled.title), docx_export.filled_form_file(filled))
        for output in StageOutput.objects.filter(author=person).select_related("filled_form__owner"):
            archive.writestr(_docx_name("stage-outputs", output.pk, output.title), stage_output_docx(output))
        attachments = PracticeAttachment.objects.filter(page__submitted_by=person, page__alias_of__isnull=True)
        for document in get_document_model().objects.filter(pk__in=attachments.values("document")):
            with document.open_file() as file:
                archive.writestr(f"attachments/{document.pk}-{document.filename}", file.read())
    return buffer.getvalue()


def _docx_name(folder, pk, title):
    return f"{folder}/{pk}-{slugify(title, allow_unicode=True) or 'form'}.docx"


def record_export(person, actor):
    log(person, audit.EXPORTED, user=actor)


# Erasure


def delete_practice_pages(pages, actor=None):
    """Practice pages with their translations and aliases, deepest first, and their attached documents."""
    pages = list(pages.order_by("-depth", "pk"))
    attached = PracticeAttachment.objects.filter(page__in=pages).values("document")
    documents = list(get_document_model().objects.filter(pk__in=attached))
    for page in pages:
        DeletePageAction(page, user=actor).execute(skip_permission_checks=True)
    # Wagtail removes each file once the transaction commits.
    for document in documents:
        document.delete()


class ErasureRefused(Exception):
    """Why a person cannot be erased yet, in words for the administrator."""


class Erasure:
    """Erasing one person: what it will do (shown for confirmation), then doing it in one transaction."""

    def __init__(self, person, actor=None):
        self.person = person
        self.actor = actor
        self.pseudonym = f"erased-user-{person.pk}"

    def obstacles(self):
        person, reasons = self.person, []
        if person.username == self.pseudonym:
            reasons.append(_("This account has already been erased."))
        if self.actor is not None and self.actor.pk == person.pk:
            reasons.append(_("You cannot erase your own account; another administrator can."))
        active = MentoringRelationship.objects.involving(person, as_reviewer=False).filter(
            status=MentoringRelationship.Status.ACTIVE
        )
        if active:
            reasons.append(
                _(
                    "%(name)s takes part in active mentoring relationships (%(relationships)s). Close them, or "
                    "give them another mentor or mentee, before erasing this person."
                )
                % {"name": display_name(person), "relationships": "; ".join(str(r) for r in active)}
            )
        return reasons

    # What is kept and what goes

    def kept_outputs(self):
        return StageOutput.objects.filter(author=self.person, first_published_at__isnull=False)

    def deleted_outputs(self):
        return StageOutput.objects.filter(author=self.person, first_published_at__isnull=True)

    def deleted_forms(self):
        return FilledForm.objects.filter(owner=self.person).exclude(stage_output__first_published_at__isnull=False)

    def _practice_pages(self, published):
        """The person's submissions with their translations and aliases, grouped by translation key: a
        practice that was ever published, in any language, is the organisation's."""
        keys = PracticePage.objects.filter(submitted_by=self.person).values("translation_key")
        published_keys = PracticePage.objects.filter(translation_key__in=keys, first_published_at__isnull=False).values(
            "translation_key"
        )
        pages = PracticePage.objects.filter(translation_key__in=keys)
        if published:
            return pages.filter(translation_key__in=published_keys)
        return pages.exclude(translation_key__in=published_keys)

    def kept_practices(self):
        return self._practice_pages(published=True)

    def deleted_practices(self):
        return self._practice_pages(published=False)

    def summary(self):
        return {
            "pseudonym": self.pseudonym,
            "deleted_forms": self.deleted_forms().count(),
            "deleted_outputs": self.deleted_outputs().count(),
            "kept_outputs": self.kept_outputs().count(),
            # A practice with its translations counts once.
            "deleted_practices": self.deleted_practices().values("translation_key").distinct().count(),
            "kept_practices": self.kept_practices().values("translation_key").distinct().count(),
        }

    @transaction.atomic
    def run(self):
        reasons = self.obstacles()
        if reasons:
            raise ErasureRefused(" ".join(reasons))
        for step in self.steps():
            step()
        log(self.person, audit.ERASED, user=self.actor)

    def steps(self):
        """In order; a failing step leaves everything as it was (run() is one transaction)."""
        return [
            self.delete_unpublished_outputs,
            self.delete_unpublished_forms,
            self.delete_unpublished_practices,
            self.remove_practice_contacts,
            self.revoke_access,
            self.release_locks,
            self.delete_sign_in_records,
            self.pseudonymise_account,
            self.relabel_log_entries,
        ]

    def delete_unpublished_outputs(self):
        for output in self.deleted_outputs():
            DeleteAction(output, user=self.actor).execute(skip_permission_checks=True)

    def delete_unpublished_forms(self):
        self.deleted_forms().delete()

    def delete_unpublished_practices(self):
        delete_practice_pages(self.deleted_practices(), self.actor)

    def remove_practice_contacts(self):
        """The contact the person gave, wherever Wagtail and wagtail-localize keep a copy of the page."""
        pages = self.kept_practices()
        keys = list(pages.values_list("translation_key", flat=True).distinct())
        if not keys:
            return
        page_ids = [str(pk) for pk in pages.values_list("pk", flat=True)]
        pages.update(contact="")
        page_type = ContentType.objects.get_for_model(Page)
        for revision in Revision.objects.filter(base_content_type=page_type, object_id__in=page_ids):
            revision.content["contact"] = ""
            revision.save(update_fields=["content"])
        for source in TranslationSource.objects.filter(object_id__in=keys):
            content = json.loads(source.content_json)
            content["contact"] = ""
            source.content_json = json.dumps(content, cls=DjangoJSONEncoder)
            source.save(update_fields=["content_json"])
        OverridableSegment.objects.filter(source__object_id__in=keys, context__path="contact").update(
            data_json=json.dumps("")
        )
        SegmentOverride.objects.filter(context__object_id__in=keys, context__path="contact").delete()
        # The pages anonymous readers see changed: the cached responses must go.
        transaction.on_commit(start_new_generation)

    def revoke_access(self):
        person = self.person
        person.groups.clear()
        person.user_permissions.clear()
        MentoringRelationship.ready_to_mentor.through.objects.filter(user=person).delete()
        for model in (
            FilledFormUserObjectPermission,
            StageOutputUserObjectPermission,
            DepartmentUserObjectPermission,
            UserObjectPermission,
        ):
            model.objects.filter(user=person).delete()
        MentorOffer.objects.filter(mentor=person).delete()
        MentorRequest.objects.filter(mentee=person).delete()
        MentorTraining.objects.filter(person=person).delete()
        for model in (APIToken, IdempotencyKey, PageSubscription, EditingSession, FormState, CalendarFeed):
            model.objects.filter(user=person).delete()
        SessionReminder.objects.filter(person=person).delete()
        UploadedFile.objects.filter(uploaded_by_user=person).delete()
        # Their personal-data exports, and those they asked for of others (their files once this commits).
        PersonalDataExport.objects.filter(Q(person=person) | Q(requested_by=person)).delete_with_files()
        # What they had not sent: their drafts and the files kept for them (practices/pending.py).
        kept = list(pending.PendingAttachment.objects.filter(owner=person))
        transaction.on_commit(lambda: pending.discard(kept))
        pending.PracticeDraft.objects.filter(owner=person).delete()
        signed_in = [
            session.pk
            for session in Session.objects.iterator()
            if session.get_decoded().get("_auth_user_id") == str(person.pk)
        ]
        # Through the session store, so that a copy in the cache (cached_db) goes too.
        store = import_module(settings.SESSION_ENGINE).SessionStore
        for session_key in signed_in:
            store(session_key=session_key).delete()

    def release_locks(self):
        for model in (Page, StageOutput):
            model.objects.filter(locked_by=self.person).update(locked=False, locked_by=None, locked_at=None)

    def delete_sign_in_records(self):
        """django-axes keeps sign-ins (failed ones, for its lockouts) under the username being replaced."""
        for model in (AccessAttempt, AccessFailureLog, AccessLog):
            model.objects.filter(username=self.person.username).delete()

    def pseudonymise_account(self):
        person = self.person
        person.username = self.pseudonym
        person.first_name = person.last_name = person.email = person.preferred_language = person.time_zone = ""
        person.set_unusable_password()
        person.is_active = person.is_staff = person.is_superuser = False
        person.last_login = None
        person.save()
        profile = UserProfile.objects.filter(user=person).first()
        if profile:
            if profile.avatar:
                transaction.on_commit(partial(profile.avatar.storage.delete, profile.avatar.name))
            profile.avatar = ""
            profile.current_time_zone = profile.preferred_language = ""
            profile.dismissibles = {}
            profile.save()

    def relabel_log_entries(self):
        """Entries keep the label their object had when logged: the person's name, in some."""
        user_type = ContentType.objects.get_for_model(get_user_model())
        ModelLogEntry.objects.filter(content_type=user_type, object_id=str(self.person.pk)).update(label=self.pseudonym)
        relationship_type = ContentType.objects.get_for_model(MentoringRelationship)
        for relationship in MentoringRelationship.objects.involving(self.person, as_reviewer=False):
            ModelLogEntry.objects.filter(content_type=relationship_type, object_id=str(relationship.pk)).update(
                label=str(relationship)
            )


# Retention: what is past the periods the operator set (home.site_settings.OperatorSettings) goes, daily


class Retention:
    """The personal data past its retention period at `now`, and removing it with the erasure's own steps:
    accounts are erased as on request (`Erasure`), practices deleted as erasure deletes them. The
    organisation's records that erasure keeps (published stage outputs and practices) are kept here too."""

    def __init__(self, now=None, periods=None):
        self.now = now or timezone.now()
        self.periods = periods or OperatorSettings.load()

    def _cutoff(self, days):
        return self.now - timedelta(days=days)

    def expired_accounts(self):
        """Accounts nobody signed in to within the period (counted from joining when never signed in);
        never a superuser, guardian's anonymous user or an account already erased."""
        cutoff = self._cutoff(self.periods.account_retention_days)
        people = get_user_model().objects.filter(is_superuser=False)
        people = people.exclude(username=guardian_settings.ANONYMOUS_USER_NAME).exclude(
            username__startswith="erased-user-"
        )
        return people.filter(Q(last_login__lt=cutoff) | Q(last_login__isnull=True, date_joined__lt=cutoff)).order_by(
            "pk"
        )

    def expired_sessions(self):
        cutoff = self._cutoff(self.periods.session_retention_days)
        return MentoringSession.objects.filter(date__lt=cutoff).exclude(
            relationship__status=MentoringRelationship.Status.ACTIVE
        )

    def expired_forms(self):
        """Filled forms not behind a stage output (those are the relationship's record, reviewed or not)."""
        cutoff = self._cutoff(self.periods.filled_form_retention_days)
        return FilledForm.objects.filter(updated_at__lt=cutoff, stage_output__isnull=True)

    def expired_practices(self):
        """Submissions never published in any language and not changed within the period, with their
        translations and aliases."""
        cutoff = self._cutoff(self.periods.practice_retention_days)
        submitted = PracticePage.objects.filter(submitted_by__isnull=False, alias_of__isnull=True)
        published_keys = PracticePage.objects.filter(first_published_at__isnull=False).values("translation_key")
        recent_keys = PracticePage.objects.filter(latest_revision_created_at__gte=cutoff).values("translation_key")
        stale_keys = (
            submitted.filter(latest_revision_created_at__lt=cutoff)
            .exclude(translation_key__in=published_keys)
            .exclude(translation_key__in=recent_keys)
            .values("translation_key")
        )
        return PracticePage.objects.filter(translation_key__in=stale_keys)

    def summary(self):
        accounts = list(self.expired_accounts())
        return {
            "accounts": [person.username for person in accounts if not Erasure(person).obstacles()],
            "accounts_kept": {
                person.username: " ".join(reasons) for person in accounts if (reasons := Erasure(person).obstacles())
            },
            "sessions": self.expired_sessions().count(),
            "filled_forms": self.expired_forms().count(),
            "practices": self.expired_practices().values("translation_key").distinct().count(),
        }

    def run(self):
        """Removes what the summary counts, each kind in its own transaction, and returns the summary. An
        account that cannot be erased yet (an active relationship) is left for a later run."""
        summary = self.summary()
        with transaction.atomic():
            self.expired_sessions().delete()
        with transaction.atomic():
            self.expired_forms().delete()
        with transaction.atomic():
            delete_practice_pages(self.expired_practices())
            if summary["practices"]:
                transaction.on_commit(start_new_generation)
        for person in get_user_model().objects.filter(username__in=summary["accounts"]):
            Erasure(person).run()
        return summary
