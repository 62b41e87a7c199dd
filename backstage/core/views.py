from django.conf import settings
from django.http import HttpResponseBadRequest
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from backstage.accounts.selectors import consent_state_for
from backstage.organisations.selectors import memberships_for_home, roles_of


def home(request):
    if not request.user.is_authenticated:
        return render(request, "core/landing.html")
    return render(
        request,
        "core/home.html",
        {
            "memberships": memberships_for_home(request.user),
            "consent": consent_state_for(request.user),
            "is_student": "student" in roles_of(request.user),
        },
    )


def about_data(request):
    return render(request, "core/about_data.html")


@require_POST
def set_language(request):
    language = request.POST.get("language", "")
    if language not in dict(settings.LANGUAGES):
        return HttpResponseBadRequest(_("Unknown language."))
    if request.user.is_authenticated and request.user.language != language:
        request.user.language = language
        request.user.save(update_fields=["language"])
    return django_set_language(request)
