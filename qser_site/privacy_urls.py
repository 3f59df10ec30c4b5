"""A person's own data, under /<lang>/mentoring/my-data/ (README, "Personal data (GDPR)")."""

from django.urls import path, re_path

from . import privacy_views

app_name = "privacy"

urlpatterns = [
    path("my-data/", privacy_views.my_data, name="my_data"),
    path("my-data/exports/<int:export_id>/download/", privacy_views.download_export, name="export_download"),
    re_path(r"^my-data/download\.(?P<file_format>json|zip)$", privacy_views.download_my_data, name="my_data_download"),
]
