"""The professional's own profile, edited step by step under /me/profile/."""

from functools import wraps

from csp.decorators import csp_replace
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from backstage.careers.models import Occupation
from backstage.profiles import services
from backstage.profiles.forms import (
    AvailabilityForm,
    CareerStepForm,
    JobForm,
    OccupationSearchForm,
    PracticalForm,
    StoryForm,
    VideoForm,
)
from backstage.profiles.models import CareerStep, ProfessionalProfile
from backstage.profiles.selectors import can_have_profile, is_verified, own_profile
from backstage.profiles.services import ProfileError
from backstage.profiles.uploads import embed_url

# Replaced rather than added to the site's frame-src 'none': next to other sources, browsers ignore 'none'
# anyway, and Chromium logs an error for it on every page view.
VIDEO_FRAME_SOURCES = ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]

# (key, title, URL name, required for submission)
STEPS = [
    ("job", gettext_lazy("Your job"), "profiles:edit_job", True),
    ("story", gettext_lazy("Your story"), "profiles:edit_story", True),
    ("path", gettext_lazy("Your career path"), "profiles:edit_path", True),
    ("practical", gettext_lazy("Practical details"), "profiles:edit_practical", False),
    ("video", gettext_lazy("Video"), "profiles:edit_video", False),
    ("availability", gettext_lazy("Availability"), "profiles:edit_availability", True),
]


def profile_owner(view):
    """Adults who can have a profile; everyone else gets 403 (and the anonymous the login page)."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not can_have_profile(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def _own(user) -> ProfessionalProfile:
    # Nothing is created on a GET: an unsaved profile shows empty forms until the first step is saved.
    return own_profile(user) or ProfessionalProfile(user=user)


def _own_step(user, pk) -> CareerStep:
    return get_object_or_404(CareerStep, pk=pk, profile__user=user)


def _step_done(profile: ProfessionalProfile, key: str) -> bool:
    if key == "job":
        return bool(profile.occupation_id or profile.job_title)
    if key == "story":
        return bool(profile.typical_day)
    if key == "path":
        return profile.pk is not None and profile.steps.exists()
    if key == "practical":
        return bool(profile.languages or profile.place_id or profile.photo)
    if key == "video":
        return bool(profile.video or profile.video_url)
    if key == "availability":
        return profile.pk is not None and bool(profile.offers or profile.paused)
    return False


def _progress(profile, current: str | None = None) -> list[dict]:
    return [
        {
            "number": number, "key": key, "title": title, "url": reverse(url_name), "required": required,
            "done": _step_done(profile, key), "current": key == current,
        }
        for number, (key, title, url_name, required) in enumerate(STEPS, start=1)
    ]


def _next_url(key: str) -> str:
    keys = [step[0] for step in STEPS]
    index = keys.index(key)
    return reverse(STEPS[index + 1][2]) if index + 1 < len(STEPS) else reverse("profiles:preview")


def _step_context(profile, key: str, **extra) -> dict:
    progress = _progress(profile, key)
    current = next(step for step in progress if step["current"])
    return {"profile": profile, "progress": progress, "step": current, "total": len(STEPS) + 1, **extra}


def _add_profile_error(form, error: ProfileError) -> None:
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)


def _saved(request, key: str):
    messages.success(request, _("Saved."))
    return redirect(_next_url(key))


@profile_owner
@require_GET
def overview(request):
    profile = _own(request.user)
    context = {
        "profile": profile,
        "progress": _progress(profile),
        "missing": services.missing_for_submission(profile),
        "problems": services.texts_with_contact_details(profile),
        "verified": is_verified(request.user),
    }
    return render(request, "profiles/edit/overview.html", context)


def _job_initial(profile) -> dict:
    # A sector equal to the occupation's own is shown as "the sector of my occupation", so that it follows
    # when the occupation changes.
    default = profile.occupation.isco_group_id[:2] if profile.occupation_id else None
    return {
        "occupation": profile.occupation, "job_title": profile.job_title, "employer": profile.employer,
        "employer_name": profile.employer_name, "sector": None if profile.sector_id == default else profile.sector,
    }


def _job_page(request, profile, form, query: str, status: int = 200):
    selected = form["occupation"].value() if form.is_bound else form.initial.get("occupation")
    selected_pk = str(getattr(selected, "pk", selected) or "")
    current = Occupation.objects.filter(pk=selected_pk).first() if selected_pk.isdigit() else None
    results = [o for o in OccupationSearchForm({"q": query}).matches() if str(o.pk) != selected_pk]
    context = _step_context(
        profile, "job", form=form, query=query, results=results, current_occupation=current,
        selected_pk=selected_pk,
    )
    return render(request, "profiles/edit/job.html", context, status=status)


@profile_owner
@require_http_methods(["GET", "POST"])
def job(request):
    profile = _own(request.user)
    if request.method == "GET":
        search = OccupationSearchForm(request.GET)
        query = search.cleaned_data["q"] if search.is_valid() else ""
        return _job_page(request, profile, JobForm(initial=_job_initial(profile)), query)
    form = JobForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.profile_update_job(
                user=request.user, occupation=data["occupation"], job_title=data["job_title"],
                employer=data["employer"], employer_name=data["employer_name"], sector=data["sector"],
            )
        except ProfileError as error:
            _add_profile_error(form, error)
        else:
            return _saved(request, "job")
    return _job_page(request, profile, form, request.POST.get("q", "")[:100], status=400)


@profile_owner
@require_GET
def occupation_search(request):
    """The htmx search-as-you-type of the job step: the matching occupations as radio buttons."""
    form = OccupationSearchForm(request.GET)
    exclude = request.GET.get("selected", "")
    results = [o for o in form.matches() if str(o.pk) != exclude]
    query = form.cleaned_data.get("q", "") if form.is_valid() else ""
    return render(
        request, "profiles/edit/job.html#occupation-results", {"results": results, "query": query},
        status=200 if form.is_valid() else 400,
    )


def _form_step(request, key: str, form_class, initial: dict, save, template: str, **form_kwargs):
    """GET shows the form; POST validates, saves through `save(data)` and moves to the next step."""
    profile = _own(request.user)
    if request.method == "GET":
        form = form_class(initial=initial, **form_kwargs)
        return render(request, template, _step_context(profile, key, form=form))
    form = form_class(request.POST, request.FILES, **form_kwargs)
    if form.is_valid():
        try:
            save(form.cleaned_data)
        except ProfileError as error:
            _add_profile_error(form, error)
        else:
            return _saved(request, key)
    return render(request, template, _step_context(profile, key, form=form), status=400)


@profile_owner
@require_http_methods(["GET", "POST"])
def story(request):
    profile = _own(request.user)
    fields = ("typical_day", "training", "wish_i_knew", "interests")
    return _form_step(
        request, "story", StoryForm, {name: getattr(profile, name) for name in fields},
        lambda data: services.profile_update_story(user=request.user, **{name: data[name] for name in fields}),
        "profiles/edit/story.html",
    )


STEP_FIELDS = ("kind", "title", "organisation_name", "start_year", "end_year", "description")


def _path_page(request, profile, form, status=200, error: str = ""):
    steps = list(profile.steps.all()) if profile.pk else []
    context = _step_context(profile, "path", form=form, steps=steps, error=error)
    return render(request, "profiles/edit/path.html", context, status=status)


@profile_owner
@require_http_methods(["GET", "POST"])
def career_path(request):
    profile = _own(request.user)
    if request.method == "GET":
        return _path_page(request, profile, CareerStepForm(initial={"kind": CareerStep.Kind.JOB}))
    form = CareerStepForm(request.POST)
    if form.is_valid():
        services.career_step_add(user=request.user, **{name: form.cleaned_data[name] for name in STEP_FIELDS})
        messages.success(request, _("Step added to your path."))
        return redirect("profiles:edit_path")
    return _path_page(request, profile, form, status=400)


@profile_owner
@require_http_methods(["GET", "POST"])
def career_step_edit(request, pk):
    step = _own_step(request.user, pk)
    profile = step.profile
    if request.method == "GET":
        form = CareerStepForm(initial={name: getattr(step, name) for name in STEP_FIELDS})
        return render(request, "profiles/edit/step_form.html", _step_context(profile, "path", form=form, item=step))
    form = CareerStepForm(request.POST)
    if form.is_valid():
        services.career_step_update(
            user=request.user, step=step, **{name: form.cleaned_data[name] for name in STEP_FIELDS}
        )
        messages.success(request, _("Step saved."))
        return redirect("profiles:edit_path")
    context = _step_context(profile, "path", form=form, item=step)
    return render(request, "profiles/edit/step_form.html", context, status=400)


@profile_owner
@require_POST
def career_step_delete(request, pk):
    step = _own_step(request.user, pk)
    try:
        services.career_step_delete(user=request.user, step=step)
    except ProfileError as error:
        profile = _own(request.user)
        return _path_page(request, profile, CareerStepForm(), status=400, error=error.message)
    messages.success(request, _("Step removed from your path."))
    return redirect("profiles:edit_path")


@profile_owner
@require_http_methods(["GET", "POST"])
def practical(request):
    profile = _own(request.user)
    place = profile.place
    initial = {
        "languages": profile.languages,
        "country": place.country if place else request.user.country,
        "postcode": place.postcode if place else "",
        "locality": place.local_name() if place else "",
    }
    return _form_step(
        request, "practical", PracticalForm, initial,
        lambda data: services.profile_update_practical(
            user=request.user, languages=data["languages"], place=data["place"], photo=data["photo"],
            remove_photo=data.get("remove_photo", False),
        ),
        "profiles/edit/practical.html", profile=profile,
    )


@profile_owner
@require_http_methods(["GET", "POST"])
def video(request):
    profile = _own(request.user)
    return _form_step(
        request, "video", VideoForm, {"video_url": profile.video_url},
        lambda data: services.profile_update_video(
            user=request.user, video=data["video"], video_duration=data.get("video_duration"),
            video_url=data["video_url"], captions=data["captions"],
            remove_video=data.get("remove_video", False), remove_captions=data.get("remove_captions", False),
        ),
        "profiles/edit/video.html", profile=profile,
    )


@profile_owner
@require_http_methods(["GET", "POST"])
def availability(request):
    profile = _own(request.user)
    initial = {"offers": profile.offers, "monthly_capacity": profile.monthly_capacity, "paused": profile.paused}
    return _form_step(
        request, "availability", AvailabilityForm, initial,
        lambda data: services.profile_update_availability(user=request.user, **data),
        "profiles/edit/availability.html",
    )


def _preview_page(request, profile, status=200, error: str = ""):
    context = {
        "profile": profile,
        "progress": _progress(profile, "preview"),
        "total": len(STEPS) + 1,
        "step": {"number": len(STEPS) + 1, "key": "preview", "title": _("Preview and publish")},
        "missing": services.missing_for_submission(profile),
        "problems": services.texts_with_contact_details(profile),
        "verified": is_verified(request.user),
        "shared_links": [],
        "video_embed_url": embed_url(profile.video_url) if profile.video_url else "",
        "error": error,
    }
    return render(request, "profiles/edit/preview.html", context, status=status)


@profile_owner
@require_GET
@csp_replace({"frame-src": VIDEO_FRAME_SOURCES})
def preview(request):
    return _preview_page(request, _own(request.user))


@profile_owner
@require_POST
@csp_replace({"frame-src": VIDEO_FRAME_SOURCES})
def submit(request):
    try:
        profile = services.profile_submit(user=request.user)
    except ProfileError as error:
        return _preview_page(request, _own(request.user), status=400, error=error.message)
    if profile.status == ProfessionalProfile.Status.PUBLISHED:
        messages.success(request, _("Your profile is published: students can find you now."))
    else:
        messages.success(
            request,
            _("Your profile is submitted. It will be published as soon as your verification is granted."),
        )
    return redirect("profiles:edit")


@profile_owner
@require_POST
def unpublish(request):
    before = own_profile(request.user)
    services.profile_unpublish(user=request.user)
    if before is not None and before.status != ProfessionalProfile.Status.DRAFT:
        messages.success(request, _("Your profile is no longer visible to students. It is a draft again."))
    return redirect("profiles:edit")


urlpatterns = [
    path("me/profile/", overview, name="edit"),
    path("me/profile/job/", job, name="edit_job"),
    path("me/profile/job/occupations/", occupation_search, name="occupation_search"),
    path("me/profile/story/", story, name="edit_story"),
    path("me/profile/path/", career_path, name="edit_path"),
    path("me/profile/path/<int:pk>/", career_step_edit, name="edit_step"),
    path("me/profile/path/<int:pk>/delete/", career_step_delete, name="delete_step"),
    path("me/profile/practical/", practical, name="edit_practical"),
    path("me/profile/video/", video, name="edit_video"),
    path("me/profile/availability/", availability, name="edit_availability"),
    path("me/profile/preview/", preview, name="preview"),
    path("me/profile/submit/", submit, name="submit"),
    path("me/profile/unpublish/", unpublish, name="unpublish"),
]
