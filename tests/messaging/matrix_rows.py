"""Rows of the authorization matrix (tests/test_authorization_matrix.py) for conversations, moderation,
notifications and meeting requests."""

import datetime

from django.utils import timezone

from backstage.engagements.models import MeetingRequest, Slot
from backstage.messaging.models import Block, Conversation, Message, Report
from tests.factories import UserFactory

ROLES = (
    "anonymous", "student", "teacher", "other_teacher", "professional", "company_admin", "coordinator", "moderator"
)
LOGGED_IN = ROLES[1:]


def everyone(status):
    return {role: status for role in ROLES}


def logged_in(status, anonymous=302):
    return {"anonymous": anonymous, **{role: status for role in LOGGED_IN}}


def only(roles, ok=200, others=404, anonymous=302):
    return {"anonymous": anonymous, **{role: (ok if role in roles else others) for role in LOGGED_IN}}


def build_messaging_objects(world):
    """The world's student writing with the world's professional; a held message, a report, meetings."""
    conversation = Conversation.objects.create(
        student=world["student"], professional=world["professional"], school=world["school"], subject="Nursing",
        next_seq=3, last_message_at=timezone.now(),
    )
    Message.objects.create(conversation=conversation, sender=world["student"], seq=1, body="Hello, what do you do?")
    held = Message.objects.create(
        conversation=conversation, sender=world["professional"], seq=2, body="Call me on 0475 12 34 56",
        status=Message.Status.HELD, held_kinds=["phone"],
    )
    report = Report.objects.create(
        reporter=world["student"], reported=world["professional"], conversation=conversation, message=held,
        reason=Report.Reason.CONTACT,
    )
    block = Block.objects.create(blocker=world["student"], blocked=UserFactory())
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    meetings = {}
    for name, status in (("meeting", "approval"), ("closed_meeting", "declined"), ("confirmed_meeting", "confirmed")):
        meeting = MeetingRequest.objects.create(
            conversation=conversation, kind="workplace", place="workplace", address="Rue Haute 1, Bruxelles",
            status=status, proposed_by=world["student"], starts_at=tomorrow,
            ends_at=tomorrow + datetime.timedelta(hours=1),
        )
        Slot.objects.create(meeting=meeting, starts_at=tomorrow, ends_at=tomorrow + datetime.timedelta(hours=1),
                            proposed_by=world["student"])
        meetings[name] = meeting
    return {"conversation": conversation, "held": held, "report": report, "block": block, **meetings}


PARTIES = {"student", "professional"}
READERS = PARTIES | {"teacher"}
MODERATORS = {"teacher", "other_teacher", "moderator"}
# The moderator reads this conversation because it has a held message and an open report.
READERS_AND_MODERATOR = READERS | {"moderator"}

MATRIX = {
    "messaging:inbox": ("get", lambda w: "/messages/", logged_in(200)),
    # Everyone sees the page; only a student gets the form, the others read why they cannot start one.
    "messaging:start": ("get", lambda w: f"/messages/new/{w['published'].pk}/", logged_in(200)),
    "messaging:conversation": ("get", lambda w: f"/messages/{w['conversation'].pk}/", only(READERS_AND_MODERATOR)),
    "messaging:send": ("post", lambda w: f"/messages/{w['conversation'].pk}/send/", only(PARTIES, ok=400)),
    "messaging:report_conversation": (
        "get", lambda w: f"/messages/{w['conversation'].pk}/report/", only(PARTIES)
    ),
    "messaging:report_profile": ("get", lambda w: f"/messages/report/professional/{w['published'].pk}/", logged_in(200)),
    "messaging:unblock": ("post", lambda w: f"/messages/blocks/{w['block'].pk}/remove/", only({"student"}, ok=302)),
    "messaging:moderation": ("get", lambda w: "/messages/moderation/", only(MODERATORS)),
    "messaging:moderation_decide": (
        "post", lambda w: f"/messages/moderation/messages/{w['held'].pk}/", only({"teacher", "moderator"}, ok=400)
    ),
    "messaging:moderation_close_report": (
        "post", lambda w: f"/messages/moderation/reports/{w['report'].pk}/", only({"teacher", "moderator"}, ok=400)
    ),
    "messaging:notifications": ("get", lambda w: "/messages/notifications/", logged_in(200)),
    "messaging:unread": ("get", lambda w: "/messages/notifications/unread/", logged_in(200)),
    "messaging:preferences": ("get", lambda w: "/messages/notifications/settings/", logged_in(200)),
    "messaging:unsubscribe": ("get", lambda w: "/messages/unsubscribe/not-a-token/", everyone(404)),
    "engagements:new": ("get", lambda w: f"/meetings/new/{w['conversation'].pk}/", only(PARTIES)),
    "engagements:detail": ("get", lambda w: f"/meetings/{w['meeting'].pk}/", only(READERS_AND_MODERATOR)),
    "engagements:accept": ("post", lambda w: f"/meetings/{w['meeting'].pk}/accept/", only(PARTIES, ok=400)),
    "engagements:counter": ("post", lambda w: f"/meetings/{w['meeting'].pk}/counter/", only(PARTIES, ok=400)),
    "engagements:decline": ("post", lambda w: f"/meetings/{w['closed_meeting'].pk}/decline/", only(PARTIES, ok=409)),
    "engagements:approve": ("post", lambda w: f"/meetings/{w['meeting'].pk}/approve/", only({"teacher"}, ok=400)),
    "engagements:feedback": (
        "post", lambda w: f"/meetings/{w['confirmed_meeting'].pk}/feedback/", only(PARTIES, ok=400)
    ),
    "engagements:ics": ("get", lambda w: f"/meetings/{w['confirmed_meeting'].pk}/meeting.ics", only(READERS_AND_MODERATOR)),
}
