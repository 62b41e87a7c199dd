from django.urls import path

from backstage.careers import views

app_name = "careers"
urlpatterns = [
    path("", views.sector_list, name="sector_list"),
    path("sectors/<str:code>/", views.sector_detail, name="sector_detail"),
    path("<str:esco_id>/", views.occupation_detail, name="occupation_detail"),
]
