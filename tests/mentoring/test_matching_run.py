import pytest

from backstage.core.models import AuditEntry
from backstage.mentoring import services
from backstage.mentoring.models import Application, Duo, MatchingRun
from backstage.mentoring.services import MentoringError
from tests.mentoring.conftest import mentee, mentor

pytestmark = pytest.mark.django_db


@pytest.fixture
def pool(mworld):
    """Three mentees, two mentors with one place each: nurses go with the nurse, logistics with logistics."""
    branch, t, p = mworld["branch"], mworld["taxonomy"], mworld["places"]
    return {
        "nurse": mentee(branch, occupations=[t["nurse"]], place=p["brussels"]),
        "midwife": mentee(branch, occupations=[t["midwife"]], place=p["molenbeek"]),
        "logistics": mentee(branch, occupations=[t["warehouse_worker"]], place=p["brussels"],
                            text="Trouver un emploi en logistique, magasinier"),
        "head_nurse": mentor(branch, occupations=[t["specialist_nurse"]], place=p["brussels"]),
        "logistician": mentor(branch, occupations=[t["stock_clerk"]], place=p["vilvoorde"],
                              text="Responsable logistique d'un entrepôt pendant vingt ans, magasinier au début"),
    }


def proposals(branch):
    return set(Duo.objects.filter(branch=branch, status=Duo.Status.PROPOSED).values_list("mentee_id", "mentor_id"))


def test_run_lock_reject_and_rerun_keeps_the_lock_and_never_reproposes_the_rejected_pair(mworld, pool):
    branch, coordinator = mworld["branch"], mworld["coordinator"]
    run = services.matching_run(branch=branch, actor=coordinator)
    assert (run.mentees, run.mentors, run.proposals, run.locked) == (3, 2, 2, 0)
    assert proposals(branch) == {(pool["nurse"].pk, pool["head_nurse"].pk), (pool["logistics"].pk, pool["logistician"].pk)}

    # The coordinator prefers the midwife-to-be for the head nurse: lock that instead? First reject the nurse pair
    # and lock the logistics pair, then re-run.
    nurse_pair = Duo.objects.get(mentee=pool["nurse"])
    services.duo_reject(duo=nurse_pair, actor=coordinator, reason="they know each other")
    logistics_pair = Duo.objects.get(mentee=pool["logistics"])
    services.duo_lock(duo=logistics_pair, actor=coordinator, locked=True)

    rerun = services.matching_run(branch=branch, actor=coordinator)
    assert (rerun.proposals, rerun.locked) == (1, 1)
    assert proposals(branch) == {(pool["midwife"].pk, pool["head_nurse"].pk), (pool["logistics"].pk, pool["logistician"].pk)}
    assert Duo.objects.get(pk=logistics_pair.pk).locked is True  # the very same proposal row survived
    for _ in range(2):
        services.matching_run(branch=branch, actor=coordinator)
        assert (pool["nurse"].pk, pool["head_nurse"].pk) not in proposals(branch)
    assert Duo.objects.filter(status=Duo.Status.REJECTED).count() == 1
    assert MatchingRun.objects.filter(branch=branch).count() == 4
    assert AuditEntry.objects.filter(action="mentoring.matching_run").count() == 4


def test_accepting_moves_both_to_matched_and_takes_the_mentors_place(mworld, pool):
    branch, coordinator = mworld["branch"], mworld["coordinator"]
    services.matching_run(branch=branch, actor=coordinator)
    duo = Duo.objects.get(mentee=pool["nurse"])
    services.duo_accept(duo=duo, actor=coordinator)
    pool["nurse"].refresh_from_db()
    pool["head_nurse"].refresh_from_db()
    assert (pool["nurse"].status, pool["head_nurse"].status) == ("matched", "matched")
    assert pool["nurse"].first_matched_at is not None
    # The next run has nobody for the head nurse: the midwife-to-be stays unmatched rather than over capacity.
    run = services.matching_run(branch=branch, actor=coordinator)
    assert (run.mentees, run.proposals) == (2, 1)
    assert proposals(branch) == {(pool["logistics"].pk, pool["logistician"].pk)}
    # Cancelling before the introduction puts both back in the pool, and the pair is never proposed again.
    services.duo_reject(duo=duo, actor=coordinator)
    pool["nurse"].refresh_from_db()
    pool["head_nurse"].refresh_from_db()
    assert (pool["nurse"].status, pool["head_nurse"].status) == ("waiting", "waiting")
    services.matching_run(branch=branch, actor=coordinator)
    assert (pool["nurse"].pk, pool["head_nurse"].pk) not in proposals(branch)


def test_accept_refuses_when_the_mentor_is_full(mworld, pool):
    branch, coordinator = mworld["branch"], mworld["coordinator"]
    services.matching_run(branch=branch, actor=coordinator)
    services.duo_accept(duo=Duo.objects.get(mentee=pool["nurse"]), actor=coordinator)
    extra = Duo.objects.create(branch=branch, mentee=pool["midwife"], mentor=pool["head_nurse"])
    with pytest.raises(MentoringError):
        services.duo_accept(duo=extra, actor=coordinator)
    assert Duo.objects.get(pk=extra.pk).status == "proposed"


def test_a_lock_that_became_impossible_is_reported_not_silently_dropped(mworld, pool):
    branch, coordinator = mworld["branch"], mworld["coordinator"]
    services.matching_run(branch=branch, actor=coordinator)
    duo = Duo.objects.get(mentee=pool["nurse"])
    services.duo_lock(duo=duo, actor=coordinator, locked=True)
    Application.objects.filter(pk=pool["head_nurse"].pk).update(status="trained")  # out of the pool
    with pytest.raises(MentoringError):
        services.matching_run(branch=branch, actor=coordinator)
    assert Duo.objects.filter(pk=duo.pk, locked=True).exists()


def test_matching_pages_show_the_score_in_words_and_run_on_post(client, mworld, pool):
    branch = mworld["branch"]
    client.force_login(mworld["coordinator"])
    assert client.get(f"/mentoring/branches/{branch.pk}/matching/run/").status_code == 405
    response = client.post(f"/mentoring/branches/{branch.pk}/matching/run/")
    assert response.status_code == 302
    page = client.get(f"/mentoring/branches/{branch.pk}/matching/")
    assert page.status_code == 200
    assert "same occupation group: Nursing professionals (+400)" in page.content.decode()
    duo = Duo.objects.get(mentee=pool["nurse"])
    assert client.post(f"/mentoring/duos/{duo.pk}/lock/", {"locked": "1"}).status_code == 302
    assert Duo.objects.get(pk=duo.pk).locked
    assert client.post(f"/mentoring/duos/{duo.pk}/reject/", {"reason": "x" * 301}).status_code == 400
    assert Duo.objects.get(pk=duo.pk).status == "proposed"
    assert client.post(f"/mentoring/duos/{duo.pk}/accept/").status_code == 302
    assert Duo.objects.get(pk=duo.pk).status == "accepted"


def test_htmx_decisions_swap_the_card_alone(client, mworld, pool):
    branch = mworld["branch"]
    services.matching_run(branch=branch, actor=mworld["coordinator"])
    duo = Duo.objects.get(mentee=pool["nurse"])
    client.force_login(mworld["coordinator"])
    response = client.post(f"/mentoring/duos/{duo.pk}/lock/", {"locked": "1", "page": "1"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.strip().startswith(f'<article class="proposal" id="proposal-{duo.pk}">')
    assert "locked" in html and "<html" not in html
    response = client.post(f"/mentoring/duos/{duo.pk}/accept/", {"page": "1"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "Introduce them" in response.content.decode()
    # A refusal (already decided) reloads the page, where the message shows.
    response = client.post(f"/mentoring/duos/{duo.pk}/lock/", {"locked": "1"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and response["HX-Redirect"] == f"/mentoring/branches/{branch.pk}/matching/"
