from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EngagementsConfig(AppConfig):
    name = "backstage.engagements"
    label = "engagements"
    verbose_name = _("Meetings, visits and talks")
    default_auto_field = "django.db.models.BigAutoField"
