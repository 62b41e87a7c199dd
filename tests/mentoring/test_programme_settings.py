import pytest

from backstage.mentoring.models import BranchSettings, Programme

pytestmark = pytest.mark.django_db


def programme_data(**overrides):
    data = {"name": "Duo for a Job", "mentee_min_age": "18", "mentee_max_age": "33", "mentor_min_age": "50",
            "duo_months": "6", "checkin_every_days": "14", "languages": ["fr", "nl"]}
    data.update(overrides)
    return data


@pytest.mark.parametrize("overrides, field", [
    ({"mentee_max_age": "17"}, "mentee_max_age"),
    ({"mentee_min_age": "30", "mentee_max_age": "25"}, "mentee_max_age"),
    ({"duo_months": "0"}, "duo_months"),
    ({"checkin_every_days": "abc"}, "checkin_every_days"),
    ({"languages": []}, "languages"),
    ({"languages": ["xx"]}, "languages"),
])
def test_programme_form_refuses_bad_rules_without_saving(client, mworld, overrides, field):
    client.force_login(mworld["head_coordinator"])
    response = client.post(f"/mentoring/programmes/{mworld['nonprofit'].pk}/", programme_data(**overrides))
    assert response.status_code == 400 and field in response.context["form"].errors
    assert not Programme.objects.exists()


def test_nonprofit_coordinator_sets_the_programme_rules(client, mworld):
    client.force_login(mworld["head_coordinator"])
    path = f"/mentoring/programmes/{mworld['nonprofit'].pk}/"
    assert client.post(path, programme_data(mentee_max_age="35", duo_months="9")).status_code == 302
    programme = Programme.objects.get(nonprofit=mworld["nonprofit"])
    assert (programme.mentee_max_age, programme.duo_months, programme.languages) == (35, 9, ["fr", "nl"])


def test_branch_settings_take_postcodes_and_refuse_unknown_ones(client, mworld):
    branch = mworld["branch"]
    client.force_login(mworld["coordinator"])
    path = f"/mentoring/branches/{branch.pk}/settings/"
    response = client.post(path, {"postcodes": "1000, 1080 9999", "intake_open": "on"})
    assert response.status_code == 400
    assert response.context["form"].errors["postcodes"] == [
        "These postcodes do not exist in the branch's country: 9999"]
    assert not BranchSettings.objects.exists()
    assert client.post(path, {"postcodes": "1000, 1080", "intake_open": ""}).status_code == 302
    settings_ = BranchSettings.objects.get(branch=branch)
    assert settings_.intake_open is False
    assert sorted(p.postcode for p in settings_.municipalities.all()) == ["1000", "1080"]
    assert "1000 1080" in client.get(path).content.decode()
