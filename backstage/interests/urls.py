from django.urls import path

from backstage.interests import views

app_name = "interests"
urlpatterns = [
    path("quiz/", views.quiz_home, name="quiz"),
    path("quiz/start/", views.quiz_start, name="quiz_start"),
    path("quiz/<int:pk>/", views.quiz_attempt, name="quiz_attempt"),
    path("quiz/<int:pk>/<int:number>/", views.quiz_item, name="quiz_item"),
    path("explore/", views.explore, name="explore"),
]
