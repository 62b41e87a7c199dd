import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from backstage.careers.models import IscoGroup, Occupation
from backstage.discovery.engines.analysis import STOPWORDS, words
from backstage.organisations.models import Organisation, Place

SPOKEN_LANGUAGES = [
    ("fr", _("French")), ("nl", _("Dutch")), ("en", _("English")), ("de", _("German")), ("ar", _("Arabic")),
    ("tr", _("Turkish")), ("es", _("Spanish")), ("it", _("Italian")), ("pt", _("Portuguese")), ("pl", _("Polish")),
    ("ro", _("Romanian")), ("ber", _("Berber (Tamazight)")), ("ln", _("Lingala")), ("sw", _("Swahili")),
    ("ru", _("Russian")), ("uk", _("Ukrainian")), ("fa", _("Persian")), ("ps", _("Pashto")), ("so", _("Somali")),
    ("wo", _("Wolof")), ("bg", _("Bulgarian")), ("sq", _("Albanian")), ("zh", _("Chinese")), ("hi", _("Hindi")),
]


class Offer(models.TextChoices):
    QUESTIONS = "questions", _("answer written questions")
    VIDEO_CALL = "video_call", _("a video call")
    WORKPLACE = "workplace", _("meet at my workplace")
    COMPANY_VISIT = "company_visit", _("host a company visit for a group")
    CLASS_TALK = "class_talk", _("give a talk in a class")
    MENTORING = "mentoring", _("mentor a young person")


def _random_name(folder: str, filename: str) -> str:
    # Stored under a random name: the original file name may contain the person's name.
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"profiles/{folder}/{uuid.uuid4().hex}.{extension}"


def upload_photo(instance, filename):
    return _random_name("photos", filename)


def upload_video(instance, filename):
    return _random_name("videos", filename)


def upload_captions(instance, filename):
    return _random_name("captions", filename)


def upload_company(instance, filename):
    return _random_name("company", filename)


class ProfessionalProfile(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted for review")
        PUBLISHED = "published", _("published")

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    occupation = models.ForeignKey(
        Occupation, null=True, blank=True, on_delete=models.SET_NULL, related_name="profiles",
        verbose_name=_("occupation"),
    )
    job_title = models.CharField(_("your job title"), max_length=120, blank=True)
    employer = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="employee_profiles",
        limit_choices_to={"kind": "company"}, verbose_name=_("employer on Backstage"),
    )
    employer_name = models.CharField(_("employer"), max_length=150, blank=True)
    sector = models.ForeignKey(
        IscoGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("sector")
    )
    place = models.ForeignKey(
        Place, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("municipality where you work"),
    )
    typical_day = models.TextField(_("a typical day"), blank=True, max_length=4000)
    training = models.TextField(_("training that leads to this job"), blank=True, max_length=3000)
    wish_i_knew = models.TextField(_("what I wish I had known at 16"), blank=True, max_length=2000)
    interests = models.TextField(_("my interests and hobbies"), blank=True, max_length=1000)
    languages = models.JSONField(_("languages I speak"), default=list, blank=True)
    photo = models.ImageField(_("photo"), upload_to=upload_photo, blank=True)
    video = models.FileField(_("video"), upload_to=upload_video, blank=True)
    video_duration = models.FloatField(null=True, blank=True)
    video_url = models.URLField(_("YouTube or Vimeo link"), blank=True)
    captions = models.FileField(_("captions (WebVTT)"), upload_to=upload_captions, blank=True)
    offers = models.JSONField(_("what I offer"), default=list, blank=True)
    monthly_capacity = models.PositiveSmallIntegerField(
        _("requests per month at most"), default=4, validators=[MinValueValidator(1), MaxValueValidator(50)]
    )
    paused = models.BooleanField(_("pause: I am not available now"), default=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Kept by selectors.relist() after every change to the profile, its owner, their verifications or memberships,
    # for lists to read instead of four tables per row (selectors.listed()); what a page shows is still checked
    # against the rules themselves (selectors.public_profiles()).
    listed_until = models.DateField(null=True, blank=True, editable=False)
    owner_born_on = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-published_at", "-id"]
        indexes = [
            # Everything a search reads of the professionals it lists (the listing, the facets it can answer
            # without another table, the order): SQLite answers from the index alone, without reading the profiles'
            # texts ("programmeur", 1,690 candidates: 3.7 ms, 9 ms from the rows; the 74,000 visible professionals
            # in order, without words: 134 ms, 300 ms from the rows).
            models.Index(
                fields=["occupation", "listed_until", "owner_born_on", "user", "paused", "status", "offers", "place",
                        "published_at", "languages", "sector"],
                name="profile_search_listing",
            ),
        ]

    def __str__(self):
        return f"{self.user} ({self.display_job})"

    @property
    def display_job(self) -> str:
        if self.job_title:
            return self.job_title
        return str(self.occupation.label) if self.occupation_id else ""

    @property
    def occupation_hint(self) -> str:
        """The occupation's name in the page's language, for a card whose job title shares no word with it: a title
        written in another language ("Barbier, gérant de salon" on a Dutch page: kapper) or in words of the trade; ""
        otherwise (no title, no occupation, no name in that language, or the title already says it)."""
        if not self.job_title or not self.occupation_id:
            return ""
        label = self.occupation.label
        if label.is_fallback or not label.text:
            return ""
        if _content_words(self.job_title) & _content_words(label.text):
            return ""
        return label.text

    @property
    def is_available(self) -> bool:
        return self.status == self.Status.PUBLISHED and not self.paused and bool(self.offers)


def _content_words(text: str) -> set[str]:
    return {word for word in words(text) if word not in STOPWORDS}


class CareerStep(models.Model):
    class Kind(models.TextChoices):
        STUDIES = "studies", _("studies")
        JOB = "job", _("job")
        CHANGE = "change", _("change of direction")
        OTHER = "other", _("other")

    profile = models.ForeignKey(ProfessionalProfile, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("what"), max_length=150)
    organisation_name = models.CharField(_("where"), max_length=150, blank=True)
    start_year = models.PositiveSmallIntegerField(
        _("from (year)"), validators=[MinValueValidator(1950), MaxValueValidator(2100)]
    )
    end_year = models.PositiveSmallIntegerField(
        _("to (year)"), null=True, blank=True, validators=[MinValueValidator(1950), MaxValueValidator(2100)],
        help_text=_("empty if it is still going on"),
    )
    description = models.TextField(_("in a few words"), blank=True, max_length=1000)

    class Meta:
        ordering = ["start_year", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_year__isnull=True) | models.Q(end_year__gte=models.F("start_year")),
                name="step_ends_after_it_starts",
            )
        ]

    def __str__(self):
        return f"{self.start_year} {self.title}"


class SchoolLink(models.Model):
    """Why a professional is close to a school: alumnus, parent of a student, ambassador of a company."""

    class Kind(models.TextChoices):
        ALUMNUS = "alumnus", _("former student")
        PARENT = "parent", _("parent of a student")
        AMBASSADOR = "ambassador", _("company ambassador")

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for the school")
        CONFIRMED = "confirmed", _("confirmed")
        REJECTED = "rejected", _("rejected")

    profile = models.ForeignKey(ProfessionalProfile, on_delete=models.CASCADE, related_name="school_links")
    school = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="professional_links", limit_choices_to={"kind": "school"}
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    company = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="ambassador_links",
        limit_choices_to={"kind": "company"},
    )
    start_year = models.PositiveSmallIntegerField(null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["school__name", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "school", "kind"], name="one_link_per_kind_and_school"),
            models.CheckConstraint(
                condition=~models.Q(kind="ambassador") | models.Q(company__isnull=False),
                name="ambassador_has_company",
            ),
        ]

    def __str__(self):
        return f"{self.profile_id} {self.kind} of {self.school_id}"


class LinkInvitation(models.Model):
    """A teacher invites an alumnus or parent; a company admin invites an employee as ambassador for a school."""

    school = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="link_invitations")
    company = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=SchoolLink.Kind.choices)
    email = models.EmailField(_("e-mail"))
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]


class Verification(models.Model):
    """Safeguarding rule 1: an adult is checked by a moderator, a teacher of a linked school or a coordinator.

    Only the type, dates and reference of the criminal-record document are stored, never the document.
    """

    class Status(models.TextChoices):
        REQUESTED = "requested", _("requested")
        VERIFIED = "verified", _("verified")
        REJECTED = "rejected", _("refused")
        REVOKED = "revoked", _("revoked")

    class CheckType(models.TextChoices):
        BE_596_2 = "be_596_2", _("Belgian extract of criminal record, model 596.2")
        FR_HONORABILITE = "fr_honorabilite", _("French attestation d'honorabilité")
        NL_VOG = "nl_vog", _("Dutch Verklaring Omtrent het Gedrag (VOG)")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="verifications")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.REQUESTED, db_index=True)
    requested_at = models.DateTimeField(auto_now_add=True)
    check_type = models.CharField(_("type of check"), max_length=20, choices=CheckType.choices, blank=True)
    document_date = models.DateField(_("date on the document"), null=True, blank=True)
    expires_on = models.DateField(_("valid until"), null=True, blank=True)
    how = models.CharField(_("how it was checked"), max_length=300, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="verifications_done"
    )
    verifier_role = models.CharField(max_length=16, blank=True)
    verifier_organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        indexes = [models.Index(fields=["user", "status", "expires_on"])]

    def __str__(self):
        return f"verification of {self.user_id}: {self.status}"

    @property
    def is_current(self) -> bool:
        return self.status == self.Status.VERIFIED and self.expires_on is not None and self.expires_on >= timezone.localdate()


class CompanyJob(models.Model):
    class Kind(models.TextChoices):
        HARD_TO_FILL = "hard_to_fill", _("hard to fill")
        FUTURE = "future", _("job of the future")

    company = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="jobs", limit_choices_to={"kind": "company"}
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    occupation = models.ForeignKey(Occupation, on_delete=models.PROTECT, related_name="company_jobs",
                                   verbose_name=_("occupation"))
    text = models.TextField(_("what the job is"), max_length=1500)
    why = models.TextField(_("why it is hard to fill, or why it will grow"), max_length=1500)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "id"]


class CompanyPage(models.Model):
    """The public page of a company; the organisation row keeps name, place, website and description."""

    company = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="page", limit_choices_to={"kind": "company"}
    )
    presentation = models.TextField(_("presentation"), max_length=5000, blank=True)
    sectors = models.ManyToManyField(IscoGroup, blank=True, related_name="+", verbose_name=_("sectors"))
    sites = models.ManyToManyField(Place, blank=True, related_name="+", verbose_name=_("sites"))
    premium_from = models.DateField(null=True, blank=True)
    premium_until = models.DateField(null=True, blank=True)
    premium_set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    @property
    def is_premium(self) -> bool:
        today = timezone.localdate()
        return bool(self.premium_from and self.premium_until and self.premium_from <= today <= self.premium_until)


class CompanyPhoto(models.Model):
    company = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(upload_to=upload_company)
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
