from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    pass


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("audit entries cannot be changed")

    def delete(self):
        raise AppendOnlyError("audit entries cannot be deleted")


class AuditEntry(models.Model):
    """An append-only record of a safeguarding-relevant action.

    Rows are never edited or deleted by the application. When a person deletes their account the
    foreign keys are nulled by the database cascade (GDPR erasure) but the `actor_label`/`subject_label`
    snapshots are pseudonymous ("user #42") so the trail stays readable.
    """

    class Action(models.TextChoices):
        CONSENT_REQUESTED = "consent.requested", _("Parental consent requested")
        CONSENT_GRANTED = "consent.granted", _("Parental consent granted")
        CONSENT_RECORDED = "consent.recorded", _("Parental consent recorded by staff")
        CONSENT_WITHDRAWN = "consent.withdrawn", _("Parental consent withdrawn")
        CLASS_CREATED = "class.created", _("Class created")
        CLASS_JOINED = "class.joined", _("Student joined a class")
        CLASS_CODE_RESET = "class.code_reset", _("Class join code renewed")
        STAFF_INVITED = "staff.invited", _("Colleague invited")
        STAFF_JOINED = "staff.joined", _("Colleague joined")
        MEMBERSHIP_ENDED = "membership.ended", _("Membership ended")
        ORG_CREATED = "organisation.created", _("Organisation created")
        ORG_APPROVED = "organisation.approved", _("Organisation approved")
        ORG_REJECTED = "organisation.rejected", _("Organisation rejected")
        VERIFICATION_REQUESTED = "verification.requested", _("Verification requested")
        VERIFICATION_GRANTED = "verification.granted", _("Adult verified")
        VERIFICATION_REJECTED = "verification.rejected", _("Verification refused")
        VERIFICATION_REVOKED = "verification.revoked", _("Verification revoked")
        LINK_REQUESTED = "link.requested", _("Link with a school requested")
        LINK_INVITED = "link.invited", _("Alumnus, parent or ambassador invited")
        LINK_CONFIRMED = "link.confirmed", _("Link with a school confirmed")
        LINK_REJECTED = "link.rejected", _("Link with a school rejected")
        PROFILE_SUBMITTED = "profile.submitted", _("Profile submitted")
        PROFILE_PUBLISHED = "profile.published", _("Profile published")
        PROFILE_UNPUBLISHED = "profile.unpublished", _("Profile unpublished")
        PREMIUM_SET = "company.premium", _("Premium period set")
        DATA_EXPORTED = "account.exported", _("Personal data exported")
        ACCOUNT_DELETED = "account.deleted", _("Account deleted")

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(max_length=64, blank=True)
    action = models.CharField(max_length=40, choices=Action.choices, db_index=True)
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    subject_label = models.CharField(max_length=64, blank=True)
    organisation = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    details = models.JSONField(default=dict, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["subject", "-created_at"])]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.subject_label}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("audit entries cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("audit entries cannot be deleted")
