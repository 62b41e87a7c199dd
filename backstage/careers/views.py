from django.core.paginator import Paginator
from django.shortcuts import render

from backstage.careers import selectors
from backstage.careers.forms import OccupationFilterForm
from backstage.careers.models import RIASEC, RIASEC_LABELS, RIASEC_SHORT
from backstage.interests.selectors import Match, attach_professionals
from backstage.profiles.views.gallery import viewer_student_schools

OCCUPATIONS_PER_PAGE = 50
DATASHEET_PROFESSIONALS = 6


def sector_list(request):
    return render(request, "careers/sector_list.html", {"sectors": selectors.sectors()})


def sector_detail(request, code):
    sector = selectors.get_sector(code)
    form = OccupationFilterForm(request.GET)
    valid = form.is_valid()
    query = form.cleaned_data["q"] if valid else ""
    occupations = selectors.sector_occupations(sector, query=query) if valid else []
    page = Paginator(occupations, OCCUPATIONS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "sector": sector,
        "children": selectors.sector_children(sector),
        "form": form,
        "query": query,
        "page": page,
    }
    return render(request, "careers/sector_detail.html", context, status=200 if valid else 400)


def _synonyms(occupation) -> dict:
    # Synonyms follow the label: when the label is shown in English, so are its synonyms.
    label = occupation.label
    return {
        "items": getattr(occupation, f"alt_labels_{label.language}") or [],
        "language": label.language,
        "is_fallback": label.is_fallback,
    }


def _interest_rows(occupation) -> list[dict]:
    profile = occupation.interest_profile or {}
    return [
        {"key": dim, "name": RIASEC_SHORT[dim], "words": RIASEC_LABELS[dim], "value": profile[dim]}
        for dim in RIASEC
        if dim in profile
    ]


def occupation_detail(request, esco_id):
    occupation = selectors.get_occupation(esco_id)
    path = selectors.isco_path(occupation)
    holland = occupation.holland_code
    narrower, similar = selectors.narrower_and_similar(occupation)
    context = {
        "occupation": occupation,
        "label": occupation.label,
        "description": occupation.description,
        "synonyms": _synonyms(occupation),
        # Sector pages exist for the major and sub-major groups only.
        "sector_path": [group for group in path if group.level <= 2],
        "unit_group": occupation.isco_group,
        "minor_group": next((group for group in path if group.level == 3), None),
        "interest_rows": _interest_rows(occupation),
        "holland_code": holland,
        "holland_names": [RIASEC_SHORT[dim] for letter in holland for dim in RIASEC if dim[0].upper() == letter],
        "narrower": narrower,
        "similar": similar,
        "similar_fallback": any(other.label.is_fallback for other in similar),
        "professionals": _professionals_doing(occupation, request.user),
    }
    return render(request, "careers/occupation_detail.html", context)


def _professionals_doing(occupation, viewer) -> list[dict]:
    """A few people doing the job, linked to the viewer's school first, then the nearest (as the quiz shows them)."""
    match = Match(occupation, 0.0, [])
    attach_professionals([match], viewer, viewer_student_schools(viewer), per_occupation=DATASHEET_PROFESSIONALS)
    return match.professionals
