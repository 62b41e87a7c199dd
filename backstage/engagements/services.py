"""Every write of meeting requests: proposing slots, answering, the teacher's approval, feedback."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from backstage.core.services import audit_record
from backstage.engagements.models import MeetingRequest, Slot
from backstage.messaging.models import Notification
from backstage.messaging.notify import notify
from backstage.messaging.selectors import blocked_between
from backstage.messaging.services import MessagingError, _reviewers_for

S = MeetingRequest.Status
AUDIT_MEETING_APPROVED = "meeting.approved"
AUDIT_MEETING_REFUSED = "meeting.refused"


def _url(meeting) -> str:
    return reverse("engagements:detail", args=[meeting.pk])


def _check_can_act(meeting_or_conversation, by):
    conversation = getattr(meeting_or_conversation, "conversation", meeting_or_conversation)
    if not conversation.is_participant(by):
        raise MessagingError(_("Only the student and the professional answer a meeting request."), status=403)
    if blocked_between(conversation.student, conversation.professional):
        raise MessagingError(_("You cannot plan a meeting with this person: one of you blocked the other."),
                             status=409)
    if not conversation.student.has_perm("accounts.use_contact_features"):
        raise MessagingError(_("Meetings wait for a parent's consent."), status=403)


def _check_slot(start, end):
    if start <= timezone.now():
        raise MessagingError(_("Choose a moment in the future."), status=400)
    if end <= start or end - start > datetime.timedelta(hours=8):
        raise MessagingError(_("The end must come after the start, on the same day."), status=400)


@transaction.atomic
def meeting_request(*, conversation, by, kind: str, place: str, address: str = "", note: str = "",
                    slots: list[tuple[datetime.datetime, datetime.datetime]]) -> MeetingRequest:
    _check_can_act(conversation, by)
    if not slots:
        raise MessagingError(_("Propose at least one moment."), status=400)
    for start, end in slots:
        _check_slot(start, end)
    meeting = MeetingRequest.objects.create(
        conversation=conversation, kind=kind, place=place, address=address.strip(), note=note.strip(), proposed_by=by,
    )
    Slot.objects.bulk_create([Slot(meeting=meeting, starts_at=s, ends_at=e, proposed_by=by) for s, e in slots])
    name = by.first_name
    notify(conversation.other_party(by), kind=Notification.Kind.MEETING, url=_url(meeting),
           text=lambda: _("%(name)s proposes a meeting") % {"name": name})
    return meeting


@transaction.atomic
def meeting_accept(*, meeting: MeetingRequest, by, slot: Slot) -> MeetingRequest:
    meeting = MeetingRequest.objects.select_for_update().get(pk=meeting.pk)
    _check_can_act(meeting, by)
    if meeting.status != S.PROPOSED:
        raise MessagingError(_("This request was already answered."), status=409)
    if slot.meeting_id != meeting.pk or slot.withdrawn or slot.proposed_by_id == by.pk:
        raise MessagingError(_("Choose one of the moments the other person proposed."), status=400)
    meeting.starts_at, meeting.ends_at = slot.starts_at, slot.ends_at
    student = meeting.conversation.student
    # Meetings with a minor wait for a teacher of the school (the brief's rule for visits and calls alike).
    meeting.status = S.AWAITING_APPROVAL if student.is_minor else S.CONFIRMED
    meeting.save(update_fields=["starts_at", "ends_at", "status", "updated_at"])
    other = meeting.conversation.other_party(by)
    notify(other, kind=Notification.Kind.MEETING, url=_url(meeting), text=_("Your meeting request was accepted."))
    if meeting.status == S.AWAITING_APPROVAL:
        for reviewer in _reviewers_for(meeting.conversation):
            name = student.first_name
            notify(reviewer, kind=Notification.Kind.MODERATION, url=_url(meeting),
                   text=lambda: _("A meeting of %(name)s waits for your approval") % {"name": name})
    return meeting


@transaction.atomic
def meeting_counter(*, meeting: MeetingRequest, by, start, end) -> MeetingRequest:
    meeting = MeetingRequest.objects.select_for_update().get(pk=meeting.pk)
    _check_can_act(meeting, by)
    if meeting.status != S.PROPOSED:
        raise MessagingError(_("This request was already answered."), status=409)
    _check_slot(start, end)
    meeting.slots.filter(withdrawn=False).exclude(proposed_by=by).update(withdrawn=True)
    Slot.objects.create(meeting=meeting, starts_at=start, ends_at=end, proposed_by=by)
    meeting.proposed_by = by
    meeting.save(update_fields=["proposed_by", "updated_at"])
    notify(meeting.conversation.other_party(by), kind=Notification.Kind.MEETING, url=_url(meeting),
           text=_("Another moment was proposed for your meeting."))
    return meeting


@transaction.atomic
def meeting_decline(*, meeting: MeetingRequest, by, reason: str = "") -> MeetingRequest:
    meeting = MeetingRequest.objects.select_for_update().get(pk=meeting.pk)
    if not meeting.conversation.is_participant(by):
        raise MessagingError(_("Only the student and the professional answer a meeting request."), status=403)
    if meeting.status not in (S.PROPOSED, S.AWAITING_APPROVAL, S.CONFIRMED):
        raise MessagingError(_("This meeting is already closed."), status=409)
    meeting.status = S.DECLINED if meeting.status == S.PROPOSED else S.CANCELLED
    meeting.decision_reason = reason.strip()
    meeting.save(update_fields=["status", "decision_reason", "updated_at"])
    notify(meeting.conversation.other_party(by), kind=Notification.Kind.MEETING, url=_url(meeting),
           text=_("A meeting was declined or cancelled."))
    return meeting


@transaction.atomic
def meeting_approve(*, meeting: MeetingRequest, reviewer, approve: bool, reason: str = "") -> MeetingRequest:
    meeting = MeetingRequest.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status != S.AWAITING_APPROVAL:
        raise MessagingError(_("This meeting does not wait for an approval."), status=409)
    meeting.status = S.CONFIRMED if approve else S.REFUSED
    meeting.approved_by = reviewer
    meeting.approved_at = timezone.now()
    meeting.decision_reason = reason.strip()
    meeting.save(update_fields=["status", "approved_by", "approved_at", "decision_reason", "updated_at"])
    conversation = meeting.conversation
    audit_record(action=AUDIT_MEETING_APPROVED if approve else AUDIT_MEETING_REFUSED, actor=reviewer,
                 subject=conversation.student, organisation=conversation.school, meeting=meeting.pk,
                 reason=meeting.decision_reason)
    text = _("Your meeting is confirmed by the school.") if approve else _("The school did not approve the meeting.")
    for person in (conversation.student, conversation.professional):
        notify(person, kind=Notification.Kind.MEETING, url=_url(meeting), text=text)
    return meeting


@transaction.atomic
def meeting_feedback(*, meeting: MeetingRequest, by, useful=None, learned: str = "", note: str = "") -> MeetingRequest:
    if meeting.status != S.CONFIRMED or meeting.ends_at is None or meeting.ends_at > timezone.now():
        raise MessagingError(_("Feedback comes after the meeting."), status=409)
    if by.pk == meeting.conversation.student_id:
        meeting.useful, meeting.learned = useful, learned.strip()
        meeting.save(update_fields=["useful", "learned", "updated_at"])
    elif by.pk == meeting.conversation.professional_id:
        meeting.professional_note = note.strip()
        meeting.save(update_fields=["professional_note", "updated_at"])
    else:
        raise MessagingError(_("Only the student and the professional give feedback."), status=403)
    return meeting


def meetings_cancel_between(*, a, b) -> int:
    open_states = (S.PROPOSED, S.AWAITING_APPROVAL, S.CONFIRMED)
    pair = Q(conversation__student=a, conversation__professional=b) | Q(conversation__student=b, conversation__professional=a)
    return MeetingRequest.objects.filter(pair, status__in=open_states).update(
        status=S.CANCELLED, updated_at=timezone.now()
    )
