from backstage.discovery import views_search

app_name = "discovery"
urlpatterns = views_search.urlpatterns
