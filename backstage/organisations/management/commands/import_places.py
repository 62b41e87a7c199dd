import time

from django.conf import settings
from django.core.management.base import BaseCommand

from backstage.organisations.geo import places_import


class Command(BaseCommand):
    help = "Load or refresh the postcode places of Belgium, France and the Netherlands (re-runnable)."

    def add_arguments(self, parser):
        parser.add_argument("--data-dir", default=str(settings.GEO_DATA_DIR), help="folder with the geo JSON files")

    def handle(self, *args, data_dir, **options):
        started = time.monotonic()
        counts = places_import(data_dir=data_dir)
        self.stdout.write(self.style.SUCCESS(
            f"Places: {counts['total']} ({counts['BE']} BE, {counts['FR']} FR, {counts['NL']} NL); "
            f"{counts['created']} new, {counts['updated']} refreshed, in {time.monotonic() - started:.1f} s."
        ))
