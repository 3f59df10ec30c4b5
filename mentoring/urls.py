from django.urls import path

from . import pool_views, session_views, views

app_name = "mentoring"

urlpatterns = [
    path("", views.my_relationships, name="relationships"),
    path("new/", views.new_relationship, name="new_relationship"),
    path("shared/", views.shared_with_my_department, name="shared"),
    path("<int:pk>/", views.relationship_detail, name="relationship"),
    path("<int:pk>/outputs/new/", views.new_output, name="new_output"),
    path("calendar/", session_views.my_calendar, name="calendar"),
    path("<int:pk>/stage/<int:number>/", session_views.stage_detail, name="stage"),
    path("<int:pk>/programme/", session_views.agree_programme, name="agree_programme"),
    path("<int:pk>/calendar-form/", session_views.calendar_form, name="calendar_form"),
    path("<int:pk>/sessions/<int:session_pk>/", session_views.session_detail, name="session"),
    path("<int:pk>/sessions/<int:session_pk>/record/", session_views.session_record, name="session_record"),
    path("<int:pk>/sessions/<int:session_pk>/note/", session_views.session_note, name="session_note"),
    path("<int:pk>/sessions/<int:session_pk>/cancel/", session_views.session_cancel, name="session_cancel"),
    path("<int:pk>/sessions/<int:session_pk>/attendance/", session_views.session_attendance, name="session_attendance"),
    path("<int:pk>/ready/<int:user_pk>/", views.mark_ready_to_mentor, name="ready_to_mentor"),
    path("outputs/<int:pk>/", views.output_detail, name="output"),
    path("outputs/<int:pk>/review/", views.review_output, name="review"),
    path("outputs/<int:pk>/resubmit/", views.resubmit_output, name="resubmit"),
    path("outputs/<int:pk>/reopen/", views.reopen_output_form, name="reopen_form"),
    path("outputs/<int:pk>/withdraw/", views.withdraw_output, name="withdraw"),
    path("outputs/<int:pk>/docx/", views.output_docx, name="output_docx"),
    # The mentor pool (pool_views.py).
    path("pool/", pool_views.overview, name="pool"),
    path("pool/offer/", pool_views.offer_form, name="pool_offer"),
    path("pool/request/", pool_views.request_form, name="pool_request"),
    path("pool/requests/", pool_views.coordinator_requests, name="pool_requests"),
    path("pool/requests/<int:pk>/propose/", pool_views.propose, name="propose"),
    path("pool/models/", pool_views.model_questions, name="model_questions"),
    path("pool/proposals/<int:pk>/", pool_views.proposal_detail, name="proposal"),
    path("pool/programme/", pool_views.programme, name="programme"),
    path("pool/groups/", pool_views.groups, name="groups"),
    path("pool/groups/new/", pool_views.propose_group, name="propose_group"),
    path("pool/groups/<int:pk>/", pool_views.group_detail, name="group"),
    path("pool/candidates/<int:pk>/training/", pool_views.record_training, name="record_training"),
    path("pool/candidates/<int:pk>/confirm/", pool_views.confirm_mentor, name="confirm_mentor"),
]
