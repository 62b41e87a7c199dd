from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "backstage.api"
    label = "api"
