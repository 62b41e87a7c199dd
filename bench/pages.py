"""Page timings (part of `make bench`; never part of `make test`).

Page timings run in-process (Django test client, no network) on a throw-away SQLite database loaded with the
demo data. Each page is requested REPEAT times; we report the median and p95, and the ratio of the median to
the median of the simplest page (the data-attribution page) measured in the same run, which cancels most of
the machine's noise.
"""

import os
import statistics
import sys
import tempfile
import time

REPEAT = int(os.environ.get("BENCH_REPEAT", "60"))


def main() -> int:
    workdir = tempfile.mkdtemp(prefix="backstage-bench-")
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("SECURE_HTTPS", "0")
    os.environ.setdefault("STATIC_MANIFEST", "0")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backstage.settings")

    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from backstage.accounts.models import User
    from backstage.careers.models import Occupation
    from backstage.organisations.models import Membership, SchoolClass

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    migrated = time.perf_counter()
    call_command("seed_demo", verbosity=0)
    seeded = time.perf_counter()
    print(f"migrate: {migrated - started:.1f} s; seed_demo with imports: {seeded - migrated:.1f} s")

    teacher = Membership.objects.filter(role="teacher").select_related("user").first().user
    school_class = SchoolClass.objects.filter(school__memberships__user=teacher).first()
    occupation = Occupation.objects.exclude(description_nl="").order_by("code").first()
    anonymous, staff = Client(), Client()
    staff.force_login(teacher)

    pages = [
        ("about (baseline)", anonymous, "/about/data/"),
        ("sector list", anonymous, "/occupations/"),
        ("sector 2 (page 1)", anonymous, "/occupations/sectors/2/"),
        ("datasheet", anonymous, occupation.get_absolute_url()),
        ("class with students", staff, f"/classes/{school_class.pk}/"),
        ("teacher home", staff, "/"),
    ]
    results = {}
    for label, client, path in pages:
        client.get(path)  # warm caches and template loading
        samples = []
        for _ in range(REPEAT):
            t0 = time.perf_counter()
            response = client.get(path, HTTP_ACCEPT_LANGUAGE="nl")
            samples.append((time.perf_counter() - t0) * 1000)
            assert response.status_code == 200, (path, response.status_code)
        samples.sort()
        results[label] = (statistics.median(samples), samples[int(len(samples) * 0.95) - 1])
    base = results["about (baseline)"][0]
    print(f"\n{'page':<22}{'median ms':>10}{'p95 ms':>9}{'x baseline':>12}   ({REPEAT} requests each, users: {User.objects.count()})")
    for label, (median, p95) in results.items():
        print(f"{label:<22}{median:>10.1f}{p95:>9.1f}{median / base:>12.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
