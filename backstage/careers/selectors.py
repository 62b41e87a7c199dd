import csv
import functools
import math
import re
import unicodedata
from pathlib import Path

from django.db.models import Count, Q
from django.db.models.functions import Substr
from django.http import Http404

from backstage.careers.models import RIASEC, IscoGroup, Occupation, current_lang
from backstage.careers.services import OCCUPATION_URI_PREFIX

# Occupations in gambling (casinos, betting, lotteries), by ESCO id: gambling is forbidden to minors, so they are never
# suggested to a student who did not ask for them: not in the quiz's results nor in the explore feed, and in a search
# only when it names gambling (discovery.search.GAMBLING_PREFIXES). Before, "minecraft" brought the gambling games
# designer, "ik wil games maken" put him first, and "verkoper" listed the lottery cashier.
GAMBLING_OCCUPATIONS = Path(__file__).parent / "gambling_occupations.csv"
ESCO_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
SECTOR_CODE = re.compile(r"[0-9]{1,2}")
LIST_FIELDS = ("esco_uri", "label_en", "label_nl", "label_fr")


def fold(text: str) -> str:
    """Case- and accent-insensitive form: "Électricien" sorts and matches like "electricien"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@functools.cache
def gambling_uris() -> frozenset[str]:
    """The ESCO URIs of GAMBLING_OCCUPATIONS."""
    with GAMBLING_OCCUPATIONS.open(encoding="utf-8", newline="") as lines:
        return frozenset(OCCUPATION_URI_PREFIX + row["esco_id"] for row in csv.DictReader(lines))


def _alphabetical(occupations) -> list[Occupation]:
    # Sorted in Python: SQLite compares bytes, so "électricien" would land after "zoologiste".
    return sorted(occupations, key=lambda o: (fold(str(o.label)), str(o.label)))


def get_occupation(esco_id: str) -> Occupation:
    """The published datasheet of one occupation, with everything its page shows in one query."""
    if not ESCO_ID.fullmatch(esco_id):
        raise Http404("Unknown occupation")
    occupation = (
        Occupation.objects.select_related("isco_group__parent__parent__parent", "broader")
        .filter(esco_uri=OCCUPATION_URI_PREFIX + esco_id)
        .first()
    )
    if occupation is None:
        raise Http404("Unknown occupation")
    return occupation


def narrower_occupations(occupation: Occupation) -> list[Occupation]:
    # broader_id too: the related manager reads it on every row to attach the parent it already knows.
    return _alphabetical(occupation.narrower.only(*LIST_FIELDS, "broader_id"))


SIMILAR_SHOWN = 6


def _interest_distance(a: Occupation, b: Occupation) -> float:
    if a.realistic is None or b.realistic is None:
        return math.inf
    return math.sqrt(sum((getattr(a, dim) - getattr(b, dim)) ** 2 for dim in RIASEC))


def narrower_and_similar(occupation: Occupation, *, limit: int = SIMILAR_SHOWN) -> tuple[list, list]:
    """The narrower occupations (alphabetical) and at most `limit` similar ones, read in one query.

    Similar: the same ISCO unit group first, then the rest of the same sub-major group; within each, the closest
    interest profile first (Euclidean distance between the six RIASEC scores), then alphabetical. The broader and
    narrower occupations are listed on the page already, so they are not repeated. One in gambling is similar only
    to another (GAMBLING_OCCUPATIONS: the cashier's page does not suggest the casino cashier).
    """
    sub_major = occupation.isco_group_id[:2]
    rows = list(
        Occupation.objects.filter(Q(broader=occupation) | Q(isco_group__code__startswith=sub_major))
        .exclude(pk=occupation.pk)
        .only(*LIST_FIELDS, "broader_id", "isco_group_id", *RIASEC)
    )
    narrower = _alphabetical(o for o in rows if o.broader_id == occupation.pk)
    gambling = gambling_uris() if occupation.esco_uri not in gambling_uris() else frozenset()
    similar = [
        o for o in rows
        if o.broader_id != occupation.pk and o.pk != occupation.broader_id and o.isco_group_id[:2] == sub_major
        and o.esco_uri not in gambling
    ]
    similar.sort(
        key=lambda o: (
            o.isco_group_id != occupation.isco_group_id, _interest_distance(occupation, o), fold(str(o.label)),
            str(o.label),
        )
    )
    return narrower, similar[:limit]


def isco_path(occupation: Occupation) -> list[IscoGroup]:
    """Major group, sub-major group, minor group, unit group, from what select_related already loaded."""
    path, group = [], occupation.isco_group
    while group is not None and len(path) < 4:
        path.insert(0, group)
        group = group.parent
    return path


def sectors() -> list[tuple[IscoGroup, list[IscoGroup]]]:
    """Major groups with their sub-major groups, each sub-major group annotated with its number of occupations."""
    counts = dict(
        Occupation.objects.order_by()
        .annotate(sector=Substr("isco_group_id", 1, 2))
        .values("sector")
        .annotate(n=Count("id"))
        .values_list("sector", "n")
    )
    groups = list(IscoGroup.objects.filter(level__in=(1, 2)).order_by("code"))
    children: dict[str, list[IscoGroup]] = {}
    for group in groups:
        if group.level == 2:
            group.occupation_count = counts.get(group.code, 0)
            children.setdefault(group.code[:1], []).append(group)
    majors = [group for group in groups if group.level == 1]
    # Armed forces (ISCO 0) last: the civilian sectors are what most students come for.
    majors.sort(key=lambda group: (group.code == "0", group.code))
    return [(major, children.get(major.code, [])) for major in majors]


def get_sector(code: str) -> IscoGroup:
    """A major (1 digit) or sub-major (2 digits) ISCO group; anything else is not a sector page."""
    if not SECTOR_CODE.fullmatch(code):
        raise Http404("Unknown sector")
    sector = IscoGroup.objects.select_related("parent").filter(code=code, level=len(code)).first()
    if sector is None:
        raise Http404("Unknown sector")
    return sector


def sector_children(sector: IscoGroup) -> list[IscoGroup]:
    return list(sector.children.order_by("code")) if sector.level == 1 else []


def sector_occupations(sector: IscoGroup, *, query: str = "") -> list[Occupation]:
    """The occupations of a sector, alphabetical in the page language, optionally filtered on their label.

    The filter matches the label in the page language or in English, ignoring case and accents: within one sector
    (a few hundred occupations at most) finding the name typed is enough; the search page (discovery) ranks names,
    synonyms and meanings across every sector.
    """
    occupations = Occupation.objects.filter(isco_group__code__startswith=sector.code).only(*LIST_FIELDS)
    needle = fold(query.strip())
    if needle:
        lang = current_lang()
        occupations = [
            o for o in occupations if needle in fold(getattr(o, f"label_{lang}")) or needle in fold(o.label_en)
        ]
    return _alphabetical(occupations)


def occupations_matching(query: str, *, limit: int = 10, exclude=()) -> list[Occupation]:
    """Occupations whose label in English, French or Dutch contains the query, ignoring case and accents.

    People often type in another language than the page's; the label shown stays the page language's. Labels
    starting with the query come first, then the shortest ("plumber" before "plumbing technician").
    """
    needle = fold(query.strip())
    if len(needle) < 2:
        return []
    lang = current_lang()
    excluded = {int(pk) for pk in exclude if str(pk).isdigit()}
    matches = []
    for pk, local, *labels in Occupation.objects.values_list("pk", f"label_{lang}", "label_en", "label_nl", "label_fr"):
        if pk not in excluded and any(needle in fold(label) for label in labels if label):
            matches.append((fold(local or labels[0]), pk))
    matches.sort(key=lambda item: (not item[0].startswith(needle), len(item[0]), item[0]))
    ids = [pk for _, pk in matches[:limit]]
    by_id = Occupation.objects.in_bulk(ids)
    return [by_id[pk] for pk in ids if pk in by_id]
