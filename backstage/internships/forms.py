import datetime

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from backstage.accounts.models import Country, User
from backstage.careers.models import IscoGroup
from backstage.careers.selectors import occupations_matching
from backstage.internships.letters import LETTER_LANGUAGES, still_has_why_line
from backstage.internships.models import Kit, Offer, Report, Signature
from backstage.organisations.forms import resolve_place
from backstage.organisations.models import Role
from backstage.profiles.forms import refuse_contact_details
from backstage.profiles.selectors import current_verification_exists
from backstage.profiles.uploads import MB, _read_at_most, _refuse_wrong_type, clean_photo


class DateInput(forms.DateInput):
    input_type = "date"


class OfferSearchForm(forms.Form):
    starts_after = forms.DateField(label=_("From"), required=False, widget=DateInput)
    ends_before = forms.DateField(label=_("Until"), required=False, widget=DateInput)
    sector = forms.ModelChoiceField(
        label=_("Sector"), required=False, queryset=IscoGroup.objects.filter(level=1).order_by("code"),
        to_field_name="code", empty_label=_("— every sector —"),
    )
    distance = forms.TypedChoiceField(
        label=_("Distance from my school"), required=False, coerce=int, empty_value=None,
        choices=[("", _("— any distance —")), ("5", "5 km"), ("10", "10 km"), ("25", "25 km"), ("50", "50 km")],
    )


class OfferForm(forms.ModelForm):
    occupation = forms.CharField(
        label=_("Occupation"), max_length=100,
        help_text=_("Type the occupation the pupil will observe, for example “electrician”."),
    )
    country = forms.ChoiceField(label=_("Country"), choices=Country.choices)
    postcode = forms.CharField(label=_("Postcode"), max_length=10)
    locality = forms.CharField(label=_("Municipality"), max_length=120, required=False,
                               help_text=_("Needed only when several municipalities share the postcode."))

    class Meta:
        model = Offer
        fields = ["title", "host_name", "address", "starts_on", "ends_on", "places_total", "min_age", "activities",
                  "accessibility", "tutor", "reserved_for_priority"]
        widgets = {"starts_on": DateInput, "ends_on": DateInput}

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        # Tutors: verified adults of the organisation (safeguarding rule 1); the service checks again.
        self.fields["tutor"].queryset = User.objects.filter(
            memberships__organisation=organisation, memberships__ended_at__isnull=True,
            memberships__role__in=(Role.COMPANY_ADMIN, Role.PROFESSIONAL, Role.COORDINATOR),
        ).filter(current_verification_exists("pk")).distinct()
        self.fields["tutor"].required = True
        self.fields["tutor"].label_from_instance = lambda user: user.get_full_name()
        self.fields["tutor"].help_text = _("An adult of your organisation whose verification is in force.")
        if self.instance.pk:
            first = self.instance.occupations.first()
            self.initial.setdefault("occupation", first.label if first else "")
            self.initial.setdefault("country", self.instance.place.country)
            self.initial.setdefault("postcode", self.instance.place.postcode)
            self.initial.setdefault("locality", self.instance.place.name)
        else:
            self.initial.setdefault("country", organisation.country)

    def clean_starts_on(self):
        day = self.cleaned_data["starts_on"]
        if day <= timezone.localdate():
            raise forms.ValidationError(_("The internship must start after today."))
        return day

    def clean(self):
        cleaned = super().clean()
        refuse_contact_details(self, ("title", "activities", "accessibility", "host_name"))
        start, end = cleaned.get("starts_on"), cleaned.get("ends_on")
        if start and end and not (start <= end <= start + datetime.timedelta(days=13)):
            self.add_error("ends_on", _("An observation internship lasts one or two weeks."))
        if cleaned.get("places_total") == 0:
            self.add_error("places_total", _("At least one place."))
        query = cleaned.get("occupation", "")
        matches = occupations_matching(query, limit=1) if query else []
        if query and not matches:
            self.add_error("occupation", _("No occupation matches this name."))
        cleaned["occupations"] = matches
        cleaned["place"] = resolve_place(
            self, country=cleaned.get("country", ""), postcode=cleaned.get("postcode", ""),
            locality=cleaned.get("locality", ""),
        )
        return cleaned


class SchoolSettingsForm(forms.Form):
    teacher_validation = forms.BooleanField(
        label=_("A teacher validates each application before the company sees it"), required=False
    )


# The tailored letter is the base letter plus a paragraph about the offer: the base leaves room for it.
KIT_LETTER_MAX = 3000
APPLICATION_LETTER_MIN = 80
APPLICATION_LETTER_MAX = 4000


class KitForm(forms.ModelForm):
    class Meta:
        model = Kit
        fields = ["who_i_am", "what_i_like", "school_line", "languages", "activities", "qualities", "letter"]
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in ("who_i_am", "what_i_like", "activities")}
        widgets["letter"] = forms.Textarea(attrs={"rows": 10})
        help_texts = {
            "who_i_am": _("Example: I am 14, in 3rd year at school, curious and calm."),
            "what_i_like": _("Example: I like repairing bikes and helping my little brother with maths."),
            "school_line": _("Example: 3e D, Athénée Molenbeek"),
            "languages": _("Example: French (mother tongue), Arabic, English (school)"),
            "activities": _("Football on Saturdays, the school choir, helping at the neighbourhood café…"),
            "qualities": _("Example: punctual, patient, I ask questions"),
            "letter": _("Short sentences are fine. Say why this job interests you and what you would like to see. "
                        "Read it aloud once: it helps find missing words."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        letter = self.fields["letter"]
        letter.max_length = KIT_LETTER_MAX
        letter.validators.append(MaxLengthValidator(KIT_LETTER_MAX))
        letter.widget.attrs["maxlength"] = str(KIT_LETTER_MAX)

    def clean(self):
        cleaned = super().clean()
        # The CV goes to adults of a company: no phone numbers, e-mails or social handles (safeguarding rule 4).
        refuse_contact_details(self, list(self.Meta.fields))
        return cleaned


class LetterModelForm(forms.Form):
    template = forms.ChoiceField(label=_("Model letter"), choices=LETTER_LANGUAGES, required=False)


class ApplicationLetterForm(forms.Form):
    letter = forms.CharField(
        label=_("My letter for this offer"), min_length=APPLICATION_LETTER_MIN, max_length=APPLICATION_LETTER_MAX,
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_("Replace the line in square brackets with two or three sentences of your own. Change anything else "
                    "you like: the letter in “My CV and letter” stays as it is for your other applications."),
        error_messages={
            "required": _("Your letter is empty: write it before you send your application."),
            "min_length": _("Your letter is very short: write a few sentences (at least %(limit_value)d characters)."),
            "max_length": _("Your letter is too long: keep it under %(limit_value)d characters (it has %(show_value)d)."),
        },
    )

    def __init__(self, *args, offer, base_letter, **kwargs):
        super().__init__(*args, **kwargs)
        self.offer, self.base_letter = offer, base_letter

    def clean_letter(self):
        letter = self.cleaned_data["letter"]
        if still_has_why_line(letter, self.offer):
            raise forms.ValidationError(
                _("Replace the line in square brackets with your own sentences about %(host)s.") % {"host": self.offer.host}
            )
        if " ".join(letter.split()) == " ".join(self.base_letter.split()):
            raise forms.ValidationError(
                _("Add a few sentences about %(host)s and this internship: that is what makes a company want to meet "
                  "you.") % {"host": self.offer.host}
            )
        return letter

    def clean(self):
        cleaned = super().clean()
        # The letter goes to adults of a company (safeguarding rule 4), like the CV.
        refuse_contact_details(self, ("letter",))
        return cleaned


class DecisionForm(forms.Form):
    ACTIONS = {
        "validate": ("sent", "teacher"), "return": ("returned", "teacher"), "resubmit": ("waiting_teacher", "student"),
        "accept": ("accepted", "company"), "decline": ("declined", "company"), "withdraw": ("withdrawn", "student"),
    }
    action = forms.ChoiceField(choices=[(key, key) for key in ACTIONS])
    message = forms.CharField(label=_("Message"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") in ("decline", "return") and not cleaned.get("message", "").strip():
            self.add_error("message", _("Say in a few words why: the pupil reads it."))
        refuse_contact_details(self, ("message",))
        return cleaned


MAX_SCAN_BYTES = 10 * MB


def clean_scan(file):
    """A signed paper agreement: a PDF or a photo, recognised by content (never by name or browser type)."""
    if file.size > MAX_SCAN_BYTES:
        raise forms.ValidationError(_("The scan is larger than 10 MB."))
    head = _read_at_most(file, 1024)
    if head.startswith(b"%PDF-"):
        file.seek(0)
        return file
    try:
        return clean_photo(file)
    except forms.ValidationError:
        raise _refuse_wrong_type(head, _("a PDF document or a photo")) from None


class SignForm(forms.Form):
    party = forms.ChoiceField(choices=Signature.Party.choices)
    signer_name = forms.CharField(label=_("Name of the signatory"), max_length=150)
    scan = forms.FileField(label=_("Scan of the signed paper"), required=False)

    def __init__(self, *args, allowed_parties, **kwargs):
        super().__init__(*args, **kwargs)
        self.allowed = allowed_parties

    def clean_scan(self):
        file = self.cleaned_data.get("scan")
        return clean_scan(file) if file else None

    def clean(self):
        cleaned = super().clean()
        party = cleaned.get("party")
        if party and party not in self.allowed:
            self.add_error("party", _("You cannot sign for this party."))
        # Parents have no account: their signature is always the paper one, uploaded by the school.
        if party == Signature.Party.PARENT and not cleaned.get("scan") and "scan" not in self.errors:
            self.add_error("scan", _("Upload the paper signed by the parent."))
        return cleaned


class ReportForm(forms.ModelForm):
    class Meta:
        model = Report
        fields = ["the_company", "jobs_seen", "interview", "learned", "would_do"]
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in fields[:4]}


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Comment"), max_length=3000, widget=forms.Textarea(attrs={"rows": 3}))

    def clean(self):
        cleaned = super().clean()
        refuse_contact_details(self, ("text",))
        return cleaned
