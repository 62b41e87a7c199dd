from django.apps import AppConfig


class InterestsConfig(AppConfig):
    name = "backstage.interests"
    label = "interests"
    verbose_name = "Interest quiz and exploration"
