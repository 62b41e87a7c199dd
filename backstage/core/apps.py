from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "backstage.core"
    label = "core"
