"""Reads of the internships app. Who sees what is decided here and nowhere else."""

import math

from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from backstage.discovery.search import KM_PER_DEGREE_LATITUDE, KM_PER_DEGREE_LONGITUDE, school_with_place
from backstage.internships.models import Application, Offer, Report
from backstage.organisations.models import Membership, Organisation, Role
from backstage.organisations.selectors import is_moderator, staff_school_ids

S = Application.Status


def managed_organisation_ids(user) -> set[int]:
    """Companies a user administers, and nonprofits they coordinate (they publish on a company's behalf)."""
    if not user.is_authenticated:
        return set()
    return set(
        Membership.objects.active().filter(user=user).filter(
            Q(role=Role.COMPANY_ADMIN, organisation__kind=Organisation.Kind.COMPANY)
            | Q(role=Role.COORDINATOR, organisation__kind=Organisation.Kind.NONPROFIT)
        ).values_list("organisation_id", flat=True)
    )


def managed_organisations(user):
    return Organisation.objects.filter(pk__in=managed_organisation_ids(user))


def get_managed_organisation(user, pk: int) -> Organisation:
    if pk not in managed_organisation_ids(user):
        raise Http404
    return Organisation.objects.get(pk=pk)


def student_membership(user) -> Membership | None:
    if not user.is_authenticated:
        return None
    return (
        Membership.objects.active().filter(user=user, role=Role.STUDENT).select_related("organisation__place")
        .order_by("pk").first()
    )


def _students_may_see(school: Organisation | None):
    # Reserved offers are hidden from pupils who could not apply to them.
    if school is not None and school.priority_education:
        return Q()
    return Q(reserved_for_priority=False)


def visible_offers(user):
    """Published offers, plus every offer of the organisations the user manages."""
    published = Q(status=Offer.Status.PUBLISHED)
    membership = student_membership(user)
    if membership is not None:
        published &= _students_may_see(membership.organisation)
    return (
        Offer.objects.filter(published | Q(organisation_id__in=managed_organisation_ids(user)))
        .select_related("organisation", "place").prefetch_related("occupations")
    )


def get_offer_for_user(user, pk: int) -> Offer:
    try:
        return visible_offers(user).get(pk=pk)
    except Offer.DoesNotExist:
        raise Http404 from None


def get_offer_for_manager(user, pk: int) -> Offer:
    try:
        return Offer.objects.select_related("organisation", "place").get(
            pk=pk, organisation_id__in=managed_organisation_ids(user)
        )
    except Offer.DoesNotExist:
        raise Http404 from None


def search_offers(user, *, starts_after=None, ends_before=None, sector: str = "", distance: int | None = None):
    offers = visible_offers(user).filter(status=Offer.Status.PUBLISHED, starts_on__gt=timezone.localdate())
    if starts_after:
        offers = offers.filter(starts_on__gte=starts_after)
    if ends_before:
        offers = offers.filter(ends_on__lte=ends_before)
    if sector:
        offers = offers.filter(occupations__isco_group__code__startswith=sector).distinct()
    school = school_with_place(_viewer_schools(user))
    rows = list(offers)
    if school is not None:
        lat, lon = school.place.latitude, school.place.longitude
        for offer in rows:
            offer.km = _km(offer, lat, lon)
        if distance:
            rows = [offer for offer in rows if offer.km is not None and offer.km <= distance]
        rows.sort(key=lambda offer: (offer.km is None, offer.km or 0, offer.starts_on))
    return rows, school


def _km(offer, lat, lon):
    if offer.place.latitude is None or offer.place.longitude is None:
        return None
    dy = (offer.place.latitude - lat) * KM_PER_DEGREE_LATITUDE
    dx = (offer.place.longitude - lon) * KM_PER_DEGREE_LONGITUDE * math.cos(math.radians(lat))
    return round(math.hypot(dx, dy))


def _viewer_schools(user):
    from backstage.discovery.search import viewer_schools

    return viewer_schools(user)


def open_offers_for_occupation(occupation, user):
    return (
        visible_offers(user).filter(status=Offer.Status.PUBLISHED, occupations=occupation,
                                    starts_on__gt=timezone.localdate(), places_left__gt=0)
        .order_by("starts_on")[:10]
    )


# ---------------------------------------------------------------------------------------------------------
# Applications: the pupil, the staff of the pupil's school, the company once the application was sent to it,
# and the tutor once it is accepted.


def _visible_applications_q(user) -> Q:
    if not user.is_authenticated:
        return Q(pk__in=[])
    q = Q(student=user) | Q(school_id__in=staff_school_ids(user))
    q |= Q(offer__organisation_id__in=managed_organisation_ids(user), sent_at__isnull=False)
    q |= Q(offer__tutor=user, status=S.ACCEPTED)
    return q


def applications_for_user(user):
    return (
        Application.objects.filter(_visible_applications_q(user))
        .select_related("offer", "offer__organisation", "offer__place", "student", "school")
    )


def get_application_for_user(user, pk: int) -> Application:
    try:
        return applications_for_user(user).get(pk=pk)
    except Application.DoesNotExist:
        raise Http404 from None


def parties_of(user, application: Application) -> set[str]:
    """The roles the user holds on this application (a person may hold several)."""
    parties = set()
    if application.student_id == user.pk:
        parties.add("student")
    if application.school_id in staff_school_ids(user):
        parties.add("teacher")
    if application.offer.organisation_id in managed_organisation_ids(user) and application.sent_at:
        parties.add("company")
    if application.offer.tutor_id == user.pk and application.status == S.ACCEPTED:
        parties.add("tutor")
    return parties


def get_accepted_application_for_user(user, pk: int) -> Application:
    application = get_application_for_user(user, pk)
    if not hasattr(application, "agreement"):
        raise Http404
    return application


def get_agreement_application_for_user(user, pk: int) -> Application:
    """An application with its agreement. The agreement identifies the pupil (date of birth included), so the company
    and the tutor get it only while the application is accepted; the pupil and their school keep it afterwards."""
    pupil_side = Q(student=user) | Q(school_id__in=staff_school_ids(user))
    try:
        return (
            applications_for_user(user).filter(agreement__isnull=False).filter(pupil_side | Q(status=S.ACCEPTED))
            .get(pk=pk)
        )
    except Application.DoesNotExist:
        raise Http404 from None


def report_of(application: Application) -> Report:
    return Report.objects.get(application=application)


def staff_school(user, pk: int) -> Organisation:
    if pk not in staff_school_ids(user):
        raise Http404
    return Organisation.objects.get(pk=pk, kind=Organisation.Kind.SCHOOL)


def moderator(user) -> bool:
    return is_moderator(user)
