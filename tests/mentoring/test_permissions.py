"""Who sees what in the mentoring app (the matrix rows live in matrix_rows.py)."""

import pytest

from backstage.mentoring.models import Duo
from tests.mentoring.conftest import make_duo, mentee, mentor

pytestmark = pytest.mark.django_db


def branch_urls(branch, application, duo):
    return [
        ("get", f"/mentoring/branches/{branch.pk}/"),
        ("get", f"/mentoring/branches/{branch.pk}/settings/"),
        ("post", f"/mentoring/branches/{branch.pk}/settings/"),
        ("get", f"/mentoring/branches/{branch.pk}/applications/"),
        ("get", f"/mentoring/branches/{branch.pk}/matching/"),
        ("post", f"/mentoring/branches/{branch.pk}/matching/run/"),
        ("get", f"/mentoring/branches/{branch.pk}/alerts/"),
        ("get", f"/mentoring/branches/{branch.pk}/dashboard/"),
        ("get", f"/mentoring/branches/{branch.pk}/export.csv"),
        ("get", f"/mentoring/branches/{branch.pk}/export.xlsx"),
        ("get", f"/mentoring/applications/{application.pk}/"),
        ("post", f"/mentoring/applications/{application.pk}/"),
        ("post", f"/mentoring/applications/{application.pk}/status/"),
        ("get", f"/mentoring/duos/{duo.pk}/"),
        ("post", f"/mentoring/duos/{duo.pk}/accept/"),
        ("post", f"/mentoring/duos/{duo.pk}/reject/"),
        ("post", f"/mentoring/duos/{duo.pk}/lock/"),
        ("get", f"/mentoring/duos/{duo.pk}/introduce/"),
        ("post", f"/mentoring/duos/{duo.pk}/introduce/"),
        ("get", f"/mentoring/duos/{duo.pk}/review/"),
        ("post", f"/mentoring/duos/{duo.pk}/review/"),
        ("get", f"/mentoring/duos/{duo.pk}/close/"),
        ("post", f"/mentoring/duos/{duo.pk}/close/"),
        ("get", f"/mentoring/duos/{duo.pk}/checkins/new/"),
    ]


def test_coordinator_of_another_branch_gets_404_on_everything_of_this_branch(client, mworld):
    branch = mworld["branch"]
    young = mentee(branch)
    duo = make_duo(branch, young, mentor(branch), status=Duo.Status.PROPOSED)
    client.force_login(mworld["other_coordinator"])
    for method, path in branch_urls(branch, young, duo):
        assert getattr(client, method)(path, {}).status_code == 404, (method, path)
    # Nothing changed behind the 404s.
    assert Duo.objects.get(pk=duo.pk).status == "proposed"
    assert not Duo.objects.exclude(pk=duo.pk).exists()
    # Their own branch works, and its programme page too (read-only for a branch coordinator).
    assert client.get(f"/mentoring/branches/{mworld['other_branch'].pk}/").status_code == 200
    assert client.get(f"/mentoring/programmes/{mworld['nonprofit'].pk}/").status_code == 200
    assert client.post(f"/mentoring/programmes/{mworld['nonprofit'].pk}/", {}).status_code == 403


def test_nonprofit_coordinator_sees_every_branch_and_edits_the_programme(client, mworld):
    client.force_login(mworld["head_coordinator"])
    for branch in (mworld["branch"], mworld["other_branch"]):
        assert client.get(f"/mentoring/branches/{branch.pk}/").status_code == 200
    page = client.get(f"/mentoring/programmes/{mworld['nonprofit'].pk}/")
    assert page.status_code == 200 and b'name="mentee_max_age"' in page.content


def test_mentee_sees_their_own_duo_but_no_other_duo_and_no_proposal(client, mworld):
    branch = mworld["branch"]
    mine = make_duo(branch, mentee(branch, status="active"), mentor(branch, status="active"))
    other = make_duo(branch, mentee(branch, status="active"), mentor(branch, status="active"))
    proposal = Duo.objects.create(branch=branch, mentee=mentee(branch), mentor=mentor(branch))
    client.force_login(mine.mentee.user)
    assert client.get(f"/mentoring/duos/{mine.pk}/").status_code == 200
    assert client.get(f"/mentoring/duos/{mine.pk}/checkins/new/").status_code == 200
    for duo in (other, proposal):
        assert client.get(f"/mentoring/duos/{duo.pk}/").status_code == 404
        assert client.get(f"/mentoring/duos/{duo.pk}/checkins/new/").status_code == 404
    # Nor any coordinator page, not even of their own duo.
    for path in (f"/mentoring/duos/{mine.pk}/close/", f"/mentoring/duos/{mine.pk}/review/",
                 f"/mentoring/applications/{mine.mentee_id}/", f"/mentoring/branches/{branch.pk}/"):
        assert client.get(path).status_code == 404, path
    home = client.get("/mentoring/").content.decode()
    assert f"/mentoring/duos/{mine.pk}/" in home and f"/mentoring/duos/{other.pk}/" not in home


def test_mentor_sees_only_their_duos(client, mworld):
    branch = mworld["branch"]
    old = mentor(branch, status="active", max_duos=2)
    first = make_duo(branch, mentee(branch, status="active"), old)
    second = make_duo(branch, mentee(branch, status="active"), old)
    stranger = make_duo(branch, mentee(branch, status="active"), mentor(branch, status="active"))
    client.force_login(old.user)
    assert client.get(f"/mentoring/duos/{first.pk}/").status_code == 200
    assert client.get(f"/mentoring/duos/{second.pk}/").status_code == 200
    assert client.get(f"/mentoring/duos/{stranger.pk}/").status_code == 404
    page = client.get(f"/mentoring/duos/{first.pk}/").content.decode()
    # Participants never see the coordinator's score breakdown.
    assert "points" not in page
