import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from backstage.careers.services import ReferenceDataError, occupations_import


class Command(BaseCommand):
    help = "Import ISCO groups, ESCO occupations (en/nl/fr) and their RIASEC interest profiles; safe to re-run."

    def add_arguments(self, parser):
        parser.add_argument(
            "--data-dir", type=Path, default=None,
            help="folder holding esco/, onet/ and crosswalk/ (default: settings.REFERENCE_DATA_DIR)",
        )

    def handle(self, *args, data_dir=None, **options):
        started = time.monotonic()
        try:
            counts = occupations_import(data_dir=data_dir or settings.REFERENCE_DATA_DIR)
        except ReferenceDataError as error:
            raise CommandError(str(error)) from error
        width = max(map(len, counts))
        for name, value in counts.items():
            self.stdout.write(f"{name.ljust(width)}  {value:>6}")
        self.stdout.write(self.style.SUCCESS(f"Imported in {time.monotonic() - started:.1f} s"))
