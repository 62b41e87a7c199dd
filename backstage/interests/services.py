import datetime
from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from backstage.careers.models import RIASEC
from backstage.interests import quiz
from backstage.interests.models import ExploreImpression, QuizAttempt


# Longer than the explore feed looks back (EXPOSURE_WINDOW, RECENT_WINDOW), so purging never changes a feed.
IMPRESSIONS_KEPT = datetime.timedelta(days=45)


class QuizError(Exception):
    """An answer that cannot be saved; the message is shown to the user."""


@transaction.atomic
def quiz_attempt_start(*, user, fresh: bool = False) -> QuizAttempt:
    """The user's unfinished attempt, to resume it, or a new one; `fresh` throws the unfinished one away.

    An unfinished attempt begun with other items (an older quiz version) cannot be resumed and starts over too.
    """
    current = QuizAttempt.objects.select_for_update().filter(user=user, finished_at__isnull=True).first()
    if current is not None and not fresh and current.quiz_version == quiz.QUIZ_VERSION:
        return current
    if current is not None:
        current.delete()
    try:
        with transaction.atomic():
            return QuizAttempt.objects.create(user=user, quiz_version=quiz.QUIZ_VERSION)
    except IntegrityError:
        # A double tap on "start" raced us to it: resume the attempt the other request created.
        return QuizAttempt.objects.get(user=user, finished_at__isnull=True)


@transaction.atomic
def quiz_answer_save(*, attempt: QuizAttempt, number: int, value: int) -> QuizAttempt:
    """Saves the answer to item `number` and finishes the attempt once every item has an answer.

    Items are answered in order: an item after the first unanswered one cannot be answered yet, and a finished
    attempt is a result that no longer changes.
    """
    attempt = QuizAttempt.objects.select_for_update().get(pk=attempt.pk)
    if attempt.is_finished:
        raise QuizError(_("This quiz is finished. Take it again to change your answers."))
    if value not in quiz.SCALE_VALUES:
        raise QuizError(_("Choose one of the answers."))
    resume_at = quiz.first_unanswered(attempt.answers)
    if not 1 <= number <= len(quiz.ITEMS) or (resume_at is not None and number > resume_at):
        raise QuizError(_("Answer the questions in order."))
    attempt.answers = {**attempt.answers, quiz.item_at(number).key: value}
    attempt.save(update_fields=["answers", "updated_at"])
    if quiz.first_unanswered(attempt.answers) is None:
        _finish(attempt)
    return attempt


def _finish(attempt: QuizAttempt) -> None:
    scores = quiz.score(attempt.answers)
    for dim in RIASEC:
        setattr(attempt, dim, scores[dim])
    attempt.holland_code = quiz.holland_code(scores)
    attempt.finished_at = timezone.now()
    attempt.save(update_fields=[*RIASEC, "holland_code", "finished_at", "updated_at"])


@transaction.atomic
def explore_impressions_record(*, viewer, cards: Iterable, shown_at=None) -> list[ExploreImpression]:
    """One row per card shown, in the order shown (the last one is the card the next batch follows)."""
    shown_at = shown_at or timezone.now()
    rows = [
        ExploreImpression(
            viewer=viewer,
            profile_id=card.profile.pk if card.kind == "profile" else None,
            occupation_id=card.occupation.pk if card.kind == "occupation" else None,
            major_group=card.major_group,
            shown_at=shown_at,
        )
        for card in cards
    ]
    return ExploreImpression.objects.bulk_create(rows)


@transaction.atomic
def explore_impressions_purge(*, older_than: datetime.timedelta = IMPRESSIONS_KEPT) -> int:
    """Impressions only matter for a month (exposure) and two weeks (repeats); older rows are deleted."""
    deleted, _per_model = ExploreImpression.objects.filter(shown_at__lt=timezone.now() - older_than).delete()
    return deleted
