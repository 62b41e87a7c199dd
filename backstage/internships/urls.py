from django.urls import path

from backstage.internships import views

app_name = "internships"
urlpatterns = [
    path("", views.offer_list, name="offer_list"),
    path("offers/<int:pk>/", views.offer_detail, name="offer_detail"),
    path("offers/<int:pk>/apply/", views.apply, name="apply"),
    path("offers/<int:pk>/edit/", views.offer_edit, name="offer_edit"),
    path("offers/<int:pk>/status/", views.offer_status, name="offer_status"),
    path("organisations/<int:pk>/", views.manage, name="manage"),
    path("organisations/<int:pk>/offers/new/", views.offer_new, name="offer_new"),
    path("schools/<int:pk>/settings/", views.school_settings, name="school_settings"),
    path("kit/", views.kit, name="kit"),
    path("kit/preview/", views.kit_preview, name="kit_preview"),
    path("kit/cv.pdf", views.kit_pdf, name="kit_pdf"),
    path("applications/", views.application_list, name="application_list"),
    path("applications/<int:pk>/", views.application_detail, name="application_detail"),
    path("applications/<int:pk>/move/", views.application_move, name="application_move"),
    path("applications/<int:pk>/application.pdf", views.application_pdf, name="application_pdf"),
    path("applications/<int:pk>/agreement/", views.agreement, name="agreement"),
    path("applications/<int:pk>/agreement/sign/", views.agreement_sign, name="agreement_sign"),
    path("applications/<int:pk>/agreement.pdf", views.agreement_pdf, name="agreement_pdf"),
    path("applications/<int:pk>/report/", views.report, name="report"),
    path("applications/<int:pk>/report/comment/", views.report_comment, name="report_comment"),
    path("applications/<int:pk>/report.pdf", views.report_pdf, name="report_pdf"),
]
