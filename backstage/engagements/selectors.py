"""Reads of meeting requests, scoped through the conversations a user may see."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404

from backstage.engagements.models import MeetingRequest
from backstage.messaging.selectors import conversations_for_user


def meetings_for_user(user):
    return (
        MeetingRequest.objects.filter(conversation__in=conversations_for_user(user).values("pk"))
        .select_related("conversation", "conversation__student", "conversation__professional", "proposed_by")
    )


@dataclass(frozen=True)
class MeetingAccess:
    meeting: MeetingRequest
    is_participant: bool

    @property
    def is_staff(self) -> bool:
        return not self.is_participant


def get_meeting_for_user(user, pk: int) -> MeetingAccess:
    try:
        meeting = meetings_for_user(user).prefetch_related("slots").get(pk=pk)
    except MeetingRequest.DoesNotExist:
        raise Http404 from None
    return MeetingAccess(meeting, meeting.conversation.is_participant(user))
