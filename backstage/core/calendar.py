"""Calendar files (.ics, RFC 5545) for confirmed meetings, visits and events, built with icalendar."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpResponse
from icalendar import Calendar, Event


@dataclass(frozen=True)
class CalendarEntry:
    uid: str  # stable per object ("meeting-42"), so a re-downloaded file updates the entry instead of adding one
    title: str
    start: datetime.datetime  # timezone-aware
    end: datetime.datetime
    location: str = ""
    description: str = ""
    url: str = ""


def ics_bytes(entries: list[CalendarEntry]) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Backstage//backstage//EN")
    calendar.add("version", "2.0")
    host = settings.SITE_URL.split("//", 1)[-1].split("/", 1)[0] or "backstage"
    stamp = datetime.datetime.now(datetime.UTC)
    for entry in entries:
        if entry.start.tzinfo is None or entry.end.tzinfo is None:
            raise ValueError("calendar entries need timezone-aware datetimes")
        event = Event()
        event.add("uid", f"{entry.uid}@{host}")
        event.add("dtstamp", stamp)
        event.add("dtstart", entry.start.astimezone(datetime.UTC))
        event.add("dtend", entry.end.astimezone(datetime.UTC))
        event.add("summary", entry.title)
        if entry.location:
            event.add("location", entry.location)
        if entry.description:
            event.add("description", entry.description)
        if entry.url:
            event.add("url", entry.url)
        calendar.add_component(event)
    return calendar.to_ical()


def ics_response(entries: list[CalendarEntry], filename: str) -> HttpResponse:
    response = HttpResponse(ics_bytes(entries), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
