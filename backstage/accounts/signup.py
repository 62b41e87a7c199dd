from allauth.account.forms import SignupForm as AllauthSignupForm
from django.db import transaction


class AtomicSignupForm(AllauthSignupForm):
    """The account, its profile fields and the class membership are written together or not at all."""

    def try_save(self, request):
        with transaction.atomic():
            return super().try_save(request)
