"""Which mentee-mentor pairs may be matched, and what each is worth.

Hard rules decide which pairs exist: same branch, a common language, both eligible under the programme's age
rules, the mentor verified (safeguarding rule 1) with a place left, and no block between them. The score is an
integer sum of parts, each stored with the proposal and put in words for the coordinator:

- career closeness through ESCO/ISCO: same occupation 500, same ISCO unit group 400, minor group 300,
  sub-major group 200, major group 100 (the best pair of the mentee's wanted occupations and sectors against the
  mentor's career occupations and sectors);
- the mentee's goals against the mentor's career: 20 per shared word, at most 100;
- distance between their municipalities: 100 at the same place, minus 5 points per 3 km, nothing beyond 60 km;
- availability: 60 for a first common weekly slot, 10 for each further one, at most 100;
- stated meeting preferences: 30 when both want the same, 15 when one of them does not mind;
- how long the mentee has waited: 1 per day, at most 180.

`score_pair` is the reference (one pair at a time, with its parts); `candidate_scores` computes the same numbers
with numpy for a whole branch and keeps the best `per_mentee` mentors of each mentee: the candidate graph the
exact solver works on (a branch of 50,000 mentees and 10,000 mentors would otherwise be 500 million pairs).
"""

from __future__ import annotations

import datetime
import math
import os
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np
from django.db.models import Count, Exists, OuterRef
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from backstage.accounts.models import age_on
from backstage.careers.models import IscoGroup, Occupation
from backstage.mentoring.models import DAYS, PARTS_OF_DAY, SLOTS, Application, Duo, Programme
from backstage.organisations.models import Organisation, Place
from backstage.profiles.models import Verification

POINTS_SAME_OCCUPATION = 500
POINTS_ISCO = {4: 400, 3: 300, 2: 200, 1: 100}  # length of the common ISCO code prefix
POINTS_PER_GOAL_WORD, MAX_GOAL_POINTS = 20, 100
MAX_DISTANCE_POINTS, DISTANCE_POINTS_LOST, DISTANCE_KM_STEP = 100, 5, 3
FIRST_SLOT_POINTS, NEXT_SLOT_POINTS, MAX_SLOT_POINTS = 60, 10, 100
SAME_MODE_POINTS, EITHER_MODE_POINTS = 30, 15
MAX_WAITING_POINTS = 180
PER_MENTEE = 25  # candidate mentors kept per mentee for the solver
MAX_WORKERS = min(4, os.cpu_count() or 1)  # threads scoring blocks of mentees in parallel
EARTH_RADIUS_KM = 6371.0088

MENTEE_STATUSES = (Application.Status.WAITING,)
MENTOR_STATUSES = (Application.Status.WAITING, Application.Status.MATCHED, Application.Status.ACTIVE)

# Words too common in goals and careers to say anything about a pair (after folding; four letters or more).
STOPWORDS = frozenset("""
    want would like work find with that this have from into about more some other them they their there
    where what when which while will after before also been being very much many just make good better
    pour dans avec veux voudrais aimerais travailler trouver etre avoir plus mais comme emploi travail
    metier metiers secteur aussi faire bien tres sans chez leur leurs entre depuis encore toujours quelque
    mieux avant apres vers votre notre mon ma mes dans sont etais suis
    werk werken willen graag zoeken vinden voor naar maar door over onder zijn hebben worden wordt ook
    meer veel goed beter job jobs baan vacature sector mijn jouw hun deze die dat
    career carriere loopbaan years year annees jaar jaren experience ervaring
""".split())
_WORD = re.compile(r"[a-z]+")


def fold_words(text: str) -> set[str]:
    """Lower-case words of four letters or more, without accents, stop words or a plural 's'."""
    decomposed = unicodedata.normalize("NFKD", (text or "").casefold())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    words = set()
    for word in _WORD.findall(plain):
        if len(word) < 4 or word in STOPWORDS:
            continue
        if len(word) > 4 and word.endswith("s"):
            word = word[:-1]
        words.add(word)
    return words


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def distance_points(km: float) -> int:
    return max(0, MAX_DISTANCE_POINTS - DISTANCE_POINTS_LOST * int(km) // DISTANCE_KM_STEP)


def slot_points(common: int) -> int:
    if common <= 0:
        return 0
    return min(MAX_SLOT_POINTS, FIRST_SLOT_POINTS + NEXT_SLOT_POINTS * (common - 1))


def mode_points(mentee_mode: str, mentor_mode: str) -> int:
    either = Application.MeetingMode.EITHER
    if mentee_mode == mentor_mode and mentee_mode != either:
        return SAME_MODE_POINTS
    if either in (mentee_mode, mentor_mode):
        return EITHER_MODE_POINTS
    return 0


@dataclass
class Person:
    """What the scoring needs to know of one side of a pair: plain data, no ORM."""

    id: int
    languages: frozenset[str]
    place_id: int | None = None
    lat: float | None = None
    lon: float | None = None
    slots: frozenset[str] = frozenset()
    mode: str = Application.MeetingMode.EITHER
    occupations: frozenset[int] = frozenset()
    isco: frozenset[str] = frozenset()  # ISCO codes (1 to 4 digits) of its occupations and sectors
    words: frozenset[str] = frozenset()
    waiting_days: int = 0  # mentees
    capacity: int = 0  # mentors: places left
    isco_of_occupation: dict[int, str] = field(default_factory=dict)


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def score_pair(mentee: Person, mentor: Person) -> tuple[int, list[dict]]:
    """The score of one allowed pair and its parts, in the order they are shown."""
    parts = []
    shared = mentee.occupations & mentor.occupations
    if shared:
        occupation = min(shared)
        parts.append({"code": "same_occupation", "points": POINTS_SAME_OCCUPATION, "params": {"occupation": occupation}})
    else:
        best, best_code = 0, ""
        for a in sorted(mentee.isco):
            for b in sorted(mentor.isco):
                level = min(_common_prefix(a, b), 4)
                if level > best:
                    best, best_code = level, a[:level]
        if best:
            parts.append({"code": f"isco_{best}", "points": POINTS_ISCO[best], "params": {"group": best_code}})
    words = sorted(mentee.words & mentor.words)
    if words:
        parts.append({
            "code": "goal_words", "points": min(MAX_GOAL_POINTS, POINTS_PER_GOAL_WORD * len(words)),
            "params": {"words": words[:5], "count": len(words)},
        })
    if None not in (mentee.lat, mentee.lon, mentor.lat, mentor.lon):
        km = haversine_km(mentee.lat, mentee.lon, mentor.lat, mentor.lon)
        parts.append({"code": "distance", "points": distance_points(km), "params": {"km": int(km)}})
    slots = [slot for slot in SLOTS if slot in mentee.slots and slot in mentor.slots]
    if slots:
        parts.append({"code": "availability", "points": slot_points(len(slots)), "params": {"slots": slots}})
    points = mode_points(mentee.mode, mentor.mode)
    if points:
        parts.append({"code": "meeting_mode", "points": points, "params": {"mentee": mentee.mode, "mentor": mentor.mode}})
    waited = min(MAX_WAITING_POINTS, max(0, mentee.waiting_days))
    if mentee.waiting_days > 0:
        parts.append({"code": "waiting", "points": waited, "params": {"days": mentee.waiting_days}})
    return sum(part["points"] for part in parts), parts


def pair_allowed(mentee: Person, mentor: Person) -> bool:
    return bool(mentee.languages & mentor.languages)


# ---------------------------------------------------------------------------------------------------------
# The whole branch at once


def _bits(values: Iterable[str], index: dict[str, int]) -> int:
    mask = 0
    for value in values:
        bit = index.get(value)
        if bit is not None:
            mask |= 1 << bit
    return mask


def _mask_dtype(bits: int):
    return np.int16 if bits <= 15 else np.int32 if bits <= 31 else np.int64


BLOCK_COLUMNS = 50


def _best_per_row(score: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """(rows, columns) of the k highest non-negative scores of each row; among equal scores the lower column wins.

    A full selection per row costs as much as a sort. Instead: the k-th largest of the maxima of column blocks is a
    lower bound of each row's k-th largest score (k block maxima are k distinct cells), so only the cells at or
    above it can be in the result; those few are sorted exactly.
    """
    n_rows, n_cols = score.shape
    if k >= n_cols:
        rows, cols = np.nonzero(score >= 0)
        return rows, cols
    width = max(1, min(BLOCK_COLUMNS, n_cols // (2 * k)))
    pad = (-n_cols) % width
    padded = np.pad(score, ((0, 0), (0, pad)), constant_values=-1) if pad else score
    maxima = padded.reshape(n_rows, -1, width).max(axis=2)
    blocks = maxima.shape[1]
    bound = np.partition(maxima, blocks - k, axis=1)[:, blocks - k] if blocks > k else maxima.min(axis=1)
    rows, cols = np.nonzero((score >= np.maximum(bound, 0)[:, None]))
    order = np.lexsort((cols, -score[rows, cols].astype(np.int32), rows))
    rows, cols = rows[order], cols[order]
    starts = np.searchsorted(rows, np.arange(n_rows))
    rank = np.arange(len(rows)) - starts[rows]
    keep = rank < k
    return rows[keep], cols[keep]


def candidate_scores(
    mentees: list[Person], mentors: list[Person], *, per_mentee: int = PER_MENTEE,
    forbidden: Iterable[tuple[int, int]] = (), keep: Iterable[tuple[int, int]] = (), chunk: int = 512,
) -> dict[tuple[int, int], int]:
    """Scores of the best `per_mentee` allowed mentors of every mentee (same numbers as `score_pair`).

    Pairs in `forbidden` are left out; pairs in `keep` (locked ones) are always in the result when allowed.
    Among mentors of equal score for the last places, the lower id wins (mentors are taken in id order).

    The mentees are scored in blocks of `chunk` rows against all mentors at once (16-bit integers: the largest
    score is about 1,100). Per-person features are small integer codes or bit masks, so most parts are a
    gather or a bitwise operation on the block; career closeness and shared words go through inverted indexes.
    """
    if not mentees or not mentors:
        return {}
    mentors = sorted(mentors, key=lambda p: p.id)
    n_mentors = len(mentors)
    languages = {code: i for i, code in enumerate(sorted({c for p in (*mentees, *mentors) for c in p.languages}))}
    if len(languages) > 63:
        raise ValueError("more than 63 languages in one branch")
    slot_index = {slot: i for i, slot in enumerate(SLOTS)}
    modes = {mode: i for i, mode in enumerate(Application.MeetingMode.values)}

    def lang_mask(people):
        return np.array([_bits(p.languages, languages) for p in people], dtype=_mask_dtype(len(languages)))

    def slot_mask(people):
        return np.array([_bits(p.slots, slot_index) for p in people], dtype=np.int32)

    # Distance points between the places in play, computed once per pair of places; index 0 is "no
    # coordinates" and is worth nothing.
    places: dict[int, tuple[float, float]] = {}
    for person in (*mentees, *mentors):
        if person.place_id is not None and person.lat is not None and person.lon is not None:
            places.setdefault(person.place_id, (person.lat, person.lon))
    place_ids = sorted(places)
    place_index = {pid: i + 1 for i, pid in enumerate(place_ids)}
    dist_points = np.zeros((len(place_ids) + 1, len(place_ids) + 1), dtype=np.int16)
    if place_ids:
        lat = np.radians(np.array([places[p][0] for p in place_ids], dtype=np.float64))
        lon = np.radians(np.array([places[p][1] for p in place_ids], dtype=np.float64))
        dphi = lat[None, :] - lat[:, None]
        dlambda = lon[None, :] - lon[:, None]
        a = np.sin(dphi / 2) ** 2 + np.cos(lat)[:, None] * np.cos(lat)[None, :] * np.sin(dlambda / 2) ** 2
        whole_km = (2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(a)))).astype(np.int64)
        dist_points[1:, 1:] = np.maximum(0, MAX_DISTANCE_POINTS - DISTANCE_POINTS_LOST * whole_km // DISTANCE_KM_STEP)

    def place_of(people):
        return np.array([place_index.get(p.place_id, 0) if p.lat is not None else 0 for p in people], dtype=np.intp)

    mode_table = np.array([[mode_points(a, b) for b in modes] for a in modes], dtype=np.int16)

    t_lang, t_slots, t_place = lang_mask(mentors), slot_mask(mentors), place_of(mentors)
    t_mode = np.array([modes[p.mode] for p in mentors], dtype=np.intp)
    m_lang, m_slots, m_place = lang_mask(mentees), slot_mask(mentees), place_of(mentees)
    m_mode = np.array([modes[p.mode] for p in mentees], dtype=np.intp)
    m_wait = np.minimum(MAX_WAITING_POINTS, np.maximum(0, [p.waiting_days for p in mentees])).astype(np.int16)

    def prefixes(person, level):
        return {code[:level] for code in person.isco if len(code) >= level}

    # Career closeness, coarse levels as bit masks (10 major and 43 sub-major ISCO groups fit in 64 bits),
    # finer levels and occupations through inverted indexes of the mentors.
    masked_levels = []
    for level in (1, 2):
        codes = sorted({c for p in (*mentees, *mentors) for c in prefixes(p, level)})
        if len(codes) <= 63:
            index = {code: i for i, code in enumerate(codes)}
            dtype = _mask_dtype(len(codes))
            masked_levels.append((
                level,
                np.array([_bits(prefixes(p, level), index) for p in mentees], dtype=dtype),
                np.array([_bits(prefixes(p, level), index) for p in mentors], dtype=dtype),
            ))
    scattered_levels = [level for level in range(1, 5) if level not in {lv for lv, _m, _t in masked_levels}]
    by_prefix: dict[int, dict[str, list[int]]] = {level: defaultdict(list) for level in scattered_levels}
    by_occupation: dict[int, list[int]] = defaultdict(list)
    by_word: dict[str, list[int]] = defaultdict(list)
    for j, mentor in enumerate(mentors):
        for level in scattered_levels:
            for prefix in prefixes(mentor, level):
                by_prefix[level][prefix].append(j)
        for occupation in mentor.occupations:
            by_occupation[occupation].append(j)
        for word in mentor.words:
            by_word[word].append(j)

    def as_arrays(d):
        return {k: np.array(v, dtype=np.intp) for k, v in d.items()}

    by_prefix = {level: as_arrays(d) for level, d in by_prefix.items()}
    by_occupation, by_word = as_arrays(by_occupation), as_arrays(by_word)

    mentor_col = {p.id: j for j, p in enumerate(mentors)}
    mentee_row = {p.id: i for i, p in enumerate(mentees)}
    banned: dict[int, list[int]] = defaultdict(list)
    for mentee_id, mentor_id in forbidden:
        if mentee_id in mentee_row and mentor_id in mentor_col:
            banned[mentee_row[mentee_id]].append(mentor_col[mentor_id])
    kept: dict[int, list[int]] = defaultdict(list)
    for mentee_id, mentor_id in keep:
        if mentee_id in mentee_row and mentor_id in mentor_col:
            kept[mentee_row[mentee_id]].append(mentor_col[mentor_id])

    k = min(per_mentee, n_mentors)
    mentee_ids = np.array([p.id for p in mentees], dtype=np.int64)
    mentor_ids = np.array([p.id for p in mentors], dtype=np.int64)
    def score_block(start: int):
        rows = slice(start, min(start + chunk, len(mentees)))
        block = mentees[rows]
        score = dist_points[m_place[rows]][:, t_place]
        common = np.bitwise_count(m_slots[rows][:, None] & t_slots[None, :]).astype(np.int16)
        score += (np.minimum(common * NEXT_SLOT_POINTS + (FIRST_SLOT_POINTS - NEXT_SLOT_POINTS), MAX_SLOT_POINTS)
                  * (common > 0))
        score += mode_table[m_mode[rows]][:, t_mode]
        score += m_wait[rows][:, None]

        # Career closeness: each finer common level replaces the coarser one (100, 200, 300, 400, then 500).
        career = np.zeros_like(score)
        for _level, m_masks, t_masks in masked_levels:
            # Levels 1 and 2 are worth 100 each: a common sub-major group means a common major group too.
            career += (m_masks[rows][:, None] & t_masks[None, :]) != 0
        career *= POINTS_ISCO[1]
        wanted: dict[int, dict[str, list[int]]] = {level: defaultdict(list) for level in scattered_levels}
        wanted_occupations: dict[int, list[int]] = defaultdict(list)
        for r, mentee in enumerate(block):
            for level in scattered_levels:
                for prefix in prefixes(mentee, level):
                    wanted[level][prefix].append(r)
            for occupation in mentee.occupations:
                wanted_occupations[occupation].append(r)
        for level in scattered_levels:
            for prefix, mentee_rows in wanted[level].items():
                cols = by_prefix[level].get(prefix)
                if cols is not None:
                    career[np.ix_(mentee_rows, cols)] = POINTS_ISCO[level]
        for occupation, mentee_rows in wanted_occupations.items():
            cols = by_occupation.get(occupation)
            if cols is not None:
                career[np.ix_(mentee_rows, cols)] = POINTS_SAME_OCCUPATION
        score += career
        # Shared words: for each mentee, count over the mentors of each of its words.
        for r, mentee in enumerate(block):
            hits = [by_word[w] for w in mentee.words if w in by_word]
            if hits:
                shared = np.bincount(np.concatenate(hits) if len(hits) > 1 else hits[0], minlength=n_mentors)
                score[r] += np.minimum(MAX_GOAL_POINTS // POINTS_PER_GOAL_WORD, shared).astype(np.int16) * (
                    POINTS_PER_GOAL_WORD)

        # Hard rules: a common language, not forbidden.
        np.putmask(score, (m_lang[rows][:, None] & t_lang[None, :]) == 0, -1)
        for r in range(len(block)):
            for col in banned.get(start + r, ()):
                score[r, col] = -1

        r_idx, c_idx = _best_per_row(score, k)
        extra = [(r, col) for r in range(len(block)) for col in kept.get(start + r, ()) if score[r, col] >= 0]
        if extra:
            r_idx = np.concatenate([r_idx, np.array([e[0] for e in extra], dtype=r_idx.dtype)])
            c_idx = np.concatenate([c_idx, np.array([e[1] for e in extra], dtype=c_idx.dtype)])
        return r_idx + start, c_idx, score[r_idx, c_idx]

    starts = range(0, len(mentees), chunk)
    workers = min(MAX_WORKERS, len(starts))
    if workers > 1:
        # numpy releases the GIL in its loops: blocks scored in parallel threads, results kept in block order.
        with ThreadPoolExecutor(max_workers=workers) as pool:
            found = list(pool.map(score_block, starts))
    else:
        found = [score_block(start) for start in starts]
    r_all = np.concatenate([f[0] for f in found])
    c_all = np.concatenate([f[1] for f in found])
    values = np.concatenate([f[2] for f in found]).astype(np.int64)
    return dict(zip(zip(mentee_ids[r_all].tolist(), mentor_ids[c_all].tolist()), values.tolist()))


# ---------------------------------------------------------------------------------------------------------
# Loading a branch from the database


def blocked_pairs(branch: Organisation) -> set[tuple[int, int]]:
    """Hook for safeguarding rule 5: (mentee application id, mentor application id) pairs that blocked each other.

    There is no block model yet (messaging owns it); when it exists, return the pairs of this branch here.
    """
    return set()


@dataclass
class Pool:
    mentees: list[Person]
    mentors: list[Person]
    capacity: dict[int, int]


def programme_for(branch: Organisation) -> Programme:
    """The branch's programme, or the default rules (unsaved) when the nonprofit has not set any."""
    programme = Programme.objects.filter(nonprofit_id=branch.parent_id).first()
    return programme or Programme(nonprofit_id=branch.parent_id)


def _birth_bounds(today: datetime.date, *, min_age: int, max_age: int | None):
    """Birth dates giving an age in [min_age, max_age] on `today` (as `age_on` counts them)."""

    def years_before(years: int) -> datetime.date:
        try:
            return today.replace(year=today.year - years)
        except ValueError:  # 29 February
            return today.replace(year=today.year - years, day=28)

    latest = years_before(min_age)
    earliest = years_before(max_age + 1) + datetime.timedelta(days=1) if max_age is not None else None
    return earliest, latest


def current_verification_q(today: datetime.date) -> Exists:
    return Exists(Verification.objects.filter(
        user=OuterRef("user"), status=Verification.Status.VERIFIED, expires_on__gte=today,
    ))


def open_duo_counts(mentor_ids: Iterable[int] | None = None, *, branch=None) -> dict[int, int]:
    duos = Duo.objects.filter(status__in=Duo.OPEN)
    if branch is not None:
        duos = duos.filter(branch=branch)
    if mentor_ids is not None:
        duos = duos.filter(mentor_id__in=list(mentor_ids))
    return dict(duos.order_by().values("mentor_id").annotate(n=Count("id")).values_list("mentor_id", "n"))


def load_pool(branch: Organisation, *, today: datetime.date, programme: Programme | None = None) -> Pool:
    """The mentees waiting and the mentors with a place left in a branch, as plain data for the scoring."""
    programme = programme or programme_for(branch)
    earliest, latest = _birth_bounds(today, min_age=programme.mentee_min_age, max_age=programme.mentee_max_age)
    mentees = Application.objects.filter(
        branch=branch, kind=Application.Kind.MENTEE, status__in=MENTEE_STATUSES,
        user__date_of_birth__gte=earliest, user__date_of_birth__lte=latest,
    )
    _, mentor_latest = _birth_bounds(today, min_age=programme.mentor_min_age, max_age=None)
    mentors = Application.objects.filter(
        current_verification_q(today), branch=branch, kind=Application.Kind.MENTOR,
        status__in=MENTOR_STATUSES, user__date_of_birth__lte=mentor_latest,
    )
    return people(mentees, mentors, today=today, open_duos=open_duo_counts(branch=branch))


def score_applications(mentee: Application, mentor: Application, *, today: datetime.date) -> tuple[int, list[dict]]:
    """The score of one pair the coordinator puts together by hand (no hard rule checked here)."""
    pool = people(Application.objects.filter(pk=mentee.pk), Application.objects.filter(pk=mentor.pk), today=today,
                  open_duos={})
    return score_pair(pool.mentees[0], pool.mentors[0])


def people(mentee_applications, mentor_applications, *, today: datetime.date, open_duos: dict[int, int]) -> Pool:
    """Applications as `Person`s, in a handful of queries whatever their number."""
    mentee_rows = list(mentee_applications.order_by("id").values_list(
        "id", "languages", "place_id", "availability", "meeting_mode", "goals", "waiting_since"))
    mentor_rows = list(mentor_applications.order_by("id").values_list(
        "id", "languages", "place_id", "availability", "meeting_mode", "career_summary", "max_duos"))
    place_ids = {row[2] for row in mentee_rows} | {row[2] for row in mentor_rows}
    coords = {
        pid: (lat, lon) for pid, lat, lon in Place.objects.filter(pk__in=place_ids - {None}).values_list(
            "id", "latitude", "longitude")
    }
    mentee_ids = [row[0] for row in mentee_rows]
    mentor_ids = [row[0] for row in mentor_rows]

    def related(through, column: str, ids: list[int]) -> dict[int, list]:
        found: dict[int, list] = defaultdict(list)
        if not ids:
            return found
        rows = through.objects.filter(application_id__in=ids).values_list("application_id", column)
        for app_id, value in rows.iterator(chunk_size=20000):
            found[app_id].append(value)
        return found

    wanted_occ = related(Application.wanted_occupations.through, "occupation_id", mentee_ids)
    wanted_sec = related(Application.wanted_sectors.through, "iscogroup_id", mentee_ids)
    career_occ = related(Application.career_occupations.through, "occupation_id", mentor_ids)
    career_sec = related(Application.career_sectors.through, "iscogroup_id", mentor_ids)
    used = {o for occs in (*wanted_occ.values(), *career_occ.values()) for o in occs}
    occupation_isco, occupation_words = {}, {}
    career_used = {o for occs in career_occ.values() for o in occs}
    for occupation_id, group, en, fr, nl in Occupation.objects.filter(pk__in=used).values_list(
            "id", "isco_group_id", "label_en", "label_fr", "label_nl"):
        occupation_isco[occupation_id] = group
        if occupation_id in career_used:
            occupation_words[occupation_id] = fold_words(f"{en} {fr} {nl}")

    def where(place_id):
        lat, lon = coords.get(place_id, (None, None))
        return {"place_id": place_id, "lat": lat, "lon": lon}

    mentees = []
    for app_id, languages, place_id, slots, mode, goals, waiting_since in mentee_rows:
        occupations = frozenset(wanted_occ.get(app_id, ()))
        mentees.append(Person(
            id=app_id, languages=frozenset(languages), **where(place_id), slots=frozenset(slots), mode=mode,
            occupations=occupations,
            isco=frozenset({occupation_isco[o] for o in occupations} | set(wanted_sec.get(app_id, ()))),
            words=frozenset(fold_words(goals)),
            waiting_days=(today - waiting_since).days if waiting_since else 0,
        ))
    mentors, capacity = [], {}
    for app_id, languages, place_id, slots, mode, career, max_duos in mentor_rows:
        occupations = frozenset(career_occ.get(app_id, ()))
        words = fold_words(career)
        for occupation in occupations:
            words |= occupation_words.get(occupation, set())
        capacity[app_id] = max(0, max_duos - open_duos.get(app_id, 0))
        mentors.append(Person(
            id=app_id, languages=frozenset(languages), **where(place_id), slots=frozenset(slots), mode=mode,
            occupations=occupations,
            isco=frozenset({occupation_isco[o] for o in occupations} | set(career_sec.get(app_id, ()))),
            words=frozenset(words), capacity=capacity[app_id],
        ))
    return Pool(mentees=mentees, mentors=mentors, capacity=capacity)


# ---------------------------------------------------------------------------------------------------------
# In words


def _slot_label(slot: str) -> str:
    day, part = slot.split("_")
    return _("%(day)s %(part)s") % {"day": dict(DAYS)[day], "part": dict(PARTS_OF_DAY)[part]}


def describe(part: dict, labels: dict[str, str]) -> str:
    """One part of a score in words, with its points: "same occupation group: Nursing professionals (+400)"."""
    code, params, points = part["code"], part.get("params", {}), part["points"]
    if code == "same_occupation":
        text = _("wants the occupation the mentor had: %(label)s") % {
            "label": labels.get(f"occupation:{params.get('occupation')}", "?")}
    elif code.startswith("isco_"):
        group = params.get("group", "")
        level_text = {
            "isco_4": _("same occupation group"), "isco_3": _("same minor occupation group"),
            "isco_2": _("same sector"), "isco_1": _("same broad sector"),
        }[code]
        label = labels.get(f"isco:{group}")
        text = f"{level_text}: {label}" if label else level_text
    elif code == "goal_words":
        text = ngettext(
            "a word of the goals in the mentor's career: %(words)s",
            "%(count)d words of the goals in the mentor's career: %(words)s", params.get("count", 0),
        ) % {"count": params.get("count", 0), "words": ", ".join(params.get("words", []))}
    elif code == "distance":
        km = params.get("km", 0)
        text = _("same municipality") if km == 0 else ngettext(
            "%(km)d km apart", "%(km)d km apart", km) % {"km": km}
    elif code == "availability":
        text = _("both free on %(slots)s") % {"slots": ", ".join(_slot_label(s) for s in params.get("slots", []))}
    elif code == "meeting_mode":
        mentee, mentor = params.get("mentee"), params.get("mentor")
        if mentee == mentor and mentee != Application.MeetingMode.EITHER:
            text = _("both prefer to meet %(mode)s") % {"mode": Application.MeetingMode(mentee).label}
        else:
            text = _("meeting preferences fit")
    elif code == "waiting":
        days = params.get("days", 0)
        text = ngettext("waiting for %(days)d day", "waiting for %(days)d days", days) % {"days": days}
    else:
        text = code
    return f"{text} (+{points})"


def labels_for(parts_lists: Iterable[list[dict]]) -> dict[str, str]:
    """The ISCO group and occupation names the parts refer to, in the page language, in two queries."""
    groups, occupations = set(), set()
    for parts in parts_lists:
        for part in parts:
            params = part.get("params", {})
            if part["code"].startswith("isco_"):
                groups.add(params.get("group"))
            elif part["code"] == "same_occupation":
                occupations.add(params.get("occupation"))
    labels = {f"isco:{g.code}": str(g.label) for g in IscoGroup.objects.filter(code__in=groups - {None})}
    labels |= {f"occupation:{o.pk}": str(o.label) for o in Occupation.objects.filter(pk__in=occupations - {None})}
    return labels


def explain(duos) -> list:
    """Attaches `reasons` (the score in words) to each duo; returns the list."""
    duos = list(duos)
    labels = labels_for(d.score_parts for d in duos)
    for duo in duos:
        duo.reasons = [describe(part, labels) for part in duo.score_parts]
    return duos


def eligibility_problems(*, kind: str, birth: datetime.date | None, programme: Programme,
                         today: datetime.date) -> str:
    """Why a person cannot apply on this side of the programme ('' when they can)."""
    if birth is None:
        return _("Add your date of birth to your account first: the programme has age rules.")
    age = age_on(birth, today)
    if kind == Application.Kind.MENTEE and not programme.mentee_min_age <= age <= programme.mentee_max_age:
        return _("Mentees are between %(min)d and %(max)d years old, and you are %(age)d.") % {
            "min": programme.mentee_min_age, "max": programme.mentee_max_age, "age": age}
    if kind == Application.Kind.MENTOR and age < programme.mentor_min_age:
        return _("Mentors are %(min)d or older, and you are %(age)d.") % {"min": programme.mentor_min_age, "age": age}
    return ""

