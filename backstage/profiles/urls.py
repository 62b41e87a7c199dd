from backstage.profiles.views import company, edit, gallery, verification

app_name = "profiles"
urlpatterns = [
    *edit.urlpatterns,
    *gallery.urlpatterns,
    *company.urlpatterns,
    *verification.urlpatterns,
]
