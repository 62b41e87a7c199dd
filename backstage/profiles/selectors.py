"""Reads of professional profiles. Visibility rules live here and nowhere else."""

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import Http404
from django.utils import timezone

from backstage.organisations.models import Organisation, Role
from backstage.organisations.selectors import roles_of, student_school_ids
from backstage.profiles.models import ProfessionalProfile, SchoolLink, Verification


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


def public_profiles():
    """Profiles anyone on the platform may see: published, of an active adult with a verification in force."""
    return (
        ProfessionalProfile.objects.filter(status=ProfessionalProfile.Status.PUBLISHED, user__is_active=True)
        .filter(current_verification_exists())
    )


def gallery_profiles(viewer):
    """The gallery for `viewer`, with what the cards need in a constant number of queries."""
    school_ids = list(student_school_ids(viewer)) if viewer.is_authenticated else []
    links = SchoolLink.objects.filter(status=SchoolLink.Status.CONFIRMED, school_id__in=school_ids).select_related(
        "company", "school"
    )
    return (
        public_profiles()
        .exclude(user=viewer)
        .select_related("user", "occupation", "occupation__isco_group", "employer", "sector", "place")
        .prefetch_related(Prefetch("school_links", queryset=links, to_attr="links_with_viewer"))
    )


def get_profile_for_user(viewer, pk: int) -> ProfessionalProfile:
    """The owner always sees their own profile; everyone else only a public one. 404 otherwise."""
    queryset = ProfessionalProfile.objects.select_related(
        "user", "occupation", "occupation__isco_group", "employer", "sector", "place"
    )
    try:
        profile = queryset.get(pk=pk)
    except ProfessionalProfile.DoesNotExist:
        raise Http404 from None
    if viewer.is_authenticated and profile.user_id == viewer.pk:
        return profile
    if not public_profiles().filter(pk=pk).exists():
        raise Http404
    school_ids = student_school_ids(viewer) if viewer.is_authenticated else set()
    profile.links_with_viewer = list(
        profile.school_links.filter(status=SchoolLink.Status.CONFIRMED, school_id__in=school_ids).select_related(
            "company", "school"
        )
    )
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
