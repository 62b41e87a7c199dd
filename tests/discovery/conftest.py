import datetime

import pytest
from django.utils import timezone

from backstage.careers.models import IscoGroup, Occupation
from backstage.discovery import indexing, semantic
from backstage.organisations.models import Place
from backstage.profiles.models import ProfessionalProfile, SchoolLink, Verification
from tests.factories import UserFactory

URI = "http://data.europa.eu/esco/occupation/{}"

# (ISCO path, ESCO id, labels per language, alternative labels per language)
OCCUPATIONS = {
    "nurse": (
        ("2", "22", "222", "2221"), "11111111-1111-4111-8111-111111111111",
        {"en": "nurse responsible for general care", "nl": "verpleegkundige", "fr": "infirmier/infirmière"},
        {"en": ["general nurse", "registered nurse"], "nl": ["verpleger", "wijkverpleegkundige"],
         "fr": ["infirmière en soins généraux"]},
    ),
    "electrician": (
        ("7", "74", "741", "7411"), "22222222-2222-4222-8222-222222222222",
        {"en": "building electrician", "nl": "elektricien", "fr": "électricien du bâtiment/électricienne du bâtiment"},
        {"en": ["electrician"], "nl": ["installatie-elektricien", "elektrotechnicus"], "fr": ["électricien"]},
    ),
    "designer": (
        ("2", "21", "216", "2166"), "33333333-3333-4333-8333-333333333333",
        {"en": "graphic designer", "nl": "grafisch ontwerper", "fr": "graphiste"},
        {"en": ["illustrator"], "nl": ["illustrator", "tekenaar"],
         "fr": ["dessinateur/dessinatrice", "illustrateur/illustratrice"]},
    ),
    "baker": (
        ("7", "75", "751", "7512"), "44444444-4444-4444-8444-444444444444",
        {"en": "baker", "nl": "bakker", "fr": "boulanger/boulangère"},
        {"en": ["bread maker"], "nl": ["broodbakker"], "fr": ["ouvrier boulanger"]},
    ),
}
SECTOR_LABELS = {
    "2": ("Professionals", "Intellectuele en wetenschappelijke beroepen", "Professions intellectuelles"),
    "22": ("Health professionals", "Gezondheidsspecialisten", "Spécialistes de la santé"),
    "21": ("Science and engineering professionals", "Wetenschappers en ingenieurs", "Scientifiques et ingénieurs"),
    "7": ("Craft and related trades workers", "Ambachtslieden", "Métiers qualifiés de l'industrie et de l'artisanat"),
    "74": ("Electrical and electronic trades workers", "Elektriciens", "Électriciens"),
    "75": ("Food processing and craft workers", "Voedingsambachten", "Métiers de l'alimentation"),
}


@pytest.fixture(autouse=True)
def _fresh_search_caches():
    # Each test builds its own index in a transaction that is rolled back: nothing cached may survive it.
    semantic.reset()
    indexing.reset()
    yield
    semantic.reset()
    indexing.reset()


def make_occupations() -> dict[str, Occupation]:
    groups = {}
    for codes, *_rest in OCCUPATIONS.values():
        parent = None
        for code in codes:
            if code not in groups:
                en, nl, fr = SECTOR_LABELS.get(code, (f"Group {code}", "", ""))
                groups[code] = IscoGroup.objects.create(
                    code=code, level=len(code), parent=parent, label_en=en, label_nl=nl, label_fr=fr
                )
            parent = groups[code]
    occupations = {}
    for key, (codes, esco_id, labels, alternatives) in OCCUPATIONS.items():
        occupations[key] = Occupation.objects.create(
            esco_uri=URI.format(esco_id), code=f"{codes[-1]}.1", isco_group=groups[codes[-1]],
            **{f"label_{lang}": label for lang, label in labels.items()},
            **{f"alt_labels_{lang}": labels for lang, labels in alternatives.items()},
        )
    return occupations


@pytest.fixture
def occupations(db):
    occupations = make_occupations()
    indexing.rebuild()
    return occupations


@pytest.fixture
def places(db, world):
    """The world's school in Molenbeek, with coordinates, and places 3, 47 and 90 km away."""
    molenbeek = world["school"].place
    molenbeek.latitude, molenbeek.longitude = 50.8554, 4.3296
    molenbeek.save()
    return {
        "molenbeek": molenbeek,
        "anderlecht": Place.objects.create(country="BE", postcode="1070", name="Anderlecht", latitude=50.8365,
                                           longitude=4.2989, region="Brussels-Capital Region"),
        "gent": Place.objects.create(country="BE", postcode="9000", name="Gent", name_fr="Gand", name_nl="Gent",
                                     latitude=51.0543, longitude=3.7174, region="Flemish Region"),
        "liege": Place.objects.create(country="BE", postcode="4000", name="Liège", name_nl="Luik",
                                      latitude=50.6326, longitude=5.5797, region="Walloon Region"),
    }


def make_profile(
    *, first_name="Karim", status=ProfessionalProfile.Status.PUBLISHED, verified=True, expires_on=None, user=None,
    **fields,
) -> ProfessionalProfile:
    """A profile straight in the database, with (by default) a verification in force; indexed by the signals."""
    user = user or UserFactory(first_name=first_name, last_name="Tester")
    fields.setdefault("offers", ["questions"])
    profile = ProfessionalProfile.objects.create(
        user=user, status=status,
        published_at=timezone.now() if status == ProfessionalProfile.Status.PUBLISHED else None, **fields,
    )
    if verified:
        Verification.objects.create(
            user=user, status=Verification.Status.VERIFIED, check_type=Verification.CheckType.BE_596_2,
            expires_on=expires_on or timezone.localdate() + datetime.timedelta(days=365), decided_at=timezone.now(),
        )
    return profile


@pytest.fixture
def indexed(django_capture_on_commit_callbacks):
    """Run what the signals scheduled for after the commit (the test's transaction never commits)."""

    def run(build):
        with django_capture_on_commit_callbacks(execute=True):
            return build()

    return run


def link(profile, school, kind=SchoolLink.Kind.ALUMNUS, **fields) -> SchoolLink:
    return SchoolLink.objects.create(profile=profile, school=school, kind=kind, status=SchoolLink.Status.CONFIRMED,
                                     **fields)
