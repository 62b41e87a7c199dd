"""The text analysis both engines share, and the engine primitives on the database in use."""

import pytest

from backstage.discovery.engines import get_engine
from backstage.discovery.engines.analysis import (
    compounds_apart,
    expand,
    fold,
    index_terms,
    matched_words,
    name_forms,
    plural_bases,
    query_terms,
    similarity,
    split_compound,
    stem,
)

VOCABULARY = frozenset({"verpleegkundige", "wijk", "kinder", "monteur", "auto", "elektricien", "laboratorium",
                        "assistent", "schoen"})


@pytest.mark.parametrize("text, folded", [
    ("Électricienne du bâtiment", "electricienne du batiment"),
    ("aide-laborantin d’analyses/aide-laborantine", "aide laborantin d analyses aide laborantine"),
    ("Straße, Œuvre, Søren", "strasse oeuvre soren"),
    ("  CAD-tekenaar (m/v) ", "cad tekenaar m v"),
])
def test_fold_lowers_strips_accents_and_punctuation(text, folded):
    assert fold(text) == folded


@pytest.mark.parametrize("word, stemmed", [
    ("dessiner", "dessin"), ("infirmiere", "infirm"), ("cheffe", "chef"), ("electricienne", "electric"),
    ("verzorgster", "verzorg"), ("nurses", "nurs"), ("chef", "chef"), ("bakker", "bakk"),
])
def test_stem_keeps_a_prefix_shared_by_the_other_forms(word, stemmed):
    assert stem(word) == stemmed


def test_dutch_compounds_are_split_on_known_words_only():
    assert split_compound("wijkverpleegkundige", VOCABULARY) == ("wijk", "verpleegkundige")
    assert split_compound("kinderverpleegkundige", VOCABULARY) == ("kinder", "verpleegkundige")
    assert split_compound("automonteur", VOCABULARY) == ("auto", "monteur")
    assert split_compound("laboratoriumassistent", VOCABULARY) == ("laboratorium", "assistent")
    assert split_compound("verpleegkundige", VOCABULARY) == ()  # a known word stays whole
    assert split_compound("assistent", VOCABULARY) == ()
    assert split_compound("kapster", VOCABULARY) == ()


def test_a_few_short_dutch_heads_split_compounds_but_not_other_short_endings():
    vocabulary = VOCABULARY | {"tand", "arts", "goud", "smid", "jeugd", "zorg", "journa", "list", "assis", "tent"}
    assert split_compound("tandarts", vocabulary, short_heads=True) == ("tand", "arts")
    assert split_compound("goudsmid", vocabulary, short_heads=True) == ("goud", "smid")
    assert split_compound("jeugdzorg", vocabulary, short_heads=True) == ("jeugd", "zorg")
    # "list" and "tent" end many words without being their head.
    assert split_compound("journalist", vocabulary, short_heads=True) == ()
    assert split_compound("assistent", vocabulary, short_heads=True) == ()
    # The index reads them so; a query is read with the longer heads only.
    assert split_compound("tandarts", vocabulary) == ()
    assert [term.prefixes for term in query_terms("tandarts", vocabulary, lang="nl")] == [["tandarts", "tandart"]]
    assert index_terms(["Dierenarts"], vocabulary) == "dierenarts arts"
    assert matched_words("dierenarts", query_terms("arts", vocabulary, lang="nl")) == ["arts"]


def test_index_terms_add_compound_parts_and_query_terms_drop_function_words():
    assert index_terms(["Wijkverpleegkundige in Gent"], VOCABULARY) == "wijkverpleegkundige wijk verpleegkundige in gent"
    terms = query_terms("de verpleegkundige van het ziekenhuis", VOCABULARY)
    assert [term.word for term in terms] == ["verpleegkundige", "ziekenhuis"]
    # Only function words: they are kept rather than searching for nothing.
    assert [term.word for term in query_terms("de la", VOCABULARY)] == ["de", "la"]


@pytest.mark.parametrize("query, lang, kept", [
    ("lesgeefster dans", "nl", ["lesgeefster", "dans"]),  # Dutch: a dance
    ("professeur dans une école", "fr", ["professeur", "ecole"]),
    ("lesgeefster dans", None, ["lesgeefster"]),  # the language unknown: every language's function words
    ("van driver", "en", ["van", "driver"]),
    ("leraar van de basisschool", "nl", ["leraar", "basisschool"]),
    ("the driver of the van", "en", ["driver", "van"]),
])
def test_only_the_function_words_of_the_querys_language_are_left_out(query, lang, kept):
    assert [term.word for term in query_terms(query, VOCABULARY, lang=lang)] == kept


def test_compounds_are_written_apart_for_the_meaning_of_a_dutch_query():
    assert compounds_apart("Wijkverpleegkundige in Gent", VOCABULARY) == "wijk verpleegkundige in Gent"
    assert compounds_apart("hulpmonteur", VOCABULARY) == "hulp monteur"  # a known head is enough
    assert compounds_apart("verpleegkundige", VOCABULARY) is None  # a known word stays whole
    assert compounds_apart("bakker", VOCABULARY) is None


def test_a_term_matches_prefixes_stems_and_compound_heads_in_text():
    terms = [expand("verpleegkundige", VOCABULARY), expand("dessiner")]
    assert matched_words("Ik ben wijkverpleegkundige", terms) == ["verpleegkundige"]
    assert matched_words("Dessinatrice de bandes dessinées", terms) == ["dessiner"]
    assert matched_words("Infirmière", terms) == []



@pytest.mark.parametrize("word, forms, prefixes", [
    ("cars", ["car"], ["cars"]),  # a singular too short to be a prefix is looked for whole
    ("dogs", ["dog"], ["dogs"]),
    ("babies", [], ["babies", "babi", "baby"]),
    ("technologies", [], ["technologies", "technologi", "technology"]),
    ("chevaux", [], ["chevaux", "cheval"]),
    ("animaux", [], ["animaux", "animal"]),  # "animal*" also finds "animalier"
    ("jeux", ["jeu"], ["jeux"]),
    ("lieux", ["lieu"], ["lieux"]),  # whole: "lieu*" would find a lieutenant
    ("bois", [], ["bois"]), ("plus", [], ["plus"]), ("boss", [], ["boss"]),  # no plural of a shorter word
    ("nurses", [], ["nurses", "nurs"]),  # the stem already finds the singular
])
def test_a_plural_also_looks_for_its_singular(word, forms, prefixes):
    term = expand(word)
    assert (term.forms, term.prefixes) == (forms, prefixes)


def test_a_plural_finds_its_singular_in_text():
    terms = query_terms("cars", VOCABULARY, lang="en")
    assert matched_words("race car driver", terms) == ["cars"]
    assert matched_words("carpenter", terms) == []  # the short singular is a whole word, not a prefix
    assert matched_words("soigneur animalier", query_terms("animaux", VOCABULARY, lang="fr")) == ["animaux"]
    assert matched_words("lieutenant", query_terms("lieux", VOCABULARY, lang="fr")) == []


def test_the_english_and_french_plural_rules_leave_a_dutch_word_alone():
    # "arts" is a Dutch doctor, not the plural of "art"; typed in English (or with no language known) it is.
    assert matched_words("art director", query_terms("arts", VOCABULARY, lang="nl")) == []
    assert matched_words("forensisch arts", query_terms("arts", VOCABULARY, lang="nl")) == ["arts"]
    assert matched_words("art director", query_terms("arts", VOCABULARY, lang="en")) == ["arts"]
    assert expand("arts").forms == ["art"]


def test_similarity_is_pg_trgm_similarity():
    assert similarity("dessinner", "dessin") == pytest.approx(6 / 11)
    assert similarity("word", "word") == 1.0
    assert similarity("abc", "xyz") == 0.0


@pytest.mark.django_db
def test_the_engine_suggests_known_words_for_a_typo(occupations):
    suggestions = get_engine().similar_words("verpleegkundie", limit=5)
    assert suggestions[0] == "verpleegkundige"
    assert "elektricien" in get_engine().similar_words("elektricein", limit=5)


def test_the_words_a_plural_may_be_the_plural_of():
    assert plural_bases("toubibs", "fr") == ("toubib",)
    assert plural_bases("jeux", "fr") == ("jeu",)
    assert plural_bases("babies", "en") == ("babie", "baby")
    # Dutch plurals in -en or -s, a doubled consonant made single again; the English and French rules do not apply.
    assert plural_bases("flikken", "nl") == ("flikk", "flik")
    assert plural_bases("artsen", "nl") == ("arts",)
    assert plural_bases("dokters", "nl") == ("dokter",)
    assert plural_bases("flikken", "fr") == ()
    assert plural_bases("kok", "nl") == plural_bases("joueurs de foot", "fr") == ()


def test_the_forms_a_name_stands_for():
    assert name_forms("kapper") == ["kapper"]
    assert name_forms("boulanger/boulangère") == ["boulanger/boulangère", "boulanger", "boulangère"]
    assert name_forms("infirmier de bloc/infirmière de bloc") == [
        "infirmier de bloc/infirmière de bloc", "infirmier de bloc", "infirmière de bloc"]
    # Both genders of a one-word head share what follows: "leraar" alone is no name of this occupation.
    assert name_forms("leraar/lerares lager onderwijs") == [
        "leraar/lerares lager onderwijs", "leraar lager onderwijs", "lerares lager onderwijs"]
