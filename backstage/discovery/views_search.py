"""The search page: occupations and professionals for a query and facets, with why each one matched."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from backstage.careers.models import IscoGroup, Occupation, current_lang
from backstage.careers.selectors import ESCO_ID
from backstage.careers.services import OCCUPATION_URI_PREFIX
from backstage.discovery import search
from backstage.organisations.models import Place
from backstage.profiles.models import SPOKEN_LANGUAGES, Offer

RESULTS_PER_PAGE = 20
DISTANCES = [5, 10, 25, 50]


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("What are you looking for?"), max_length=100, required=False,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off", "enterkeyhint": "search",
                                      "placeholder": _("a job, a sector, something you like")}),
    )
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    occupation = forms.CharField(required=False, widget=forms.HiddenInput, max_length=36)
    place = forms.CharField(label=_("Municipality or postcode"), max_length=80, required=False)
    distance = forms.TypedChoiceField(
        label=_("Distance from my school"), required=False, coerce=int, empty_value=None,
        choices=[("", _("any distance")), *((km, _("within %(km)s km") % {"km": km}) for km in DISTANCES)],
    )
    offer = forms.ChoiceField(label=_("Available to"), required=False, choices=[("", _("anything")), *Offer.choices])
    language = forms.ChoiceField(
        label=_("Speaks"), required=False, choices=[("", _("any language")), *SPOKEN_LANGUAGES]
    )
    link = forms.ChoiceField(
        label=_("Link with my school"), required=False,
        choices=[
            ("", _("anyone")),
            ("alumnus", _("former students of my school")),
            ("parent", _("parents at my school")),
            ("ambassador", _("ambassadors for my school")),
        ],
    )
    company = forms.CharField(label=_("Company"), max_length=100, required=False)

    def __init__(self, *args, schools=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.schools = list(schools)
        groups = sorted(IscoGroup.objects.filter(level__in=(1, 2)), key=lambda g: (g.code[:1] == "0", g.code))
        choices, majors = [("", _("all sectors"))], {}
        for group in groups:
            if group.level == 1:
                majors[group.code] = [(group.code, _("all of %(sector)s") % {"sector": group.label})]
                choices.append((str(group.label), majors[group.code]))
            elif group.code[:1] in majors:
                majors[group.code[:1]].append((group.code, str(group.label)))
        self.fields["sector"].choices = choices
        if not self.schools:
            # Without a school there is no "my school" to be near or linked to.
            del self.fields["distance"]
            del self.fields["link"]
        elif search.school_with_place(self.schools) is None:
            del self.fields["distance"]

    def clean_q(self):
        value = " ".join(self.cleaned_data["q"].split())
        if value and not search.has_a_word(value):
            raise forms.ValidationError(_("Type at least one letter or digit."))
        return value

    def clean_occupation(self):
        value = self.cleaned_data["occupation"].strip()
        if not value:
            return None
        occupation = Occupation.objects.filter(esco_uri=OCCUPATION_URI_PREFIX + value).first() if ESCO_ID.fullmatch(
            value) else None
        if occupation is None:
            raise forms.ValidationError(_("This occupation does not exist."))
        return occupation

    def clean_place(self):
        value = " ".join(self.cleaned_data["place"].split())
        if not value:
            return []
        places = list(
            Place.objects.filter(
                Q(postcode__iexact=value) | Q(name__iexact=value) | Q(name_fr__iexact=value) | Q(name_nl__iexact=value)
            ).order_by("country", "postcode", "name")[:50]
        )
        if not places:
            raise forms.ValidationError(_("We do not know this municipality or postcode. Check the spelling."))
        return places

    def clean_company(self):
        return " ".join(self.cleaned_data["company"].split())

    def filters(self) -> search.Filters:
        data = self.cleaned_data
        return search.Filters(
            sector=data.get("sector") or "", occupation=data.get("occupation"), places=data.get("place") or [],
            distance=data.get("distance"), offer=data.get("offer") or "", language=data.get("language") or "",
            link=data.get("link") or "", company=data.get("company") or "",
        )


@login_required
@require_GET
def search_page(request):
    schools = search.viewer_schools(request.user)
    form = SearchForm(request.GET or None, schools=schools)
    status, results = 200, None
    if form.is_bound:
        if form.is_valid() and not form.cleaned_data["offer"] and search.offer_named(form.cleaned_data["q"]):
            # "gastles": the filter of what professionals offer, as if chosen (and shown so in the form).
            params = request.GET.copy()
            params["offer"] = search.offer_named(form.cleaned_data["q"])
            for name in ("q", "page"):
                params.pop(name, None)
            return redirect(f"{reverse('discovery:search')}?{params.urlencode()}")
        if form.is_valid():
            results = search.search(
                request.user, form.cleaned_data["q"], form.filters(), page=request.GET.get("page") or 1,
                per_page=RESULTS_PER_PAGE, lang=current_lang(), schools=schools,
            )
        else:
            status = 400
    context = {
        "form": form,
        "results": results,
        "facets_used": bool(results and results.filters),
        "facet_fields": [form[name] for name in ("sector", "place", "distance", "offer", "language", "link", "company")
                         if name in form.fields],
    }
    # htmx gets the results alone, with the form's errors on a 400 (htmx-form-errors.js swaps it in).
    template = "discovery/search.html#results" if request.htmx else "discovery/search.html"
    return render(request, template, context, status=status)


urlpatterns = [
    path("search/", search_page, name="search"),
]
