from django.db.models import Count, Prefetch, Q
from django.http import Http404

from backstage.organisations.models import (
    SCHOOL_STAFF_ROLES,
    Membership,
    Organisation,
    Role,
    SchoolClass,
)


def roles_of(user) -> set[str]:
    """The roles a user holds through active memberships, cached on the user object for the request."""
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_roles_cache", None)
    if cached is None:
        cached = set(Membership.objects.active().filter(user=user).values_list("role", flat=True))
        user._roles_cache = cached
    return cached


def memberships_for_home(user):
    return (
        Membership.objects.active()
        .filter(user=user)
        .select_related("organisation", "organisation__place", "school_class")
        .order_by("organisation__name", "role")
    )


def staff_school_ids(user) -> set[int]:
    return set(
        Membership.objects.active()
        .filter(user=user, role__in=SCHOOL_STAFF_ROLES, organisation__kind=Organisation.Kind.SCHOOL)
        .values_list("organisation_id", flat=True)
    )


def student_school_ids(user) -> set[int]:
    return set(
        Membership.objects.active().filter(user=user, role=Role.STUDENT).values_list("organisation_id", flat=True)
    )


def is_moderator(user) -> bool:
    return user.is_authenticated and (user.is_superuser or Role.MODERATOR in roles_of(user))


def get_school_for_staff(user, pk: int) -> Organisation:
    """A school the user is staff of (approved or still pending); 404 otherwise."""
    try:
        return Organisation.objects.select_related("place").get(
            pk=pk,
            kind=Organisation.Kind.SCHOOL,
            memberships__user=user,
            memberships__role__in=SCHOOL_STAFF_ROLES,
            memberships__ended_at__isnull=True,
        )
    except Organisation.DoesNotExist:
        raise Http404 from None


def get_class_for_staff(user, pk: int) -> SchoolClass:
    try:
        return SchoolClass.objects.select_related("school", "school__place").get(
            pk=pk, school__in=staff_school_ids(user)
        )
    except SchoolClass.DoesNotExist:
        raise Http404 from None


def get_student_in_class_for_staff(user, school_class: SchoolClass, user_pk: int) -> Membership:
    try:
        return Membership.objects.active().select_related("user").get(
            school_class=school_class, user_id=user_pk, role=Role.STUDENT,
            organisation__in=staff_school_ids(user),
        )
    except Membership.DoesNotExist:
        raise Http404 from None


def classes_of_school(school: Organisation):
    return school.classes.annotate(
        student_count=Count("memberships", filter=Q(memberships__ended_at__isnull=True))
    ).order_by("-school_year", "grade", "name")


def students_of_class(school_class: SchoolClass):
    from backstage.accounts.models import ParentalConsent

    return (
        Membership.objects.active()
        .filter(school_class=school_class, role=Role.STUDENT)
        .select_related("user")
        .prefetch_related(
            Prefetch(
                "user__consents",
                queryset=ParentalConsent.objects.exclude(status=ParentalConsent.Status.WITHDRAWN),
                to_attr="live_consents",
            )
        )
        .order_by("user__last_name", "user__first_name")
    )


def staff_of_school(school: Organisation):
    return (
        Membership.objects.active()
        .filter(organisation=school, role__in=SCHOOL_STAFF_ROLES)
        .select_related("user")
        .order_by("user__last_name", "user__first_name")
    )


def pending_schools():
    return (
        Organisation.objects.filter(kind=Organisation.Kind.SCHOOL, status=Organisation.Status.PENDING)
        .select_related("place", "created_by")
        .order_by("created_at")
    )


def get_pending_school_for_moderator(user, pk: int) -> Organisation:
    if not is_moderator(user):
        raise Http404
    try:
        return Organisation.objects.get(pk=pk, kind=Organisation.Kind.SCHOOL, status=Organisation.Status.PENDING)
    except Organisation.DoesNotExist:
        raise Http404 from None


def find_class_by_code(code: str) -> SchoolClass | None:
    return (
        SchoolClass.objects.select_related("school")
        .filter(join_code=code, joining_open=True, school__status=Organisation.Status.APPROVED)
        .first()
    )
