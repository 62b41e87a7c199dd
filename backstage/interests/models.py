from django.conf import settings
from django.db import models
from django.utils import timezone

from backstage.careers.models import RIASEC, Occupation
from backstage.profiles.models import ProfessionalProfile


class QuizAttempt(models.Model):
    """One run through the interest quiz; the history of a user is all their finished attempts."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_attempts")
    quiz_version = models.CharField(max_length=20)
    # Item key -> answer (1 "not at all" to 5 "yes, a lot"); saved item by item so the quiz can be resumed.
    answers = models.JSONField(default=dict, blank=True)
    started_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Each type 0-100, set when the attempt is finished.
    realistic = models.FloatField(null=True, blank=True)
    investigative = models.FloatField(null=True, blank=True)
    artistic = models.FloatField(null=True, blank=True)
    social = models.FloatField(null=True, blank=True)
    enterprising = models.FloatField(null=True, blank=True)
    conventional = models.FloatField(null=True, blank=True)
    holland_code = models.CharField(max_length=3, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=models.Q(finished_at__isnull=True), name="one_unfinished_quiz_per_user"
            ),
            models.CheckConstraint(
                condition=models.Q(finished_at__isnull=True) | ~models.Q(holland_code=""),
                name="finished_quiz_has_a_code",
            ),
        ]

    def __str__(self):
        return f"quiz {self.pk} of {self.user_id}"

    @property
    def is_finished(self) -> bool:
        return self.finished_at is not None

    @property
    def scores(self) -> dict[str, float] | None:
        if self.realistic is None:
            return None
        return {dim: getattr(self, dim) for dim in RIASEC}


class ExploreImpression(models.Model):
    """A card shown to a user in the explore feed.

    Read back twice: the viewer's recent rows so nothing comes back twice in a row, and a professional's rows of
    the last month so that the same few people are not shown to everybody.
    """

    viewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    profile = models.ForeignKey(ProfessionalProfile, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    occupation = models.ForeignKey(Occupation, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    # ISCO major group of the card, so the next batch can start with another sector than the last card.
    major_group = models.CharField(max_length=1, blank=True)
    shown_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-shown_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(profile__isnull=False, occupation__isnull=True)
                | models.Q(profile__isnull=True, occupation__isnull=False),
                name="impression_of_one_card",
            )
        ]
        indexes = [
            models.Index(fields=["viewer", "-shown_at"], name="impression_viewer_recent"),
            models.Index(fields=["profile", "shown_at"], name="impression_profile_recent"),
        ]

    def __str__(self):
        return f"{self.viewer_id} saw {self.profile_id or self.occupation_id}"
