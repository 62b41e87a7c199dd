from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "backstage.accounts"
    label = "accounts"
