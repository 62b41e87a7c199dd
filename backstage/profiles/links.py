"""What a student shares with a professional, said in words on every card and profile."""

import math

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from backstage.profiles.models import SchoolLink


def distance_km(a, b) -> float | None:
    if not a or not b or None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return None
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(h))


def shared_link_phrases(profile, viewer_schools, viewer_language: str | None = None) -> list[str]:
    """`profile.links_with_viewer` holds the confirmed links to the viewer's schools (see selectors)."""
    phrases = []
    for link in getattr(profile, "links_with_viewer", []):
        if link.kind == SchoolLink.Kind.ALUMNUS:
            if link.end_year:
                phrases.append(_("Former student of your school (%(year)s)") % {"year": link.end_year})
            else:
                phrases.append(_("Former student of your school"))
        elif link.kind == SchoolLink.Kind.PARENT:
            phrases.append(_("Parent at your school"))
        elif link.kind == SchoolLink.Kind.AMBASSADOR:
            phrases.append(_("Ambassador of %(company)s for your school") % {"company": link.company.name})
    for school in viewer_schools:
        km = distance_km(school.place, profile.place)
        if km is not None and km <= 25:
            phrases.append(_("Works %(km)s km from your school") % {"km": max(1, round(km))})
            break
        if km is None and school.place_id and school.place_id == profile.place_id:
            phrases.append(_("Works in the same municipality as your school"))
            break
    language = (viewer_language or get_language() or "")[:2]
    if viewer_schools and language and language in (profile.languages or []):
        names = {
            "fr": _("Speaks French like you"), "nl": _("Speaks Dutch like you"), "en": _("Speaks English like you"),
        }
        if language in names:
            phrases.append(names[language])
    return phrases
