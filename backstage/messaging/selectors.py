"""Reads of conversations, moderation and notifications. Who may see what is decided here only."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q
from django.http import Http404

from backstage.messaging.models import Block, Conversation, Message, Notification, NotificationPreference, Report
from backstage.organisations.models import Membership, Role
from backstage.organisations.selectors import is_moderator, roles_of, staff_school_ids


def _students_of_schools(school_ids) -> Exists:
    return Exists(
        Membership.objects.active().filter(user=OuterRef("student"), role=Role.STUDENT, organisation_id__in=school_ids)
    )


def conversations_for_user(user):
    """Conversations a user takes part in, or reads as staff of the student's school (rule 3)."""
    if not user.is_authenticated:
        return Conversation.objects.none()
    school_ids = staff_school_ids(user)
    condition = Q(student=user) | Q(professional=user)
    queryset = Conversation.objects.all()
    if school_ids:
        queryset = queryset.alias(staff_reads=_students_of_schools(school_ids))
        condition |= Q(staff_reads=True)
    if is_moderator(user):
        # Moderators read (never write) what they have to decide on: a held message or an open report.
        queryset = queryset.alias(
            to_moderate=Exists(Message.objects.filter(conversation=OuterRef("pk"), status=Message.Status.HELD))
            | Exists(Report.objects.filter(conversation=OuterRef("pk"), status=Report.Status.OPEN))
        )
        condition |= Q(to_moderate=True)
    return queryset.filter(condition).select_related("student", "professional", "school")


@dataclass(frozen=True)
class ConversationAccess:
    conversation: Conversation
    is_participant: bool

    @property
    def read_only(self) -> bool:
        return not self.is_participant


def get_conversation_for_user(user, pk: int) -> ConversationAccess:
    try:
        conversation = conversations_for_user(user).get(pk=pk)
    except Conversation.DoesNotExist:
        raise Http404 from None
    return ConversationAccess(conversation, conversation.is_participant(user))


def messages_for(conversation: Conversation, viewer):
    """Every message in order. A held or refused message is shown to its sender, the staff and moderators
    with its text; the other participant sees that a message waits, not what it says."""
    return conversation.messages.select_related("sender").order_by("seq")


def blocked_between(a, b) -> bool:
    return Block.objects.filter(Q(blocker=a, blocked=b) | Q(blocker=b, blocked=a)).exists()


def blocks_by(user):
    return Block.objects.filter(blocker=user).select_related("blocked")


def can_moderate(user) -> bool:
    return is_moderator(user) or bool(roles_of(user) & {"teacher", "counsellor"})


def held_messages_for_moderator(user):
    """Held messages a user may decide on: all for moderators, their own students' for school staff."""
    queryset = Message.objects.filter(status=Message.Status.HELD).select_related(
        "conversation", "conversation__student", "conversation__professional", "sender"
    )
    if is_moderator(user):
        return queryset.order_by("created_at")
    school_ids = staff_school_ids(user)
    if not school_ids:
        return queryset.none()
    students = Membership.objects.active().filter(role=Role.STUDENT, organisation_id__in=school_ids)
    return queryset.filter(conversation__student__in=students.values("user")).order_by("created_at")


def reports_for_moderator(user):
    queryset = Report.objects.filter(status=Report.Status.OPEN).select_related(
        "reporter", "reported", "message", "conversation"
    )
    if is_moderator(user):
        return queryset
    school_ids = staff_school_ids(user)
    if not school_ids:
        return queryset.none()
    students = Membership.objects.active().filter(role=Role.STUDENT, organisation_id__in=school_ids).values("user")
    return queryset.filter(Q(reporter__in=students) | Q(reported__in=students) | Q(conversation__student__in=students))


def get_held_message_for_moderator(user, pk: int) -> Message:
    try:
        return held_messages_for_moderator(user).get(pk=pk)
    except Message.DoesNotExist:
        raise Http404 from None


def get_report_for_moderator(user, pk: int) -> Report:
    try:
        return reports_for_moderator(user).get(pk=pk)
    except Report.DoesNotExist:
        raise Http404 from None


def unread_count(user) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def notifications_for(user):
    return Notification.objects.filter(user=user)


def preference_for(user) -> NotificationPreference:
    preference = NotificationPreference.objects.filter(user=user).first()
    return preference or NotificationPreference(user=user)


def has_conversations(user) -> bool:
    return Conversation.objects.filter(Q(student=user) | Q(professional=user)).exists()


def export_for(user) -> dict:
    """The user's conversations, messages they can read, blocks, reports they filed, meetings and notifications
    (GDPR data export). Other people appear by first name, as on the pages."""
    from backstage.engagements.models import MeetingRequest

    conversations = []
    for conversation in Conversation.objects.filter(Q(student=user) | Q(professional=user)).select_related(
        "student", "professional"
    ).prefetch_related("messages__sender"):
        conversations.append({
            "subject": conversation.subject,
            "with": conversation.other_party(user).first_name,
            "started": conversation.created_at,
            "messages": [
                {"from": m.sender.first_name if m.sender else "", "at": m.created_at, "status": m.status,
                 "text": m.body if m.status == Message.Status.VISIBLE or m.sender_id == user.pk else ""}
                for m in conversation.messages.all()
            ],
        })
    meetings = MeetingRequest.objects.filter(Q(conversation__student=user) | Q(conversation__professional=user))
    return {
        "conversations": conversations,
        "meetings": list(meetings.values("kind", "place", "address", "status", "starts_at", "ends_at", "useful",
                                         "learned", "professional_note", "created_at")),
        "blocked_people": [b.blocked.first_name for b in blocks_by(user)],
        "reports_filed": list(Report.objects.filter(reporter=user).values("reason", "details", "status", "created_at")),
        "notifications": list(Notification.objects.filter(user=user).values("kind", "text", "created_at", "read_at")),
        "email_preference": preference_for(user).email,
    }
