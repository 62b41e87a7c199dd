from django.urls import path

from backstage.messaging import views

app_name = "messaging"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("new/<int:profile_pk>/", views.start, name="start"),
    path("<int:pk>/", views.conversation, name="conversation"),
    path("<int:pk>/send/", views.send, name="send"),
    path("<int:pk>/report/", views.report_conversation, name="report_conversation"),
    path("report/professional/<int:profile_pk>/", views.report_profile, name="report_profile"),
    path("blocks/<int:pk>/remove/", views.unblock, name="unblock"),
    path("moderation/", views.moderation, name="moderation"),
    path("moderation/messages/<int:pk>/", views.moderation_decide, name="moderation_decide"),
    path("moderation/reports/<int:pk>/", views.moderation_close_report, name="moderation_close_report"),
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/unread/", views.unread, name="unread"),
    path("notifications/settings/", views.preferences, name="preferences"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
