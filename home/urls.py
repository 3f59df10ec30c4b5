from django.urls import path

from . import views

urlpatterns = [
    path("search/", views.search, name="search"),
    path("offline/<slug:kind>/", views.offline_file, name="offline_file"),
]
