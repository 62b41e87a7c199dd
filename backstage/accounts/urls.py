from django.urls import path

from backstage.accounts import views

app_name = "accounts"
urlpatterns = [
    path("me/", views.me, name="me"),
    path("me/consent/", views.consent_ask, name="consent_ask"),
    path("me/export/", views.export, name="export"),
    path("me/delete/", views.delete, name="delete"),
    # The parent's pages: reached from an e-mail link, no account needed.
    path("consent/<str:token>/", views.consent_respond, name="consent_respond"),
    path("consent/<str:token>/withdraw/", views.consent_withdraw_by_parent, name="consent_withdraw"),
]
