"""Every write of conversations, moderation, reports and blocks."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count, Min
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from backstage.core.safety import find_contact_details
from backstage.core.services import audit_record
from backstage.messaging import models as m
from backstage.messaging.models import Block, Conversation, Message, Notification, Report
from backstage.messaging.notify import notify
from backstage.messaging.selectors import blocked_between
from backstage.organisations.models import Membership, Role
from backstage.organisations.selectors import roles_of

NEW_CONVERSATIONS_PER_DAY = 5  # per student
FIRST_REPLIES_PER_DAY = 10  # per adult whose account is new
NEW_ADULT_DAYS = 30


class MessagingError(Exception):
    """A refusal the user must read. `status` is the HTTP answer: 403 refused, 409 blocked, 429 rate limit."""

    def __init__(self, message, *, status: int = 403):
        super().__init__(message)
        self.message = message
        self.status = status


def _school_of(student):
    membership = (
        Membership.objects.active().filter(user=student, role=Role.STUDENT).select_related("organisation")
        .order_by("-created_at", "-pk").first()
    )
    return membership.organisation if membership else None


def contactable_profile_problem(student, profile) -> str | None:
    """Why `student` may not write to `profile` (None when they may)."""
    from backstage.profiles.selectors import capacity_reached, gallery_profiles

    if Role.STUDENT not in roles_of(student):
        return _("Only students start conversations on Backstage; professionals answer them.")
    if not student.has_perm("accounts.use_contact_features"):
        return _(
            "Before you can write to professionals, a parent has to give their consent. "
            "Ask for it from your account page."
        )
    if not gallery_profiles(student).filter(pk=profile.pk).exists():
        return _("This professional cannot be contacted.")
    if blocked_between(student, profile.user):
        return _("You cannot write to this person.")
    if profile.paused:
        return _("This professional is taking a break and does not take new questions now.")
    from backstage.profiles.models import ProfessionalProfile

    if ProfessionalProfile.objects.filter(pk=profile.pk).filter(capacity_reached()).exists():
        return _("This professional has received as many requests as they can answer this month. Try again next month.")
    return None


def _hold_reasons(conversation: Conversation, body: str) -> list[str]:
    # Rule 4: any message to or from a minor. An adult student's conversation is not held.
    if not conversation.student.is_minor:
        return []
    kinds = []
    for detail in find_contact_details(body):
        if detail.kind not in kinds:
            kinds.append(detail.kind)
    return kinds


@transaction.atomic
def conversation_start(*, student, profile, subject: str, body: str) -> Conversation:
    problem = contactable_profile_problem(student, profile)
    if problem:
        raise MessagingError(problem, status=409 if blocked_between(student, profile.user) else 403)
    # The student's row lock makes two starts at the same moment count one after the other.
    get_user_model().objects.select_for_update().filter(pk=student.pk).exists()
    if Conversation.objects.filter(student=student, created_at__gte=_start_of_today()).count() >= NEW_CONVERSATIONS_PER_DAY:
        raise MessagingError(
            _("You have started %(n)d conversations today. Wait until tomorrow before starting a new one.")
            % {"n": NEW_CONVERSATIONS_PER_DAY},
            status=429,
        )
    conversation = Conversation.objects.create(
        student=student, professional=profile.user, school=_school_of(student), subject=subject.strip()
    )
    message_send(conversation=conversation, sender=student, body=body)
    return conversation


def _start_of_today() -> datetime.datetime:
    """Limits count per calendar day in the local time zone, as their messages say ("today", "tomorrow")."""
    return timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)


def _first_replies_today(adult) -> int:
    firsts = (
        Message.objects.filter(sender=adult).values("conversation").annotate(first=Min("created_at"))
        .filter(first__gte=_start_of_today())
    )
    return firsts.aggregate(n=Count("conversation"))["n"] or 0


@transaction.atomic
def message_send(*, conversation: Conversation, sender, body: str) -> Message:
    if not conversation.is_participant(sender):
        raise MessagingError(_("Only the two people in a conversation write in it."), status=403)
    other = conversation.other_party(sender)
    if blocked_between(sender, other):
        raise MessagingError(_("You cannot write in this conversation any more: one of you blocked the other."),
                             status=409)
    # Consent can be withdrawn after the conversation started: it then stops both ways.
    if not conversation.student.has_perm("accounts.use_contact_features"):
        if sender.pk == conversation.student_id:
            raise MessagingError(_("Before you can write to professionals, a parent has to give their consent."))
        raise MessagingError(_("This conversation waits for a parent's consent."))
    # The row lock orders concurrent replies: each takes the next number after the other has committed.
    locked = Conversation.objects.select_for_update().get(pk=conversation.pk)
    if sender.pk == conversation.professional_id:
        is_first_reply = not Message.objects.filter(conversation=conversation, sender=sender).exists()
        new_adult = sender.date_joined >= timezone.now() - datetime.timedelta(days=NEW_ADULT_DAYS)
        if is_first_reply and new_adult and _first_replies_today(sender) >= FIRST_REPLIES_PER_DAY:
            raise MessagingError(
                _("New accounts answer at most %(n)d new conversations a day. You can answer this one tomorrow.")
                % {"n": FIRST_REPLIES_PER_DAY},
                status=429,
            )
    kinds = _hold_reasons(conversation, body)
    message = Message.objects.create(
        conversation=locked, sender=sender, seq=locked.next_seq, body=body.strip(),
        status=Message.Status.HELD if kinds else Message.Status.VISIBLE, held_kinds=kinds,
    )
    now = timezone.now()
    Conversation.objects.filter(pk=locked.pk).update(next_seq=locked.next_seq + 1, last_message_at=now)
    conversation.next_seq = locked.next_seq + 1
    conversation.last_message_at = now
    url = reverse("messaging:conversation", args=[conversation.pk])
    if kinds:
        audit_record(action=m.AUDIT_MESSAGE_HELD, actor=sender, subject=conversation.student,
                     organisation=conversation.school, message=message.pk, kinds=kinds)
        notify(sender, kind=Notification.Kind.MESSAGE_HELD, url=url,
               text=_("Your message is held for moderation: it seems to contain contact details."))
        notify(other, kind=Notification.Kind.MESSAGE_HELD, url=url,
               text=_("A message for you is held for moderation before you can read it."))
        for reviewer in _reviewers_for(conversation):
            notify(reviewer, kind=Notification.Kind.MODERATION, url=reverse("messaging:moderation"),
                   text=_("A message is waiting for moderation."))
    else:
        name = sender.first_name
        notify(other, kind=Notification.Kind.NEW_MESSAGE, url=url,
               text=lambda: _("New message from %(name)s") % {"name": name})
    return message


def _reviewers_for(conversation):
    from backstage.accounts.models import User
    from backstage.organisations.models import SCHOOL_STAFF_ROLES

    if conversation.school_id is None:
        return User.objects.none()
    return User.objects.filter(
        memberships__organisation_id=conversation.school_id, memberships__role__in=SCHOOL_STAFF_ROLES,
        memberships__ended_at__isnull=True, is_active=True,
    ).distinct()


@transaction.atomic
def message_decide(*, message: Message, reviewer, release: bool, reason: str) -> Message:
    message = Message.objects.select_for_update().get(pk=message.pk)
    if message.status != Message.Status.HELD:
        raise MessagingError(_("Somebody already decided on this message."), status=409)
    message.status = Message.Status.VISIBLE if release else Message.Status.REFUSED
    message.decided_by = reviewer
    message.decided_at = timezone.now()
    message.decision_reason = reason.strip()
    message.save(update_fields=["status", "decided_by", "decided_at", "decision_reason"])
    conversation = message.conversation
    audit_record(
        action=m.AUDIT_MESSAGE_RELEASED if release else m.AUDIT_MESSAGE_REFUSED, actor=reviewer,
        subject=conversation.student, organisation=conversation.school, message=message.pk, reason=message.decision_reason,
    )
    url = reverse("messaging:conversation", args=[conversation.pk])
    if release:
        notify(message.sender, kind=Notification.Kind.MESSAGE_DECIDED, url=url,
               text=_("Your held message was released and delivered."))
        name = message.sender.first_name
        notify(conversation.other_party(message.sender), kind=Notification.Kind.NEW_MESSAGE, url=url,
               text=lambda: _("New message from %(name)s") % {"name": name})
    else:
        notify(message.sender, kind=Notification.Kind.MESSAGE_DECIDED, url=url,
               text=_("Your held message was not delivered. The reason is shown in the conversation."))
    return message


@transaction.atomic
def block_create(*, blocker, blocked, context: str = "") -> Block:
    block, created = Block.objects.get_or_create(blocker=blocker, blocked=blocked)
    if created:
        audit_record(action=m.AUDIT_BLOCKED, actor=blocker, subject=blocked, context=context)
        # Meetings between them stop at once, both ways.
        from backstage.engagements.services import meetings_cancel_between

        meetings_cancel_between(a=blocker, b=blocked)
    return block


@transaction.atomic
def block_remove(*, blocker, blocked) -> None:
    deleted, _rows = Block.objects.filter(blocker=blocker, blocked=blocked).delete()
    if deleted:
        audit_record(action=m.AUDIT_UNBLOCKED, actor=blocker, subject=blocked)


@transaction.atomic
def report_create(*, reporter, reported, reason: str, details: str = "", conversation=None, message=None,
                  context: str = "") -> Report:
    report = Report.objects.create(
        reporter=reporter, reported=reported, reason=reason, details=details.strip(), conversation=conversation,
        message=message, context=context[:200],
    )
    school = conversation.school if conversation is not None else None
    audit_record(action=m.AUDIT_REPORT_FILED, actor=reporter, subject=reported, organisation=school,
                 report=report.pk, reason=reason)
    for reviewer in (_reviewers_for(conversation) if conversation is not None else []):
        notify(reviewer, kind=Notification.Kind.MODERATION, url=reverse("messaging:moderation"),
               text=_("A report is waiting for you."))
    return report


@transaction.atomic
def report_close(*, report: Report, reviewer, reason: str) -> Report:
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.status != Report.Status.OPEN:
        raise MessagingError(_("Somebody already closed this report."), status=409)
    report.status = Report.Status.CLOSED
    report.decided_by = reviewer
    report.decided_at = timezone.now()
    report.decision_reason = reason.strip()
    report.save(update_fields=["status", "decided_by", "decided_at", "decision_reason"])
    audit_record(action=m.AUDIT_REPORT_CLOSED, actor=reviewer, subject=report.reported,
                 organisation=report.conversation.school if report.conversation else None,
                 report=report.pk, reason=report.decision_reason)
    return report


def staff_read_record(*, reader, conversation: Conversation) -> None:
    audit_record(action=m.AUDIT_STAFF_READ, actor=reader, subject=conversation.student,
                 organisation=conversation.school, conversation=conversation.pk)


@transaction.atomic
def preference_set(*, user, email: str) -> m.NotificationPreference:
    preference, _created = m.NotificationPreference.objects.update_or_create(user=user, defaults={"email": email})
    return preference
