from django.urls import path

from backstage.engagements import views

app_name = "engagements"
urlpatterns = [
    path("new/<int:conversation_pk>/", views.new, name="new"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/accept/", views.accept, name="accept"),
    path("<int:pk>/counter/", views.counter, name="counter"),
    path("<int:pk>/decline/", views.decline, name="decline"),
    path("<int:pk>/approve/", views.approve, name="approve"),
    path("<int:pk>/feedback/", views.feedback, name="feedback"),
    path("<int:pk>/meeting.ics", views.ics, name="ics"),
]
