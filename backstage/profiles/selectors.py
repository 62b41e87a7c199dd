"""Reads of professional profiles. Visibility rules live here and nowhere else."""

import datetime

from django.db import connection
from django.db.models import Case, Exists, OuterRef, Prefetch, Q, Subquery, When, prefetch_related_objects
from django.http import Http404
from django.utils import timezone

from backstage.accounts.models import ADULT_AGE, User
from backstage.careers.models import IscoGroup
from backstage.organisations.models import Membership, Organisation, Role
from backstage.organisations.selectors import roles_of, student_school_ids
from backstage.profiles.models import ProfessionalProfile, SchoolLink, Verification


CARD_RELATIONS = ("user", "occupation", "occupation__isco_group", "employer", "sector", "place")
# The profile and, of its relations, what a card shows (profile_card.html) and the search explains: a results page
# reads 20 of them, and an occupation row also carries its descriptions and synonyms in three languages. The
# employer and the sector are read apart (CARD_PREFETCH): with the visibility rules, PostgreSQL took 5 ms to plan
# the join of all five relations, against 1.5 ms for three and two short queries.
CARD_FIELDS = [field.name for field in ProfessionalProfile._meta.concrete_fields] + [
    "user__first_name", "user__last_name", *(f"occupation__label_{lang}" for lang in ("en", "nl", "fr")),
    *(f"place__{name}" for name in ("name", "name_fr", "name_nl", "latitude", "longitude", "postcode", "country")),
]
CARD_PREFETCH = (
    Prefetch("employer", queryset=Organisation.objects.only("name")),
    Prefetch("sector", queryset=IscoGroup.objects.only(*(f"label_{lang}" for lang in ("en", "nl", "fr")))),
)


def current_verification_exists(user_ref="user"):
    """An Exists() over a verification in force today for the profile's user (expired ones do not count)."""
    return Exists(
        Verification.objects.filter(
            user=OuterRef(user_ref), status=Verification.Status.VERIFIED, expires_on__gte=timezone.localdate()
        )
    )


def is_verified(user) -> bool:
    return Verification.objects.filter(
        user=user, status=Verification.Status.VERIFIED, expires_on__gte=timezone.localdate()
    ).exists()


def _adult_born_before() -> datetime.date:
    today = timezone.localdate()
    try:
        return today.replace(year=today.year - ADULT_AGE)
    except ValueError:  # 29 February
        return today.replace(year=today.year - ADULT_AGE, day=28)


_public = (None, None)  # (day, queryset): public_profiles() as built that day


def public_profiles():
    """Profiles anyone on the platform may see: published, of an active adult with a verification in force.
    Whatever a profile row says, no student account and no minor is ever listed (safeguarding rule 7).
    Built once a day per process (the rules hold only the date): building them again took the ORM 0.6 ms of every
    results page."""
    global _public
    today = timezone.localdate()
    day, queryset = _public
    if day != today:
        queryset = (
            ProfessionalProfile.objects.filter(status=ProfessionalProfile.Status.PUBLISHED, user__is_active=True)
            .filter(current_verification_exists())
            .exclude(user__date_of_birth__gt=_adult_born_before())
            .exclude(Exists(Membership.objects.active().filter(user=OuterRef("user"), role=Role.STUDENT)))
        )
        _public = (today, queryset)
    return queryset.all()  # a copy: the caller may filter or evaluate it


def listing_values(*, user_model, membership_model, verification_model) -> dict:
    """The listing columns of a profile (see listed()), as expressions for an UPDATE (models passed in so that a
    migration can use its own)."""
    owner = OuterRef("user_id")
    listable = (
        Q(status=ProfessionalProfile.Status.PUBLISHED)
        & Exists(user_model.objects.filter(pk=owner, is_active=True))
        & ~Exists(membership_model.objects.filter(user=owner, role=Role.STUDENT, ended_at__isnull=True))
    )
    latest_expiry = (
        verification_model.objects.filter(user=owner, status=Verification.Status.VERIFIED, expires_on__isnull=False)
        .order_by("-expires_on").values("expires_on")[:1]
    )
    return {
        "listed_until": Case(When(listable, then=Subquery(latest_expiry)), default=None),
        "owner_born_on": Subquery(user_model.objects.filter(pk=owner).values("date_of_birth")[:1]),
    }


def relist(*, user_ids=None) -> None:
    """Bring the listing columns of these users' profiles (all, by default) up to date. Called after every
    change to a profile, a user, a verification or a membership (signals in apps.py, so that an admin edit counts
    too), and after bulk loads."""
    profiles = ProfessionalProfile.objects.all() if user_ids is None else ProfessionalProfile.objects.filter(
        user_id__in=list(user_ids))
    profiles.update(**listing_values(user_model=User, membership_model=Membership, verification_model=Verification))


def listed() -> Q:
    """public_profiles() read from the columns relist() keeps, with no lookup in other tables: published by an
    active account that is no student, with a verification in force (its last day is kept, so an expiry needs no
    update) and not a minor (the birth date is kept, so a birthday needs none). For long lists (search: a popular
    job has a thousand professionals); what is shown is checked again against public_profiles()."""
    return Q(listed_until__gte=timezone.localdate()) & ~Q(owner_born_on__gt=_adult_born_before())


def capacity_reached() -> Q:
    """Profiles whose monthly capacity is used up: this month's new conversations and meeting requests addressed to
    the professional, compared with `monthly_capacity`.

    Counted first, in one grouped query over this month's requests only, and given to the query as a list of
    ids: as a subquery, PostgreSQL planned it as a scan of every profile inside each search query."""
    from backstage.engagements.models import MeetingRequest
    from backstage.messaging.models import Conversation

    month_start = timezone.localtime().replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    profile, conversation, meeting = (model._meta.db_table for model in (ProfessionalProfile, Conversation,
                                                                          MeetingRequest))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT p.id FROM {profile} p JOIN ("
            f"SELECT professional_id AS user_id FROM {conversation} WHERE created_at >= %s "
            f"UNION ALL SELECT c.professional_id FROM {meeting} m JOIN {conversation} c ON c.id = m.conversation_id "
            f"WHERE m.created_at >= %s) requests ON requests.user_id = p.user_id "
            f"GROUP BY p.id, p.monthly_capacity HAVING count(*) >= p.monthly_capacity",
            [connection.ops.adapt_datetimefield_value(month_start)] * 2,
        )
        return Q(pk__in=[row[0] for row in cursor.fetchall()])


def _for_viewer(profiles, viewer, full: Q | None):
    """What `viewer` may see of `profiles`: not their own, and students are not shown who took a break and has no
    room left this month (`full`: capacity_reached(), when the caller needs it too)."""
    if viewer.is_authenticated:
        profiles = profiles.exclude(user=viewer)
        if Role.STUDENT in roles_of(viewer):
            profiles = profiles.exclude(Q(paused=True) & (capacity_reached() if full is None else full))
    return profiles


def gallery_profiles(viewer, *, full: Q | None = None, school_ids=None):
    """Every list of professionals for `viewer` (gallery, quiz, explore, company pages), with what the cards need
    in a constant number of queries (`school_ids`: student_school_ids(viewer), if known)."""
    if school_ids is None:
        school_ids = list(student_school_ids(viewer)) if viewer.is_authenticated else []
    return _for_viewer(public_profiles(), viewer, full).select_related(*CARD_RELATIONS).prefetch_related(
        Prefetch("school_links", queryset=links_with_schools(school_ids), to_attr="links_with_viewer")
    )


def listed_profiles(viewer, *, full: Q | None = None):
    """As gallery_profiles, read from the listing columns (listed()), without the cards' relations: the candidates
    of a search, to be ranked and counted; the page's cards then come from cards_by_id()."""
    return _for_viewer(ProfessionalProfile.objects.filter(listed()), viewer, full)


def links_with_schools(school_ids):
    """Confirmed links to these schools (the viewer's): what a card says a professional shares with the viewer."""
    return SchoolLink.objects.filter(status=SchoolLink.Status.CONFIRMED, school_id__in=school_ids).select_related(
        "company", "school"
    )


def cards_by_id(viewer, ids: list[int], *, full: Q | None = None, school_ids=None, linked=None) -> dict:
    """The profiles behind `ids` that `viewer` may see, checked against the rules themselves (the ids come from the
    listing columns, which a write that bypassed the signals could have left behind), with what the cards need.
    `full`: capacity_reached(), `school_ids`: student_school_ids(viewer), if already known; `linked`: those of
    `ids` known to have a confirmed link with these schools (the others' links are not looked up)."""
    if not ids:
        return {}
    if school_ids is None:
        school_ids = list(student_school_ids(viewer)) if viewer.is_authenticated else []
    profiles = (
        _for_viewer(public_profiles(), viewer, full)
        .select_related("user", "occupation", "place").only(*CARD_FIELDS).order_by().in_bulk(ids)
    )
    prefetch_related_objects(list(profiles.values()), *CARD_PREFETCH)
    for profile in profiles.values():
        profile.links_with_viewer = []
    wanted = [pk for pk in profiles if linked is None or pk in linked]
    if school_ids and wanted:
        for link in links_with_schools(school_ids).filter(profile__in=wanted):
            profiles[link.profile_id].links_with_viewer.append(link)
    return profiles


def get_profile_for_user(viewer, pk: int) -> ProfessionalProfile:
    """The owner always sees their own profile; everyone else only a public one. 404 otherwise."""
    queryset = ProfessionalProfile.objects.select_related(*CARD_RELATIONS)
    try:
        profile = queryset.get(pk=pk)
    except ProfessionalProfile.DoesNotExist:
        raise Http404 from None
    if viewer.is_authenticated and profile.user_id == viewer.pk:
        return profile
    if not public_profiles().filter(pk=pk).exists():
        raise Http404
    school_ids = student_school_ids(viewer) if viewer.is_authenticated else set()
    profile.links_with_viewer = list(links_with_schools(school_ids).filter(profile=profile))
    return profile


def own_profile(user) -> ProfessionalProfile | None:
    return ProfessionalProfile.objects.filter(user=user).select_related("occupation", "employer", "place").first()


def can_have_profile(user) -> bool:
    """Adults only: a student account never publishes a professional profile."""
    return user.is_authenticated and not user.is_minor and Role.STUDENT not in roles_of(user)


def company_admin_company_ids(user) -> set[int]:
    from backstage.organisations.models import Membership

    return set(
        Membership.objects.active()
        .filter(user=user, role=Role.COMPANY_ADMIN, organisation__kind=Organisation.Kind.COMPANY)
        .values_list("organisation_id", flat=True)
    )


def confirmed_links_q(school_ids) -> Q:
    return Q(school_links__status=SchoolLink.Status.CONFIRMED, school_links__school_id__in=school_ids)
