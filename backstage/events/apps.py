from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "backstage.events"
    default_auto_field = "django.db.models.BigAutoField"
