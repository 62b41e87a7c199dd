"""Writing the search index: full rebuilds, and reindexing a profile after it (or what it shows) changed.

The index never decides who sees what (the profile selectors do, at query time), so a profile is indexed
whatever its status and a change of verification or publication needs no reindexing.
"""

import bisect
import csv
import functools
import secrets
import threading
from pathlib import Path

import numpy as np
from django.db import connection, transaction
from django.db.models import F, Prefetch

from backstage.careers.models import LANGS, IscoGroup, Occupation
from backstage.careers.services import OCCUPATION_URI_PREFIX
from backstage.discovery import semantic
from backstage.discovery.engines import get_engine
from backstage.discovery.engines.analysis import MIN_MODIFIER, fold, index_terms, split_compound
from backstage.discovery.models import IndexState, OccupationLabel, OccupationText, ProfileDocument, SearchTerm
from backstage.organisations.models import Place
from backstage.profiles.models import ProfessionalProfile, SchoolLink

BATCH = 1000
LABEL_FIELDS = [f"{kind}_{lang}" for kind in ("label", "alt_labels") for lang in LANGS]
TEXT_FIELDS = [f"description_{lang}" for lang in LANGS]
# What young people call a job and ESCO does not ("juf", "toubib", "influencer"): indexed as names of the occupation.
EVERYDAY_NAMES = Path(__file__).parent / "data" / "everyday_names.csv"
TEXT_LENGTH = 600  # characters of name and description e5 reads (about its first two sentences)


# Vocabulary -------------------------------------------------------------------------------------------------


class _Vocabulary:
    def __init__(self):
        self.lock = threading.Lock()
        self.version = None
        self.words: frozenset[str] = frozenset()
        self.sorted: list[str] = []
        self.places: dict[str, tuple[float, float] | None] = {}  # the places' names, folded (see place_names) ...
        self.belgian_places: frozenset[str] = frozenset()  # ... and those of Belgium's
        # How many occupation names there are and their mean number of distinct words (for BM25 on PostgreSQL).
        self.label_count = 0
        self.label_mean_length = 1.0

    def get(self):
        with connection.cursor() as cursor:  # on every search: the query alone, without the ORM's cost of building it
            cursor.execute(f"SELECT version FROM {IndexState._meta.db_table} WHERE name = 'occupations'")
            row = cursor.fetchone()
        version = row[0] if row else None
        if version != self.version:
            with self.lock:
                words = list(SearchTerm.objects.values_list("word", flat=True))
                lengths = [len(set(terms.split())) for terms in
                           OccupationLabel.objects.values_list("terms", flat=True).iterator(chunk_size=5000)]
                self.label_count = len(lengths)
                self.label_mean_length = (sum(lengths) / len(lengths)) if lengths else 1.0
                places, belgian = {}, set()
                for country, *names, latitude, longitude in Place.objects.values_list(
                        "country", "name", "name_fr", "name_nl", "latitude", "longitude"):  # Belgian places first
                    where = (latitude, longitude) if latitude is not None and longitude is not None else None
                    for name in map(fold, filter(None, names)):
                        if places.get(name) is None:
                            places[name] = where
                        if country == "BE":
                            belgian.add(name)
                self.places, self.belgian_places = places, frozenset(belgian)
                self.words, self.sorted, self.version = frozenset(words), sorted(words), version
                split_compound.cache_clear()
        return self


_vocabulary = _Vocabulary()


def vocabulary() -> frozenset[str]:
    """The words of the occupation and sector names (folded), cached per process until the next rebuild."""
    return _vocabulary.get().words


def _loaded() -> _Vocabulary:
    """The vocabulary as of the last vocabulary() call (which checks that it is current, one query): the query
    analysis calls it once, then asks these questions without going back to the database each time."""
    return _vocabulary if _vocabulary.version is not None else _vocabulary.get()


def place_names() -> dict[str, tuple[float, float] | None]:
    """The names of the places (municipalities, in every language), folded ("antwerpen", "liege", "la louviere"), with
    where the first of that name is (latitude, longitude; None if unknown), as of the last vocabulary() call: read
    again with the vocabulary, after an index rebuild (the places are reference data, imported with the occupations).
    Whole names only: "plage" and "priest" are words of French ones."""
    return _loaded().places


def belgian_place_names() -> frozenset[str]:
    """The names of the Belgian places among place_names()."""
    return _loaded().belgian_places


def vocabulary_as_read() -> frozenset[str]:
    """vocabulary() as of its last call, without the query that checks it is current: for reading a query's
    results with the words the query was analysed with."""
    return _loaded().words


def is_known_prefix(word: str) -> bool:
    """Whether some known word starts with `word` (a bisection in the cached list)."""
    words = _loaded().sorted
    at = bisect.bisect_left(words, word)
    return at < len(words) and words[at].startswith(word)


def label_statistics() -> tuple[int, float]:
    """(number of occupation names, their mean number of distinct words)."""
    vocabulary = _loaded()
    return vocabulary.label_count, vocabulary.label_mean_length


def reset() -> None:
    global _vocabulary
    _vocabulary = _Vocabulary()


def _bump(name: str, **fields) -> None:
    IndexState.objects.update_or_create(name=name, defaults={"version": secrets.randbits(62), **fields})


def _take_revisions(count: int) -> int:
    """Reserve `count` profile revisions; returns the last. The row stays locked until the caller commits, so
    revisions become visible in increasing order (see ProfileDocument.revision)."""
    IndexState.objects.get_or_create(name="profiles")
    IndexState.objects.filter(name="profiles").update(counter=F("counter") + count)
    return IndexState.objects.values_list("counter", flat=True).get(name="profiles")


# Occupations ------------------------------------------------------------------------------------------------


@functools.cache
def everyday_names() -> dict[tuple[str, str], list[str]]:
    """(ESCO URI, language) -> the everyday names of that occupation in that language (EVERYDAY_NAMES)."""
    names = {}
    with EVERYDAY_NAMES.open(encoding="utf-8", newline="") as lines:
        for row in csv.DictReader(lines):
            names.setdefault((OCCUPATION_URI_PREFIX + row["esco_id"], row["language"]), []).append(row["name"])
    return names


def occupation_label_rows(occupation, exclude=frozenset()) -> list[tuple[str, str, str]]:
    """(language, kind, label) of every name of an occupation, ESCO's then the everyday ones, without duplicates and
    without `exclude`. An ESCO synonym that is also an everyday name is one ("tuinman": ESCO gives it to the botanist
    too, see semantic._Store.read_as_name)."""
    rows, seen = [], {}
    common = everyday_names()
    for lang in LANGS:
        names = [(OccupationLabel.Kind.PREFERRED, getattr(occupation, f"label_{lang}"))]
        names += [(OccupationLabel.Kind.ALTERNATIVE, label) for label in getattr(occupation, f"alt_labels_{lang}") or []]
        names += [(OccupationLabel.Kind.EVERYDAY, name) for name in common.get((occupation.esco_uri, lang), [])]
        for kind, label in names:
            label = " ".join((label or "").split())
            if not label or (lang, label) in exclude:
                continue
            row = seen.get((lang, label))
            if row is None:
                seen[(lang, label)] = len(rows)
                rows.append((lang, kind, label))
            elif kind == OccupationLabel.Kind.EVERYDAY and rows[row][1] == OccupationLabel.Kind.ALTERNATIVE:
                rows[row] = (lang, kind, label)
    return rows


def occupation_text_rows(occupation) -> list[tuple[str, str]]:
    """(language, passage) for each language the occupation has a description in: its name, then the
    description, cut at TEXT_LENGTH characters."""
    rows = []
    for lang in LANGS:
        description = " ".join((getattr(occupation, f"description_{lang}") or "").split())
        name = getattr(occupation, f"label_{lang}") or occupation.label_en
        if description:
            rows.append((lang, f"{name}: {description}"[:TEXT_LENGTH]))
    return rows


def _write_texts(occupations, *, e5: bool) -> int:
    """The occupations' passages and their e5 vectors (reused when the text is unchanged)."""
    ids = [occupation.pk for occupation in occupations]
    rows = [(occupation.pk, lang, text) for occupation in occupations for lang, text in occupation_text_rows(occupation)]
    known = {
        text: bytes(vector) for text, vector in OccupationText.objects.filter(
            occupation_id__in=ids, vector_e5__isnull=False).values_list("text", "vector_e5")
    } if e5 else {}
    if e5:
        _encode_missing([text for _pk, _lang, text in rows], known, encode=semantic.encode_e5)
    OccupationText.objects.filter(occupation_id__in=ids).delete()
    OccupationText.objects.bulk_create(
        [OccupationText(occupation_id=pk, language=lang, text=text, vector_e5=known.get(text)) for pk, lang, text in rows],
        batch_size=BATCH,
    )
    return len(rows)


def _vocabulary_words(label_texts) -> set[str]:
    found = set()
    for text in label_texts:
        found.update(word for word in fold(text).split() if len(word) >= MIN_MODIFIER and not word.isdigit())
    return found


def _existing_label_vectors(field: str = "vector", **filters) -> dict[str, bytes]:
    return {
        label: bytes(vector)
        for label, vector in OccupationLabel.objects.filter(**{f"{field}__isnull": False}, **filters).values_list(
            "label", field)
    }


def _encode_missing(texts, known: dict[str, bytes], *, progress=None, encode=None) -> dict[str, bytes]:
    """Vectors for `texts`, encoding only those not already in `known` (which is updated in place)."""
    encode = encode or semantic.encode
    missing = sorted({text for text in texts if text and text not in known})
    for start in range(0, len(missing), 512):
        chunk = missing[start: start + 512]
        for text, vector in zip(chunk, encode(chunk)):
            known[text] = semantic.to_bytes(vector)
        if progress:
            progress(min(start + 512, len(missing)), len(missing))
    return known


@transaction.atomic
def occupations_rebuild(*, exclude=None, vectors: bool = True, e5: bool = True, progress=None) -> dict[str, int]:
    """Rebuild every occupation label, the vocabulary and the semantic basis.

    `exclude` maps an occupation id to the (language, label) pairs to leave out (the bench holds out synonyms
    this way). Vectors already computed for the same label text are reused, so a re-run only encodes new names.
    """
    exclude = exclude or {}
    occupations = list(Occupation.objects.only("id", "esco_uri", *LABEL_FIELDS, *TEXT_FIELDS).order_by("id"))
    rows = [
        (occupation.pk, lang, kind, label)
        for occupation in occupations
        for lang, kind, label in occupation_label_rows(occupation, exclude.get(occupation.pk, frozenset()))
    ]
    sector_labels = [label for group in IscoGroup.objects.filter(level__lte=2) for label in
                     (group.label_en, group.label_nl, group.label_fr) if label]
    words = frozenset(_vocabulary_words([row[3] for row in rows] + sector_labels))
    known = _existing_label_vectors() if vectors else {}
    known_e5 = _existing_label_vectors("vector_e5") if vectors and e5 else {}
    if vectors:
        _encode_missing([row[3] for row in rows], known, progress=progress)
        if e5:
            _encode_missing([row[3] for row in rows], known_e5, progress=progress, encode=semantic.encode_e5)

    OccupationLabel.objects.all().delete()
    OccupationLabel.objects.bulk_create(
        [
            OccupationLabel(
                occupation_id=pk, language=lang, kind=kind, label=label, terms=index_terms([label], words),
                vector=known.get(label), vector_e5=known_e5.get(label),
            )
            for pk, lang, kind, label in rows
        ],
        batch_size=BATCH,
    )
    SearchTerm.objects.all().delete()
    SearchTerm.objects.bulk_create([SearchTerm(word=word) for word in sorted(words)], batch_size=BATCH)
    texts = _write_texts(occupations, e5=vectors and e5)

    basis = None
    if vectors:
        matrix = np.frombuffer(b"".join(known[row[3]] for row in rows if row[3] in known), dtype="<f4")
        basis = semantic.basis_compute(matrix.reshape(-1, semantic.DIMENSIONS))
    _bump("occupations", basis=semantic.to_bytes(basis) if basis is not None else None)
    return {"occupations": len(occupations), "labels": len(rows), "texts": texts, "words": len(words)}


@transaction.atomic
def occupation_reindex(occupation_id: int) -> None:
    """After one occupation was edited (in the admin): its labels, then the profiles that show them."""
    occupation = Occupation.objects.filter(pk=occupation_id).only("id", "esco_uri", *LABEL_FIELDS, *TEXT_FIELDS).first()
    known = _existing_label_vectors(occupation_id=occupation_id)
    known_e5 = _existing_label_vectors("vector_e5", occupation_id=occupation_id)
    OccupationLabel.objects.filter(occupation_id=occupation_id).delete()
    if occupation is not None:
        rows = occupation_label_rows(occupation)
        _encode_missing([label for _lang, _kind, label in rows], known)
        _encode_missing([label for _lang, _kind, label in rows], known_e5, encode=semantic.encode_e5)
        words = frozenset(vocabulary() | _vocabulary_words([label for _lang, _kind, label in rows]))
        OccupationLabel.objects.bulk_create(
            OccupationLabel(occupation_id=occupation_id, language=lang, kind=kind, label=label,
                            terms=index_terms([label], words), vector=known.get(label),
                            vector_e5=known_e5.get(label))
            for lang, kind, label in rows
        )
        new_words = words - vocabulary()
        SearchTerm.objects.bulk_create([SearchTerm(word=w) for w in sorted(new_words)], ignore_conflicts=True)
        _write_texts([occupation], e5=True)
    # Keep the basis: it only has to stay the same for every vector in use.
    state = IndexState.objects.filter(name="occupations").first()
    _bump("occupations", basis=state.basis if state else None)
    profiles_reindex(ProfessionalProfile.objects.filter(occupation_id=occupation_id).values_list("pk", flat=True))


# Profiles ---------------------------------------------------------------------------------------------------


def _profiles(ids=None):
    confirmed = SchoolLink.objects.filter(status=SchoolLink.Status.CONFIRMED).select_related("company")
    queryset = ProfessionalProfile.objects.select_related(
        "user", "occupation", "employer", "sector", "place"
    ).prefetch_related("steps", Prefetch("school_links", queryset=confirmed, to_attr="confirmed_links"))
    return queryset if ids is None else queryset.filter(pk__in=list(ids))


def profile_headline(profile) -> str:
    """What the profile's vector encodes: the job in the professional's words, or their occupation's name."""
    if profile.job_title.strip():
        return " ".join(profile.job_title.split())
    if profile.occupation_id:
        language = profile.user.language if profile.user.language in LANGS else "en"
        return str(getattr(profile.occupation, f"label_{language}") or profile.occupation.label_en)
    return ""


def profile_texts(profile) -> list[str]:
    """The profile's own words. Its occupation's names (every language, every synonym) are not copied here:
    the search joins the occupation label index on occupation_id, which finds the same profiles without
    40 names repeated in 100,000 documents, nor thousands of documents to rewrite when a name changes."""
    texts = [profile.job_title, profile.employer.name if profile.employer_id else "", profile.employer_name,
             profile.typical_day, profile.training, profile.wish_i_knew, profile.interests]
    if profile.place_id:
        texts += [profile.place.name, profile.place.name_fr, profile.place.name_nl]
    for step in profile.steps.all():
        texts += [step.title, step.organisation_name, step.description]
    for link in getattr(profile, "confirmed_links", []):
        if link.company_id:
            texts.append(link.company.name)
    return [text for text in texts if text]


def profiles_reindex(profile_ids, *, vectors: bool = True) -> int:
    """Write the documents of these profiles (creating or replacing them); returns how many were written."""
    profile_ids = list(profile_ids)
    if not profile_ids:
        return 0
    words = vocabulary()
    existing = {
        pk: (headline, vector)
        for pk, headline, vector in ProfileDocument.objects.filter(profile_id__in=profile_ids).values_list(
            "profile_id", "headline", "vector"
        )
    }
    documents = []
    for profile in _profiles(profile_ids):
        headline = profile_headline(profile)
        old = existing.get(profile.pk)
        vector = old[1] if old and old[0] == headline else None
        documents.append(
            ProfileDocument(profile=profile, terms=index_terms(profile_texts(profile), words),
                            headline=headline[:400], vector=vector)
        )
    if vectors:
        to_encode = [doc for doc in documents if doc.vector is None and doc.headline]
        for doc, vector in zip(to_encode, semantic.encode([doc.headline for doc in to_encode])):
            doc.vector = semantic.to_bytes(vector)
    with transaction.atomic():
        last = _take_revisions(len(documents))
        for offset, document in enumerate(documents):
            document.revision = last - len(documents) + 1 + offset
        # Delete and insert rather than update: the FTS5 triggers then see exactly the old and the new text.
        ProfileDocument.objects.filter(profile_id__in=profile_ids).delete()
        ProfileDocument.objects.bulk_create(documents, batch_size=BATCH)
    return len(documents)


def profiles_rebuild(*, vectors: bool = True, batch_size: int = 5000, progress=None) -> int:
    """Every profile document, in batches; headlines equal to an occupation name reuse that name's vector."""
    known = (
        {label: bytes(vector) for label, vector in OccupationLabel.objects.filter(vector__isnull=False)
         .values_list("label", "vector")}
        if vectors else {}
    )
    words = vocabulary()
    ids = list(ProfessionalProfile.objects.order_by("pk").values_list("pk", flat=True))
    written = 0
    with transaction.atomic():
        ProfileDocument.objects.all().delete()
        revision = _take_revisions(len(ids)) - len(ids)
        for start in range(0, len(ids), batch_size):
            batch = list(_profiles(ids[start: start + batch_size]))
            documents = [
                ProfileDocument(profile=profile, terms=index_terms(profile_texts(profile), words),
                                headline=profile_headline(profile)[:400])
                for profile in batch
            ]
            if vectors:
                _encode_missing([doc.headline for doc in documents], known)
                for doc in documents:
                    doc.vector = known.get(doc.headline)
            for doc in documents:
                revision += 1
                doc.revision = revision
            ProfileDocument.objects.bulk_create(documents, batch_size=BATCH)
            written += len(documents)
            if progress:
                progress(written, len(ids))
        _bump("profiles")
    return written


def rebuild(*, vectors: bool = True, e5: bool = True, progress=None) -> dict[str, int]:
    engine = get_engine()
    engine.install()
    counts = occupations_rebuild(vectors=vectors, e5=e5, progress=progress)
    counts["profiles"] = profiles_rebuild(vectors=vectors)
    engine.optimise()
    return counts


# Keeping up with changes (signals registered in apps.py) ----------------------------------------------------


def schedule_profile(profile_id) -> None:
    """Reindex once the transaction that changed the profile has committed; a failure is logged, not raised."""
    if profile_id:
        transaction.on_commit(lambda: _reindex_quietly(profile_id), robust=True)


def _reindex_quietly(profile_id) -> None:
    # robust=True above: Django logs a failure instead of failing the request; the profile is saved and a
    # stale document is repaired by the next save or by rebuild_search_index.
    profiles_reindex([profile_id])


def on_profile_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        schedule_profile(instance.pk)


def on_profile_part_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        schedule_profile(instance.profile_id)


def on_occupation_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        transaction.on_commit(lambda: occupation_reindex(instance.pk), robust=True)


def on_company_saved(sender, instance, raw=False, created=False, **kwargs):
    if raw or created or instance.kind != instance.Kind.COMPANY:
        return
    ids = set(ProfessionalProfile.objects.filter(employer=instance).values_list("pk", flat=True))
    ids |= set(SchoolLink.objects.filter(company=instance).values_list("profile_id", flat=True))
    for pk in ids:
        schedule_profile(pk)
