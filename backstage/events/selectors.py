"""Reads of the events app: who sees which event and which registrations."""

from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone

from backstage.events.models import Event, Registration
from backstage.organisations.models import SCHOOL_STAFF_ROLES, Membership, Organisation, Role, SchoolClass
from backstage.organisations.selectors import staff_school_ids, student_school_ids

ORGANISER_ROLES = {
    Organisation.Kind.SCHOOL: SCHOOL_STAFF_ROLES,
    Organisation.Kind.COMPANY: (Role.COMPANY_ADMIN,),
    Organisation.Kind.NONPROFIT: (Role.COORDINATOR,),
}


def organiser_ids(user) -> set[int]:
    """Organisations the user may organise events for: staff of a school, admin of a company, coordinator."""
    if not user.is_authenticated:
        return set()
    q = Q(pk__in=[])
    for kind, roles in ORGANISER_ROLES.items():
        q |= Q(organisation__kind=kind, role__in=roles)
    return set(Membership.objects.active().filter(user=user).filter(q).values_list("organisation_id", flat=True))


def organisers(user):
    return Organisation.objects.filter(pk__in=organiser_ids(user))


def get_organiser(user, pk: int) -> Organisation:
    if pk not in organiser_ids(user):
        raise Http404
    return Organisation.objects.get(pk=pk)


def _with_counts(events):
    return events.annotate(
        registered=Count("registrations", filter=Q(registrations__status=Registration.Status.REGISTERED)),
        waiting=Count("registrations", filter=Q(registrations__status=Registration.Status.WAITING)),
    ).select_related("organiser", "place", "school")


def visible_events(user):
    schools = student_school_ids(user) | staff_school_ids(user)
    public = Q(status=Event.Status.PUBLISHED) & (Q(school__isnull=True) | Q(school_id__in=schools))
    return _with_counts(Event.objects.filter(public | Q(organiser_id__in=organiser_ids(user))))


def upcoming_events(user):
    return visible_events(user).filter(ends_at__gte=timezone.now(), status=Event.Status.PUBLISHED)


def get_event_for_user(user, pk: int) -> Event:
    try:
        return visible_events(user).get(pk=pk)
    except Event.DoesNotExist:
        raise Http404 from None


def get_event_for_organiser(user, pk: int) -> Event:
    try:
        return _with_counts(Event.objects.filter(organiser_id__in=organiser_ids(user))).get(pk=pk)
    except Event.DoesNotExist:
        raise Http404 from None


def student_membership(user):
    if not user.is_authenticated:
        return None
    return Membership.objects.active().filter(user=user, role=Role.STUDENT).select_related("organisation").first()


def own_registration(user, event) -> Registration | None:
    return event.registrations.exclude(status=Registration.Status.CANCELLED).filter(student=user).first()


def get_registration_for_user(user, pk: int) -> Registration:
    """The pupil's own registration, or one of a pupil of the user's school (staff)."""
    try:
        return Registration.objects.select_related("event", "student").get(
            Q(student=user) | Q(school_id__in=staff_school_ids(user)), pk=pk
        )
    except Registration.DoesNotExist:
        raise Http404 from None


def classes_for_teacher(user):
    return SchoolClass.objects.filter(school_id__in=staff_school_ids(user)).order_by("school_year", "name")


def registrations_for_organiser(event):
    return event.registrations.exclude(status=Registration.Status.CANCELLED).select_related(
        "student", "school", "school_class"
    )


def registrations_of_my_pupils(user, event):
    return registrations_for_organiser(event).filter(school_id__in=staff_school_ids(user))


def events_for_occupation(occupation, user):
    return upcoming_events(user).filter(occupations=occupation).order_by("starts_at")[:10]
