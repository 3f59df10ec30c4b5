from django.core import mail
from django.core.files.storage import default_storage
from django.urls import reverse
from guardian.models import GroupObjectPermission, UserObjectPermission
from wagtail.documents import get_document_model
from wagtail.models import ModelLogEntry, Page, PageLogEntry, Revision, TaskState, WorkflowState
from wagtail_localize.models import StringTranslation, Translation

from forms_library.models import FilledForm, FilledFormGroupObjectPermission, FilledFormUserObjectPermission
from mentoring.models import (
    MentoringRelationship,
    StageOutput,
    StageOutputGroupObjectPermission,
    StageOutputUserObjectPermission,
)
from practices.models import PracticeAttachment, PracticePage
from tests.mentoring.conftest import users  # noqa: F401 -- the fixture, shared with tests/mentoring
from tests.practices.conftest import editor, staff  # noqa: F401 -- the fixtures, shared with tests/practices

# Every row of these models, whole. Pages and revisions are listed by their bookkeeping fields: their
# content is in the specific models above and the revisions never change once written.
WHOLE_ROWS = [
    StageOutput,
    FilledForm,
    MentoringRelationship,
    PracticePage,
    PracticeAttachment,
    WorkflowState,
    TaskState,
    ModelLogEntry,
    PageLogEntry,
    StageOutputUserObjectPermission,
    StageOutputGroupObjectPermission,
    FilledFormUserObjectPermission,
    FilledFormGroupObjectPermission,
    UserObjectPermission,
    GroupObjectPermission,
    Translation,
    StringTranslation,
]
PAGE_FIELDS = ["pk", "path", "numchild", "live", "title", "locale_id", "latest_revision_id", "live_revision_id"]


def site_state():
    """What a failed request must leave exactly as it was, and what a restore must bring back: the objects of
    the workflows with their revisions, workflow and task states (with comments), the audit log, guardian's
    object permissions, the translations, the documents and their files, and the e-mail sent."""
    Document = get_document_model()
    state = {model._meta.label: list(model.objects.order_by("pk").values()) for model in WHOLE_ROWS}
    state["pages"] = list(Page.objects.order_by("pk").values(*PAGE_FIELDS))
    state["revisions"] = list(Revision.objects.order_by("pk").values_list("pk", "content_type_id", "object_id"))
    state["documents"] = [
        (document.pk, document.title, document.file.name, default_storage.exists(document.file.name))
        for document in Document.objects.order_by("pk")
    ]
    state["stored_documents"] = (
        sorted(default_storage.listdir("documents")[1]) if default_storage.exists("documents") else []
    )
    state["outbox"] = [(message.subject, message.to) for message in mail.outbox]
    return state


def moderate_in_admin(client, user, page, action, comment=""):
    """A moderator's decision as the Wagtail admin's workflow action sends it."""
    client.force_login(user)
    task_state = page.current_workflow_state.current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, task_state.pk))
    return client.post(url, {"comment": comment})
