from django import template

register = template.Library()


@register.inclusion_tag("internships/includes/datasheet_section.html", takes_context=True)
def occupation_opportunities(context, occupation):
    """The open internship offers (and, once the events app is merged, events) for an occupation's datasheet."""
    from backstage.internships.selectors import open_offers_for_occupation

    request = context.get("request")
    user = getattr(request, "user", None)
    offers = open_offers_for_occupation(occupation, user) if user is not None and user.is_authenticated else []
    return {"offers": offers, "occupation": occupation, "user": user}
