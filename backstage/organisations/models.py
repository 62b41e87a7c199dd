import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from backstage.accounts.models import Country

# No 0/O or 1/I/L: codes are read aloud in class and copied from a whiteboard.
JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 8


def new_join_code() -> str:
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def normalise_join_code(raw: str) -> str:
    return "".join(ch for ch in raw.upper() if ch.isalnum())


class Place(models.Model):
    """A postcode locality, from the shipped geo data (Statbel / Countries States Cities Database)."""

    country = models.CharField(max_length=2, choices=Country.choices)
    postcode = models.CharField(max_length=10)
    name = models.CharField(max_length=120)
    name_fr = models.CharField(max_length=120, blank=True)
    name_nl = models.CharField(max_length=120, blank=True)
    region = models.CharField(max_length=60, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["country", "postcode", "name"]
        constraints = [models.UniqueConstraint(fields=["country", "postcode", "name"], name="unique_place")]
        indexes = [models.Index(fields=["country", "postcode"])]

    def __str__(self):
        return f"{self.postcode} {self.local_name()}"

    def local_name(self, language: str | None = None) -> str:
        from django.utils.translation import get_language

        language = language or get_language() or "en"
        if language.startswith("nl") and self.name_nl:
            return self.name_nl
        if language.startswith("fr") and self.name_fr:
            return self.name_fr
        return self.name


class Organisation(models.Model):
    class Kind(models.TextChoices):
        SCHOOL = "school", _("school")
        COMPANY = "company", _("company")
        NONPROFIT = "nonprofit", _("nonprofit")
        BRANCH = "branch", _("nonprofit branch")
        PLATFORM = "platform", _("platform")

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for approval")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")

    kind = models.CharField(max_length=10, choices=Kind.choices, db_index=True)
    name = models.CharField(_("name"), max_length=200)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="branches",
        help_text=_("the nonprofit a branch belongs to"),
    )
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    place = models.ForeignKey(Place, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    address = models.CharField(_("street address"), max_length=200, blank=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    priority_education = models.BooleanField(
        _("priority education"), default=False,
        help_text=_("REP/REP+ in France, D+ / GOK schools in Belgium and similar programmes"),
    )
    official_code = models.CharField(_("official school number"), max_length=20, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    review_note = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="branch", parent__isnull=False) | ~models.Q(kind="branch"),
                name="branch_has_parent",
            )
        ]

    def __str__(self):
        return self.name

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED

    @property
    def region(self) -> str:
        return self.place.region if self.place else ""


class SchoolClass(models.Model):
    school = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="classes", limit_choices_to={"kind": "school"}
    )
    name = models.CharField(_("class name"), max_length=60, help_text=_("for example 4B or 3e année D"))
    grade = models.PositiveSmallIntegerField(
        _("year of secondary school"), help_text=_("1 to 7, as the school counts them")
    )
    school_year = models.CharField(_("school year"), max_length=9, help_text=_("for example 2026-2027"))
    join_code = models.CharField(max_length=JOIN_CODE_LENGTH, unique=True, default=new_join_code)
    joining_open = models.BooleanField(_("students can join with the code"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["school_year", "grade", "name"]
        verbose_name_plural = "school classes"
        constraints = [
            models.UniqueConstraint(fields=["school", "school_year", "name"], name="unique_class_name_per_year"),
            models.CheckConstraint(condition=models.Q(grade__gte=1, grade__lte=7), name="grade_1_to_7"),
        ]

    def __str__(self):
        return f"{self.name} ({self.school_year})"


class Role(models.TextChoices):
    STUDENT = "student", _("student")
    TEACHER = "teacher", _("teacher")
    COUNSELLOR = "counsellor", _("counsellor")
    PROFESSIONAL = "professional", _("professional")
    COMPANY_ADMIN = "company_admin", _("company admin")
    MENTEE = "mentee", _("mentee")
    MENTOR = "mentor", _("mentor")
    COORDINATOR = "coordinator", _("coordinator")
    MODERATOR = "moderator", _("moderator")


SCHOOL_STAFF_ROLES = (Role.TEACHER, Role.COUNSELLOR)

# Which roles an organisation kind can hold; the professional role may also stand alone.
ROLES_BY_KIND = {
    Organisation.Kind.SCHOOL: {Role.STUDENT, Role.TEACHER, Role.COUNSELLOR},
    Organisation.Kind.COMPANY: {Role.COMPANY_ADMIN, Role.PROFESSIONAL},
    Organisation.Kind.NONPROFIT: {Role.COORDINATOR},
    Organisation.Kind.BRANCH: {Role.COORDINATOR, Role.MENTEE, Role.MENTOR},
    Organisation.Kind.PLATFORM: {Role.MODERATOR},
}


class MembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(ended_at__isnull=True)


class Membership(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=16, choices=Role.choices, db_index=True)
    school_class = models.ForeignKey(
        SchoolClass, null=True, blank=True, on_delete=models.SET_NULL, related_name="memberships"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], condition=models.Q(ended_at__isnull=True),
                name="one_active_membership_per_role",
            ),
            models.CheckConstraint(
                condition=models.Q(role="student") | models.Q(school_class__isnull=True),
                name="only_students_sit_in_a_class",
            ),
        ]

    def __str__(self):
        return f"{self.user_id} {self.role} @ {self.organisation_id}"


class StaffInvitation(models.Model):
    """A teacher invites a colleague by e-mail; the link adds them as staff of the school."""

    school = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="staff_invitations")
    email = models.EmailField(_("colleague's e-mail"))
    role = models.CharField(max_length=16, choices=[(r.value, r.label) for r in SCHOOL_STAFF_ROLES])
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"invitation {self.email} to {self.school_id}"
