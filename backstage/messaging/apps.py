from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MessagingConfig(AppConfig):
    name = "backstage.messaging"
    label = "messaging"
    verbose_name = _("Conversations and notifications")
    default_auto_field = "django.db.models.BigAutoField"
