import datetime
import hashlib

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Country(models.TextChoices):
    BE = "BE", _("Belgium")
    FR = "FR", _("France")
    NL = "NL", _("Netherlands")


# Age of digital consent (GDPR art. 8 as each country set it). Below it, contact features wait for a
# parent's recorded consent.
DIGITAL_CONSENT_AGE = {Country.BE: 13, Country.FR: 15, Country.NL: 16}
ADULT_AGE = 18


def age_on(birth: datetime.date, day: datetime.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create(self, email, password, **extra):
        if not email:
            raise ValueError("an e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self._create(email, password, **extra)


class User(AbstractUser):
    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    country = models.CharField(_("country"), max_length=2, choices=Country.choices, default=Country.BE)
    language = models.CharField(
        _("language"), max_length=2, choices=[("fr", "Français"), ("nl", "Nederlands"), ("en", "English")],
        default="fr",
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        ordering = ["last_name", "first_name", "id"]

    def __str__(self):
        return self.get_full_name() or self.email

    @property
    def age(self) -> int | None:
        if self.date_of_birth is None:
            return None
        return age_on(self.date_of_birth, timezone.localdate())

    @property
    def is_minor(self) -> bool:
        # No date of birth means an adult account (professionals, staff); young people give theirs at sign-up.
        return self.age is not None and self.age < ADULT_AGE

    @property
    def consent_age(self) -> int:
        return DIGITAL_CONSENT_AGE[Country(self.country)]

    @property
    def below_consent_age(self) -> bool:
        return self.age is not None and self.age < self.consent_age

    @property
    def display_name_for_adults(self) -> str:
        """What an adult may see of a student: first name only (safeguarding rule 7)."""
        return self.first_name


class ParentalConsent(models.Model):
    """A parent's consent for a child under the digital-consent age.

    Created `pending` when the child (or a teacher) sends the request e-mail; the parent's link grants it.
    A teacher can also record consent given on paper, in person or by phone. Withdrawal keeps the row.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for the parent")
        GRANTED = "granted", _("given")
        WITHDRAWN = "withdrawn", _("withdrawn")

    class Method(models.TextChoices):
        EMAIL_LINK = "email_link", _("e-mail link to the parent")
        PAPER = "paper", _("signed paper form")
        IN_PERSON = "in_person", _("in person at school")
        PHONE = "phone", _("by phone")

    LINK_VALID_DAYS = 14

    student = models.ForeignKey(User, on_delete=models.CASCADE, related_name="consents")
    parent_email = models.EmailField(_("parent's e-mail"), blank=True)
    parent_name = models.CharField(_("parent's name"), max_length=150, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    method = models.CharField(max_length=12, choices=Method.choices, default=Method.EMAIL_LINK)
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    requested_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    granted_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="consents_recorded"
    )

    class Meta:
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["student"], condition=models.Q(status="granted"), name="one_granted_consent_per_student"
            )
        ]

    def __str__(self):
        return f"consent for {self.student_id}: {self.status}"

    @staticmethod
    def hash_token(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()
