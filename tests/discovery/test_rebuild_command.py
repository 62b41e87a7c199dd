import io

import pytest
from django.core.management import call_command

from backstage.discovery import search
from backstage.discovery.models import OccupationLabel, ProfileDocument, SearchTerm
from tests.discovery.conftest import make_occupations, make_profile

pytestmark = pytest.mark.django_db


def test_rebuild_indexes_everything_and_can_run_again(world):
    occupations = make_occupations()
    # Rows written in bulk (as an import does) send no signal: the command catches up.
    profile = make_profile(first_name="Bulk", occupation=occupations["electrician"], job_title="elektricien")
    assert not ProfileDocument.objects.exists()
    out = io.StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert "Search index rebuilt" in out.getvalue()
    assert OccupationLabel.objects.count() == 29  # every name of the four occupations, in three languages
    assert not OccupationLabel.objects.filter(vector__isnull=True).exists()
    assert not OccupationLabel.objects.filter(vector_e5__isnull=True).exists()
    assert len(OccupationLabel.objects.first().vector_e5) == 384 * 4
    assert SearchTerm.objects.filter(word="verpleegkundige").exists()
    assert ProfileDocument.objects.get(profile=profile).vector is not None
    assert [hit.profile.pk for hit in search.search(world["student"], "électricien").page.object_list] == [
        profile.pk
    ]
    vectors = dict(OccupationLabel.objects.values_list("label", "vector"))
    call_command("rebuild_search_index", stdout=io.StringIO())
    assert dict(OccupationLabel.objects.values_list("label", "vector")) == vectors


def test_rebuild_without_vectors_still_finds_by_words(world):
    occupations = make_occupations()
    make_profile(first_name="Words", occupation=occupations["baker"])
    call_command("rebuild_search_index", "--no-vectors", stdout=io.StringIO())
    assert not OccupationLabel.objects.filter(vector__isnull=False).exists()
    assert not OccupationLabel.objects.filter(vector_e5__isnull=False).exists()
    results = search.search(world["student"], "bakker")
    assert [hit.occupation.pk for hit in results.occupations] == [occupations["baker"].pk]
    assert [hit.profile.user.first_name for hit in results.page.object_list] == ["Words"]
