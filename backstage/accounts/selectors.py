from dataclasses import dataclass

from django.http import Http404
from django.utils import timezone

from backstage.accounts.models import ParentalConsent


@dataclass(frozen=True)
class ConsentState:
    required: bool
    granted: ParentalConsent | None
    pending: ParentalConsent | None

    @property
    def contact_allowed(self) -> bool:
        return not self.required or self.granted is not None


def consent_state_for(user) -> ConsentState:
    if not user.below_consent_age:
        return ConsentState(required=False, granted=None, pending=None)
    consents = list(user.consents.exclude(status=ParentalConsent.Status.WITHDRAWN))
    granted = next((c for c in consents if c.status == ParentalConsent.Status.GRANTED), None)
    now = timezone.now()
    pending = next(
        (c for c in consents if c.status == ParentalConsent.Status.PENDING and c.expires_at and c.expires_at > now),
        None,
    )
    return ConsentState(required=True, granted=granted, pending=pending)


def contact_allowed(user) -> bool:
    """Contact features (messages, meetings, applications) wait for a parent's consent below the consent age."""
    return user.is_authenticated and consent_state_for(user).contact_allowed


def get_consent_by_token(token: str) -> ParentalConsent:
    try:
        return ParentalConsent.objects.select_related("student").get(token_hash=ParentalConsent.hash_token(token))
    except ParentalConsent.DoesNotExist:
        raise Http404 from None
