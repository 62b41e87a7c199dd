from django.apps import AppConfig


def _relist_owner(sender, instance, **kwargs):
    from backstage.profiles import selectors

    selectors.relist(user_ids=[instance.user_id])


def _relist_user(sender, instance, update_fields=None, **kwargs):
    from backstage.profiles import selectors

    # A login saves last_login only: nothing the listing reads.
    if update_fields is None or {"is_active", "date_of_birth"} & set(update_fields):
        selectors.relist(user_ids=[instance.pk])


def _relist_profile(sender, instance, **kwargs):
    from backstage.profiles import selectors
    from backstage.profiles.models import ProfessionalProfile

    selectors.relist(user_ids=[instance.user_id])
    # The object the caller holds gets the new values too, so that its next save() does not write old ones back.
    instance.listed_until, instance.owner_born_on = ProfessionalProfile.objects.filter(pk=instance.pk).values_list(
        "listed_until", "owner_born_on").first() or (None, None)


class ProfilesConfig(AppConfig):
    name = "backstage.profiles"
    label = "profiles"

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.db.models.signals import post_delete, post_save

        from backstage.organisations.models import Membership
        from backstage.profiles.models import ProfessionalProfile, Verification

        # The listing columns (selectors.listed()) follow every change to what public_profiles() reads, in the
        # same transaction, wherever the change comes from (services, admin).
        post_save.connect(_relist_profile, sender=ProfessionalProfile, dispatch_uid="profiles_listing_profile")
        post_save.connect(_relist_user, sender=get_user_model(), dispatch_uid="profiles_listing_user")
        for model in (Verification, Membership):
            post_save.connect(_relist_owner, sender=model, dispatch_uid=f"profiles_listing_{model.__name__}")
            post_delete.connect(_relist_owner, sender=model, dispatch_uid=f"profiles_listing_{model.__name__}_delete")
