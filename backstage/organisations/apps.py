from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "backstage.organisations"
    label = "organisations"
