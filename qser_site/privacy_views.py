"""Personal data on request: a person downloads their own on the site; an administrator (or a holder of the
dedicated permissions) exports anyone's and erases a person in the Wagtail admin. privacy.py decides."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from home.mail import display_name
from qser_site import privacy

CONTENT_TYPES = {"json": "application/json", "zip": "application/zip"}


def personal_data_response(person, actor, file_format):
    """The download, recorded in the audit log once its content is built."""
    content = privacy.export_json(person) if file_format == "json" else privacy.export_zip(person)
    privacy.record_export(person, actor)
    response = HttpResponse(content, content_type=CONTENT_TYPES[file_format])
    filename = f"personal-data-{person.pk}-{timezone.localdate().isoformat()}.{file_format}"
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    return response


@login_required
def my_data(request):
    return TemplateResponse(request, "qser_site/privacy.html", {})


@never_cache
@login_required
def download_my_data(request, file_format):
    return personal_data_response(request.user, request.user, file_format)


# Wagtail admin (registered in wagtail_hooks.py, behind Wagtail's admin access check)


@never_cache
def export_personal_data(request, user_id):
    person = get_object_or_404(get_user_model(), pk=user_id)
    if not privacy.can_export(request.user, person):
        raise PermissionDenied
    return personal_data_response(person, request.user, "zip")


class ErasePersonalDataView(WagtailAdminTemplateMixin, TemplateView):
    """What erasing the person will delete, keep and pseudonymise; erased once confirmed."""

    template_name = "qser_site/admin/confirm_erase.html"
    page_title = gettext_lazy("Erase personal data")
    header_icon = "warning"

    def dispatch(self, request, user_id):
        if not privacy.can_erase(request.user):
            raise PermissionDenied
        self.person = get_object_or_404(get_user_model(), pk=user_id)
        self.erasure = privacy.Erasure(self.person, actor=request.user)
        return super().dispatch(request, user_id)

    def get_page_subtitle(self):
        return display_name(self.person)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            person=self.person,
            obstacles=self.erasure.obstacles(),
            summary=self.erasure.summary(),
        )
        return context

    def post(self, request, user_id):
        name = display_name(self.person)
        try:
            self.erasure.run()
        except privacy.ErasureRefused as refusal:
            messages.error(request, str(refusal))
            return redirect("privacy_erase_personal_data", user_id=user_id)
        messages.success(
            request,
            _("The personal data of %(name)s is erased; their kept records now show “%(pseudonym)s”.")
            % {"name": name, "pseudonym": self.erasure.pseudonym},
        )
        return redirect("wagtailusers_users:index")
