"""Look place names up in rasd's gazetteer: exact variants first, then near spellings.

Usage: ``.venv/bin/python scripts/gazetteer_lookup.py NAME [NAME…] [--country SY] [--near 5]``

Prints, for each name, every entry whose lookup keys match one of the name's variants (geonameid, feature,
English and Arabic names, admin1/admin2, coordinates, population), then keys within a small edit distance
(for spellings GeoNames writes differently).  Used to label the geocoding evaluation set by hand.
"""

from __future__ import annotations

import argparse
import difflib

from rasd.geo.gazetteer import Gazetteer, name_variants
from rasd.model import Place


def _show(p: Place, mark: str = "") -> str:
    return (f"  {mark}{p.geonameid or '-'}\t{p.feature}\t{p.name_en} / {p.name_ar}\t{p.country} {p.admin1 or ''}"
            f" / {p.admin2 or ''}\t{p.lat:.4f},{p.lon:.4f}\tpop {p.population}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("names", nargs="+")
    ap.add_argument("--country", help="only entries of this ISO 3166 alpha-2 country")
    ap.add_argument("--near", type=int, default=8, help="how many near spellings to list")
    args = ap.parse_args()
    gaz = Gazetteer.default()
    keys = list(gaz.keys())
    for name in args.names:
        print(f"{name}: variants {sorted(name_variants(name))}")
        exact = [p for p in gaz.lookup_name(name) if not args.country or p.country == args.country.upper()]
        for p in exact:
            print(_show(p))
        seen = {id(p) for p in exact}
        first = sorted(name_variants(name))[0]
        near = difflib.get_close_matches(first, keys, n=args.near, cutoff=0.75) if args.near else []
        for key in near:
            for p in gaz.lookup(key):
                if id(p) not in seen and (not args.country or p.country == args.country.upper()):
                    seen.add(id(p))
                    print(_show(p, f"~{key}: "))


if __name__ == "__main__":
    main()
