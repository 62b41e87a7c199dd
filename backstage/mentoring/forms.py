from __future__ import annotations

import datetime
import re

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.forms.utils import ErrorDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from backstage.accounts.forms import DateInput
from backstage.careers.models import IscoGroup, Occupation
from backstage.careers.selectors import occupations_matching
from backstage.mentoring.models import (
    DAYS,
    MAX_DUOS_AT_ONCE,
    PARTS_OF_DAY,
    Application,
    CheckIn,
    Duo,
    MidtermReview,
    Programme,
)
from backstage.mentoring.services import manual_moves
from backstage.organisations.forms import resolve_place
from backstage.organisations.models import Organisation, Place
from backstage.profiles.models import SPOKEN_LANGUAGES

OCCUPATION_RESULTS = 15
MAX_WANTED_OCCUPATIONS = 5
MAX_CAREER_OCCUPATIONS = 10
MAX_SECTORS = 5


def slot_choices():
    return [(f"{day}_{part}", f"{day_label} {part_label}") for day, day_label in DAYS for part, part_label in PARTS_OF_DAY]


class ProgrammeForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("Languages the programme works in"), choices=SPOKEN_LANGUAGES, widget=forms.CheckboxSelectMultiple,
        help_text=_("Applicants must speak at least one of them."),
    )

    class Meta:
        model = Programme
        fields = ["name", "mentee_min_age", "mentee_max_age", "mentor_min_age", "duo_months", "checkin_every_days",
                  "languages"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limits = {"mentee_min_age": (16, 99), "mentee_max_age": (16, 99), "mentor_min_age": (18, 99),
                  "duo_months": (1, 24), "checkin_every_days": (1, 90)}
        for name, (low, high) in limits.items():
            field = self.fields[name]
            field.validators += [MinValueValidator(low), MaxValueValidator(high)]
            field.widget.attrs.update({"min": low, "max": high})

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("mentee_min_age"), cleaned.get("mentee_max_age")
        if low is not None and high is not None and low > high:
            self.add_error("mentee_max_age", _("The oldest mentee age must be at least the youngest."))
        return cleaned


POSTCODE_SPLIT = re.compile(r"[\s,;]+")


class BranchSettingsForm(forms.Form):
    postcodes = forms.CharField(
        label=_("Postcodes served"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Separated by spaces or commas, for example 1000 1080 1210. Leave empty to accept any postcode."),
    )
    intake_open = forms.BooleanField(label=_("Applications are open"), required=False)

    def __init__(self, *args, branch: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.branch = branch

    def clean_postcodes(self):
        codes = [c.upper() for c in POSTCODE_SPLIT.split(self.cleaned_data["postcodes"].strip()) if c]
        if len(codes) > 400:
            raise forms.ValidationError(_("At most 400 postcodes."))
        places = list(Place.objects.filter(country=self.branch.country, postcode__in=codes))
        unknown = sorted(set(codes) - {p.postcode for p in places})
        if unknown:
            raise forms.ValidationError(
                _("These postcodes do not exist in the branch's country: %(codes)s") % {"codes": ", ".join(unknown)}
            )
        self.cleaned_data["municipalities"] = places
        return " ".join(sorted(set(codes)))


class OccupationChoiceField(forms.ModelMultipleChoiceField):
    """Any occupation validates; only the chosen ones and the search results are rendered (3,000 would be heavy)."""

    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return str(obj.label)


class ApplicationForm(forms.Form):
    """The part of the application both sides fill in."""

    languages = forms.MultipleChoiceField(
        label=_("Languages you speak well enough for a conversation"), choices=SPOKEN_LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
    )
    postcode = forms.CharField(label=_("Postcode where you live"), max_length=10)
    locality = forms.CharField(
        label=_("Municipality"), max_length=120, required=False,
        help_text=_("Needed only when several municipalities share the postcode."),
    )
    availability = forms.MultipleChoiceField(
        label=_("When are you usually free?"), choices=slot_choices, widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick at least one moment of the week."),
    )
    meeting_mode = forms.ChoiceField(
        label=_("How do you prefer to meet?"), choices=Application.MeetingMode.choices, widget=forms.RadioSelect,
        initial=Application.MeetingMode.EITHER,
    )
    occupation_q = forms.CharField(
        label=_("Search occupations"), max_length=100, required=False,
        help_text=_("Type at least two letters and press “Search”, for example “nurse” or “logistique”."),
    )

    occupation_field = ""
    max_occupations = MAX_WANTED_OCCUPATIONS
    checks_municipality = True

    def __init__(self, *args, branch: Organisation, programme: Programme, searching: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.branch, self.programme, self.searching = branch, programme, searching
        # The branch serves mentees from its municipalities; mentors may come from further away.
        self.served_postcodes = set(
            Place.objects.filter(mentoring_branches__branch=branch).values_list("postcode", flat=True)
        ) if self.checks_municipality else set()
        field = self.fields[self.occupation_field]
        chosen_ids = [v for v in (self.data.getlist(self.occupation_field) if self.is_bound else []) if str(v).isdigit()]
        shown = list(Occupation.objects.filter(pk__in=chosen_ids)) + self.occupation_matches(exclude=chosen_ids)
        field.widget.choices = [(o.pk, str(o.label)) for o in shown]
        self.occupation_results = len(shown) - len(chosen_ids)

    def full_clean(self):
        if self.searching:
            # Showing occupations found is not a submission: no validation, no errors shown.
            self._errors, self.cleaned_data = ErrorDict(), {}
            return
        super().full_clean()

    def availability_rows(self):
        choices = list(self["availability"])
        return [(label, choices[i * 3:(i + 1) * 3]) for i, (_code, label) in enumerate(DAYS)]

    def part_labels(self):
        return [label for _code, label in PARTS_OF_DAY]

    def occupation_matches(self, *, exclude=()) -> list[Occupation]:
        query = (self.data.get("occupation_q", "") if self.is_bound else "").strip()[:100]
        if len(query) < 2:
            return []
        return occupations_matching(query, limit=OCCUPATION_RESULTS, exclude=exclude)

    def clean_languages(self):
        languages = self.cleaned_data["languages"]
        wanted = set(self.programme.languages or [])
        if wanted and not wanted & set(languages):
            names = ", ".join(str(label) for code, label in SPOKEN_LANGUAGES if code in wanted)
            raise forms.ValidationError(_("The programme works in %(names)s: you need one of them.") % {"names": names})
        return languages

    def clean(self):
        cleaned = super().clean()
        postcode = (cleaned.get("postcode") or "").strip().upper()
        if postcode:
            place = resolve_place(
                self, country=self.branch.country, postcode=postcode, locality=cleaned.get("locality")
            )
            if place is not None and self.served_postcodes and place.postcode not in self.served_postcodes:
                self.add_error("postcode", _(
                    "This branch does not serve %(place)s. Look for the branch closest to you on the list of "
                    "branches.") % {"place": str(place)})
                place = None
            cleaned["place"] = place
        occupations = cleaned.get(self.occupation_field)
        if occupations is not None and len(occupations) > self.max_occupations:
            self.add_error(self.occupation_field, _("Choose at most %(n)d occupations.") % {"n": self.max_occupations})
        return cleaned

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("postcode", None)
        data.pop("locality", None)
        data.pop("occupation_q", None)
        return data


def _sectors():
    return IscoGroup.objects.filter(level=2).order_by("code")


class SectorChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return str(obj.label)


class MenteeApplicationForm(ApplicationForm):
    occupation_field = "wanted_occupations"
    max_occupations = MAX_WANTED_OCCUPATIONS

    education_level = forms.ChoiceField(label=_("Your highest diploma or training"), choices=Application.Education.choices)
    work_experience = forms.CharField(
        label=_("Your work experience"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Jobs, internships, volunteering, here or in another country."),
    )
    wanted_sectors = SectorChoiceField(
        label=_("Sectors you would like to work in"), queryset=_sectors(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    wanted_occupations = OccupationChoiceField(
        label=_("Occupations you would like"), queryset=Occupation.objects.all(), required=False,
        help_text=_("Up to five. Search above, tick, and search again for more."),
    )
    goals = forms.CharField(
        label=_("What do you want to reach with a mentor?"), min_length=20, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For example: find a job in logistics, prepare interviews, have my diploma recognised."),
    )
    constraints = forms.CharField(
        label=_("Anything the coordinator should know?"), required=False, max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Childcare, transport, health, hours you cannot meet..."),
    )

    field_order = ["languages", "postcode", "locality", "education_level", "work_experience", "wanted_sectors",
                   "occupation_q", "wanted_occupations", "goals", "availability", "meeting_mode", "constraints"]

    def clean(self):
        cleaned = super().clean()
        if len(cleaned.get("wanted_sectors") or []) > MAX_SECTORS:
            self.add_error("wanted_sectors", _("Choose at most %(n)d sectors.") % {"n": MAX_SECTORS})
        if not cleaned.get("wanted_sectors") and not cleaned.get("wanted_occupations") and "wanted_sectors" not in self.errors:
            self.add_error("wanted_sectors", _("Choose at least one sector or one occupation."))
        return cleaned


class MentorApplicationForm(ApplicationForm):
    occupation_field = "career_occupations"
    max_occupations = MAX_CAREER_OCCUPATIONS
    checks_municipality = False

    career_occupations = OccupationChoiceField(
        label=_("Occupations you had in your career"), queryset=Occupation.objects.all(), required=False,
        help_text=_("Up to ten. Search above, tick, and search again for more."),
    )
    career_sectors = SectorChoiceField(
        label=_("Sectors you worked in"), queryset=_sectors(), required=False, widget=forms.CheckboxSelectMultiple,
    )
    career_summary = forms.CharField(
        label=_("Your career in a few lines"), min_length=20, max_length=3000, widget=forms.Textarea(attrs={"rows": 4}),
    )
    max_duos = forms.IntegerField(
        label=_("How many young people could you mentor at the same time?"), min_value=1, max_value=MAX_DUOS_AT_ONCE,
        initial=1, help_text=_("Most mentors take one at a time; a duo asks about two hours a week."),
    )
    employer = forms.ModelChoiceField(
        label=_("Partner company that sends you"), required=False,
        queryset=Organisation.objects.filter(kind=Organisation.Kind.COMPANY, status=Organisation.Status.APPROVED)
        .order_by("name"),
        empty_label=_("— none —"),
    )
    employer_name = forms.CharField(label=_("Or your employer's name"), max_length=150, required=False)

    field_order = ["languages", "postcode", "locality", "occupation_q", "career_occupations", "career_sectors",
                   "career_summary", "availability", "meeting_mode", "max_duos", "employer", "employer_name"]

    def clean(self):
        cleaned = super().clean()
        if len(cleaned.get("career_sectors") or []) > MAX_SECTORS:
            self.add_error("career_sectors", _("Choose at most %(n)d sectors.") % {"n": MAX_SECTORS})
        if not cleaned.get("career_sectors") and not cleaned.get("career_occupations") and "career_sectors" not in self.errors:
            self.add_error("career_sectors", _("Choose at least one sector or one occupation."))
        if cleaned.get("employer") and cleaned.get("employer_name"):
            self.add_error("employer_name", _("Pick the company in the list or type its name, not both."))
        return cleaned


class ApplicationFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Side"), required=False, choices=[("", _("all"))] + Application.Kind.choices)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("all"))] + Application.Status.choices)
    q = forms.CharField(label=_("Name or e-mail"), required=False, max_length=100)


class StatusMoveForm(forms.Form):
    to_status = forms.ChoiceField(label=_("New status"), widget=forms.RadioSelect)
    note = forms.CharField(label=_("Note"), required=False, max_length=500)

    def __init__(self, *args, application: Application, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(Application.Status.choices)
        self.fields["to_status"].choices = [(s, labels[s]) for s in manual_moves(application)]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("to_status") in (Application.Status.CLOSED, Application.Status.WITHDRAWN) and not cleaned.get(
                "note", "").strip():
            self.add_error("note", _("Say why, for the next coordinator."))
        return cleaned


class NotesForm(forms.Form):
    interview_notes = forms.CharField(
        label=_("Interview notes"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Seen by the branch's coordinators only."),
    )


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("Why (optional)"), required=False, max_length=300)


class IntroduceForm(forms.Form):
    first_meeting_on = forms.DateField(label=_("First meeting"), widget=DateInput)
    where = forms.CharField(label=_("Where or how"), max_length=200,
                            help_text=_("For example: at the branch office, 10:00; or a video call."))
    message = forms.CharField(label=_("A word for both of them"), required=False, max_length=1000,
                              widget=forms.Textarea(attrs={"rows": 3}))

    def clean_first_meeting_on(self):
        day = self.cleaned_data["first_meeting_on"]
        today = timezone.localdate()
        if day < today:
            raise forms.ValidationError(_("The first meeting cannot be in the past."))
        if day > today + datetime.timedelta(days=90):
            raise forms.ValidationError(_("Plan the first meeting within three months."))
        return day


class CheckInForm(forms.Form):
    met_on = forms.DateField(label=_("Date of the meeting"), widget=DateInput)
    mode = forms.ChoiceField(label=_("How did you meet?"), choices=CheckIn.Mode.choices, widget=forms.RadioSelect)
    topics = forms.MultipleChoiceField(label=_("What did you work on?"), choices=CheckIn.Topic.choices,
                                       widget=forms.CheckboxSelectMultiple)
    mood = forms.ChoiceField(label=_("How did it go?"), choices=CheckIn.Mood.choices, widget=forms.RadioSelect)
    note = forms.CharField(label=_("Note (optional)"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("Your coordinator and your duo partner can read it."))

    def __init__(self, *args, duo: Duo, **kwargs):
        super().__init__(*args, **kwargs)
        self.duo = duo

    def clean_met_on(self):
        day = self.cleaned_data["met_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("Log meetings that took place: the date is in the future."))
        start = timezone.localdate(self.duo.introduced_at) if self.duo.introduced_at else None
        if start and day < start:
            raise forms.ValidationError(_("The duo was introduced on %(day)s: pick a later date.") % {
                "day": start.isoformat()})
        return day


class MidtermReviewForm(forms.ModelForm):
    class Meta:
        model = MidtermReview
        fields = ["held_on", "mentee_rating", "mentor_rating", "progress", "next_steps", "continue_duo"]
        widgets = {"held_on": DateInput, "mentee_rating": forms.RadioSelect, "mentor_rating": forms.RadioSelect,
                   "progress": forms.Textarea(attrs={"rows": 3}), "next_steps": forms.Textarea(attrs={"rows": 3})}

    def clean_held_on(self):
        day = self.cleaned_data["held_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("Record a review that took place: the date is in the future."))
        return day


class CloseForm(forms.Form):
    closed_on = forms.DateField(label=_("Last day of the duo"), widget=DateInput)
    ending = forms.ChoiceField(label=_("The duo"), choices=Duo.Ending.choices, widget=forms.RadioSelect)
    end_reason = forms.CharField(label=_("Why it ended early"), required=False, max_length=300)
    outcome = forms.ChoiceField(label=_("Where the mentee stands now"), choices=Duo.Outcome.choices,
                                widget=forms.RadioSelect)
    contract = forms.ChoiceField(label=_("Contract (for a job)"), required=False,
                                 choices=[("", "—")] + Duo.Contract.choices)
    note = forms.CharField(label=_("Note"), required=False, max_length=500)
    mentee_next = forms.ChoiceField(
        label=_("After an early end, the mentee"), widget=forms.RadioSelect, initial="close",
        choices=[("close", _("leaves the programme")), ("new_mentor", _("waits for a new mentor"))],
    )
    mentor_next = forms.ChoiceField(
        label=_("The mentor"), widget=forms.RadioSelect, initial="another",
        choices=[("another", _("is ready for another duo")), ("stop", _("stops mentoring"))],
    )

    def __init__(self, *args, duo: Duo, **kwargs):
        super().__init__(*args, **kwargs)
        self.duo = duo

    def clean(self):
        cleaned = super().clean()
        day = cleaned.get("closed_on")
        if day:
            if day > timezone.localdate():
                self.add_error("closed_on", _("The date is in the future."))
            elif self.duo.introduced_at and day < timezone.localdate(self.duo.introduced_at):
                self.add_error("closed_on", _("The duo was introduced later than this date."))
        if cleaned.get("ending") == Duo.Ending.EARLY and not cleaned.get("end_reason", "").strip():
            self.add_error("end_reason", _("Say why the duo ended early."))
        if cleaned.get("outcome") == Duo.Outcome.JOB and not cleaned.get("contract"):
            self.add_error("contract", _("Say which contract the job is."))
        if cleaned.get("outcome") != Duo.Outcome.JOB:
            cleaned["contract"] = ""
        return cleaned


class FollowUpForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Where do you stand today?"), choices=Duo.Outcome.choices,
                                widget=forms.RadioSelect)
    contract = forms.ChoiceField(label=_("If you have a job: which contract?"), required=False,
                                 choices=[("", "—")] + Duo.Contract.choices)
    comment = forms.CharField(label=_("Anything you want to tell us (optional)"), required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 3}))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("outcome") == Duo.Outcome.JOB and not cleaned.get("contract"):
            self.add_error("contract", _("Say which contract you have."))
        return cleaned

