from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from . import privacy, privacy_views


@hooks.register("register_admin_urls")
def personal_data_urls():
    return [
        path(
            "personal-data/<int:user_id>/export/",
            privacy_views.export_personal_data,
            name="privacy_export_personal_data",
        ),
        path(
            "personal-data/<int:user_id>/erase/",
            privacy_views.ErasePersonalDataView.as_view(),
            name="privacy_erase_personal_data",
        ),
    ]


@hooks.register("register_user_listing_buttons")
def personal_data_buttons(user, request_user):
    buttons = []
    if privacy.can_export(request_user, user):
        url = reverse("privacy_export_personal_data", args=[user.pk])
        buttons.append(Button(_("Export personal data"), url, icon_name="download", priority=60))
    if privacy.can_erase(request_user) and user.pk != request_user.pk:
        url = reverse("privacy_erase_personal_data", args=[user.pk])
        buttons.append(Button(_("Erase personal data"), url, icon_name="bin", priority=70))
    return buttons
