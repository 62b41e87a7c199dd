"""The "surprise me" feed: professionals and occupations from many sectors, for students with no idea yet.

Rules, in order of precedence:
1. nothing from the viewer's previous batch comes back, and what they saw in the last two weeks comes after
   everything they have not seen;
2. professionals linked to the viewer's school (confirmed link) first, then available ones (not paused, offering
   something, with room left in this month's capacity);
3. within that order, a sector not yet in the batch first, then the professionals shown least this month
   relative to their monthly capacity, so that the same few people are not flooded with requests;
4. no two consecutive cards of the same ISCO major group when it can be avoided (the first card also differs
   from the last card of the previous batch); occupations fill the batch from the sectors its professionals
   leave out.
Never an occupation in gambling, nor a professional doing one (careers.selectors.GAMBLING_OCCUPATIONS): the feed is
for minors, and suggests what they did not ask for.
Everything random comes from the `rng` argument, so a seed gives the same feed.
"""

import datetime
import random
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    F,
    FloatField,
    IntegerField,
    Max,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Greatest, Mod
from django.utils import timezone

from backstage.careers.models import IscoGroup, Occupation
from backstage.careers.selectors import gambling_uris
from backstage.interests.models import ExploreImpression
from backstage.profiles.links import shared_link_phrases
from backstage.profiles.models import ProfessionalProfile, SchoolLink
from backstage.profiles.selectors import capacity_reached, gallery_profiles
from backstage.profiles.views.gallery import viewer_student_schools

BATCH_SIZE = 8
PROFESSIONALS_PER_BATCH = 5
EXPOSURE_WINDOW = datetime.timedelta(days=30)
RECENT_WINDOW = datetime.timedelta(days=14)
RECENT_LIMIT = 6 * BATCH_SIZE
# Professionals read from the database per batch; the batch is chosen among them in Python.
POOL_SIZE = 120
# Above this many profiles, a batch ranks a random sample of SAMPLE_IDS ids (plus the linked profiles) instead of all.
FULL_SCAN_UP_TO = 3000
SAMPLE_IDS = 600
_SHUFFLE_MODULUS = 1_000_003  # a prime: pk * a + b modulo it is a permutation of the pks below it


@dataclass
class Card:
    kind: str  # "profile" or "occupation"
    major_group: str
    profile: object = None
    occupation: object = None
    shared_links: list = field(default_factory=list)
    sector: object = None

    @property
    def key(self) -> tuple[str, int]:
        return (self.kind, (self.profile or self.occupation).pk)


@dataclass
class _Recent:
    previous_major: str = ""
    last_profiles: set = field(default_factory=set)
    last_occupations: set = field(default_factory=set)
    profiles: set = field(default_factory=set)
    occupations: set = field(default_factory=set)


def _recent(viewer, now, size) -> _Recent:
    rows = list(
        ExploreImpression.objects.filter(viewer=viewer, shown_at__gte=now - RECENT_WINDOW)
        .order_by("-shown_at", "-id")
        .values_list("profile_id", "occupation_id", "major_group")[:RECENT_LIMIT]
    )
    recent = _Recent(previous_major=rows[0][2] if rows else "")
    for index, (profile_id, occupation_id, _major) in enumerate(rows):
        if profile_id:
            recent.profiles.add(profile_id)
            if index < size:
                recent.last_profiles.add(profile_id)
        if occupation_id:
            recent.occupations.add(occupation_id)
            if index < size:
                recent.last_occupations.add(occupation_id)
    return recent


def profile_major_group(profile) -> str:
    """The sector chosen by the professional, or else the one of their occupation (as the gallery filter does)."""
    if profile.sector_id:
        return profile.sector_id[:1]
    if profile.occupation_id and profile.occupation is not None:
        return profile.occupation.isco_group_id[:1]
    return ""


def candidate_ids(rng: random.Random, school_ids) -> list[int] | None:
    """Which profiles one batch looks at: all of them on a small platform, else a random sample plus the linked ones.

    Ranking every public profile on each "show me more" would read the whole table (half a second at 100,000
    profiles); a random sample of ids read through the primary key gives the same rotation, because within the
    sample the least exposed still come first, and the linked professionals are always added to it.
    """
    highest = ProfessionalProfile.objects.aggregate(highest=Max("id"))["highest"] or 0
    if highest <= FULL_SCAN_UP_TO:
        return None
    sample = set(rng.sample(range(1, highest + 1), min(SAMPLE_IDS, highest)))
    linked = SchoolLink.objects.filter(status=SchoolLink.Status.CONFIRMED, school_id__in=list(school_ids))
    return sorted(sample | set(linked.values_list("profile_id", flat=True)))


def ranked_profiles(viewer, *, rng: random.Random, now=None, school_ids=(), seen=(), exclude=(), among=None,
                    limit: int = POOL_SIZE):
    """Public profiles for `viewer` in feed order, before sector diversity is applied; `among` limits the ids.

    Annotated with `seen_recently`, `linked`, `available`, `recent_impressions`, `exposure` and `shuffle`.
    """
    now = now or timezone.now()
    full = capacity_reached()
    # Nobody whose occupation is in gambling: the feed suggests what the student did not ask for.
    profiles = gallery_profiles(viewer, full=full).exclude(occupation__esco_uri__in=gambling_uris())
    if among is not None:
        profiles = profiles.filter(pk__in=among)
    impressions = (
        ExploreImpression.objects.filter(profile=OuterRef("pk"), shown_at__gte=now - EXPOSURE_WINDOW)
        .order_by()
        .values("profile")
        .annotate(n=Count("id"))
        .values("n")
    )
    a, b = rng.randrange(1, _SHUFFLE_MODULUS), rng.randrange(_SHUFFLE_MODULUS)
    return (
        profiles.exclude(pk__in=list(exclude))
        .annotate(
            seen_recently=Case(
                When(pk__in=list(seen), then=Value(1)), default=Value(0), output_field=IntegerField()
            ),
            linked=Exists(
                SchoolLink.objects.filter(
                    profile=OuterRef("pk"), status=SchoolLink.Status.CONFIRMED, school_id__in=list(school_ids)
                )
            ),
            # Available: not on a break, offering something, and with room left this month.
            available=Case(
                When(Q(paused=False) & ~Q(offers=[]) & ~full, then=Value(True)), default=Value(False),
                output_field=BooleanField(),
            ),
            recent_impressions=Coalesce(Subquery(impressions, output_field=IntegerField()), Value(0)),
            exposure=Cast("recent_impressions", FloatField()) / Cast(Greatest("monthly_capacity", 1), FloatField()),
            shuffle=Mod(F("id") * a + b, _SHUFFLE_MODULUS),
        )
        .order_by("seen_recently", "-linked", "-available", "exposure", "shuffle")[:limit]
    )


def _pick_profiles(pool, count: int) -> list:
    """The first `count` of the pool, preferring within each tier a sector not yet in the batch."""
    remaining = list(pool)
    chosen, used = [], Counter()

    def key(profile):
        major = profile_major_group(profile)
        crowding = used[major] if major else 0  # an unknown sector never counts as a repeat
        return (profile.seen_recently, not profile.linked, not profile.available, crowding, profile.exposure,
                profile.shuffle)

    while remaining and len(chosen) < count:
        best = min(remaining, key=key)
        remaining.remove(best)
        chosen.append(best)
        used[profile_major_group(best)] += 1
    return chosen


def _pick_occupations(rng: random.Random, count: int, *, avoid_majors: set, seen: set, exclude: set) -> list[int]:
    """`count` occupation ids, each from a different major group when possible, the unseen ones first."""
    if count <= 0:
        return []
    rows = (Occupation.objects.exclude(pk__in=list(exclude)).exclude(esco_uri__in=gambling_uris())
            .order_by("id").values_list("id", "isco_group_id"))
    fresh, stale = {}, {}
    for pk, unit in rows:
        (stale if pk in seen else fresh).setdefault(unit[:1], []).append(pk)
    majors = sorted(set(fresh) | set(stale))
    rng.shuffle(majors)
    # Sectors the batch's professionals do not cover come first, then the others; armed forces (0) last.
    majors.sort(key=lambda major: (major in avoid_majors, major == "0"))
    chosen = []
    while len(chosen) < count and (any(fresh.values()) or any(stale.values())):
        for major in majors:
            bucket = fresh.get(major) or stale.get(major)
            if not bucket:
                continue
            chosen.append(bucket.pop(rng.randrange(len(bucket))))
            if len(chosen) == count:
                break
    return chosen


def _interleave(professionals: list[Card], occupations: list[Card]) -> list[Card]:
    """Two professionals, then an occupation, and so on; what is left of either list at the end."""
    cards, pros, occs = [], list(professionals), list(occupations)
    while pros or occs:
        cards.extend(pros[:2])
        del pros[:2]
        if occs:
            cards.append(occs.pop(0))
    return cards


def _arrangeable(majors: list[str], previous: str) -> bool:
    """Whether these major groups can follow `previous` with no two equal neighbours ("" never clashes)."""
    counts = Counter(major for major in majors if major)
    if not counts:
        return True
    major, top = counts.most_common(1)[0]
    n = len(majors)
    if top > (n + 1) // 2:
        return False
    # The most frequent group cannot come first, so it must fit in the remaining slots.
    return not (major == previous and top > n // 2)


def spread(cards: list[Card], previous_major: str = "") -> list[Card]:
    """Reorders as little as possible so that no two consecutive cards share a major group, when possible."""
    remaining, ordered, previous = list(cards), [], previous_major
    while remaining:
        pick = None
        for index, card in enumerate(remaining):
            clash = card.major_group and card.major_group == previous
            rest = remaining[:index] + remaining[index + 1:]
            if not clash and _arrangeable([c.major_group for c in rest], card.major_group):
                pick = index
                break
        if pick is None:  # no perfect order exists: avoid the clash now if possible, else keep the order
            pick = next(
                (i for i, c in enumerate(remaining) if not (c.major_group and c.major_group == previous)), 0
            )
        card = remaining.pop(pick)
        ordered.append(card)
        previous = card.major_group
    return ordered


def feed(viewer, *, rng: random.Random, now=None, size: int = BATCH_SIZE) -> list[Card]:
    """The next batch of cards for `viewer`. Reads only; the view records the impressions."""
    now = now or timezone.now()
    recent = _recent(viewer, now, size)
    viewer_schools = viewer_student_schools(viewer)
    school_ids = [school.pk for school in viewer_schools]

    pool = ranked_profiles(
        viewer, rng=rng, now=now, school_ids=school_ids, seen=recent.profiles - recent.last_profiles,
        exclude=recent.last_profiles, among=candidate_ids(rng, school_ids),
    )
    professionals = [
        Card("profile", profile_major_group(p), profile=p, shared_links=shared_link_phrases(p, viewer_schools))
        for p in _pick_profiles(pool, min(PROFESSIONALS_PER_BATCH, size))
    ]

    occupation_ids = _pick_occupations(
        rng, size - len(professionals), avoid_majors={card.major_group for card in professionals},
        seen=recent.occupations - recent.last_occupations, exclude=recent.last_occupations,
    )
    loaded = Occupation.objects.only(
        "esco_uri", "isco_group_id", "label_en", "label_nl", "label_fr", "description_en", "description_nl",
        "description_fr",
    ).in_bulk(occupation_ids)
    majors = IscoGroup.objects.in_bulk({loaded[pk].isco_group_id[:1] for pk in occupation_ids})
    occupations = [
        Card("occupation", loaded[pk].isco_group_id[:1], occupation=loaded[pk],
             sector=majors.get(loaded[pk].isco_group_id[:1]))
        for pk in occupation_ids
    ]
    return spread(_interleave(professionals, occupations), recent.previous_major)
