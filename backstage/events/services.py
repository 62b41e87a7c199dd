"""Every write of the events app: events, registrations with their waiting list, attendance, feedback."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from backstage.accounts.selectors import contact_allowed
from backstage.core.services import audit_record
from backstage.events.models import Event, Feedback, Registration
from backstage.organisations.models import Membership, Organisation, Role, SchoolClass

R = Registration.Status


class EventError(Exception):
    """A registration the rules forbid; the message is shown to the person who tried."""


def _mail(*, subject: str, template: str, context: dict, to: list[str]) -> None:
    recipients = sorted({address for address in to if address})
    if recipients:
        body = render_to_string(template, context)
        transaction.on_commit(lambda: send_mail(subject, body, None, recipients))


@transaction.atomic
def event_save(*, event: Event | None = None, organiser: Organisation, actor, occupations=(), **fields) -> Event:
    if event is None:
        event = Event(organiser=organiser, created_by=actor)
    else:
        event = Event.objects.select_for_update().get(pk=event.pk)
        taken = event.registrations.filter(status=R.REGISTERED).count()
        if fields["capacity"] < taken:
            raise EventError(_("%(count)d pupils are already registered.") % {"count": taken})
    for name, value in fields.items():
        setattr(event, name, value)
    event.save()
    event.occupations.set(occupations)
    audit_record(action="events.save", actor=actor, organisation=organiser, event=event.pk)
    if fields.get("capacity"):
        _promote(event)
    return event


@transaction.atomic
def event_set_status(*, event: Event, actor, status: str) -> Event:
    event.status = status
    event.save(update_fields=["status"])
    audit_record(action="events.status", actor=actor, organisation=event.organiser, event=event.pk, status=status)
    return event


def _locked(event: Event) -> Event:
    # Every change to the places of an event locks its row first: two registrations for the last place, or a
    # cancellation and a registration at once, are serialised here.
    return Event.objects.select_for_update().get(pk=event.pk)


def _registered_count(event: Event) -> int:
    return Registration.objects.filter(event=event, status=R.REGISTERED).count()


def register_problem(*, event: Event, student) -> str:
    if event.status != Event.Status.PUBLISHED:
        return _("This event is not open.")
    if event.starts_at <= timezone.now():
        return _("This event has already started.")
    if not contact_allowed(student):
        return _("Your parent's consent is needed first.")
    return ""


def _register(event: Event, student, school: Organisation, actor, school_class=None) -> Registration:
    problem = register_problem(event=event, student=student)
    if problem:
        raise EventError(problem)
    if event.school_id and event.school_id != school.pk:
        raise EventError(_("This event is for the pupils of another school."))
    if Registration.objects.filter(event=event, student=student).exclude(status=R.CANCELLED).exists():
        raise EventError(_("Already registered."))
    status = R.REGISTERED if _registered_count(event) < event.capacity else R.WAITING
    return Registration.objects.create(
        event=event, student=student, school=school, school_class=school_class, registered_by=actor, status=status
    )


@transaction.atomic
def registration_create(*, event: Event, student, school: Organisation) -> Registration:
    event = _locked(event)
    registration = _register(event, student, school, student)
    audit_record(action="events.register", actor=student, organisation=school, event=event.pk,
                 status=registration.status)
    return registration


@transaction.atomic
def class_register(*, event: Event, school_class: SchoolClass, actor) -> dict[str, int]:
    """A teacher registers a whole class; pupils already registered are skipped, the rest may wait."""
    event = _locked(event)
    counts = {R.REGISTERED: 0, R.WAITING: 0, "skipped": 0}
    pupils = Membership.objects.active().filter(role=Role.STUDENT, school_class=school_class).select_related("user")
    for membership in pupils.order_by("user__first_name", "user_id"):
        try:
            registration = _register(event, membership.user, school_class.school, actor, school_class)
        except EventError:
            counts["skipped"] += 1
            continue
        counts[registration.status] += 1
    audit_record(action="events.register_class", actor=actor, organisation=school_class.school, event=event.pk,
                 school_class=school_class.pk, **{str(k): v for k, v in counts.items()})
    return counts


def _promote(event: Event) -> list[Registration]:
    """Fills free places from the waiting list, first come first served; tells each promoted pupil."""
    promoted = []
    free = event.capacity - _registered_count(event)
    for registration in Registration.objects.filter(event=event, status=R.WAITING).select_related("student")[:max(free, 0)]:
        registration.status = R.REGISTERED
        registration.promoted_at = timezone.now()
        registration.save(update_fields=["status", "promoted_at"])
        _mail(subject=_("A place freed up: you are registered"), template="events/email/promoted.txt",
              context={"event": event, "link": settings.SITE_URL.rstrip("/") + reverse("events:event_detail", args=[event.pk])},
              to=[registration.student.email])
        promoted.append(registration)
    return promoted


@transaction.atomic
def registration_cancel(*, registration: Registration, actor) -> Registration:
    event = _locked(registration.event)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == R.CANCELLED:
        raise EventError(_("This registration is already cancelled."))
    registration.status = R.CANCELLED
    registration.save(update_fields=["status"])
    audit_record(action="events.cancel", actor=actor, organisation=registration.school, event=event.pk,
                 registration=registration.pk)
    _promote(event)
    return registration


@transaction.atomic
def attendance_take(*, event: Event, actor, present_ids: set[int]) -> int:
    registrations = Registration.objects.filter(event=event, status=R.REGISTERED)
    registrations.filter(pk__in=present_ids).update(attended=True)
    registrations.exclude(pk__in=present_ids).update(attended=False)
    audit_record(action="events.attendance", actor=actor, organisation=event.organiser, event=event.pk,
                 present=len(present_ids))
    return registrations.filter(attended=True).count()


@transaction.atomic
def feedback_submit(*, registration: Registration, rating: int, learned: str = "", wish: str = "") -> Feedback:
    if not registration.attended:
        raise EventError(_("Only pupils who attended give their feedback."))
    if hasattr(registration, "feedback"):
        raise EventError(_("Thank you, your feedback is already recorded."))
    return Feedback.objects.create(registration=registration, rating=rating, learned=learned, wish=wish)
