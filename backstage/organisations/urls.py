from django.urls import path

from backstage.organisations import views

app_name = "organisations"
urlpatterns = [
    path("school/", views.my_school, name="my_school"),
    path("schools/new/", views.school_new, name="school_new"),
    path("schools/<int:pk>/", views.school_detail, name="school_detail"),
    path("schools/<int:school_pk>/classes/new/", views.class_new, name="class_new"),
    path("schools/<int:pk>/invite/", views.staff_invite_view, name="staff_invite"),
    path("classes/<int:pk>/", views.class_detail, name="class_detail"),
    path("classes/<int:pk>/print/", views.class_print, name="class_print"),
    path("classes/<int:pk>/reset-code/", views.class_reset_code, name="class_reset_code"),
    path("classes/<int:pk>/joining/", views.class_toggle_joining, name="class_toggle_joining"),
    path("classes/<int:pk>/students/<int:user_pk>/consent/", views.student_consent, name="student_consent"),
    path(
        "classes/<int:pk>/students/<int:user_pk>/consent/withdraw/",
        views.student_consent_withdraw, name="student_consent_withdraw",
    ),
    path("join/", views.join, name="join"),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("moderation/schools/", views.moderation_schools, name="moderation_schools"),
    path("moderation/schools/<int:pk>/", views.moderation_school_review, name="moderation_school_review"),
]
