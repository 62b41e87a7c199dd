from django.urls import reverse
from django.utils.translation import gettext as _

from backstage.messaging.selectors import has_conversations
from backstage.organisations.selectors import roles_of
from backstage.profiles.selectors import can_have_profile, company_admin_company_ids


def navigation(request):
    user = getattr(request, "user", None)
    items = []
    if user is not None and user.is_authenticated:
        roles = roles_of(user)
        items.append((_("Home"), reverse("core:home")))
        if "student" in roles:
            # Students: discovery first; their class and the companies are linked from the home page.
            items.append((_("Interest quiz"), reverse("interests:quiz")))
            items.append((_("Surprise me"), reverse("interests:explore")))
        if roles & {"teacher", "counsellor"}:
            items.append((_("My school"), reverse("organisations:my_school")))
        if roles & {"student", "professional", "teacher", "counsellor"} or has_conversations(user):
            items.append((_("Messages"), reverse("messaging:inbox"), reverse("messaging:unread")))
        if roles & {"moderator", "teacher", "counsellor"}:
            items.append((_("Moderation"), reverse("messaging:moderation")))
        if "moderator" in roles:
            items.append((_("Schools to approve"), reverse("organisations:moderation_schools")))
            items.append((_("Adults to verify"), reverse("profiles:verification_list")))
        if roles & {"mentee", "mentor", "coordinator"}:
            items.append((_("Mentoring"), reverse("mentoring:home")))
        if roles & {"student", "teacher", "counsellor", "company_admin"}:
            items.append((_("Internships"), reverse("internships:offer_list")))
            items.append((_("Events"), reverse("events:event_list")))
        company_ids = sorted(company_admin_company_ids(user))
        if company_ids:
            items.append((_("My company"), reverse("profiles:company_detail", args=[company_ids[0]])))
        items.append((_("Search"), reverse("discovery:search")))
        items.append((_("Professionals"), reverse("profiles:gallery")))
        if "student" not in roles:
            items.append((_("Companies"), reverse("profiles:company_list")))
        items.append((_("Occupations"), reverse("careers:sector_list")))
        if can_have_profile(user):
            items.append((_("My profile"), reverse("profiles:edit")))
        items.append((_("My account"), reverse("accounts:me")))
    else:
        items.append((_("Occupations"), reverse("careers:sector_list")))
    path = request.path
    return {
        "nav_items": [
            {"label": label, "url": url, "current": path == url or (url != "/" and path.startswith(url)),
             "counter_url": counter[0] if counter else ""}
            for label, url, *counter in items
        ]
    }
