import datetime

from django.utils import timezone

from backstage.events.models import Event
from tests.internships.helpers import brussels


def make_event(organiser, *, capacity=2, days_ahead=10, school=None, kind="forum", title="Forum des métiers", status="published", occupations=()):
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=days_ahead)
    event = Event.objects.create(
        organiser=organiser, kind=kind, title=title, description="Rencontrez des professionnels.", starts_at=start,
        ends_at=start + datetime.timedelta(hours=2), place=brussels(), address="Rue de la Loi 16", capacity=capacity,
        school=school, status=status,
    )
    event.occupations.set(occupations)
    return event
