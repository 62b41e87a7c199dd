import csv
import statistics
from collections import defaultdict
from pathlib import Path

from django.db import transaction

from backstage.careers.models import LANGS, RIASEC, IscoGroup, Occupation

OCCUPATION_URI_PREFIX = "http://data.europa.eu/esco/occupation/"
ONET_ELEMENTS = {
    "Realistic": "realistic",
    "Investigative": "investigative",
    "Artistic": "artistic",
    "Social": "social",
    "Enterprising": "enterprising",
    "Conventional": "conventional",
}
BATCH_SIZE = 500
Source = Occupation.InterestSource


class ReferenceDataError(Exception):
    """The reference files are missing or do not have the expected shape; nothing is written."""


def _read_csv(path: Path, *, delimiter: str = ",") -> list[dict[str, str]]:
    if not path.exists():
        raise ReferenceDataError(f"missing file {path}")
    # utf-8-sig: ESCO exports sometimes start with a BOM, which would otherwise stick to the first column name.
    # newline="": the ESCO files end records with CRLF but put bare LF inside quoted multi-line fields.
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle, delimiter=delimiter)
        rows = list(reader)
    if not rows:
        raise ReferenceDataError(f"empty file {path}")
    return rows


def _require(rows: list[dict[str, str]], path: Path, columns: set[str]) -> None:
    missing = columns - set(rows[0])
    if missing:
        raise ReferenceDataError(f"{path.name}: missing columns {sorted(missing)}")


def _label(text: str | None) -> str:
    # Some ESCO labels carry no-break spaces or trailing blanks ("cloud DevOps engineer ").
    return " ".join((text or "").replace("\xa0", " ").split())


def _text(text: str | None) -> str:
    lines = (text or "").replace("\xa0", " ").replace("\r\n", "\n").split("\n")
    return "\n".join(" ".join(line.split()) for line in lines).strip()


def _labels(text: str | None, *, exclude: str) -> list[str]:
    seen, result = {exclude}, []
    for line in (text or "").splitlines():
        label = _label(line)
        if label and label not in seen:
            seen.add(label)
            result.append(label)
    return result


def _read_isco_groups(esco_dir: Path) -> dict[str, dict]:
    groups: dict[str, dict] = {}
    path = esco_dir / "isco_groups_en.csv"
    rows = _read_csv(path)
    _require(rows, path, {"code", "preferredLabel", "description"})
    for row in rows:
        code = row["code"].strip()
        if not (code.isdigit() and 1 <= len(code) <= 4):
            raise ReferenceDataError(f"{path.name}: bad ISCO code {code!r}")
        groups[code] = {
            "level": len(code),
            "parent_id": code[:-1] or None,
            "label_en": _label(row["preferredLabel"]),
            "label_nl": "",
            "label_fr": "",
            "description_en": _text(row["description"]),
        }
    for lang in ("nl", "fr"):
        path = esco_dir / f"isco_groups_{lang}.csv"
        rows = _read_csv(path)
        _require(rows, path, {"code", "preferredLabel"})
        for row in rows:
            code = row["code"].strip()
            if code in groups:
                groups[code][f"label_{lang}"] = _label(row["preferredLabel"])
    orphans = [code for code, group in groups.items() if group["parent_id"] and group["parent_id"] not in groups]
    if orphans:
        raise ReferenceDataError(f"ISCO groups without parent: {orphans[:5]}")
    return groups


def _read_occupations(esco_dir: Path, groups: dict[str, dict]) -> dict[str, dict]:
    occupations: dict[str, dict] = {}
    columns = {"conceptUri", "iscoGroup", "code", "preferredLabel", "altLabels", "description"}
    for lang in LANGS:  # English first: it is the reference list, the other languages only add text.
        path = esco_dir / f"occupations_{lang}.csv"
        rows = _read_csv(path)
        _require(rows, path, columns)
        for row in rows:
            uri = row["conceptUri"].strip()
            if lang == "en":
                isco = row["iscoGroup"].strip()
                if not uri.startswith(OCCUPATION_URI_PREFIX) or isco not in groups:
                    raise ReferenceDataError(f"{path.name}: bad occupation row {uri!r} (ISCO {isco!r})")
                occupations[uri] = {
                    "code": row["code"].strip(),
                    "isco_group_id": isco,
                    **{f"{field}_{other}": "" for field in ("label", "description") for other in LANGS},
                    **{f"alt_labels_{other}": [] for other in LANGS},
                }
            elif uri not in occupations:
                continue
            label = _label(row["preferredLabel"])
            occupations[uri][f"label_{lang}"] = label
            occupations[uri][f"alt_labels_{lang}"] = _labels(row["altLabels"], exclude=label)
            occupations[uri][f"description_{lang}"] = _text(row["description"])
    return occupations


def _read_broader_links(esco_dir: Path, occupations: dict[str, dict]) -> dict[str, str]:
    """Occupation -> broader occupation; links to ISCO groups are already given by each occupation's iscoGroup."""
    path = esco_dir / "broader_relations.csv"
    rows = _read_csv(path)
    _require(rows, path, {"conceptType", "conceptUri", "broaderType", "broaderUri"})
    links: dict[str, str] = {}
    for row in sorted(rows, key=lambda r: (r["conceptUri"], r["broaderUri"])):
        uri, broader = row["conceptUri"].strip(), row["broaderUri"].strip()
        if (
            row["conceptType"].strip() == "Occupation"
            and row["broaderType"].strip() == "Occupation"
            and uri in occupations
            and broader in occupations
            and uri != broader
        ):
            links.setdefault(uri, broader)
    return links


def _read_onet_interests(onet_dir: Path) -> dict[str, tuple[float, ...]]:
    path = onet_dir / "interests.txt"
    rows = _read_csv(path, delimiter="\t")
    _require(rows, path, {"O*NET-SOC Code", "Element Name", "Scale ID", "Data Value"})
    scores: dict[str, dict[str, float]] = defaultdict(dict)
    for row in rows:
        dimension = ONET_ELEMENTS.get(row["Element Name"].strip())
        if row["Scale ID"].strip() == "OI" and dimension:
            scores[row["O*NET-SOC Code"].strip()][dimension] = float(row["Data Value"])
    return {code: tuple(values[d] for d in RIASEC) for code, values in scores.items() if len(values) == len(RIASEC)}


def _read_crosswalk(crosswalk_dir: Path) -> list[tuple[str, str]]:
    path = crosswalk_dir / "esco_onet_crosswalk_Nov2020.csv"
    rows = _read_csv(path)
    _require(rows, path, {"concept_uri", "onet_code"})
    return [(row["concept_uri"].strip(), row["onet_code"].strip()) for row in rows]


def _mean(profiles: list[tuple[float, ...]]) -> tuple[float, ...]:
    return tuple(round(statistics.fmean(values), 2) for values in zip(*profiles))


def interest_profiles_compute(
    *,
    isco_of: dict[str, str],
    broader_of: dict[str, str],
    onet_code_of: dict[str, str],
    onet_scores: dict[str, tuple[float, ...]],
) -> dict[str, tuple[tuple[float, ...] | None, str, str]]:
    """uri -> (RIASEC scores or None, source, O*NET code), most specific source first.

    onet_code_of holds only crosswalk codes that have O*NET interest scores: a code without scores counts as
    no mapping, so the occupation falls through to its broader occupation or its ISCO group.
    """
    result: dict[str, tuple[tuple[float, ...] | None, str, str]] = {}
    for uri in isco_of:
        if uri in onet_code_of:
            code = onet_code_of[uri]
            result[uri] = (onet_scores[code], Source.CROSSWALK, code)
            continue
        seen, current = {uri}, broader_of.get(uri)
        while current and current not in seen and current not in onet_code_of:
            seen.add(current)
            current = broader_of.get(current)
        if current and current in onet_code_of:
            code = onet_code_of[current]
            result[uri] = (onet_scores[code], Source.BROADER, code)

    by_unit: dict[str, list] = defaultdict(list)
    by_minor: dict[str, list] = defaultdict(list)
    for uri, (scores, _source, _code) in result.items():
        by_unit[isco_of[uri]].append(scores)
        by_minor[isco_of[uri][:3]].append(scores)
    unit_mean = {code: _mean(profiles) for code, profiles in by_unit.items()}
    minor_mean = {code: _mean(profiles) for code, profiles in by_minor.items()}
    for uri, isco in isco_of.items():
        if uri in result:
            continue
        if isco in unit_mean:
            result[uri] = (unit_mean[isco], Source.ISCO_UNIT, "")
        elif isco[:3] in minor_mean:
            result[uri] = (minor_mean[isco[:3]], Source.ISCO_MINOR, "")
        else:
            result[uri] = (None, Source.NONE, "")
    return result


def _sync(model, *, key: str, rows: dict, fields: list[str]) -> tuple[set, set]:
    """Create the missing rows and update the changed fields of the others; returns (created, updated) keys."""
    existing = {getattr(obj, key): obj for obj in model.objects.only(key, *fields)}
    to_create, to_update, changed_fields = [], [], set()
    for row_key, values in rows.items():
        obj = existing.get(row_key)
        if obj is None:
            to_create.append(model(**{key: row_key, **{f: values[f] for f in fields}}))
            continue
        changed = [f for f in fields if getattr(obj, f) != values[f]]
        for field in changed:
            setattr(obj, field, values[field])
        if changed:
            changed_fields.update(changed)
            to_update.append(obj)
    model.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
    if to_update:
        model.objects.bulk_update(to_update, sorted(changed_fields), batch_size=BATCH_SIZE)
    return {getattr(o, key) for o in to_create}, {getattr(o, key) for o in to_update}


@transaction.atomic
def occupations_import(*, data_dir: Path | str) -> dict[str, int]:
    """Load ISCO groups, ESCO occupations and their RIASEC profiles; re-running only applies what changed.

    Rows that have disappeared from the files are left in place (other data may point at them) and counted.
    """
    data_dir = Path(data_dir)
    esco_dir = data_dir / "esco"
    groups = _read_isco_groups(esco_dir)
    occupations = _read_occupations(esco_dir, groups)
    broader_of = _read_broader_links(esco_dir, occupations)
    onet_scores = _read_onet_interests(data_dir / "onet")
    crosswalk = _read_crosswalk(data_dir / "crosswalk")

    onet_code_of = {uri: code for uri, code in crosswalk if uri in occupations and code in onet_scores}
    profiles = interest_profiles_compute(
        isco_of={uri: row["isco_group_id"] for uri, row in occupations.items()},
        broader_of=broader_of,
        onet_code_of=onet_code_of,
        onet_scores=onet_scores,
    )
    for uri, (scores, source, onet_code) in profiles.items():
        occupations[uri].update(zip(RIASEC, scores or (None,) * len(RIASEC)))
        occupations[uri].update(interest_source=source, onet_code=onet_code)

    # Parents before children, so a new group's parent row is always written in an earlier or the same batch.
    groups = dict(sorted(groups.items(), key=lambda item: (len(item[0]), item[0])))
    groups_created, groups_updated = _sync(
        IscoGroup, key="code", rows=groups, fields=["level", "parent_id", "label_en", "label_nl", "label_fr",
                                                    "description_en"]
    )
    fields = list(next(iter(occupations.values())))
    created, updated = _sync(Occupation, key="esco_uri", rows=occupations, fields=fields)
    # Broader links need the ids, which new rows only have now.
    id_of = dict(Occupation.objects.values_list("esco_uri", "id"))
    links = {uri: {"broader_id": id_of[broader_of[uri]] if uri in broader_of else None} for uri in occupations}
    _links_created, links_updated = _sync(Occupation, key="esco_uri", rows=links, fields=["broader_id"])

    sources = defaultdict(int)
    for _scores, source, _code in profiles.values():
        sources[source] += 1
    return {
        "isco_groups": len(groups),
        "isco_groups_created": len(groups_created),
        "isco_groups_updated": len(groups_updated),
        "isco_groups_not_in_files": IscoGroup.objects.exclude(code__in=groups).count(),
        "occupations": len(occupations),
        "occupations_created": len(created),
        "occupations_updated": len((updated | links_updated) - created),
        "occupations_not_in_files": len(id_of.keys() - occupations.keys()),
        **{
            f"{field}_{lang}": sum(1 for row in occupations.values() if row[f"{field}_{lang}"])
            for field in ("label", "description")
            for lang in LANGS
        },
        "broader_links": len(broader_of),
        "crosswalk_rows": len(crosswalk),
        "crosswalk_rows_unknown_occupation": sum(1 for uri, _code in crosswalk if uri not in occupations),
        "crosswalk_rows_without_onet_interests": sum(
            1 for uri, code in crosswalk if uri in occupations and code not in onet_scores
        ),
        "interest_profiles": sum(count for source, count in sources.items() if source != Source.NONE),
        **{f"interest_{source.value or 'none'}": sources[source] for source in Source},
    }
