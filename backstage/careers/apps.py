from django.apps import AppConfig


class CareersConfig(AppConfig):
    name = "backstage.careers"
    label = "careers"
