"""Demo data for events: a forum, a CV workshop, a speed-meeting session (full, with a waiting list) and a company
visit that took place last week (attendance taken, feedback given). Registrations are individual and by class.
Deterministic: fixed titles and choices; only the database ids change between runs."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from backstage.accounts.selectors import contact_allowed
from backstage.careers.models import Occupation
from backstage.events import services
from backstage.events.models import Event, Registration
from backstage.organisations.models import Membership, Organisation, Role, SchoolClass


def _at(today: datetime.date, days: int, hour: int) -> datetime.datetime:
    day = today + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day, hour, 0))


def _first(kind, name=None):
    found = Organisation.objects.filter(kind=kind, status=Organisation.Status.APPROVED).select_related("place")
    if name:
        found = found.filter(name=name)
    return found.order_by("name").first()


def _actor(organisation):
    found = Membership.objects.active().filter(organisation=organisation).order_by("role", "user__email").first()
    return found.user if found else None


def seed_events(*, today: datetime.date) -> dict:
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        with transaction.atomic():
            return _seed(today)


def _seed(today):
    school = Organisation.objects.filter(kind=Organisation.Kind.SCHOOL, priority_education=True).order_by("name").first()
    hospital = _first(Organisation.Kind.COMPANY, "Hôpital du Canal") or _first(Organisation.Kind.COMPANY)
    nonprofit = _first(Organisation.Kind.NONPROFIT)
    if school is None or hospital is None:
        return {"events": 0}
    nurse = Occupation.objects.filter(isco_group__code="2221").order_by("code").first()
    plans = [
        (school, "forum", "Forum des métiers du quartier", 14, 9, 80, None,
         "Vingt professionnels du quartier présentent leur métier : santé, bâtiment, banque, numérique."),
        (nonprofit or school, "workshop", "Atelier : ma lettre et mon CV de stage", 7, 14, 15, None,
         "Deux heures pour écrire sa lettre de motivation et son CV de stage, avec des bénévoles."),
        (hospital, "speed_meeting", "Speed-meeting avec les soignants", 21, 13, 3, None,
         "Dix minutes avec chaque professionnel : infirmière, aide-soignant, technicienne de laboratoire."),
        (hospital, "company_visit", "Visite de l'hôpital du Canal", -6, 10, 30, school,
         "Visite des urgences, du laboratoire et des cuisines, pour une classe."),
    ]
    events = []
    for organiser, kind, title, days, hour, capacity, only_school, description in plans:
        place = organiser.place or school.place
        event = services.event_save(
            organiser=organiser, actor=_actor(organiser), occupations=[nurse] if nurse and kind != "workshop" else [],
            kind=kind, title=title, description=description, starts_at=_at(today, max(days, 1), hour),
            ends_at=_at(today, max(days, 1), hour + 2), place=place, address=organiser.address,
            video_url="https://meet.jit.si/backstage-atelier-cv" if kind == "workshop" else "", capacity=capacity,
            school=only_school,
        )
        events.append((event, days))
    classes = list(SchoolClass.objects.filter(school=school).order_by("name"))
    teacher = Membership.objects.active().filter(organisation=school, role=Role.TEACHER).order_by("user__email").first()
    pupils = [
        m for m in Membership.objects.active().filter(role=Role.STUDENT, organisation=school)
        .select_related("user").order_by("user__email") if contact_allowed(m.user)
    ]
    forum, workshop, speed, visit = (event for event, _days in events)
    if classes and teacher:
        services.class_register(event=forum, school_class=classes[0], actor=teacher.user)
        services.class_register(event=visit, school_class=classes[0], actor=teacher.user)
    for membership in pupils[:5]:
        for event in (workshop, speed):
            services.registration_create(event=event, student=membership.user, school=school)
    # The visit took place last week: attendance taken, two pupils gave their feedback.
    past = _at(today, -6, 10)
    Event.objects.filter(pk=visit.pk).update(starts_at=past, ends_at=past + datetime.timedelta(hours=2))
    registered = list(visit.registrations.filter(status=Registration.Status.REGISTERED).order_by("pk"))
    services.attendance_take(event=visit, actor=_actor(hospital), present_ids={r.pk for r in registered[:-1]})
    for registration, rating in zip(registered[:2], (5, 4)):
        registration.refresh_from_db()
        services.feedback_submit(registration=registration, rating=rating,
                                 learned="Les urgences ne dorment jamais ; le laboratoire analyse des centaines de tubes.",
                                 wish="Voir un bloc opératoire.")
    return {"events": len(events), "registrations": Registration.objects.count()}
