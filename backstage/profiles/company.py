"""Company pages: scoped reads, forms and the services that write them."""

import datetime

from django import forms
from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from backstage.accounts.models import Country
from backstage.careers.models import IscoGroup, Occupation
from backstage.careers.selectors import occupations_matching
from backstage.core.models import AuditEntry
from backstage.core.services import audit_record
from backstage.organisations.forms import resolve_place
from backstage.organisations.models import Organisation, Place
from backstage.organisations.selectors import is_moderator
from backstage.profiles.models import CompanyJob, CompanyPage, CompanyPhoto, SchoolLink
from backstage.profiles.selectors import company_admin_company_ids, gallery_profiles

MAX_PHOTOS = 12
MAX_SITES = 30
OCCUPATION_CHOICES_SHOWN = 20


# Reads ------------------------------------------------------------------------------------------------------------


def approved_companies():
    return Organisation.objects.filter(kind=Organisation.Kind.COMPANY, status=Organisation.Status.APPROVED)


def companies_with_page():
    return approved_companies().filter(Exists(CompanyPage.objects.filter(company=OuterRef("pk")))).select_related(
        "place", "page"
    )


def _company_queryset():
    return approved_companies().select_related("place", "page")


def get_company_for_user(viewer, pk: int) -> Organisation:
    """An approved company, for any logged-in user; 404 for anything else (schools, pending companies...)."""
    try:
        return _company_queryset().get(pk=pk)
    except Organisation.DoesNotExist:
        raise Http404 from None


def get_company_for_admin(user, pk: int) -> Organisation:
    """A company the user administers through an active membership; 404 for everyone else."""
    if not user.is_authenticated or pk not in company_admin_company_ids(user):
        raise Http404
    try:
        return Organisation.objects.select_related("place", "page").get(pk=pk, kind=Organisation.Kind.COMPANY)
    except Organisation.DoesNotExist:
        raise Http404 from None


def get_company_for_moderator(user, pk: int) -> Organisation:
    if not is_moderator(user):
        raise Http404
    try:
        return Organisation.objects.select_related("page").get(pk=pk, kind=Organisation.Kind.COMPANY)
    except Organisation.DoesNotExist:
        raise Http404 from None


def page_of(company: Organisation) -> CompanyPage | None:
    try:
        return company.page
    except CompanyPage.DoesNotExist:
        return None


def company_page_content(company: Organisation, viewer) -> dict:
    """What the public page shows, each list in one query."""
    page = page_of(company)
    jobs = list(company.jobs.select_related("occupation"))
    ambassador_links = SchoolLink.objects.filter(
        status=SchoolLink.Status.CONFIRMED, kind=SchoolLink.Kind.AMBASSADOR, company=company
    )
    ambassadors = list(
        gallery_profiles(viewer)
        .filter(Exists(ambassador_links.filter(profile=OuterRef("pk"))))
        .prefetch_related(
            Prefetch("school_links", queryset=ambassador_links.select_related("school"), to_attr="ambassador_links")
        )
    )
    ambassador_ids = {profile.pk for profile in ambassadors}
    employees = [
        profile for profile in gallery_profiles(viewer).filter(employer=company) if profile.pk not in ambassador_ids
    ]
    return {
        "page": page,
        "sectors": list(page.sectors.order_by("code")) if page else [],
        "sites": list(page.sites.all()) if page else [],
        "photos": list(company.photos.all()),
        "hard_to_fill": [job for job in jobs if job.kind == CompanyJob.Kind.HARD_TO_FILL],
        "future_jobs": [job for job in jobs if job.kind == CompanyJob.Kind.FUTURE],
        "ambassadors": ambassadors,
        "employees": employees,
    }


def get_job_for_admin(company: Organisation, job_pk: int) -> CompanyJob:
    try:
        return CompanyJob.objects.select_related("occupation").get(pk=job_pk, company=company)
    except CompanyJob.DoesNotExist:
        raise Http404 from None


def get_photo_for_admin(company: Organisation, photo_pk: int) -> CompanyPhoto:
    try:
        return CompanyPhoto.objects.get(pk=photo_pk, company=company)
    except CompanyPhoto.DoesNotExist:
        raise Http404 from None


def search_occupations(query: str, *, limit: int = OCCUPATION_CHOICES_SHOWN) -> list[Occupation]:
    return occupations_matching(query, limit=limit)


# Forms ------------------------------------------------------------------------------------------------------------


class SectorChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return str(obj.label) if obj.level == 1 else f"· {obj.label}"


class CompanyPageForm(forms.Form):
    presentation = forms.CharField(
        label=_("Presentation"), widget=forms.Textarea(attrs={"rows": 8}), max_length=5000, required=False,
        help_text=_("What your company does, in words a 14-year-old understands."),
    )
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    sectors = SectorChoiceField(
        label=_("Sectors"), queryset=IscoGroup.objects.filter(level__in=(1, 2)).order_by("code"),
        widget=forms.CheckboxSelectMultiple, required=False,
    )


def place_from(cleaned: dict, form: forms.Form) -> Place | None:
    return resolve_place(
        form, country=cleaned.get("country"), postcode=cleaned.get("postcode"), locality=cleaned.get("locality")
    )


class SiteForm(forms.Form):
    country = forms.ChoiceField(label=_("Country"), choices=Country.choices)
    postcode = forms.CharField(label=_("Postcode"), max_length=10)
    locality = forms.CharField(
        label=_("Municipality"), max_length=120, required=False,
        help_text=_("Needed only when several municipalities share the postcode."),
    )

    def clean(self):
        cleaned = super().clean()
        place = place_from(cleaned, self)
        if place is not None:
            cleaned["place"] = place
        return cleaned


class CompanyJobForm(forms.Form):
    """The occupation list holds only the search results (and the current choice), never all occupations."""

    kind = forms.ChoiceField(label=_("Kind"), choices=CompanyJob.Kind.choices, widget=forms.RadioSelect)
    occupation_search = forms.CharField(
        label=_("Find the occupation"), max_length=100, required=False,
        help_text=_("Type part of the name, for example “plumb” or “nurse”, then choose below."),
    )
    occupation = forms.ModelChoiceField(
        label=_("Occupation"), queryset=Occupation.objects.all(), widget=forms.RadioSelect,
        error_messages={"required": _("Search for the occupation and choose one."),
                        "invalid_choice": _("Choose an occupation from the list.")},
    )
    text = forms.CharField(label=_("What the job is"), widget=forms.Textarea(attrs={"rows": 4}), max_length=1500)
    why = forms.CharField(
        label=_("Why it is hard to fill, or why it will grow"), widget=forms.Textarea(attrs={"rows": 4}),
        max_length=1500,
    )

    field_order = ["kind", "occupation_search", "occupation", "text", "why"]

    def __init__(self, *args, search: str = "", current: Occupation | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        candidates = search_occupations(search) if search else []
        # The occupation already chosen stays in the list while the admin searches for another one.
        chosen_pk = str((self.data if self.is_bound else self.initial).get("occupation") or "")
        if chosen_pk.isdigit() and all(str(o.pk) != chosen_pk for o in candidates):
            chosen = current if current is not None and str(current.pk) == chosen_pk else None
            chosen = chosen or Occupation.objects.filter(pk=chosen_pk).first()
            if chosen is not None:
                candidates.insert(0, chosen)
        self.candidates = candidates
        self.fields["occupation"].widget.choices = [(o.pk, str(o.label)) for o in candidates]
        self.searched = bool(search)


class PhotoForm(forms.Form):
    # A plain file field: clean_photo reads the content itself and says what a wrong file really is.
    image = forms.FileField(
        label=_("Photo"), help_text=_("JPEG, PNG or WebP, 8 MB at most."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    caption = forms.CharField(label=_("Caption"), max_length=200, required=False)

    def __init__(self, *args, company: Organisation | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.company = company

    def clean_image(self):
        from backstage.profiles.uploads import clean_photo  # shared with the profile editor

        return clean_photo(self.cleaned_data["image"])

    def clean(self):
        cleaned = super().clean()
        if self.company is not None and self.company.photos.count() >= MAX_PHOTOS:
            raise forms.ValidationError(
                _("A page holds %(max)s photos at most; delete one first.") % {"max": MAX_PHOTOS}
            )
        return cleaned


class PremiumForm(forms.Form):
    premium_from = forms.DateField(
        label=_("Premium from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    premium_until = forms.DateField(
        label=_("Premium until"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave both dates empty to end the premium plan."),
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("premium_from"), cleaned.get("premium_until")
        if self.errors:
            return cleaned
        if bool(start) != bool(end):
            self.add_error("premium_until" if start else "premium_from", _("Give both dates, or neither."))
        elif start and end and end < start:
            self.add_error("premium_until", _("The end comes before the start."))
        return cleaned


# Services ---------------------------------------------------------------------------------------------------------


def _page_for_update(company: Organisation) -> CompanyPage:
    page, _created = CompanyPage.objects.select_for_update().get_or_create(company=company)
    return page


@transaction.atomic
def company_page_update(
    *, company: Organisation, admin, presentation: str, website: str, sectors
) -> CompanyPage:
    page = _page_for_update(company)
    page.presentation = presentation
    page.save(update_fields=["presentation", "updated_at"])
    page.sectors.set(sectors)
    if company.website != website:
        company.website = website
        company.save(update_fields=["website"])
    return page


class CompanyPageError(Exception):
    """A change to a company page that cannot be made; the message is shown to the user."""


@transaction.atomic
def company_site_add(*, company: Organisation, admin, place: Place) -> CompanyPage:
    page = _page_for_update(company)
    if page.sites.count() >= MAX_SITES:
        raise CompanyPageError(_("A page lists %(max)s sites at most.") % {"max": MAX_SITES})
    page.sites.add(place)
    return page


@transaction.atomic
def company_site_remove(*, company: Organisation, admin, place_pk: int) -> None:
    page = _page_for_update(company)
    page.sites.remove(*page.sites.filter(pk=place_pk))


@transaction.atomic
def company_job_create(
    *, company: Organisation, admin, kind: str, occupation: Occupation, text: str, why: str
) -> CompanyJob:
    _page_for_update(company)
    return CompanyJob.objects.create(company=company, kind=kind, occupation=occupation, text=text, why=why)


@transaction.atomic
def company_job_update(*, job: CompanyJob, admin, kind: str, occupation: Occupation, text: str, why: str) -> CompanyJob:
    job.kind, job.occupation, job.text, job.why = kind, occupation, text, why
    job.save(update_fields=["kind", "occupation", "text", "why"])
    return job


@transaction.atomic
def company_job_delete(*, job: CompanyJob, admin) -> None:
    job.delete()


@transaction.atomic
def company_photo_add(*, company: Organisation, admin, image, caption: str) -> CompanyPhoto:
    _page_for_update(company)
    if CompanyPhoto.objects.filter(company=company).count() >= MAX_PHOTOS:
        raise CompanyPageError(_("A page holds %(max)s photos at most; delete one first.") % {"max": MAX_PHOTOS})
    photo = CompanyPhoto(company=company, caption=caption)
    photo.image.save(image.name, image, save=False)
    photo.save()
    return photo


@transaction.atomic
def company_photo_delete(*, photo: CompanyPhoto, admin) -> None:
    storage, name = photo.image.storage, photo.image.name
    photo.delete()
    # The file goes only once the row is gone for good.
    transaction.on_commit(lambda: storage.delete(name) if name else None)


@transaction.atomic
def company_premium_set(
    *, company: Organisation, moderator, premium_from: datetime.date | None, premium_until: datetime.date | None
) -> CompanyPage:
    page = _page_for_update(company)
    page.premium_from, page.premium_until, page.premium_set_by = premium_from, premium_until, moderator
    page.save(update_fields=["premium_from", "premium_until", "premium_set_by", "updated_at"])
    audit_record(
        action=AuditEntry.Action.PREMIUM_SET, actor=moderator, organisation=company,
        premium_from=premium_from.isoformat() if premium_from else None,
        premium_until=premium_until.isoformat() if premium_until else None,
    )
    return page
