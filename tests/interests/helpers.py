import datetime

from django.utils import timezone

from backstage.careers.models import IscoGroup, Occupation
from backstage.profiles.models import ProfessionalProfile, SchoolLink, Verification
from tests.factories import UserFactory

_uri_counter = iter(range(1, 1_000_000))


def isco_unit(code: str) -> IscoGroup:
    """The unit group `code` (4 digits) with its major, sub-major and minor groups, created as needed."""
    parent = None
    for level in range(1, 5):
        prefix = code[:level]
        parent, _created = IscoGroup.objects.get_or_create(
            code=prefix, defaults={"level": level, "parent": parent, "label_en": f"Group {prefix}"}
        )
    return parent


# An occupation in gambling (careers/gambling_occupations.csv: ESCO's gaming dealer).
GAMBLING_URI = "http://data.europa.eu/esco/occupation/fb1a7aab-1e33-4712-b8e0-d335243aba58"


def make_occupation(label: str, unit: str, profile=None, **fields) -> Occupation:
    """An occupation in ISCO unit group `unit`; `profile` is the six RIASEC numbers on O*NET's 1-7 scale."""
    n = next(_uri_counter)
    if profile is not None:
        fields.update(zip(("realistic", "investigative", "artistic", "social", "enterprising", "conventional"),
                          profile))
    fields.setdefault("esco_uri", f"http://data.europa.eu/esco/occupation/{n:08x}-0000-4000-8000-000000000000")
    return Occupation.objects.create(code=f"{unit}.{n}", isco_group=isco_unit(unit), label_en=label, **fields)


def make_professional(*, first_name="Karim", last_name="Benali", status=ProfessionalProfile.Status.PUBLISHED,
                      verified=True, **fields) -> ProfessionalProfile:
    user = UserFactory(first_name=first_name, last_name=last_name)
    fields.setdefault("job_title", "Electrician")
    fields.setdefault("offers", ["questions"])
    published_at = fields.pop("published_at", timezone.now() if status == ProfessionalProfile.Status.PUBLISHED
                              else None)
    profile = ProfessionalProfile.objects.create(user=user, status=status, published_at=published_at, **fields)
    if verified:
        Verification.objects.create(
            user=user, status=Verification.Status.VERIFIED, check_type=Verification.CheckType.BE_596_2,
            expires_on=timezone.localdate() + datetime.timedelta(days=365), decided_at=timezone.now(),
        )
    return profile


def link(profile, school, kind=SchoolLink.Kind.ALUMNUS, *, end_year=2009, status=SchoolLink.Status.CONFIRMED):
    return SchoolLink.objects.create(profile=profile, school=school, kind=kind, end_year=end_year, status=status)
