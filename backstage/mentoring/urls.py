from django.urls import path

from backstage.mentoring import views
from backstage.mentoring.models import Application

app_name = "mentoring"
urlpatterns = [
    path("", views.home, name="home"),
    path("apply/", views.apply_start, name="apply_start"),
    path("apply/<int:pk>/mentee/", views.apply, {"kind": Application.Kind.MENTEE}, name="apply_mentee"),
    path("apply/<int:pk>/mentor/", views.apply, {"kind": Application.Kind.MENTOR}, name="apply_mentor"),
    path("programmes/<int:pk>/", views.programme, name="programme"),
    path("branches/<int:pk>/", views.branch_detail, name="branch"),
    path("branches/<int:pk>/settings/", views.branch_settings, name="branch_settings"),
    path("branches/<int:pk>/applications/", views.application_list, name="application_list"),
    path("branches/<int:pk>/matching/", views.matching, name="matching"),
    path("branches/<int:pk>/matching/run/", views.matching_run, name="matching_run"),
    path("branches/<int:pk>/alerts/", views.alerts, name="alerts"),
    path("branches/<int:pk>/dashboard/", views.dashboard, name="dashboard"),
    path("branches/<int:pk>/export.csv", views.export_csv, name="export_csv"),
    path("branches/<int:pk>/export.xlsx", views.export_xlsx, name="export_xlsx"),
    path("applications/<int:pk>/", views.application_detail, name="application_detail"),
    path("applications/<int:pk>/status/", views.application_move, name="application_move"),
    path("duos/<int:pk>/", views.duo_detail, name="duo_detail"),
    path("duos/<int:pk>/accept/", views.duo_accept, name="duo_accept"),
    path("duos/<int:pk>/reject/", views.duo_reject, name="duo_reject"),
    path("duos/<int:pk>/lock/", views.duo_lock, name="duo_lock"),
    path("duos/<int:pk>/introduce/", views.duo_introduce, name="duo_introduce"),
    path("duos/<int:pk>/checkins/new/", views.checkin_new, name="checkin_new"),
    path("duos/<int:pk>/review/", views.duo_review, name="duo_review"),
    path("duos/<int:pk>/close/", views.duo_close, name="duo_close"),
    path("follow-up/<str:token>/", views.followup_answer, name="followup_answer"),
]
