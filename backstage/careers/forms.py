from django import forms
from django.utils.translation import gettext_lazy as _


class OccupationFilterForm(forms.Form):
    q = forms.CharField(label=_("Find an occupation in this sector"), max_length=100, required=False, strip=True)
