from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("backstage.core.urls")),
    path("accounts/", include("allauth.urls")),
    path("", include("backstage.accounts.urls")),
    path("", include("backstage.organisations.urls")),
    path("occupations/", include("backstage.careers.urls")),
    path("admin/", admin.site.urls),
]
