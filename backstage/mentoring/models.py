"""Mentoring programmes (seed 002): a nonprofit's programme, its branches' intake, duos and their outcomes.

Mentees and mentors are both `Application`s (one table, a `kind`): they go through the same screening and the
matching treats them as two sides of one pool per branch.
"""

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from backstage.careers.models import IscoGroup, Occupation
from backstage.organisations.models import Organisation, Place
from backstage.profiles.models import SPOKEN_LANGUAGES

# Days without a meeting after which the coordinator is alerted.
ALERT_AFTER_DAYS = 21
FOLLOW_UP_MONTHS = (3, 6)
MAX_DUOS_AT_ONCE = 5

DAYS = (
    ("mon", _("Monday")), ("tue", _("Tuesday")), ("wed", _("Wednesday")), ("thu", _("Thursday")),
    ("fri", _("Friday")), ("sat", _("Saturday")), ("sun", _("Sunday")),
)
PARTS_OF_DAY = (("morning", _("morning")), ("afternoon", _("afternoon")), ("evening", _("evening")))
# "tue_evening" and so on: 21 slots, also used as bit positions by the scoring.
SLOTS = tuple(f"{day}_{part}" for day, _day in DAYS for part, _part in PARTS_OF_DAY)


def language_labels(codes) -> list[str]:
    names = dict(SPOKEN_LANGUAGES)
    return [str(names.get(code, code)) for code in codes]


class Programme(models.Model):
    """The rules a nonprofit applies in all its branches."""

    nonprofit = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="mentoring_programme",
        limit_choices_to={"kind": "nonprofit"},
    )
    name = models.CharField(_("programme name"), max_length=150, blank=True)
    mentee_min_age = models.PositiveSmallIntegerField(_("youngest mentee"), default=18)
    mentee_max_age = models.PositiveSmallIntegerField(_("oldest mentee"), default=33)
    mentor_min_age = models.PositiveSmallIntegerField(_("youngest mentor"), default=50)
    duo_months = models.PositiveSmallIntegerField(_("length of a duo in months"), default=6)
    checkin_every_days = models.PositiveSmallIntegerField(_("meet at least every (days)"), default=14)
    languages = models.JSONField(_("languages the programme works in"), default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(mentee_min_age__lte=models.F("mentee_max_age")), name="mentee_age_range_ordered"
            ),
            models.CheckConstraint(condition=models.Q(duo_months__gte=1), name="duo_lasts_a_month_or_more"),
            models.CheckConstraint(condition=models.Q(checkin_every_days__gte=1), name="checkin_cadence_positive"),
        ]

    def __str__(self):
        return self.name or str(self.nonprofit)

    @property
    def language_labels(self) -> list[str]:
        return language_labels(self.languages)


class BranchSettings(models.Model):
    branch = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="mentoring_settings", limit_choices_to={"kind": "branch"}
    )
    municipalities = models.ManyToManyField(
        Place, blank=True, related_name="mentoring_branches", verbose_name=_("municipalities served")
    )
    intake_open = models.BooleanField(_("applications are open"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"settings of {self.branch_id}"


class Application(models.Model):
    class Kind(models.TextChoices):
        MENTEE = "mentee", _("mentee")
        MENTOR = "mentor", _("mentor")

    class Status(models.TextChoices):
        APPLIED = "applied", _("applied")
        SCREENED = "screened", _("screened")
        TRAINED = "trained", _("trained")
        WAITING = "waiting", _("waiting for a match")
        MATCHED = "matched", _("matched")
        ACTIVE = "active", _("in a duo")
        CLOSED = "closed", _("closed")
        WITHDRAWN = "withdrawn", _("withdrawn")

    class Education(models.TextChoices):
        PRIMARY = "primary", _("primary school or none")
        LOWER_SECONDARY = "lower_secondary", _("lower secondary")
        SECONDARY = "secondary", _("secondary school diploma")
        VOCATIONAL = "vocational", _("vocational training")
        BACHELOR = "bachelor", _("bachelor or equivalent")
        MASTER = "master", _("master or higher")

    class MeetingMode(models.TextChoices):
        IN_PERSON = "in_person", _("in person")
        ONLINE = "online", _("by video call")
        EITHER = "either", _("either")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentoring_applications")
    branch = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="mentoring_applications", limit_choices_to={"kind": "branch"}
    )
    kind = models.CharField(max_length=6, choices=Kind.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.APPLIED, db_index=True)
    languages = models.JSONField(_("languages you speak"), default=list)
    place = models.ForeignKey(Place, null=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("municipality"))
    availability = models.JSONField(_("when you are free"), default=list, blank=True)
    meeting_mode = models.CharField(
        _("how you prefer to meet"), max_length=10, choices=MeetingMode.choices, default=MeetingMode.EITHER
    )
    # Mentee side
    education_level = models.CharField(_("education"), max_length=16, choices=Education.choices, blank=True)
    work_experience = models.TextField(_("work experience"), max_length=2000, blank=True)
    wanted_occupations = models.ManyToManyField(Occupation, blank=True, related_name="+")
    wanted_sectors = models.ManyToManyField(IscoGroup, blank=True, related_name="+")
    goals = models.TextField(_("goals"), max_length=2000, blank=True)
    constraints = models.TextField(_("constraints"), max_length=1000, blank=True)
    # Mentor side
    career_occupations = models.ManyToManyField(Occupation, blank=True, related_name="+")
    career_sectors = models.ManyToManyField(IscoGroup, blank=True, related_name="+")
    career_summary = models.TextField(_("career"), max_length=3000, blank=True)
    max_duos = models.PositiveSmallIntegerField(_("duos at once"), default=1)
    employer = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        limit_choices_to={"kind": "company"}, verbose_name=_("partner company"),
    )
    employer_name = models.CharField(_("employer"), max_length=150, blank=True)
    # Screening (coordinators only)
    interview_notes = models.TextField(_("interview notes"), max_length=5000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    status_changed_at = models.DateTimeField(auto_now_add=True)
    waiting_since = models.DateField(null=True, blank=True)
    first_matched_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["branch", "kind", "status"])]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "branch", "kind"], condition=~models.Q(status__in=["closed", "withdrawn"]),
                name="one_open_application_per_side",
            ),
            models.CheckConstraint(
                condition=models.Q(max_duos__gte=1, max_duos__lte=MAX_DUOS_AT_ONCE), name="max_duos_1_to_5"
            ),
        ]

    def __str__(self):
        return f"{self.kind} #{self.pk} ({self.status})"

    @property
    def language_labels(self) -> list[str]:
        return language_labels(self.languages)

    @property
    def availability_labels(self) -> list[str]:
        days, parts = dict(DAYS), dict(PARTS_OF_DAY)
        return [f"{days[slot.split('_')[0]]} {parts[slot.split('_')[1]]}" for slot in SLOTS if slot in self.availability]

    @property
    def is_mentor(self) -> bool:
        return self.kind == self.Kind.MENTOR

    @property
    def reference(self) -> str:
        # Pseudonymous reference for exports and funder reports.
        return f"{'ME' if self.kind == self.Kind.MENTEE else 'MR'}-{self.pk}"


class ApplicationEvent(models.Model):
    """A status change or a screening note: the history shown on the applicant's page."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=10, choices=Application.Status.choices, blank=True)
    to_status = models.CharField(max_length=10, choices=Application.Status.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    note = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.application_id}: {self.from_status} -> {self.to_status}"


class MatchingRun(models.Model):
    branch = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="matching_runs")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    mentees = models.PositiveIntegerField(default=0)
    mentors = models.PositiveIntegerField(default=0)
    pairs = models.PositiveIntegerField(default=0)
    proposals = models.PositiveIntegerField(default=0)
    locked = models.PositiveIntegerField(default=0)
    total_score = models.BigIntegerField(default=0)
    seconds = models.FloatField(default=0)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"run {self.pk} of {self.branch_id}"


class Duo(models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposed")
        ACCEPTED = "accepted", _("accepted, to introduce")
        INTRODUCED = "introduced", _("introduced")
        ACTIVE = "active", _("active")
        CLOSED = "closed", _("closed")
        REJECTED = "rejected", _("rejected")

    class Ending(models.TextChoices):
        COMPLETED = "completed", _("completed")
        EARLY = "early", _("ended early")

    class Outcome(models.TextChoices):
        JOB = "job", _("job")
        TRAINING = "training", _("training")
        INTERNSHIP = "internship", _("internship")
        STUDIES = "studies", _("studies resumed")
        SEARCHING = "searching", _("still searching")

    class Contract(models.TextChoices):
        PERMANENT = "permanent", _("permanent contract")
        FIXED_TERM = "fixed_term", _("fixed-term contract")
        TEMPORARY = "temporary", _("temporary agency work")
        STUDENT = "student", _("student job")
        SELF_EMPLOYED = "self_employed", _("self-employed")
        OTHER = "other", _("other")

    # Duos that hold a mentor's place and a mentee's attention.
    OPEN = (Status.ACCEPTED, Status.INTRODUCED, Status.ACTIVE)
    # Duos that started (the mentee and mentor met or were about to).
    STARTED = (Status.INTRODUCED, Status.ACTIVE, Status.CLOSED)

    branch = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="duos")
    mentee = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="duos_as_mentee")
    mentor = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="duos_as_mentor")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED, db_index=True)
    locked = models.BooleanField(default=False)
    run = models.ForeignKey(MatchingRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="duos")
    score = models.PositiveIntegerField(default=0)
    # [{"code": "isco_unit", "points": 400, "params": {...}}, ...], put in words by scoring.describe().
    score_parts = models.JSONField(default=list, blank=True)
    proposed_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)
    rejected_at = models.DateTimeField(null=True, blank=True)
    reject_reason = models.CharField(max_length=300, blank=True)
    introduced_at = models.DateTimeField(null=True, blank=True)
    first_meeting_on = models.DateField(null=True, blank=True)
    first_meeting_where = models.CharField(max_length=200, blank=True)
    planned_end_on = models.DateField(null=True, blank=True)
    activated_on = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    ending = models.CharField(max_length=10, choices=Ending.choices, blank=True)
    end_reason = models.CharField(max_length=300, blank=True)
    outcome = models.CharField(max_length=12, choices=Outcome.choices, blank=True)
    contract = models.CharField(max_length=14, choices=Contract.choices, blank=True)
    closing_note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-proposed_at", "-id"]
        indexes = [models.Index(fields=["branch", "status"])]
        constraints = [
            # A mentee has at most one duo in progress (proposed, accepted, introduced or active).
            models.UniqueConstraint(
                fields=["mentee"], condition=models.Q(status__in=["proposed", "accepted", "introduced", "active"]),
                name="one_duo_in_progress_per_mentee",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="closed") | (models.Q(closed_on__isnull=False) & ~models.Q(outcome="")),
                name="closed_duo_has_outcome",
            ),
            models.CheckConstraint(
                condition=models.Q(locked=False) | models.Q(status="proposed"), name="only_proposals_are_locked"
            ),
        ]

    def __str__(self):
        return f"duo {self.pk} ({self.status})"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN


class CheckIn(models.Model):
    class Mode(models.TextChoices):
        IN_PERSON = "in_person", _("in person")
        VIDEO = "video", _("video call")
        PHONE = "phone", _("phone")
        MESSAGES = "messages", _("messages only")

    class Topic(models.TextChoices):
        CV = "cv", _("CV")
        LETTER = "letter", _("application letter")
        INTERVIEW = "interview", _("job interview practice")
        NETWORK = "network", _("network and contacts")
        SEARCH = "search", _("job search")
        TRAINING = "training", _("training or studies")
        LANGUAGE = "language", _("language")
        ADMIN = "admin", _("paperwork")
        MOTIVATION = "motivation", _("confidence and motivation")

    class Mood(models.TextChoices):
        GOOD = "good", _("well")
        OK = "ok", _("so-so")
        DIFFICULT = "difficult", _("difficult")

    duo = models.ForeignKey(Duo, on_delete=models.CASCADE, related_name="checkins")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    met_on = models.DateField(_("date"))
    mode = models.CharField(_("how"), max_length=10, choices=Mode.choices)
    topics = models.JSONField(_("topics"), default=list, blank=True)
    mood = models.CharField(_("how it went"), max_length=10, choices=Mood.choices)
    note = models.TextField(_("note"), max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-met_on", "-id"]

    def __str__(self):
        return f"check-in {self.duo_id} {self.met_on}"

    @property
    def topic_labels(self) -> list[str]:
        labels = dict(self.Topic.choices)
        return [labels.get(topic, topic) for topic in self.topics]


class MidtermReview(models.Model):
    class Rating(models.IntegerChoices):
        POOR = 1, _("poor")
        FAIR = 2, _("fair")
        GOOD = 3, _("good")
        VERY_GOOD = 4, _("very good")

    duo = models.OneToOneField(Duo, on_delete=models.CASCADE, related_name="midterm_review")
    held_on = models.DateField(_("date of the review"))
    mentee_rating = models.PositiveSmallIntegerField(_("the mentee finds the duo"), choices=Rating.choices)
    mentor_rating = models.PositiveSmallIntegerField(_("the mentor finds the duo"), choices=Rating.choices)
    progress = models.TextField(_("progress so far"), max_length=2000)
    next_steps = models.TextField(_("next steps"), max_length=2000, blank=True)
    continue_duo = models.BooleanField(_("the duo continues"), default=True)
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"mid-term review of {self.duo_id}"


class DuoAlert(models.Model):
    """An e-mail sent to the coordinators about a duo that has not met; one per duo and per gap."""

    duo = models.ForeignKey(Duo, on_delete=models.CASCADE, related_name="alerts")
    # The last meeting (or the introduction) the gap is counted from: a new meeting starts a new gap.
    gap_since = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-sent_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["duo", "gap_since"], name="one_alert_per_duo_and_gap")]

    def __str__(self):
        return f"alert {self.duo_id} since {self.gap_since}"


class FollowUp(models.Model):
    """A questionnaire sent to the mentee 3 and 6 months after the duo closed, answered through a single-use link."""

    LINK_VALID_DAYS = 60

    duo = models.ForeignKey(Duo, on_delete=models.CASCADE, related_name="followups")
    months = models.PositiveSmallIntegerField()
    due_on = models.DateField(db_index=True)
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=12, choices=Duo.Outcome.choices, blank=True)
    contract = models.CharField(max_length=14, choices=Duo.Contract.choices, blank=True)
    comment = models.TextField(max_length=2000, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [models.UniqueConstraint(fields=["duo", "months"], name="one_followup_per_duo_and_delay")]

    def __str__(self):
        return f"follow-up {self.duo_id} +{self.months}m"

    @property
    def link_expires_at(self) -> datetime.datetime | None:
        return self.sent_at + datetime.timedelta(days=self.LINK_VALID_DAYS) if self.sent_at else None
