"""Company pages: the public page, the list, the company admin's editing and the moderator's premium plan."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from backstage.organisations.selectors import is_moderator
from backstage.profiles import company as companies
from backstage.profiles.company import (
    CompanyJobForm,
    CompanyPageError,
    CompanyPageForm,
    PhotoForm,
    PremiumForm,
    SiteForm,
)
from backstage.profiles.links import shared_link_phrases
from backstage.profiles.selectors import company_admin_company_ids
from backstage.profiles.views.gallery import viewer_student_schools

COMPANIES_PER_PAGE = 30


@login_required
def company_list(request):
    page = Paginator(companies.companies_with_page(), COMPANIES_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "profiles/company/list.html", {"page": page})


@login_required
def company_detail(request, pk):
    company = companies.get_company_for_user(request.user, pk)
    content = companies.company_page_content(company, request.user)
    viewer_schools = viewer_student_schools(request.user)
    context = {
        "company": company,
        **content,
        "ambassador_cards": [
            {"profile": p, "shared_links": shared_link_phrases(p, viewer_schools)} for p in content["ambassadors"]
        ],
        "employee_cards": [
            {"profile": p, "shared_links": shared_link_phrases(p, viewer_schools)} for p in content["employees"]
        ],
        "is_admin": company.pk in company_admin_company_ids(request.user),
        "is_moderator": is_moderator(request.user),
    }
    return render(request, "profiles/company/detail.html", context)


def _edit_context(company, **extra):
    page = companies.page_of(company)
    return {
        "company": company,
        "page": page,
        "sites": list(page.sites.all()) if page else [],
        "jobs": list(company.jobs.select_related("occupation")),
        "photos": list(company.photos.all()),
        "max_photos": companies.MAX_PHOTOS,
        **extra,
    }


def _page_form_initial(company):
    page = companies.page_of(company)
    return {
        "presentation": page.presentation if page else "",
        "website": company.website,
        "sectors": list(page.sectors.all()) if page else [],
    }


@login_required
@require_http_methods(["GET", "POST"])
def company_edit(request, pk):
    company = companies.get_company_for_admin(request.user, pk)
    form = CompanyPageForm(request.POST or None, initial=_page_form_initial(company))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            companies.company_page_update(company=company, admin=request.user, **form.cleaned_data)
            messages.success(request, _("Company page saved."))
            return redirect("profiles:company_edit", pk=pk)
        status = 400
    context = _edit_context(company, form=form, site_form=SiteForm(initial={"country": company.country}),
                            photo_form=PhotoForm())
    return render(request, "profiles/company/edit.html", context, status=status)


@login_required
@require_POST
def company_site_add(request, pk):
    company = companies.get_company_for_admin(request.user, pk)
    site_form = SiteForm(request.POST)
    if site_form.is_valid():
        try:
            companies.company_site_add(company=company, admin=request.user, place=site_form.cleaned_data["place"])
        except CompanyPageError as error:
            site_form.add_error(None, str(error))
        else:
            messages.success(request, _("Site added."))
            return redirect("profiles:company_edit", pk=pk)
    context = _edit_context(
        company, form=CompanyPageForm(initial=_page_form_initial(company)), site_form=site_form, photo_form=PhotoForm()
    )
    return render(request, "profiles/company/edit.html", context, status=400)


@login_required
@require_POST
def company_site_remove(request, pk, place_pk):
    company = companies.get_company_for_admin(request.user, pk)
    companies.company_site_remove(company=company, admin=request.user, place_pk=place_pk)
    messages.success(request, _("Site removed."))
    return redirect("profiles:company_edit", pk=pk)


JOB_FIELDS = ("kind", "occupation_search", "occupation", "text", "why")


def _job_form(request, *, current=None, initial=None):
    if request.method == "POST" and "find" in request.POST:
        # The "Find" button posts the form back to list the matching occupations: nothing is saved and
        # nothing is reported as missing yet, so the typed text comes back as initial values.
        initial = {name: request.POST.get(name, "") for name in JOB_FIELDS}
        return CompanyJobForm(initial=initial, search=initial["occupation_search"][:100], current=current)
    if request.method == "POST":
        return CompanyJobForm(request.POST, search=request.POST.get("occupation_search", "")[:100], current=current)
    search = request.GET.get("occupation_search", "")[:100]
    initial = {**(initial or {}), "occupation_search": search}
    if request.GET.get("occupation"):
        initial["occupation"] = request.GET["occupation"]
    return CompanyJobForm(initial=initial, search=search, current=current)


def _job_page(request, company, form, job=None, status=200):
    if request.htmx and request.method == "GET":
        return render(request, "profiles/company/job_form.html#occupation-choices", {"form": form}, status=status)
    return render(request, "profiles/company/job_form.html", {"company": company, "form": form, "job": job},
                  status=status)


def _finding_occupation(request) -> bool:
    return request.method == "POST" and "find" in request.POST


@login_required
@require_http_methods(["GET", "POST"])
def company_job_new(request, pk):
    company = companies.get_company_for_admin(request.user, pk)
    form = _job_form(request)
    if request.method == "POST" and not _finding_occupation(request):
        if form.is_valid():
            data = form.cleaned_data
            companies.company_job_create(
                company=company, admin=request.user, kind=data["kind"], occupation=data["occupation"],
                text=data["text"], why=data["why"],
            )
            messages.success(request, _("Job added to your page."))
            return redirect("profiles:company_edit", pk=pk)
        return _job_page(request, company, form, status=400)
    return _job_page(request, company, form)


@login_required
@require_http_methods(["GET", "POST"])
def company_job_edit(request, pk, job_pk):
    company = companies.get_company_for_admin(request.user, pk)
    job = companies.get_job_for_admin(company, job_pk)
    initial = {"kind": job.kind, "occupation": job.occupation_id, "text": job.text, "why": job.why}
    form = _job_form(request, current=job.occupation, initial=initial)
    if request.method == "POST" and not _finding_occupation(request):
        if form.is_valid():
            data = form.cleaned_data
            companies.company_job_update(
                job=job, admin=request.user, kind=data["kind"], occupation=data["occupation"], text=data["text"],
                why=data["why"],
            )
            messages.success(request, _("Job saved."))
            return redirect("profiles:company_edit", pk=pk)
        return _job_page(request, company, form, job=job, status=400)
    return _job_page(request, company, form, job=job)


@login_required
@require_POST
def company_job_delete(request, pk, job_pk):
    company = companies.get_company_for_admin(request.user, pk)
    job = companies.get_job_for_admin(company, job_pk)
    companies.company_job_delete(job=job, admin=request.user)
    messages.success(request, _("Job removed from your page."))
    return redirect("profiles:company_edit", pk=pk)


@login_required
@require_POST
def company_photo_add(request, pk):
    company = companies.get_company_for_admin(request.user, pk)
    photo_form = PhotoForm(request.POST, request.FILES, company=company)
    if photo_form.is_valid():
        try:
            companies.company_photo_add(
                company=company, admin=request.user, image=photo_form.cleaned_data["image"],
                caption=photo_form.cleaned_data["caption"],
            )
        except CompanyPageError as error:
            photo_form.add_error(None, str(error))
        else:
            messages.success(request, _("Photo added."))
            return redirect("profiles:company_edit", pk=pk)
    context = _edit_context(
        company, form=CompanyPageForm(initial=_page_form_initial(company)),
        site_form=SiteForm(initial={"country": company.country}), photo_form=photo_form,
    )
    return render(request, "profiles/company/edit.html", context, status=400)


@login_required
@require_POST
def company_photo_delete(request, pk, photo_pk):
    company = companies.get_company_for_admin(request.user, pk)
    photo = companies.get_photo_for_admin(company, photo_pk)
    companies.company_photo_delete(photo=photo, admin=request.user)
    messages.success(request, _("Photo deleted."))
    return redirect("profiles:company_edit", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def company_premium(request, pk):
    company = companies.get_company_for_moderator(request.user, pk)
    page = companies.page_of(company)
    initial = {"premium_from": page.premium_from, "premium_until": page.premium_until} if page else {}
    form = PremiumForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            companies.company_premium_set(company=company, moderator=request.user, **form.cleaned_data)
            messages.success(request, _("Premium plan saved."))
            return redirect("profiles:company_premium", pk=pk)
        status = 400
    return render(request, "profiles/company/premium.html", {"company": company, "page": page, "form": form},
                  status=status)


urlpatterns = [
    path("companies/", company_list, name="company_list"),
    path("companies/<int:pk>/", company_detail, name="company_detail"),
    path("companies/<int:pk>/edit/", company_edit, name="company_edit"),
    path("companies/<int:pk>/sites/add/", company_site_add, name="company_site_add"),
    path("companies/<int:pk>/sites/<int:place_pk>/remove/", company_site_remove, name="company_site_remove"),
    path("companies/<int:pk>/jobs/new/", company_job_new, name="company_job_new"),
    path("companies/<int:pk>/jobs/<int:job_pk>/edit/", company_job_edit, name="company_job_edit"),
    path("companies/<int:pk>/jobs/<int:job_pk>/delete/", company_job_delete, name="company_job_delete"),
    path("companies/<int:pk>/photos/add/", company_photo_add, name="company_photo_add"),
    path("companies/<int:pk>/photos/<int:photo_pk>/delete/", company_photo_delete, name="company_photo_delete"),
    path("companies/<int:pk>/premium/", company_premium, name="company_premium"),
]
