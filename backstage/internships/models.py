import datetime
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from backstage.careers.models import Occupation
from backstage.organisations.models import Organisation, Place

# An application that has not moved for this long sends a reminder to whoever must act next.
REMINDER_AFTER_DAYS = 7


def _scan_name(instance, filename):
    return f"internships/scans/{secrets.token_hex(16)}"


class Offer(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")
        CLOSED = "closed", _("closed")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="internship_offers",
        help_text=_("the company, or the nonprofit publishing on its behalf"),
    )
    host_name = models.CharField(
        _("host company"), max_length=200, blank=True,
        help_text=_("only when a nonprofit publishes for a company"),
    )
    title = models.CharField(_("title"), max_length=150)
    occupations = models.ManyToManyField(Occupation, blank=True, related_name="internship_offers")
    place = models.ForeignKey(Place, on_delete=models.PROTECT, related_name="+", verbose_name=_("municipality"))
    address = models.CharField(_("street address"), max_length=200, blank=True)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    places_total = models.PositiveSmallIntegerField(_("number of places"))
    places_left = models.PositiveSmallIntegerField()
    min_age = models.PositiveSmallIntegerField(_("minimum age"), default=14)
    activities = models.TextField(_("what the pupil will see and do"))
    accessibility = models.TextField(_("accessibility"), blank=True)
    # A tutor who deletes their account leaves the offer without a tutor: it stops taking applications.
    tutor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="tutored_offers",
        verbose_name=_("tutor"),
    )
    reserved_for_priority = models.BooleanField(_("reserved for priority-education schools"), default=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(places_left__lte=models.F("places_total")), name="places_left_le_total"),
            models.CheckConstraint(condition=models.Q(places_left__gte=0), name="places_left_not_negative"),
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")), name="offer_ends_after_start"),
        ]

    def __str__(self):
        return self.title

    @property
    def host(self) -> str:
        return self.host_name or self.organisation.name

    def weeks(self) -> set[tuple[int, int]]:
        weeks, day = set(), self.starts_on
        while day <= self.ends_on:
            weeks.add(day.isocalendar()[:2])
            day += datetime.timedelta(days=1)
        return weeks


class SchoolSettings(models.Model):
    school = models.OneToOneField(Organisation, on_delete=models.CASCADE, related_name="internship_settings")
    teacher_validation = models.BooleanField(
        _("a teacher validates each application before the company sees it"), default=True
    )


class Kit(models.Model):
    """A pupil's CV and letter draft, written once with the guided steps and reused for each application."""

    student = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="internship_kit")
    who_i_am = models.TextField(_("who I am"), blank=True)
    what_i_like = models.TextField(_("what I like"), blank=True)
    school_line = models.CharField(_("my school and year"), max_length=200, blank=True)
    languages = models.CharField(_("languages I speak"), max_length=200, blank=True)
    activities = models.TextField(_("activities, sports, hobbies, volunteering"), blank=True)
    qualities = models.CharField(_("three qualities"), max_length=200, blank=True)
    letter = models.TextField(_("my letter"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)


class Application(models.Model):
    class Status(models.TextChoices):
        WAITING_TEACHER = "waiting_teacher", _("waiting for the teacher")
        RETURNED = "returned", _("returned to the pupil")
        SENT = "sent", _("sent to the company")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")
        WITHDRAWN = "withdrawn", _("withdrawn")

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="applications")
    student = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="internship_applications")
    school = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="internship_applications")
    status = models.CharField(max_length=16, choices=Status.choices, db_index=True)
    # What the company reads: a copy taken when the pupil applies, so later edits of the kit change nothing sent.
    letter = models.TextField(_("letter"))
    cv = models.JSONField(default=dict)
    teacher_note = models.TextField(_("note for the pupil"), blank=True)
    company_message = models.TextField(_("message to the pupil"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    moved_at = models.DateTimeField(auto_now_add=True)
    # Set once the company may read the application; it keeps reading it after a decision or a withdrawal.
    sent_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-moved_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["offer", "student"], name="one_application_per_offer")]

    def __str__(self):
        return f"application {self.pk}"


class Agreement(models.Model):
    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="agreement")
    created_at = models.DateTimeField(auto_now_add=True)

    PARTIES = ("school", "company", "parent")

    def signature(self, party):
        return next((s for s in self.signatures.all() if s.party == party), None)

    @property
    def fully_signed(self) -> bool:
        return {s.party for s in self.signatures.all()} == set(self.PARTIES)


class Signature(models.Model):
    class Party(models.TextChoices):
        SCHOOL = "school", _("school")
        COMPANY = "company", _("company")
        PARENT = "parent", _("parent")

    class Method(models.TextChoices):
        PLATFORM = "platform", _("signed on the platform")
        PAPER = "paper", _("signed on paper")

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="signatures")
    party = models.CharField(max_length=8, choices=Party.choices)
    method = models.CharField(max_length=8, choices=Method.choices)
    # The signatory's name stays on the agreement when their account is deleted (GDPR erasure of the account).
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    signer_name = models.CharField(_("name of the signatory"), max_length=150)
    scan = models.FileField(upload_to=_scan_name, blank=True)
    signed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["party"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "party"], name="one_signature_per_party"),
            models.CheckConstraint(condition=~models.Q(method="paper", scan=""), name="paper_signature_has_scan"),
        ]


class Report(models.Model):
    class Verdict(models.TextChoices):
        YES = "yes", _("yes")
        MAYBE = "maybe", _("maybe")
        NO = "no", _("no")

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="report")
    the_company = models.TextField(_("the company"), blank=True)
    jobs_seen = models.TextField(_("the jobs I saw"), blank=True)
    interview = models.TextField(_("an interview with a professional"), blank=True)
    learned = models.TextField(_("what I learned"), blank=True)
    would_do = models.CharField(_("would I do this job?"), max_length=5, choices=Verdict.choices, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    teacher_comment = models.TextField(_("teacher's comment"), blank=True)
    tutor_evaluation = models.TextField(_("tutor's evaluation"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)
