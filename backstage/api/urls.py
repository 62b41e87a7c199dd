from backstage.api.api import api

# api.urls is (patterns, "ninja", "api"); this module lets the project's urls.py include() it as namespace "api".
urlpatterns, _ninja, app_name = api.urls
