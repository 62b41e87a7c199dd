"""The gallery of professionals and the profile page, as a logged-in student or adult sees them."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from csp.decorators import csp_replace

from backstage.careers.models import IscoGroup
from backstage.organisations.models import Organisation, Role
from backstage.profiles import selectors
from backstage.profiles.links import shared_link_phrases
from backstage.profiles.models import SPOKEN_LANGUAGES, Offer, SchoolLink

PROFILES_PER_PAGE = 24
VIDEO_FRAME_SOURCES = ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]


class GalleryFilterForm(forms.Form):
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    offer = forms.ChoiceField(
        label=_("Available to"), required=False, choices=[("", _("anything")), *Offer.choices]
    )
    language = forms.ChoiceField(
        label=_("Speaks"), required=False, choices=[("", _("any language")), *SPOKEN_LANGUAGES]
    )
    my_school = forms.BooleanField(label=_("Only professionals linked to my school"), required=False)

    def __init__(self, *args, is_student: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        majors = sorted(IscoGroup.objects.filter(level=1), key=lambda group: (group.code == "0", group.code))
        self.fields["sector"].choices = [("", _("all sectors")), *((g.code, str(g.label)) for g in majors)]
        if not is_student:
            del self.fields["my_school"]


def viewer_student_schools(viewer) -> list[Organisation]:
    """The schools where the viewer is a student, with their place, in one query."""
    if not viewer.is_authenticated:
        return []
    return list(
        Organisation.objects.filter(
            kind=Organisation.Kind.SCHOOL,
            memberships__user=viewer,
            memberships__role=Role.STUDENT,
            memberships__ended_at__isnull=True,
        )
        .select_related("place")
        .distinct()
    )


def _featured_exists(school_ids):
    """A confirmed ambassador link to one of the viewer's schools, for a company whose premium plan runs today."""
    today = timezone.localdate()
    return Exists(
        SchoolLink.objects.filter(
            profile=OuterRef("pk"),
            status=SchoolLink.Status.CONFIRMED,
            kind=SchoolLink.Kind.AMBASSADOR,
            school_id__in=school_ids,
            company__page__premium_from__lte=today,
            company__page__premium_until__gte=today,
        )
    )


def _linked_exists(school_ids):
    return Exists(
        SchoolLink.objects.filter(profile=OuterRef("pk"), status=SchoolLink.Status.CONFIRMED, school_id__in=school_ids)
    )


def gallery_queryset(viewer, school_ids, filters: dict):
    profiles = selectors.gallery_profiles(viewer).annotate(
        featured=_featured_exists(school_ids), linked=_linked_exists(school_ids)
    )
    if filters.get("sector"):
        code = filters["sector"]
        # The sector chosen by the professional, or else the one of their occupation.
        profiles = profiles.filter(
            Q(sector__code__startswith=code) | Q(sector__isnull=True, occupation__isco_group__code__startswith=code)
        )
    if filters.get("offer"):
        # The JSON text holds each value in quotes; icontains works the same on SQLite and PostgreSQL.
        profiles = profiles.filter(offers__icontains=f'"{filters["offer"]}"')
    if filters.get("language"):
        profiles = profiles.filter(languages__icontains=f'"{filters["language"]}"')
    if filters.get("my_school"):
        profiles = profiles.filter(linked=True)
    return profiles.order_by("-featured", "-linked", "-published_at", "-id")


def cards_for(profiles, viewer_schools) -> list[dict]:
    return [
        {"profile": profile, "shared_links": shared_link_phrases(profile, viewer_schools)} for profile in profiles
    ]


@login_required
def gallery(request):
    viewer_schools = viewer_student_schools(request.user)
    school_ids = [school.pk for school in viewer_schools]
    form = GalleryFilterForm(request.GET or None, is_student=bool(viewer_schools))
    status = 200
    filters = {}
    if form.is_bound:
        if form.is_valid():
            filters = form.cleaned_data
        else:
            status = 400
    page = Paginator(gallery_queryset(request.user, school_ids, filters), PROFILES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    context = {
        "form": form,
        "page": page,
        "cards": cards_for(page.object_list, viewer_schools),
        "filtered": any(filters.values()),
    }
    template = "profiles/gallery.html#results" if request.htmx and status == 200 else "profiles/gallery.html"
    return render(request, template, context, status=status)


def video_embed_url(profile) -> str:
    if profile.video or not profile.video_url:
        return ""
    from backstage.profiles.uploads import embed_url  # written alongside the profile editor

    return embed_url(profile.video_url) or ""


@login_required
# Replaced rather than updated: appended to the site-wide 'none', the sources would come with a console error
# ("'none' must be the only source expression").
@csp_replace({"frame-src": VIDEO_FRAME_SOURCES})
def profile_detail(request, pk):
    profile = selectors.get_profile_for_user(request.user, pk)
    viewer_schools = viewer_student_schools(request.user)
    context = {
        "profile": profile,
        "shared_links": shared_link_phrases(profile, viewer_schools),
        "video_embed_url": video_embed_url(profile),
        "is_own": profile.user_id == request.user.pk,
    }
    return render(request, "profiles/profile_detail.html", context)


urlpatterns = [
    path("professionals/", gallery, name="gallery"),
    path("professionals/<int:pk>/", profile_detail, name="profile_detail"),
]
