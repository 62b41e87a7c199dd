from django import template

register = template.Library()


@register.inclusion_tag("internships/includes/datasheet_section.html", takes_context=True)
def occupation_opportunities(context, occupation):
    """The open internship offers and upcoming events for an occupation's datasheet (logged-in people only)."""
    from backstage.events.selectors import events_for_occupation
    from backstage.internships.selectors import open_offers_for_occupation

    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"user": user}
    return {"offers": open_offers_for_occupation(occupation, user), "events": events_for_occupation(occupation, user),
            "occupation": occupation, "user": user}
