"""The whole branch matching run from the database: `python -m bench.mentoring_run [5000x1000 50000x10000 ...]`.

On a throw-away SQLite database, a generated branch (fixed seed) of M waiting mentees and K verified mentors with
capacity 1 to 5: synthetic ISCO tree (10 major, 40 sub-major, 120 minor, 360 unit groups, 1,800 occupations),
250 places around Brussels, languages, weekly slots, goals and careers drawn from a 300-word vocabulary.
`services.matching_run` is timed as the coordinator's button runs it: clear the old proposals, load the pool,
score it (keeping the best `PER_MENTEE` mentors of each mentee), solve exactly (min-cost flow), store the
proposals with their score breakdowns. Then a second run (which first deletes the first run's proposals), and
the exact total against a greedy assignment on the same candidate graph.

Memory: the process's resident-set peak during the run (VmHWM, reset before), in MiB.
"""

import datetime
import os
import random
import sys
import tempfile
import time

SEED = 2026_06
DEFAULT_SIZES = ["5000x1000", "50000x10000"]
VOCABULARY_SIZE = 300


def _setup():
    workdir = tempfile.mkdtemp(prefix="backstage-bench-mentoring-")
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

    call_command("migrate", verbosity=0)
    return workdir


def _taxonomy(rng):
    from backstage.careers.models import IscoGroup, Occupation

    if IscoGroup.objects.exists():
        return list(Occupation.objects.values_list("id", flat=True)), list(
            IscoGroup.objects.filter(level=2).values_list("code", flat=True))
    groups = []
    for major in "0123456789":
        groups.append(IscoGroup(code=major, level=1, label_en=f"major {major}"))
        for sub in "1234":
            groups.append(IscoGroup(code=major + sub, level=2, parent_id=major, label_en=f"sector {major}{sub}"))
            for minor in "123":
                groups.append(IscoGroup(code=major + sub + minor, level=3, parent_id=major + sub,
                                        label_en=f"minor {major}{sub}{minor}"))
                for unit in "123":
                    groups.append(IscoGroup(code=major + sub + minor + unit, level=4, parent_id=major + sub + minor,
                                            label_en=f"unit {major}{sub}{minor}{unit}"))
    IscoGroup.objects.bulk_create(groups)
    units = [g.code for g in groups if g.level == 4]
    occupations = [
        Occupation(esco_uri=f"http://bench.example/occupation/{u}-{i}", code=f"{u}.{i}", isco_group_id=u,
                   label_en=f"occupation {u} {i}", label_fr=f"métier {u} {i}", label_nl=f"beroep {u} {i}")
        for u in units for i in range(5)
    ]
    Occupation.objects.bulk_create(occupations, batch_size=2000)
    return list(Occupation.objects.values_list("id", flat=True)), [g.code for g in groups if g.level == 2]


def _places(rng):
    from backstage.organisations.models import Place

    if not Place.objects.filter(postcode__startswith="B").exists():
        Place.objects.bulk_create([
            Place(country="BE", postcode=f"B{i:03d}", name=f"Bench {i}", latitude=50.70 + rng.random() * 0.3,
                  longitude=4.20 + rng.random() * 0.4)
            for i in range(250)
        ])
    return list(Place.objects.filter(postcode__startswith="B").values_list("id", flat=True))


def generate_branch(mentees: int, mentors: int, *, seed: int = SEED):
    """A branch with `mentees` waiting mentees and `mentors` verified mentors, written with bulk inserts."""
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.utils import timezone

    from backstage.mentoring.models import SLOTS, Application
    from backstage.organisations.models import Organisation
    from backstage.profiles.models import Verification

    rng = random.Random(seed + mentees)
    today = timezone.localdate()
    User = get_user_model()
    words = [f"mot{i:03d}" for i in range(VOCABULARY_SIZE)]
    with transaction.atomic():
        occupation_ids, sector_codes = _taxonomy(rng)
        place_ids = _places(rng)
        nonprofit = Organisation.objects.create(kind="nonprofit", name=f"Bench {mentees}", country="BE",
                                                status="approved")
        branch = Organisation.objects.create(kind="branch", name=f"Bench branch {mentees}x{mentors}", country="BE",
                                             parent=nonprofit, status="approved")
        tag = f"{mentees}x{mentors}"

        def birth(age):
            return today - datetime.timedelta(days=int(365.25 * age) + rng.randint(0, 300))

        users = [User(email=f"mentee{i}.{tag}@bench.example", password="!", first_name=f"Mentee{i}",
                      date_of_birth=birth(rng.randint(19, 32))) for i in range(mentees)]
        users += [User(email=f"mentor{i}.{tag}@bench.example", password="!", first_name=f"Mentor{i}",
                       date_of_birth=birth(rng.randint(51, 68))) for i in range(mentors)]
        User.objects.bulk_create(users, batch_size=5000)
        ids = dict(User.objects.filter(email__endswith=f".{tag}@bench.example").values_list("email", "id"))
        modes = Application.MeetingMode.values

        def languages():
            main = "fr" if rng.random() < 0.75 else "nl"
            return [main] + rng.sample(["ar", "en", "tr", "ln", "es"], rng.randint(0, 2))

        applications = [
            Application(user_id=ids[f"mentee{i}.{tag}@bench.example"], branch=branch, kind="mentee", status="waiting",
                        languages=languages(), place_id=rng.choice(place_ids),
                        availability=rng.sample(SLOTS, rng.randint(2, 6)), meeting_mode=rng.choice(modes),
                        goals=" ".join(rng.sample(words, 8)),
                        waiting_since=today - datetime.timedelta(days=rng.randint(0, 365)))
            for i in range(mentees)
        ] + [
            Application(user_id=ids[f"mentor{i}.{tag}@bench.example"], branch=branch, kind="mentor", status="waiting",
                        languages=languages() + ["en"], place_id=rng.choice(place_ids),
                        availability=rng.sample(SLOTS, rng.randint(2, 8)), meeting_mode=rng.choice(modes),
                        career_summary=" ".join(rng.sample(words, 15)), max_duos=rng.randint(1, 5))
            for i in range(mentors)
        ]
        Application.objects.bulk_create(applications, batch_size=5000)
        rows = list(Application.objects.filter(branch=branch).values_list("id", "kind", "user_id"))
        sectors = {code: code for code in sector_codes}
        through = {
            "wanted_occupations": Application.wanted_occupations.through,
            "wanted_sectors": Application.wanted_sectors.through,
            "career_occupations": Application.career_occupations.through,
            "career_sectors": Application.career_sectors.through,
        }
        links = {name: [] for name in through}
        for app_id, kind, _user in rows:
            side = "wanted" if kind == "mentee" else "career"
            n_occ = rng.randint(1, 2) if kind == "mentee" else rng.randint(2, 4)
            for occupation in rng.sample(occupation_ids, n_occ):
                links[f"{side}_occupations"].append(through[f"{side}_occupations"](
                    application_id=app_id, occupation_id=occupation))
            for code in rng.sample(list(sectors), rng.randint(1, 2)):
                links[f"{side}_sectors"].append(through[f"{side}_sectors"](application_id=app_id, iscogroup_id=code))
        for name, objects in links.items():
            through[name].objects.bulk_create(objects, batch_size=10000)
        Verification.objects.bulk_create([
            Verification(user_id=user_id, status="verified", check_type="be_596_2",
                         document_date=today - datetime.timedelta(days=30),
                         expires_on=today + datetime.timedelta(days=700))
            for _id, kind, user_id in rows if kind == "mentor"
        ], batch_size=5000)
    return branch


def run_size(mentees: int, mentors: int) -> dict:
    from django.utils import timezone

    from backstage.mentoring import scoring, services
    from backstage.mentoring.matching import assign, greedy_assign, total_score
    from bench.matching import _reset_peak_rss, _rss_kib

    started = time.perf_counter()
    branch = generate_branch(mentees, mentors)
    generated = time.perf_counter() - started
    today = timezone.localdate()

    figures = {"size": f"{mentees:,} x {mentors:,}", "generate": generated}
    before = _rss_kib("VmRSS")
    _reset_peak_rss()
    timings: dict = {}
    t0 = time.perf_counter()
    run = services.matching_run(branch=branch, actor=None, today=today, timings=timings)
    figures["first run"] = time.perf_counter() - t0
    peak = _rss_kib("VmHWM")
    figures["phases"] = timings
    figures["rss"] = ((peak or 0) - (before or 0)) / 1024 if peak and before else None
    figures["pairs"], figures["proposals"], figures["score"] = run.pairs, run.proposals, run.total_score

    rerun_timings: dict = {}
    t0 = time.perf_counter()
    services.matching_run(branch=branch, actor=None, today=today, timings=rerun_timings)
    figures["second run"] = time.perf_counter() - t0
    figures["second phases"] = rerun_timings

    # Exact against greedy on the same candidate graph (outside the transaction, same numbers).
    pool = scoring.load_pool(branch, today=today)
    available = [p for p in pool.mentors if pool.capacity[p.id] > 0]
    scores = scoring.candidate_scores(pool.mentees, available)
    exact = assign(scores, pool.capacity)
    greedy = greedy_assign(scores, pool.capacity)
    figures["exact total"], figures["greedy total"] = total_score(exact, scores), total_score(greedy, scores)
    figures["exact matched"], figures["greedy matched"] = len(exact), len(greedy)
    figures["places"] = sum(pool.capacity.values())
    return figures


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    sizes = argv or os.environ.get("BENCH_MENTORING_SIZES", ",".join(DEFAULT_SIZES)).split(",")
    _setup()
    from backstage.mentoring.scoring import PER_MENTEE

    print(f"Whole branch matching run from the database (SQLite, best {PER_MENTEE} mentors kept per mentee)")
    for size in sizes:
        mentees, mentors = (int(x) for x in size.lower().split("x"))
        f = run_size(mentees, mentors)
        p, q = f["phases"], f["second phases"]
        print(f"\n{f['size']} (generated in {f['generate']:.1f} s; {f['places']:,} places for {mentees:,} mentees)")
        print(f"  first run  {f['first run']:6.1f} s = clear {p['clear']:.1f} + load {p['load']:.1f} + score "
              f"{p['score']:.1f} + solve {p['solve']:.1f} + store {p['store']:.1f}"
              + (f"; RSS peak +{f['rss']:.0f} MiB" if f["rss"] is not None else ""))
        print(f"  second run {f['second run']:6.1f} s = clear {q['clear']:.1f} + load {q['load']:.1f} + score "
              f"{q['score']:.1f} + solve {q['solve']:.1f} + store {q['store']:.1f}")
        print(f"  candidate pairs {f['pairs']:,}; proposals {f['proposals']:,}; total score {f['score']:,}")
        gain = 100 * (f["exact total"] - f["greedy total"]) / f["greedy total"] if f["greedy total"] else 0
        print(f"  exact {f['exact total']:,} ({f['exact matched']:,} matched) vs greedy {f['greedy total']:,} "
              f"({f['greedy matched']:,} matched): +{gain:.2f} %")
    return 0


if __name__ == "__main__":
    sys.exit(main())
