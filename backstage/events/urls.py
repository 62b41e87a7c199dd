from django.urls import path

from backstage.events import views

app_name = "events"
urlpatterns = [
    path("", views.event_list, name="event_list"),
    path("<int:pk>/", views.event_detail, name="event_detail"),
    path("<int:pk>/event.ics", views.event_ics, name="event_ics"),
    path("<int:pk>/register/", views.register, name="register"),
    path("<int:pk>/register-class/", views.register_class, name="register_class"),
    path("<int:pk>/edit/", views.event_edit, name="event_edit"),
    path("<int:pk>/attendance/", views.attendance, name="attendance"),
    path("<int:pk>/feedback/", views.feedback, name="feedback"),
    path("registrations/<int:pk>/cancel/", views.registration_cancel, name="registration_cancel"),
    path("organisations/<int:pk>/new/", views.event_new, name="event_new"),
]
