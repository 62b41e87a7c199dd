from django.apps import AppConfig


class ProfilesConfig(AppConfig):
    name = "backstage.profiles"
    label = "profiles"
