"""Writes of the professional's own profile: the editing steps, career steps and publication.

Publication: draft -> submitted (by the owner, when the required parts are there) -> published, at once when
the owner has a verification in force, otherwise when it is granted (profile_publish_if_ready). The owner can
unpublish at any time (back to draft).
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from backstage.core.safety import find_contact_details
from backstage.core.services import audit_record
from backstage.profiles.models import CareerStep, ProfessionalProfile
from backstage.profiles.selectors import can_have_profile, is_verified

# Values of AuditEntry.Action (backstage/core/models.py).
AUDIT_SUBMITTED = "profile.submitted"
AUDIT_PUBLISHED = "profile.published"
AUDIT_UNPUBLISHED = "profile.unpublished"

PROFILE_TEXT_FIELDS = ("job_title", "employer_name", "typical_day", "training", "wish_i_knew", "interests")
STEP_TEXT_FIELDS = ("title", "organisation_name", "description")


class ProfileError(Exception):
    """A change the profile cannot take; the message is shown to the person, next to `field` when given."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message, self.field = message, field


def missing_for_submission(profile: ProfessionalProfile) -> list[str]:
    """What the profile still lacks before it can be submitted, in words for the person."""
    missing = []
    if not profile.occupation_id and not profile.job_title.strip():
        missing.append(_("your occupation or job title"))
    if not profile.typical_day.strip():
        missing.append(_("a typical day"))
    if profile.pk is None or not profile.steps.exists():
        missing.append(_("at least one step of your career path"))
    if not profile.offers and not profile.paused:
        missing.append(_("at least one thing you offer to students (or the pause)"))
    return missing


def texts_with_contact_details(profile: ProfessionalProfile) -> list[tuple[str, list]]:
    """(where, findings) for every free text of the profile that gives a way to reach the person directly."""
    problems = []
    for name in PROFILE_TEXT_FIELDS:
        findings = list(find_contact_details(getattr(profile, name) or ""))
        if findings:
            problems.append((str(ProfessionalProfile._meta.get_field(name).verbose_name), findings))
    if profile.pk is not None:
        for step in profile.steps.all():
            for name in STEP_TEXT_FIELDS:
                findings = list(find_contact_details(getattr(step, name) or ""))
                if findings:
                    problems.append((_("career step “%(title)s”") % {"title": step.title}, findings))
    return problems


def _lock(user) -> ProfessionalProfile:
    if not can_have_profile(user):
        raise PermissionDenied
    profile, _created = ProfessionalProfile.objects.select_for_update().get_or_create(user=user)
    return profile


def _check_still_complete(profile: ProfessionalProfile, field: str | None = None) -> None:
    # A submitted or published profile keeps what it was accepted with; changes go back through draft.
    if profile.status == ProfessionalProfile.Status.DRAFT:
        return
    missing = missing_for_submission(profile)
    if missing:
        raise ProfileError(
            _("Your profile is %(status)s and needs %(missing)s. Fill it in, or unpublish your profile first.")
            % {"status": profile.get_status_display(), "missing": ", ".join(missing)},
            field=field,
        )


def _recheck_texts(profile: ProfessionalProfile, actor) -> None:
    """Edits of a published profile have their own fields checked by the forms; the rest is checked again
    here, since the detection of contact details improves over time."""
    if profile.status != ProfessionalProfile.Status.PUBLISHED:
        return
    problems = texts_with_contact_details(profile)
    if problems:
        profile.status = ProfessionalProfile.Status.DRAFT
        profile.save(update_fields=["status", "updated_at"])
        audit_record(
            action=AUDIT_UNPUBLISHED, actor=actor, subject=profile.user, profile=profile.pk,
            reason="contact details", where=[where for where, _findings in problems],
        )


class _Files:
    """New files written during a change are removed if the row cannot be saved; replaced ones after commit."""

    def __init__(self, profile):
        self.profile, self.new, self.old = profile, [], []

    def replace(self, field_name: str, content) -> None:
        field = getattr(self.profile, field_name)
        if field:
            self.old.append(field.name)
        if content is None:
            setattr(self.profile, field_name, "")
        else:
            field.save(content.name, content, save=False)
            self.new.append(field.name)

    def save(self, **kwargs) -> None:
        storage = ProfessionalProfile._meta.get_field("photo").storage
        try:
            self.profile.save(**kwargs)
        except Exception:
            for name in self.new:
                storage.delete(name)
            raise
        old = [name for name in self.old if name not in self.new]
        transaction.on_commit(lambda: [storage.delete(name) for name in old])


def _save(profile: ProfessionalProfile, fields: list[str], actor, error_field: str | None = None):
    _check_still_complete(profile, error_field)
    profile.save(update_fields=[*fields, "updated_at"])
    _recheck_texts(profile, actor)
    return profile


@transaction.atomic
def profile_update_job(
    *, user, occupation, job_title: str, employer, employer_name: str, sector
) -> ProfessionalProfile:
    profile = _lock(user)
    profile.occupation, profile.job_title, profile.sector = occupation, job_title.strip(), sector
    profile.employer, profile.employer_name = employer, "" if employer else employer_name.strip()
    return _save(profile, ["occupation", "job_title", "employer", "employer_name", "sector"], user, "job_title")


@transaction.atomic
def profile_update_story(
    *, user, typical_day: str, training: str, wish_i_knew: str, interests: str
) -> ProfessionalProfile:
    profile = _lock(user)
    profile.typical_day, profile.training = typical_day.strip(), training.strip()
    profile.wish_i_knew, profile.interests = wish_i_knew.strip(), interests.strip()
    return _save(profile, ["typical_day", "training", "wish_i_knew", "interests"], user, "typical_day")


@transaction.atomic
def profile_update_practical(
    *, user, languages: list[str], place, photo=None, remove_photo: bool = False
) -> ProfessionalProfile:
    profile = _lock(user)
    profile.languages, profile.place = list(languages), place
    _check_still_complete(profile)
    files = _Files(profile)
    if photo is not None:
        files.replace("photo", photo)
    elif remove_photo:
        files.replace("photo", None)
    files.save(update_fields=["languages", "place", "photo", "updated_at"])
    _recheck_texts(profile, user)
    return profile


@transaction.atomic
def profile_update_video(
    *, user, video=None, video_duration: float | None = None, video_url: str = "", captions=None,
    remove_video: bool = False, remove_captions: bool = False,
) -> ProfessionalProfile:
    """One video per profile: an uploaded file (with optional captions) or a YouTube/Vimeo link."""
    profile = _lock(user)
    _check_still_complete(profile)
    files = _Files(profile)
    if video is not None:
        files.replace("video", video)
        profile.video_duration, profile.video_url = video_duration, ""
        # Captions belong to one recording: new ones come with it, or none.
        files.replace("captions", captions)
    elif video_url or remove_video:
        if profile.video:
            files.replace("video", None)
        if profile.captions:
            files.replace("captions", None)
        profile.video_duration, profile.video_url = None, video_url
    else:
        profile.video_url = ""
        if captions is not None and profile.video:
            files.replace("captions", captions)
        elif remove_captions and profile.captions:
            files.replace("captions", None)
    files.save(update_fields=["video", "video_duration", "video_url", "captions", "updated_at"])
    _recheck_texts(profile, user)
    return profile


@transaction.atomic
def profile_update_availability(*, user, offers: list[str], monthly_capacity: int, paused: bool) -> ProfessionalProfile:
    profile = _lock(user)
    profile.offers, profile.monthly_capacity, profile.paused = list(offers), monthly_capacity, paused
    return _save(profile, ["offers", "monthly_capacity", "paused"], user, "offers")


def _step_fields(step: CareerStep, *, kind, title, organisation_name, start_year, end_year, description) -> None:
    step.kind, step.title, step.organisation_name = kind, title.strip(), organisation_name.strip()
    step.start_year, step.end_year, step.description = start_year, end_year, description.strip()


@transaction.atomic
def career_step_add(*, user, **fields) -> CareerStep:
    profile = _lock(user)
    step = CareerStep(profile=profile)
    _step_fields(step, **fields)
    step.save()
    profile.save(update_fields=["updated_at"])
    _recheck_texts(profile, user)
    return step


@transaction.atomic
def career_step_update(*, user, step: CareerStep, **fields) -> CareerStep:
    profile = _lock(user)
    if step.profile_id != profile.pk:
        raise PermissionDenied
    _step_fields(step, **fields)
    step.save()
    profile.save(update_fields=["updated_at"])
    _recheck_texts(profile, user)
    return step


@transaction.atomic
def career_step_delete(*, user, step: CareerStep) -> None:
    profile = _lock(user)
    if step.profile_id != profile.pk:
        raise PermissionDenied
    step.delete()
    _check_still_complete(profile)
    profile.save(update_fields=["updated_at"])


@transaction.atomic
def profile_submit(*, user) -> ProfessionalProfile:
    """The owner asks for publication; it happens at once when they are verified (see profile_publish_if_ready)."""
    profile = _lock(user)
    if profile.status == ProfessionalProfile.Status.SUBMITTED:
        return profile_publish_if_ready(profile=profile, actor=user)
    if profile.status == ProfessionalProfile.Status.PUBLISHED:
        return profile
    missing = missing_for_submission(profile)
    if missing:
        raise ProfileError(_("Before you submit, add %(missing)s.") % {"missing": ", ".join(missing)})
    problems = texts_with_contact_details(profile)
    if problems:
        raise ProfileError(
            _("Remove the contact details from: %(where)s.") % {"where": ", ".join(w for w, _f in problems)}
        )
    profile.status, profile.submitted_at = ProfessionalProfile.Status.SUBMITTED, timezone.now()
    profile.save(update_fields=["status", "submitted_at", "updated_at"])
    audit_record(action=AUDIT_SUBMITTED, actor=user, subject=user, profile=profile.pk)
    return profile_publish_if_ready(profile=profile, actor=user)


@transaction.atomic
def profile_publish_if_ready(*, profile: ProfessionalProfile, actor=None) -> ProfessionalProfile:
    """Publishes a submitted profile whose owner has a verification in force; does nothing otherwise.

    Safe to call any number of times: after a verification is granted, on submission, from a nightly job.
    """
    profile = ProfessionalProfile.objects.select_for_update().select_related("user").get(pk=profile.pk)
    if profile.status != ProfessionalProfile.Status.SUBMITTED:
        return profile
    user = profile.user
    if not user.is_active or not can_have_profile(user) or not is_verified(user):
        return profile
    if missing_for_submission(profile) or texts_with_contact_details(profile):
        return profile
    profile.status, profile.published_at = ProfessionalProfile.Status.PUBLISHED, timezone.now()
    profile.save(update_fields=["status", "published_at", "updated_at"])
    audit_record(action=AUDIT_PUBLISHED, actor=actor, subject=user, profile=profile.pk)
    return profile


@transaction.atomic
def profile_unpublish(*, user) -> ProfessionalProfile | None:
    """Back to draft, from submitted or published; nothing happens to a draft."""
    profile = ProfessionalProfile.objects.select_for_update().filter(user=user).first()
    if profile is None or profile.status == ProfessionalProfile.Status.DRAFT:
        return profile
    previous = profile.status
    profile.status = ProfessionalProfile.Status.DRAFT
    profile.save(update_fields=["status", "updated_at"])
    audit_record(action=AUDIT_UNPUBLISHED, actor=user, subject=user, profile=profile.pk, previous=previous)
    return profile
