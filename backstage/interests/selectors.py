"""Reads for the quiz results: the attempts a user may see, occupations near a profile, people doing them."""

from dataclasses import dataclass

from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.http import Http404

from backstage.careers.models import RIASEC, Occupation
from backstage.interests.models import QuizAttempt
from backstage.interests.quiz import correlation
from backstage.discovery.search import linked_to, school_with_place, squared_km_from
from backstage.profiles.links import shared_link_phrases
from backstage.profiles.selectors import gallery_profiles

OCCUPATION_FIELDS = ("esco_uri", "label_en", "label_nl", "label_fr", "isco_group_id", *RIASEC)
RESULTS_SHOWN = 12
# Many ESCO occupations share their unit group's averaged profile; a cap keeps the list from being twelve
# variants of one job.
PER_UNIT_GROUP = 2
PROFESSIONALS_PER_OCCUPATION = 3


def get_attempt_for_user(user, pk: int) -> QuizAttempt:
    """A quiz attempt is private to its user: anyone else gets a 404, whatever their role."""
    try:
        return QuizAttempt.objects.get(pk=pk, user=user)
    except QuizAttempt.DoesNotExist:
        raise Http404 from None


def unfinished_attempt(user) -> QuizAttempt | None:
    return QuizAttempt.objects.filter(user=user, finished_at__isnull=True).first()


def finished_attempts(user) -> list[QuizAttempt]:
    return list(QuizAttempt.objects.filter(user=user, finished_at__isnull=False).order_by("-finished_at", "-id"))


@dataclass
class Match:
    occupation: Occupation
    similarity: float
    professionals: list

    @property
    def percent(self) -> int:
        return max(0, round(self.similarity * 100))


def closest_occupations(scores: dict[str, float], *, limit: int = RESULTS_SHOWN,
                        per_unit_group: int = PER_UNIT_GROUP) -> list[Match]:
    """Occupations ranked by the correlation between their RIASEC profile and `scores`, best first.

    Two queries: the six numbers of every occupation with a profile, then the chosen occupations themselves.
    """
    student = [scores[dim] for dim in RIASEC]
    rows = Occupation.objects.filter(realistic__isnull=False).values_list("id", "isco_group_id", "label_en", *RIASEC)
    ranked = []
    for pk, unit, label, *profile in rows:
        similarity = correlation(student, profile)
        # A negative correlation is the opposite of the student's profile: not a match, however few the others.
        if similarity is not None and similarity > 0:
            ranked.append((-similarity, label, pk, unit))
    ranked.sort()
    chosen, per_unit = [], {}
    for negative, _label, pk, unit in ranked:
        if per_unit.get(unit, 0) >= per_unit_group:
            continue
        per_unit[unit] = per_unit.get(unit, 0) + 1
        chosen.append((pk, -negative))
        if len(chosen) == limit:
            break
    occupations = Occupation.objects.only(*OCCUPATION_FIELDS).in_bulk([pk for pk, _similarity in chosen])
    return [Match(occupations[pk], similarity, []) for pk, similarity in chosen]


def attach_professionals(matches: list[Match], viewer, viewer_schools,
                         *, per_occupation: int = PROFESSIONALS_PER_OCCUPATION) -> None:
    """Public profiles doing each occupation: linked to the viewer's school first, then the nearest to it, then
    the most recently published; ranked per occupation in SQL, so the nearest are found among any number.

    Goes through gallery_profiles(viewer), the one place that decides who a viewer may see.
    """
    by_occupation = {match.occupation.pk: match for match in matches}
    if not by_occupation:
        return
    ordering = [F("linked").desc()]
    profiles = gallery_profiles(viewer).filter(occupation_id__in=by_occupation).alias(linked=linked_to(viewer_schools))
    school = school_with_place(viewer_schools)
    if school is not None:
        profiles = profiles.alias(
            squared_km=squared_km_from("place__", school.place.latitude, school.place.longitude)
        )
        ordering.append(F("squared_km").asc(nulls_last=True))
    ordering += [F("published_at").desc(), F("pk").desc()]
    profiles = profiles.annotate(
        rank_in_occupation=Window(RowNumber(), partition_by=[F("occupation_id")], order_by=ordering)
    ).filter(rank_in_occupation__lte=per_occupation)
    for profile in sorted(profiles, key=lambda profile: profile.rank_in_occupation):
        by_occupation[profile.occupation_id].professionals.append(
            {"profile": profile, "shared_links": shared_link_phrases(profile, viewer_schools)}
        )
