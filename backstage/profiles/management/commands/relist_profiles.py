from django.core.management.base import BaseCommand
from django.db import transaction

from backstage.profiles import selectors
from backstage.profiles.models import ProfessionalProfile


class Command(BaseCommand):
    help = (
        "Recompute who search may list (the listing columns of every profile) from the visibility rules. Needed only "
        "after writes that bypass the application (raw SQL, bulk loads): every save keeps them up to date."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            before = set(ProfessionalProfile.objects.filter(selectors.listed()).values_list("pk", flat=True))
            selectors.relist()
            after = set(ProfessionalProfile.objects.filter(selectors.listed()).values_list("pk", flat=True))
        self.stdout.write(f"Profiles listed today: {len(after)} ({len(after - before)} added, "
                          f"{len(before - after)} removed).")
