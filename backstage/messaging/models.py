from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# Audit actions of this app. They are plain strings in the shared audit log (its choices list the older ones).
AUDIT_STAFF_READ = "conversation.staff_read"
AUDIT_MESSAGE_HELD = "message.held"
AUDIT_MESSAGE_RELEASED = "message.released"
AUDIT_MESSAGE_REFUSED = "message.refused"
AUDIT_REPORT_FILED = "report.filed"
AUDIT_REPORT_CLOSED = "report.closed"
AUDIT_BLOCKED = "block.created"
AUDIT_UNBLOCKED = "block.removed"


class Conversation(models.Model):
    """A student and a verified professional. Always started by the student (safeguarding rule 2)."""

    student = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    professional = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    # The student's school when the conversation started: its staff read along (rule 3).
    school = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    subject = models.CharField(_("subject"), max_length=120)
    # The next message's number: taken under a row lock so that two replies at the same moment keep an order.
    next_seq = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    last_message_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-last_message_at", "-id"]
        indexes = [models.Index(fields=["professional", "created_at"])]

    def __str__(self):
        return self.subject

    def other_party(self, user):
        return self.professional if user.pk == self.student_id else self.student

    def is_participant(self, user) -> bool:
        return user.pk in (self.student_id, self.professional_id)


class Message(models.Model):
    class Status(models.TextChoices):
        VISIBLE = "visible", _("delivered")
        HELD = "held", _("held for moderation")
        REFUSED = "refused", _("refused by moderation")

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="messages")
    sender = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    seq = models.PositiveIntegerField()
    body = models.TextField(_("message"), max_length=4000)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.VISIBLE, db_index=True)
    # What the guard found: a list of kinds ("phone", "email", ...), shown to both sides.
    held_kinds = models.JSONField(default=list, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["conversation", "seq"]
        constraints = [models.UniqueConstraint(fields=["conversation", "seq"], name="message_seq_unique")]

    def __str__(self):
        return f"{self.conversation_id}#{self.seq}"

    @property
    def held_kind_labels(self) -> list[str]:
        return [str(KIND_LABELS.get(kind, kind)) for kind in self.held_kinds]


KIND_LABELS = {
    "phone": _("a phone number"),
    "email": _("an e-mail address"),
    "url": _("a link or website"),
    "social": _("a social network account"),
    "spelled_number": _("a number written in words"),
}


class Block(models.Model):
    """Acts both ways at once: neither person can write to or request a meeting with the other."""

    blocker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    blocked = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["blocker", "blocked"], name="block_unique_pair")]


class Report(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")

    class Reason(models.TextChoices):
        INAPPROPRIATE = "inappropriate", _("inappropriate or sexual content")
        CONTACT = "contact", _("asks for private contact")
        HARASSMENT = "harassment", _("harassment or insults")
        SPAM = "spam", _("advertising or spam")
        OTHER = "other", _("something else")

    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    reported = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    conversation = models.ForeignKey(
        Conversation, null=True, blank=True, on_delete=models.SET_NULL, related_name="reports"
    )
    message = models.ForeignKey(Message, null=True, blank=True, on_delete=models.SET_NULL, related_name="reports")
    # Reports about a meeting or a profile carry where they came from; the reported person is what matters.
    context = models.CharField(max_length=200, blank=True)
    reason = models.CharField(_("what is wrong"), max_length=16, choices=Reason.choices)
    details = models.TextField(_("tell us more (optional)"), blank=True, max_length=2000)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN, db_index=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.CharField(_("decision"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]


class Notification(models.Model):
    class Kind(models.TextChoices):
        NEW_MESSAGE = "message", _("new message")
        MESSAGE_HELD = "held", _("message held for moderation")
        MESSAGE_DECIDED = "decided", _("moderation decision")
        MEETING = "meeting", _("meeting change")
        MODERATION = "moderation", _("something to moderate")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    text = models.CharField(max_length=300)  # written in the recipient's language when created
    url = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    in_digest_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"])]


class NotificationPreference(models.Model):
    class Email(models.TextChoices):
        EACH = "each", _("an e-mail for each new message or meeting change")
        DIGEST = "digest", _("one e-mail a day with everything new")
        NONE = "none", _("no e-mails, I look on the site")

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    email = models.CharField(_("e-mails"), max_length=8, choices=Email.choices, default=Email.DIGEST)


class EmailSent(models.Model):
    """One row per (event, recipient), inserted before sending: a task that runs twice finds it and stops."""

    event_key = models.CharField(max_length=80)
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["event_key", "recipient"], name="email_once_per_event")]
