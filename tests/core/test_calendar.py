import datetime
import zoneinfo

import pytest
from icalendar import Calendar

from backstage.core.calendar import CalendarEntry, ics_bytes, ics_response

BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")


def entry(**changes):
    values = dict(
        uid="meeting-7", title="Visite chez Hôpital Saint-Pierre; atelier, « stérilisation »",
        start=datetime.datetime(2026, 12, 3, 14, 0, tzinfo=BRUSSELS),
        end=datetime.datetime(2026, 12, 3, 15, 30, tzinfo=BRUSSELS),
        location="Rue Haute 322, 1000 Bruxelles", description="Line one\nLine two, with a comma",
    )
    values.update(changes)
    return CalendarEntry(**values)


def test_calendar_file_reads_back_with_utc_times_and_escaped_text():
    calendar = Calendar.from_ical(ics_bytes([entry()]))
    (event,) = calendar.walk("VEVENT")
    assert str(event["summary"]) == "Visite chez Hôpital Saint-Pierre; atelier, « stérilisation »"
    assert event.decoded("dtstart") == datetime.datetime(2026, 12, 3, 13, 0, tzinfo=datetime.UTC)
    assert event.decoded("dtend") == datetime.datetime(2026, 12, 3, 14, 30, tzinfo=datetime.UTC)
    assert str(event["location"]) == "Rue Haute 322, 1000 Bruxelles"
    assert str(event["description"]) == "Line one\nLine two, with a comma"
    assert str(event["uid"]).startswith("meeting-7@")


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError):
        ics_bytes([entry(start=datetime.datetime(2026, 12, 3, 14, 0))])


def test_response_is_a_calendar_attachment():
    response = ics_response([entry()], "meeting.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="meeting.ics"'
    assert response.content.startswith(b"BEGIN:VCALENDAR")
