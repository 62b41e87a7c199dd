"""The public JSON API (django-ninja), described by its OpenAPI schema at /api/v1/openapi.json.

Occupation search serves public reference data (ESCO), so it is open, with a rate limit per client. Token
authentication for partner systems (and the endpoints that will need it) is still to come.
"""

from django.utils import translation
from ninja import NinjaAPI, Query
from ninja.throttling import AnonRateThrottle, AuthRateThrottle

from backstage.api.schemas import OccupationHit, OccupationSearchParams
from backstage.discovery import search

api = NinjaAPI(
    title="Backstage API",
    version="1",
    description="Occupations (ESCO) for the pages and partner systems.",
    urls_namespace="api",
    docs_url=None,  # the Swagger page loads its script from a CDN, which the Content-Security-Policy forbids
    throttle=[AnonRateThrottle("120/m"), AuthRateThrottle("600/m")],
)


@api.get(
    "/occupations/search",
    response=list[OccupationHit],
    url_name="occupation_search",
    summary="Search occupations",
    description="Occupations matching the words or the meaning of `q` in any of the three languages, best first.",
    tags=["occupations"],
)
def occupation_search(request, params: Query[OccupationSearchParams]):
    with translation.override(params.lang):
        results = search.search_occupations(params.q, lang=params.lang, limit=params.limit)
    return [{"esco_uri": hit.esco_uri, "label": hit.label, "score": hit.score} for hit in results]
