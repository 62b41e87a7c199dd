import re

from django import forms
from django.utils.translation import gettext_lazy as _

from backstage.accounts.models import Country
from backstage.organisations.models import SCHOOL_STAFF_ROLES, Place, SchoolClass, normalise_join_code
from backstage.organisations.selectors import find_class_by_code


def resolve_place(form: forms.Form, *, country: str, postcode: str, locality: str,
                  postcode_field: str = "postcode", locality_field: str = "locality") -> Place | None:
    """The Place of a postcode in a country, asking for the municipality when several share the postcode.

    One place per postcode is taken as is; otherwise the typed locality must name one of them (in any of its
    languages). Errors go on the form next to the fields; returns None when no place is found.
    """
    postcode = (postcode or "").strip().upper()
    if not country or not postcode:
        return None
    places = list(Place.objects.filter(country=country, postcode=postcode))
    if not places:
        form.add_error(postcode_field, _("This postcode does not exist in the chosen country."))
        return None
    if len(places) == 1:
        return places[0]
    locality = (locality or "").strip().lower()
    for place in places:
        if locality and locality in {place.name.lower(), place.name_fr.lower(), place.name_nl.lower()}:
            return place
    names = ", ".join(sorted({place.local_name() for place in places}))
    form.add_error(
        locality_field, _("Several municipalities share this postcode; type one of: %(names)s") % {"names": names}
    )
    return None


class SchoolForm(forms.Form):
    name = forms.CharField(label=_("School name"), max_length=200)
    country = forms.ChoiceField(label=_("Country"), choices=Country.choices)
    postcode = forms.CharField(label=_("Postcode"), max_length=10)
    locality = forms.CharField(
        label=_("Municipality"), max_length=120, required=False,
        help_text=_("Needed only when several municipalities share the postcode."),
    )
    address = forms.CharField(label=_("Street and number"), max_length=200, required=False)
    official_code = forms.CharField(
        label=_("Official school number"), max_length=20, required=False,
        help_text=_("FASE number, UAI or BRIN, if you know it."),
    )
    priority_education = forms.BooleanField(
        label=_("Priority-education school (REP/REP+, D+, GOK...)"), required=False
    )
    role = forms.ChoiceField(label=_("I am"), choices=[(r.value, r.label) for r in SCHOOL_STAFF_ROLES])

    def clean(self):
        cleaned = super().clean()
        place = resolve_place(
            self, country=cleaned.get("country"), postcode=cleaned.get("postcode"), locality=cleaned.get("locality")
        )
        if place is not None:
            cleaned["place"] = place
        return cleaned


SCHOOL_YEAR_RE = re.compile(r"^(\d{4})-(\d{4})$")


class ClassForm(forms.Form):
    name = forms.CharField(label=_("Class name"), max_length=60, help_text=_("for example 4B or 3e D"))
    grade = forms.IntegerField(
        label=_("Year of secondary school"), min_value=1, max_value=7, help_text=_("1 to 7, as your school counts them")
    )
    school_year = forms.CharField(label=_("School year"), max_length=9, help_text=_("for example 2026-2027"))

    def __init__(self, *args, school=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.school = school

    def clean_school_year(self):
        value = self.cleaned_data["school_year"].strip()
        match = SCHOOL_YEAR_RE.match(value)
        if not match or int(match.group(2)) != int(match.group(1)) + 1:
            raise forms.ValidationError(_("Write the school year as two following years, like 2026-2027."))
        return value

    def clean(self):
        cleaned = super().clean()
        if self.school and cleaned.get("name") and cleaned.get("school_year"):
            if SchoolClass.objects.filter(
                school=self.school, name__iexact=cleaned["name"].strip(), school_year=cleaned["school_year"]
            ).exists():
                self.add_error("name", _("Your school already has a class with this name this year."))
        return cleaned


class JoinClassForm(forms.Form):
    code = forms.CharField(label=_("Class code"), max_length=20)

    def clean_code(self):
        school_class = find_class_by_code(normalise_join_code(self.cleaned_data["code"]))
        if school_class is None:
            raise forms.ValidationError(
                _("No open class has this code. Check it with your teacher (letters and digits, no spaces).")
            )
        return school_class


class StaffInviteForm(forms.Form):
    email = forms.EmailField(label=_("Your colleague's e-mail"))
    role = forms.ChoiceField(label=_("Role"), choices=[(r.value, r.label) for r in SCHOOL_STAFF_ROLES])


class SchoolReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("approve", _("Approve")), ("reject", _("Reject"))], widget=forms.RadioSelect
    )
    note = forms.CharField(label=_("Note to the school"), max_length=300, required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "reject" and not cleaned.get("note", "").strip():
            self.add_error("note", _("Say why the school is rejected."))
        return cleaned
