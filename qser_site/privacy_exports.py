"""Personal data exports as background work: a person (for themselves) or an administrator (for anyone, with
`privacy.can_export`) asks for one; a task on our backend (home/tasks.py) builds the file with privacy.py's
`export_json` / `export_zip`, keeps it privately in the media storage, and e-mails the asker a link to the page
where they download it. A ZIP with every Word file and attachment can take long to build: it is never built
inside a web request (with the immediate backend of `make run` and the tests, the task runs as the request
commits, so the export is ready when the page comes back).

The audit log records an export when its file is built (as the export_personal_data command does), with the
asker as its actor: what is logged is that the person's data was compiled for someone. A request that fails
is not logged as an export.

Each file can be downloaded by its asker, and by the person it is of, for PERSONAL_DATA_EXPORT_DAYS days;
then the clock's hourly `purge_personal_data_exports` removes it with its record. Erasing a person removes
the exports of them and those they asked for (privacy.Erasure).
"""

from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.db import transaction
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from storages.backends.s3 import S3Storage

from home.mail import send_localized_mail_on_commit
from home.tasks import retried_task

from . import privacy
from .models import PersonalDataExport, export_file_name

CONTENT_TYPES = {"json": "application/json", "zip": "application/zip"}
SUBJECTS = {
    True: gettext_noop("The personal data export you asked for is ready"),
    False: gettext_noop("The personal data export you asked for could not be prepared"),
}


class ExportRefused(Exception):
    """Why an export cannot be asked for, in words for the asker."""


def _expiry(start):
    return start + timedelta(days=settings.PERSONAL_DATA_EXPORT_DAYS)


def request_export(*, person, actor, file_format):
    """A new export of `person` for `actor`, built by a task once this commits; the one already being
    prepared when the same asker asked for the same one."""
    if not privacy.can_export(actor, person):
        raise PermissionDenied
    if file_format not in PersonalDataExport.Format.values:
        raise ExportRefused(
            _("“%(format)s” is not a format of the export: choose JSON or ZIP.") % {"format": str(file_format)[:20]}
        )
    waiting = PersonalDataExport.objects.filter(
        person=person, requested_by=actor, file_format=file_format, state=PersonalDataExport.State.WAITING
    ).first()
    if waiting is not None:
        return waiting
    with transaction.atomic():
        export = PersonalDataExport.objects.create(
            person=person, requested_by=actor, file_format=file_format, expires_at=_expiry(timezone.now())
        )
        transaction.on_commit(partial(build_export.enqueue, export.pk))
    return export


def exports_for(actor, person):
    """What `actor` sees of the exports of `person`: those they asked for, and, of themselves, all of them."""
    exports = PersonalDataExport.objects.filter(person=person, expires_at__gt=timezone.now())
    if actor.pk != person.pk:
        exports = exports.filter(requested_by=actor)
    return exports


# The task


def _link(export):
    if export.person_id == export.requested_by_id:
        return "privacy:my_data", []
    return "privacy_export_personal_data", [export.person_id]


def _notify(export, ready):
    """The asker learns it is ready (or failed) and where to go; the mail holds nothing of the person."""
    url_name, url_args = _link(export)
    send_localized_mail_on_commit(
        [export.requested_by_id],
        SUBJECTS[ready],
        {},
        "qser_site/email/personal_data_export.txt",
        {"ready": ready, "days": settings.PERSONAL_DATA_EXPORT_DAYS},
        url_name,
        url_args,
    )


def _give_up(export_id, **kwargs):
    """The last attempt failed: the export says so, and its asker is told (TaskFailure has the error)."""
    with transaction.atomic():
        export = PersonalDataExport.objects.filter(pk=export_id, state=PersonalDataExport.State.WAITING).first()
        if export is None:
            return
        export.state = PersonalDataExport.State.FAILED
        export.finished_at = timezone.now()
        export.save(update_fields=["state", "finished_at"])
        _notify(export, ready=False)


@retried_task(on_give_up=_give_up)
def build_export(export_id):
    """Build, store and record one export. An export removed meanwhile (expired, or its person erased) or
    already built is left alone; a file stored for a row that went meanwhile is removed again."""
    export = PersonalDataExport.objects.select_related("person").filter(pk=export_id).first()
    if export is None or export.state == PersonalDataExport.State.READY:
        return None
    build = privacy.export_json if export.file_format == PersonalDataExport.Format.JSON else privacy.export_zip
    content = build(export.person)
    filename = f"personal-data-{export.person_id}-{timezone.localdate().isoformat()}.{export.file_format}"
    storage = export.file.storage
    stored = storage.save(export_file_name(export, filename), ContentFile(content))
    try:
        with transaction.atomic():
            now = timezone.now()
            updated = (
                PersonalDataExport.objects.filter(pk=export.pk)
                .exclude(state=PersonalDataExport.State.READY)
                .update(
                    state=PersonalDataExport.State.READY,
                    file=stored,
                    size=len(content),
                    finished_at=now,
                    expires_at=_expiry(now),
                )
            )
            if updated:
                privacy.record_export(export.person, export.requested_by)
                _notify(export, ready=True)
    except Exception:
        storage.delete(stored)
        raise
    if not updated:
        storage.delete(stored)
    return stored if updated else None


# Download and expiry


def downloadable(actor, export_id):
    """The export `actor` may download now: theirs (asked by them, or of them), ready and not expired; 404
    otherwise, so that nobody learns which exports exist."""
    if not actor.is_authenticated:
        raise Http404
    export = (
        PersonalDataExport.objects.filter(pk=export_id)
        .filter(Q(requested_by=actor) | Q(person=actor))
        .select_related("person")
        .first()
    )
    if export is None or not export.is_downloadable or not privacy.can_export(actor, export.person):
        raise Http404
    return export


def download_response(export):
    """Streamed from the local disk, read whole from another storage of this server (the tests' memory), or a
    redirect to the storage's own signed, short-lived URL (the private S3 bucket)."""
    storage, name = export.file.storage, export.file.name
    filename = name.rsplit("/", 1)[-1]
    disposition = content_disposition_header(as_attachment=True, filename=filename)
    if isinstance(storage, S3Storage):
        # The signed URL tells the bucket to hand the file over as a download under its own name.
        response = HttpResponseRedirect(storage.url(name, parameters={"ResponseContentDisposition": disposition}))
    elif (url := storage.url(name)).startswith(("http://", "https://")):
        response = HttpResponseRedirect(url)
    else:
        if isinstance(storage, FileSystemStorage):
            response = FileResponse(storage.open(name, "rb"), content_type=CONTENT_TYPES[export.file_format])
        else:
            with storage.open(name, "rb") as file:
                response = HttpResponse(file.read(), content_type=CONTENT_TYPES[export.file_format])
        response["Content-Disposition"] = disposition
    patch_cache_control(response, private=True, no_store=True, max_age=0)
    return response


def latest_download(actor, file_format):
    """The newest ready export of the actor's own data in that format, or None."""
    exports = PersonalDataExport.objects.filter(
        person=actor,
        file_format=file_format,
        state=PersonalDataExport.State.READY,
        expires_at__gt=timezone.now(),
    ).exclude(file="")
    return exports.first()


def purge(now=None):
    """Remove the exports past their expiry, files and rows; how many went."""
    with transaction.atomic():
        return PersonalDataExport.objects.filter(expires_at__lte=now or timezone.now()).delete_with_files()
