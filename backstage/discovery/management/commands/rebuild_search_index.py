import time

from django.core.management.base import BaseCommand

from backstage.discovery import indexing
from backstage.discovery.engines import get_engine


class Command(BaseCommand):
    help = (
        "Rebuild the search index: occupation names (every language), their vectors, the vocabulary, and every "
        "profile document. Run after import_occupations; safe to re-run (vectors of unchanged names are kept)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--no-vectors", action="store_true",
                            help="full-text only: skip the embeddings (the semantic ranking stays empty)")
        parser.add_argument("--no-e5", action="store_true",
                            help="skip the e5 vectors of the occupation names and descriptions (about 20 minutes on two "
                                 "cores for ESCO's 59,000 names and 6,000 descriptions); the e5 rankings stay out of "
                                 "the fusion")
        parser.add_argument("--profiles-only", action="store_true",
                            help="only the profile documents (after a bulk import of profiles)")

    def handle(self, *args, no_vectors=False, no_e5=False, profiles_only=False, **options):
        started = time.monotonic()
        engine = get_engine()
        engine.install()

        def progress(done, total):
            self.stdout.write(f"  encoded {done} of {total} new names", ending="\r")
            self.stdout.flush()

        if not profiles_only:
            counts = indexing.occupations_rebuild(vectors=not no_vectors, e5=not no_e5, progress=progress)
            self.stdout.write(
                f"occupations {counts['occupations']}, names {counts['labels']}, descriptions {counts['texts']}, "
                f"vocabulary {counts['words']} words"
            )
        profiles = indexing.profiles_rebuild(vectors=not no_vectors)
        self.stdout.write(f"profiles {profiles}")
        engine.optimise()
        self.stdout.write(self.style.SUCCESS(f"Search index rebuilt in {time.monotonic() - started:.1f} s"))
