"""Personal data on request: a person downloads their own on the site; an administrator (or a holder of the
dedicated permissions) exports anyone's and erases a person in the Wagtail admin. privacy.py decides."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from home.mail import display_name
from qser_site import privacy, privacy_exports
from qser_site.models import PersonalDataExport


def _ask(request, person, file_format):
    """Asks for an export. With the immediate task backend it is built as the request commits, so it is ready
    now; with the worker it is being prepared. The next page lists it with its state either way."""
    try:
        export = privacy_exports.request_export(person=person, actor=request.user, file_format=file_format)
    except privacy_exports.ExportRefused as refusal:
        messages.error(request, str(refusal))
        return
    export.refresh_from_db(fields=["state"])
    if export.state == PersonalDataExport.State.READY:
        messages.success(request, _("Your export is ready: download it below."))
    elif export.state == PersonalDataExport.State.FAILED:
        messages.error(request, _("Your export could not be prepared; the administrators have been told."))
    else:
        messages.success(
            request,
            _("Your export is being prepared. Once it is ready it is listed here to download, and we e-mail you."),
        )


@never_cache
@login_required
def my_data(request):
    if request.method == "POST":
        _ask(request, request.user, request.POST.get("format", ""))
        return redirect("privacy:my_data")
    exports = privacy_exports.exports_for(request.user, request.user)
    return TemplateResponse(
        request,
        "qser_site/privacy.html",
        {"exports": exports, "days": settings.PERSONAL_DATA_EXPORT_DAYS, "formats": PersonalDataExport.Format},
    )


@never_cache
@login_required
def download_my_data(request, file_format):
    """The newest ready export of one's own data in that format (the address of the hub before exports were
    prepared in the background); without one, the page where one asks for it."""
    export = privacy_exports.latest_download(request.user, file_format)
    if export is None:
        messages.info(request, _("Ask for your data below first: it is prepared in the background."))
        return redirect("privacy:my_data")
    return privacy_exports.download_response(export)


@never_cache
@login_required
def download_export(request, export_id):
    return privacy_exports.download_response(privacy_exports.downloadable(request.user, export_id))


# Wagtail admin (registered in wagtail_hooks.py, behind Wagtail's admin access check)


class ExportPersonalDataView(WagtailAdminTemplateMixin, TemplateView):
    """An administrator asks for a person's export and downloads it here once it is ready."""

    template_name = "qser_site/admin/exports.html"
    page_title = gettext_lazy("Export personal data")
    header_icon = "download"

    def dispatch(self, request, user_id):
        self.person = get_object_or_404(get_user_model(), pk=user_id)
        if not privacy.can_export(request.user, self.person):
            raise PermissionDenied
        return super().dispatch(request, user_id)

    def get_page_subtitle(self):
        return display_name(self.person)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            person=self.person,
            exports=privacy_exports.exports_for(self.request.user, self.person),
            days=settings.PERSONAL_DATA_EXPORT_DAYS,
            formats=PersonalDataExport.Format,
        )
        return context

    @method_decorator(never_cache)
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def post(self, request, user_id):
        _ask(request, self.person, request.POST.get("format", ""))
        return redirect("privacy_export_personal_data", user_id=user_id)


@never_cache
def admin_download_export(request, export_id):
    """As on the site, but refused the admin's way ("Sorry, you do not have permission"): outside the language
    prefixes a 404 would be turned into a redirect to the site's own 404."""
    try:
        export = privacy_exports.downloadable(request.user, export_id)
    except Http404:
        raise PermissionDenied from None
    return privacy_exports.download_response(export)


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
