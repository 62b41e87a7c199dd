import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from backstage.accounts.models import Country, ParentalConsent, age_on
from backstage.organisations.models import normalise_join_code
from backstage.organisations.selectors import find_class_by_code

MIN_AGE = 12


class DateInput(forms.DateInput):
    input_type = "date"

    def format_value(self, value):
        if isinstance(value, datetime.date):
            return value.isoformat()
        return value


def clean_birth_date(value: datetime.date) -> datetime.date:
    today = timezone.localdate()
    if value > today:
        raise forms.ValidationError(_("The date of birth cannot be in the future."))
    age = age_on(value, today)
    if age < MIN_AGE:
        raise forms.ValidationError(_("Backstage is for people aged %(age)d and over.") % {"age": MIN_AGE})
    if age > 110:
        raise forms.ValidationError(_("Please check the year of birth."))
    return value


class SignupForm(forms.Form):
    """Extra sign-up fields; allauth adds e-mail and password."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(
        label=_("Last name"), max_length=150,
        help_text=_("Professionals only ever see a student's first name."),
    )
    date_of_birth = forms.DateField(label=_("Date of birth"), widget=DateInput)
    country = forms.ChoiceField(label=_("Country"), choices=Country.choices)
    class_code = forms.CharField(
        label=_("Class code (students)"), required=False, max_length=20,
        help_text=_("The code your teacher gave you, for example K7PM3QX9. Leave empty if you are not a student."),
    )

    def clean_date_of_birth(self):
        return clean_birth_date(self.cleaned_data["date_of_birth"])

    def clean_class_code(self):
        raw = self.cleaned_data.get("class_code", "")
        if not raw.strip():
            return None
        school_class = find_class_by_code(normalise_join_code(raw))
        if school_class is None:
            raise forms.ValidationError(
                _("No open class has this code. Check it with your teacher (letters and digits, no spaces).")
            )
        return school_class

    def clean(self):
        cleaned = super().clean()
        school_class, birth = cleaned.get("class_code"), cleaned.get("date_of_birth")
        if school_class and birth and age_on(birth, timezone.localdate()) > 25:
            self.add_error("class_code", _("Class codes are for students. Teachers are invited by a colleague."))
        return cleaned

    def signup(self, request, user):
        from backstage.organisations.services import class_join

        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]
        user.date_of_birth = self.cleaned_data["date_of_birth"]
        user.country = self.cleaned_data["country"]
        user.language = (getattr(request, "LANGUAGE_CODE", "") or "fr")[:2]
        user.save()
        if self.cleaned_data.get("class_code"):
            class_join(student=user, school_class=self.cleaned_data["class_code"])


class AccountForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    date_of_birth = forms.DateField(label=_("Date of birth"), widget=DateInput)
    country = forms.ChoiceField(label=_("Country"), choices=Country.choices)
    language = forms.ChoiceField(
        label=_("Language"), choices=[("fr", "Français"), ("nl", "Nederlands"), ("en", "English")]
    )

    def clean_date_of_birth(self):
        return clean_birth_date(self.cleaned_data["date_of_birth"])


class ConsentRequestForm(forms.Form):
    parent_email = forms.EmailField(
        label=_("Your parent's e-mail address"),
        help_text=_("We send them a link to say yes. Nothing else is sent to them."),
    )

    def __init__(self, *args, student=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.student = student

    def clean_parent_email(self):
        email = self.cleaned_data["parent_email"].lower()
        if self.student is not None and email == self.student.email.lower():
            raise forms.ValidationError(_("This is your own address. Give your parent's address."))
        return email


class ConsentGrantForm(forms.Form):
    parent_name = forms.CharField(label=_("Your name"), max_length=150)
    confirm = forms.BooleanField(
        label=_("I am this child's parent or legal guardian and I agree."),
        error_messages={"required": _("Tick the box to give your consent.")},
    )


class ConsentRecordForm(forms.Form):
    method = forms.ChoiceField(
        label=_("How was consent given?"),
        choices=[(m.value, m.label) for m in ParentalConsent.Method if m != ParentalConsent.Method.EMAIL_LINK],
    )
    parent_name = forms.CharField(label=_("Parent's name"), max_length=150)
    given_on = forms.DateField(label=_("Date"), widget=DateInput)

    def clean_given_on(self):
        value = self.cleaned_data["given_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return value


class DeleteAccountForm(forms.Form):
    password = forms.CharField(label=_("Your password"), widget=forms.PasswordInput)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This is not your password."))
        return password
