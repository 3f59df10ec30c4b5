from django.urls import path

from . import views

app_name = "practices"

# Inside the language prefix, before Wagtail's pages: /<lang>/practices/submit/ and /<lang>/practices/mine/.
urlpatterns = [
    path("submit/", views.submit_practice, name="submit"),
    path("mine/", views.my_submissions, name="mine"),
    path("mine/<int:page_id>/", views.edit_submission, name="edit"),
]
