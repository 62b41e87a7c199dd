import csv
import io
import re
import statistics

import pytest
from django.conf import settings
from django.core.management import call_command

from backstage.careers.models import RIASEC, IscoGroup, Occupation
from backstage.careers.services import interest_profiles_compute, occupations_import

pytestmark = pytest.mark.django_db

ESCO = settings.REFERENCE_DATA_DIR / "esco"
URI = "http://data.europa.eu/esco/occupation/"
NURSE = URI + "8d3e8aaa-791b-4c75-a465-f3f827028f50"  # nurse responsible for general care, crosswalk 29-1141.00
ANIMATOR = URI + "48c8eccb-4bd0-487e-a187-4953cbbe956e"  # animator, crosswalk 27-1014.00
ANIMATOR_3D = URI + "52df9d56-efd4-48d0-ad93-59231943fc4c"  # 3D animator, below animator, not in the crosswalk
GENERAL_PRACTITIONER = URI + "71f09c8b-a172-408c-b9e7-32e580e39ff6"  # crosswalk 29-1062.00, not in interests.txt


def rows_in(name):
    with (ESCO / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def onet_scores(code):
    with (settings.REFERENCE_DATA_DIR / "onet" / "interests.txt").open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle, delimiter="\t") if r["O*NET-SOC Code"] == code]
    return {r["Element Name"].lower(): float(r["Data Value"]) for r in rows if r["Scale ID"] == "OI"}


def test_import_loads_every_group_and_occupation_in_three_languages(imported):
    assert IscoGroup.objects.count() == 619
    assert Occupation.objects.count() == 3039
    assert Occupation.objects.exclude(label_en="").count() == 3039
    assert Occupation.objects.exclude(label_nl="").count() == 3039
    assert Occupation.objects.exclude(label_fr="").count() == len(rows_in("occupations_fr.csv")) == 2937
    assert Occupation.objects.exclude(description_en="").count() == 3039
    assert Occupation.objects.exclude(description_nl="").count() == 3039
    assert Occupation.objects.exclude(description_fr="").count() == 0
    assert Occupation.objects.filter(broader__isnull=False).count() == 1248
    assert Occupation.objects.filter(realistic__isnull=False).count() >= 3000
    assert imported["interest_profiles"] == Occupation.objects.exclude(interest_source="").count()


def test_import_builds_the_isco_tree(imported):
    assert {level: IscoGroup.objects.filter(level=level).count() for level in (1, 2, 3, 4)} == {
        1: 10, 2: 43, 3: 130, 4: 436
    }
    nurses = IscoGroup.objects.select_related("parent__parent__parent").get(code="2221")
    assert (nurses.parent.code, nurses.parent.parent.code, nurses.parent.parent.parent.code) == ("222", "22", "2")
    assert nurses.parent.parent.parent.parent is None
    assert nurses.label_en == "Nursing professionals"
    assert nurses.label_nl and nurses.label_fr and nurses.description_en


def test_import_reads_multiline_synonyms_and_cleans_labels(imported):
    nurse = Occupation.objects.get(esco_uri=NURSE)
    assert nurse.isco_group_id == "2221"
    assert nurse.label_en == "nurse responsible for general care"
    assert nurse.label_nl == "algemeen verpleegkundige"
    assert nurse.label_fr == "infirmier de soins généraux/infirmière de soins généraux"
    assert len(nurse.alt_labels_en) > 1 and all("\n" not in label for label in nurse.alt_labels_en)
    assert nurse.label_en not in nurse.alt_labels_en
    # ESCO writes "cloud DevOps engineer " and "pipeline<no-break space>superintendent".
    assert Occupation.objects.filter(label_en="cloud DevOps engineer").exists()
    assert Occupation.objects.filter(label_en="pipeline superintendent").exists()


def test_rerunning_the_import_changes_nothing(imported):
    fields = ["id", "esco_uri", "broader_id", "isco_group_id", "label_fr", "alt_labels_nl", *RIASEC,
              "interest_source", "onet_code"]
    before = list(Occupation.objects.order_by("id").values_list(*fields))
    groups_before = list(IscoGroup.objects.order_by("code").values_list())

    counts = occupations_import(data_dir=settings.REFERENCE_DATA_DIR)

    assert (counts["isco_groups_created"], counts["isco_groups_updated"]) == (0, 0)
    assert (counts["occupations_created"], counts["occupations_updated"]) == (0, 0)
    assert {k: v for k, v in counts.items() if not k.endswith(("_created", "_updated"))} == {
        k: v for k, v in imported.items() if not k.endswith(("_created", "_updated")) and k != "seconds"
    }
    assert list(Occupation.objects.order_by("id").values_list(*fields)) == before
    assert list(IscoGroup.objects.order_by("code").values_list()) == groups_before


def test_rerunning_the_import_repairs_edited_rows(imported):
    Occupation.objects.filter(esco_uri=NURSE).update(label_fr="modifié", social=None, broader=None)
    counts = occupations_import(data_dir=settings.REFERENCE_DATA_DIR)
    assert (counts["occupations_created"], counts["occupations_updated"]) == (0, 1)
    nurse = Occupation.objects.get(esco_uri=NURSE)
    assert (nurse.label_fr, nurse.social) == ("infirmier de soins généraux/infirmière de soins généraux", 5.57)


def test_crosswalk_occupation_has_the_onet_scores_of_its_code(imported):
    nurse = Occupation.objects.get(esco_uri=NURSE)
    assert (nurse.onet_code, nurse.interest_source) == ("29-1141.00", "crosswalk")
    assert nurse.interest_profile == onet_scores("29-1141.00") == {
        "realistic": 3.46, "investigative": 4.71, "artistic": 1.34, "social": 5.57, "enterprising": 2.38,
        "conventional": 4.75,
    }
    assert nurse.holland_code == "SCI"


def test_narrower_occupation_inherits_the_profile_of_its_broader_one(imported):
    animator_3d = Occupation.objects.select_related("broader").get(esco_uri=ANIMATOR_3D)
    assert animator_3d.broader.esco_uri == ANIMATOR
    assert (animator_3d.broader.interest_source, animator_3d.broader.onet_code) == ("crosswalk", "27-1014.00")
    assert (animator_3d.interest_source, animator_3d.onet_code) == ("broader", "27-1014.00")
    assert animator_3d.interest_profile == animator_3d.broader.interest_profile == onet_scores("27-1014.00")


def test_crosswalk_code_without_onet_scores_counts_as_unmapped(imported):
    doctor = Occupation.objects.get(esco_uri=GENERAL_PRACTITIONER)
    assert onet_scores("29-1062.00") == {}
    assert doctor.interest_source != "crosswalk"
    assert doctor.onet_code == ""
    assert imported["crosswalk_rows_without_onet_interests"] == 359


def test_unmapped_occupation_takes_the_mean_of_its_isco_unit_group(imported):
    occupation = Occupation.objects.filter(interest_source="isco_unit").order_by("esco_uri").first()
    mapped = Occupation.objects.filter(
        isco_group_id=occupation.isco_group_id, interest_source__in=["crosswalk", "broader"]
    )
    assert mapped.exists()
    for dim in RIASEC:
        assert getattr(occupation, dim) == round(statistics.fmean(mapped.values_list(dim, flat=True)), 2)


def test_interest_sources_fall_back_in_order_and_survive_a_broader_cycle():
    scores = {"A": (1.0, 2.0, 3.0, 4.0, 5.0, 6.0), "B": (3.0, 2.0, 1.0, 4.0, 5.0, 6.0)}
    profiles = interest_profiles_compute(
        isco_of={"mapped": "1111", "child": "9999", "grandchild": "9999", "sibling": "1111", "cousin": "1112",
                 "loop1": "5555", "loop2": "5555", "other": "5555", "alone": "7777"},
        broader_of={"child": "mapped", "grandchild": "child", "loop1": "loop2", "loop2": "loop1"},
        onet_code_of={"mapped": "A"},
        onet_scores=scores,
    )
    assert profiles["mapped"] == (scores["A"], "crosswalk", "A")
    assert profiles["grandchild"] == (scores["A"], "broader", "A")
    assert profiles["sibling"] == (scores["A"], "isco_unit", "")
    assert profiles["cousin"] == (scores["A"], "isco_minor", "")
    assert profiles["loop1"] == profiles["other"] == profiles["alone"] == (None, "", "")


def test_command_prints_the_counts(imported):
    out = io.StringIO()
    call_command("import_occupations", stdout=out)
    output = out.getvalue()
    assert re.search(r"^occupations_created +0$", output, re.MULTILINE)
    assert re.search(r"^label_fr +2937$", output, re.MULTILINE)
    assert "Imported in" in output
