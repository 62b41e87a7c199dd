from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

LANGS = ("en", "nl", "fr")
RIASEC = ("realistic", "investigative", "artistic", "social", "enterprising", "conventional")
RIASEC_LABELS = {
    "realistic": _("Realistic: hands-on, tools, machines, outdoors"),
    "investigative": _("Investigative: observing, analysing, solving problems"),
    "artistic": _("Artistic: creating, imagining, expressing yourself"),
    "social": _("Social: helping, teaching, caring for people"),
    "enterprising": _("Enterprising: leading, persuading, starting projects"),
    "conventional": _("Conventional: organising, data, precision"),
}
RIASEC_SHORT = {
    "realistic": _("Realistic"),
    "investigative": _("Investigative"),
    "artistic": _("Artistic"),
    "social": _("Social"),
    "enterprising": _("Enterprising"),
    "conventional": _("Conventional"),
}


def current_lang() -> str:
    lang = (get_language() or "en")[:2]
    return lang if lang in LANGS else "en"


class LocalisedText:
    """A text in the page's language, or the English one marked as a fallback."""

    __slots__ = ("text", "language", "is_fallback")

    def __init__(self, text: str, language: str, is_fallback: bool):
        self.text, self.language, self.is_fallback = text, language, is_fallback

    def __str__(self):
        return self.text

    def __bool__(self):
        return bool(self.text)


def localised(obj, field: str, lang: str | None = None) -> LocalisedText:
    lang = lang or current_lang()
    value = getattr(obj, f"{field}_{lang}", "")
    if value:
        return LocalisedText(value, lang, False)
    for other in LANGS:
        value = getattr(obj, f"{field}_{other}", "")
        if value:
            return LocalisedText(value, other, True)
    return LocalisedText("", lang, False)


class IscoGroup(models.Model):
    """An ISCO-08 group; major (1 digit) and sub-major (2 digits) groups are the sectors shown to students."""

    code = models.CharField(max_length=4, primary_key=True)
    level = models.PositiveSmallIntegerField()
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")
    label_en = models.CharField(max_length=255)
    label_nl = models.CharField(max_length=255, blank=True)
    label_fr = models.CharField(max_length=255, blank=True)
    description_en = models.TextField(blank=True)

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.label}"

    @property
    def label(self) -> LocalisedText:
        return localised(self, "label")

    @property
    def description(self) -> LocalisedText:
        return localised(self, "description")

    @property
    def major_code(self) -> str:
        return self.code[:1]

    @property
    def sector_code(self) -> str:
        return self.code[:2]


class Occupation(models.Model):
    esco_uri = models.URLField(max_length=200, unique=True)
    code = models.CharField(max_length=30)
    isco_group = models.ForeignKey(IscoGroup, on_delete=models.PROTECT, related_name="occupations")
    broader = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="narrower")
    label_en = models.CharField(max_length=255)
    label_nl = models.CharField(max_length=255, blank=True)
    label_fr = models.CharField(max_length=255, blank=True)
    alt_labels_en = models.JSONField(default=list, blank=True)
    alt_labels_nl = models.JSONField(default=list, blank=True)
    alt_labels_fr = models.JSONField(default=list, blank=True)
    description_en = models.TextField(blank=True)
    description_nl = models.TextField(blank=True)
    description_fr = models.TextField(blank=True)
    # Holland (RIASEC) interest profile on O*NET's 1-7 scale.
    realistic = models.FloatField(null=True, blank=True)
    investigative = models.FloatField(null=True, blank=True)
    artistic = models.FloatField(null=True, blank=True)
    social = models.FloatField(null=True, blank=True)
    enterprising = models.FloatField(null=True, blank=True)
    conventional = models.FloatField(null=True, blank=True)
    onet_code = models.CharField(max_length=12, blank=True)

    class InterestSource(models.TextChoices):
        CROSSWALK = "crosswalk", _("O*NET occupation mapped to this ESCO occupation")
        BROADER = "broader", _("inherited from a broader ESCO occupation")
        ISCO_UNIT = "isco_unit", _("average of the occupations in the same ISCO unit group")
        ISCO_MINOR = "isco_minor", _("average of the occupations in the same ISCO minor group")
        NONE = "", _("no interest profile")

    interest_source = models.CharField(max_length=10, choices=InterestSource.choices, blank=True)

    class Meta:
        ordering = ["label_en"]
        indexes = [models.Index(fields=["code"])]

    def __str__(self):
        return self.label_en

    def get_absolute_url(self) -> str:
        return reverse("careers:occupation_detail", args=[self.esco_id])

    @property
    def esco_id(self) -> str:
        """The last segment of the ESCO URI (a UUID), used in our URLs."""
        return self.esco_uri.rsplit("/", 1)[-1]

    @property
    def label(self) -> LocalisedText:
        return localised(self, "label")

    @property
    def description(self) -> LocalisedText:
        return localised(self, "description")

    @property
    def alt_labels(self) -> list[str]:
        return getattr(self, f"alt_labels_{current_lang()}") or []

    @property
    def interest_profile(self) -> dict[str, float] | None:
        if self.realistic is None:
            return None
        return {dim: getattr(self, dim) for dim in RIASEC}

    @property
    def holland_code(self) -> str:
        profile = self.interest_profile
        if not profile:
            return ""
        top = sorted(RIASEC, key=lambda d: (-profile[d], RIASEC.index(d)))[:3]
        return "".join(d[0].upper() for d in top)
