from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class MeetingRequest(models.Model):
    """A meeting asked for inside a conversation, by either side, on proposed slots."""

    class Kind(models.TextChoices):
        QUESTION_CALL = "question_call", _("a call to ask questions")
        VIDEO = "video", _("a video meeting")
        WORKPLACE = "workplace", _("a visit to the workplace")
        COMPANY_VISIT = "company_visit", _("a company visit for a class")
        CLASS_TALK = "class_talk", _("a talk in class at school")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposed, waiting for an answer")
        AWAITING_APPROVAL = "approval", _("accepted, waiting for the teacher's approval")
        CONFIRMED = "confirmed", _("confirmed")
        DECLINED = "declined", _("declined")
        REFUSED = "refused", _("not approved by the school")
        CANCELLED = "cancelled", _("cancelled")

    class Place(models.TextChoices):
        WORKPLACE = "workplace", _("at the workplace")
        SCHOOL = "school", _("at school")
        VIDEO = "video", _("by video, on the link shown here")

    conversation = models.ForeignKey("messaging.Conversation", on_delete=models.CASCADE, related_name="meetings")
    kind = models.CharField(_("what kind of meeting"), max_length=16, choices=Kind.choices)
    place = models.CharField(_("where"), max_length=10, choices=Place.choices)
    address = models.CharField(_("address or video link"), max_length=300, blank=True)
    note = models.CharField(_("a word about it"), max_length=500, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED, db_index=True)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    starts_at = models.DateTimeField(null=True, blank=True)  # the accepted slot
    ends_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.CharField(_("reason"), max_length=300, blank=True)
    useful = models.BooleanField(_("was it useful?"), null=True, blank=True)
    learned = models.TextField(_("what did you learn?"), blank=True, max_length=2000)
    professional_note = models.TextField(_("your note after the meeting"), blank=True, max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.get_status_display()})"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.PROPOSED


class Slot(models.Model):
    meeting = models.ForeignKey(MeetingRequest, on_delete=models.CASCADE, related_name="slots")
    starts_at = models.DateTimeField(_("start"))
    ends_at = models.DateTimeField(_("end"))
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    withdrawn = models.BooleanField(default=False)

    class Meta:
        ordering = ["starts_at", "id"]
