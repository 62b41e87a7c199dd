from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from backstage.accounts.views import LoginView, PasswordResetView, SignupView

urlpatterns = [
    path("", include("backstage.core.urls")),
    # Our subclasses answer 400 on invalid input; the rest of allauth is used as is.
    path("accounts/signup/", SignupView.as_view(), name="account_signup"),
    path("accounts/login/", LoginView.as_view(), name="account_login"),
    path("accounts/password/reset/", PasswordResetView.as_view(), name="account_reset_password"),
    path("accounts/", include("allauth.urls")),
    path("", include("backstage.accounts.urls")),
    path("", include("backstage.organisations.urls")),
    path("occupations/", include("backstage.careers.urls")),
    path("", include("backstage.profiles.urls")),
    path("mentoring/", include("backstage.mentoring.urls")),
    path("internships/", include("backstage.internships.urls")),
    path("events/", include("backstage.events.urls")),
    path("", include("backstage.interests.urls")),
    path("", include("backstage.discovery.urls")),
    path("messages/", include("backstage.messaging.urls")),
    path("meetings/", include("backstage.engagements.urls")),
    path("api/v1/", include("backstage.api.urls")),
    path("admin/", admin.site.urls),
]

# Uploaded media (profile photos and videos) are served by Django only in development; production serves them
# from the storage backend.
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
