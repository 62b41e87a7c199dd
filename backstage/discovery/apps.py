from django.apps import AppConfig


class DiscoveryConfig(AppConfig):
    name = "backstage.discovery"
    label = "discovery"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from backstage.careers.models import Occupation
        from backstage.discovery import indexing
        from backstage.organisations.models import Organisation
        from backstage.profiles.models import CareerStep, ProfessionalProfile, SchoolLink

        # The profile services stay unaware of the index: these keep it up to date after each commit.
        # Verification is deliberately absent: who may see a profile is decided at query time by the profile
        # selectors, never stored in the index, so a verification (or its expiry) needs no reindexing.
        post_save.connect(indexing.on_profile_saved, sender=ProfessionalProfile, dispatch_uid="discovery_profile")
        for model in (CareerStep, SchoolLink):
            post_save.connect(indexing.on_profile_part_changed, sender=model, dispatch_uid=f"discovery_{model.__name__}")
            post_delete.connect(
                indexing.on_profile_part_changed, sender=model, dispatch_uid=f"discovery_{model.__name__}_delete"
            )
        post_save.connect(indexing.on_occupation_saved, sender=Occupation, dispatch_uid="discovery_occupation")
        post_save.connect(indexing.on_company_saved, sender=Organisation, dispatch_uid="discovery_company")
