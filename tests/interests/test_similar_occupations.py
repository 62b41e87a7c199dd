import pytest

from backstage.careers.selectors import get_occupation, narrower_and_similar
from tests.interests.helpers import GAMBLING_URI, make_occupation

pytestmark = pytest.mark.django_db


@pytest.fixture
def plumbers():
    """A plumber (ISCO 7126) among the building trades (sub-major group 71) and an electrician elsewhere (74)."""
    profile = [6.5, 3.0, 1.5, 2.0, 2.5, 3.5]
    occupation = make_occupation("plumber", "7126", profile)
    return {
        "plumber": occupation,
        # Same unit group: first, whatever their profile, closest profile first.
        "pipefitter": make_occupation("pipefitter", "7126", [6.0, 3.0, 1.5, 2.0, 2.5, 3.5]),
        "gas fitter": make_occupation("gas fitter", "7126", [3.0, 5.0, 4.0, 4.0, 4.0, 1.0]),
        "heating fitter": make_occupation("heating fitter", "7126"),  # no profile: last of its group
        # The rest of sub-major group 71, closest profile first.
        "carpenter": make_occupation("carpenter", "7115", [6.4, 3.0, 1.6, 2.0, 2.5, 3.5]),
        "bricklayer": make_occupation("bricklayer", "7112", [6.0, 2.0, 1.5, 2.5, 2.5, 3.0]),
        "roofer": make_occupation("roofer", "7121", [5.0, 2.0, 2.0, 2.0, 3.0, 3.0]),
        "painter": make_occupation("painter", "7131", [4.0, 2.0, 4.0, 2.0, 3.0, 2.0]),
        # Another sub-major group, however close: never.
        "electrician": make_occupation("electrician", "7411", profile),
        # Already on the page as broader or narrower occupations: not repeated.
        "sanitary plumber": make_occupation("sanitary plumber", "7126", profile, broader=occupation),
    }


def test_similar_occupations_same_unit_group_first_then_closest_profile_in_the_sub_major_group(plumbers):
    narrower, similar = narrower_and_similar(plumbers["plumber"])
    assert [o.label_en for o in narrower] == ["sanitary plumber"]
    assert [o.label_en for o in similar] == [
        "pipefitter", "gas fitter", "heating fitter", "carpenter", "bricklayer", "roofer",
    ]


def test_an_occupation_in_gambling_is_similar_only_to_another(db):
    cashier = make_occupation("shop cashier", "5230")
    casino = make_occupation("casino cashier", "5230", esco_uri=GAMBLING_URI)
    make_occupation("ticket clerk", "5230")
    assert [o.label_en for o in narrower_and_similar(cashier)[1]] == ["ticket clerk"]
    assert [o.label_en for o in narrower_and_similar(casino)[1]] == ["shop cashier", "ticket clerk"]


def test_similar_occupations_skip_the_broader_occupation(plumbers):
    narrower, similar = narrower_and_similar(plumbers["sanitary plumber"])
    assert narrower == []
    assert "plumber" not in [o.label_en for o in similar]
    assert [o.label_en for o in similar][:3] == ["pipefitter", "gas fitter", "heating fitter"]


def test_similar_occupations_are_read_in_one_query(plumbers, django_assert_num_queries):
    occupation = get_occupation(plumbers["plumber"].esco_id)
    with django_assert_num_queries(1):
        _narrower, similar = narrower_and_similar(occupation)
        [str(o.label) for o in similar]
        [o.get_absolute_url() for o in similar]


def test_the_datasheet_shows_similar_occupations_linked(client, plumbers):
    response = client.get(plumbers["plumber"].get_absolute_url())
    page = response.content.decode()
    assert response.status_code == 200
    assert "Similar occupations" in page
    section = page.split('id="similar-title"')[1]
    for label in ("pipefitter", "carpenter", "roofer"):
        assert f'href="{plumbers[label].get_absolute_url()}"' in section
    assert plumbers["electrician"].get_absolute_url() not in page
    assert plumbers["painter"].get_absolute_url() not in page  # the seventh: at most six


def test_an_occupation_alone_in_its_sector_has_no_similar_section(client, db):
    lonely = make_occupation("astronaut", "3155", [5, 6, 2, 2, 3, 4])
    page = client.get(lonely.get_absolute_url()).content.decode()
    assert "Similar occupations" not in page
