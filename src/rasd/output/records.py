"""Event records with ACLED's column names, and the JSONL, CSV and table writers."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any, TextIO

from rasd.geo.gazetteer import Gazetteer
from rasd.lexicon.compiled import lexicons
from rasd.model import Document, Event, Place
from rasd.taxonomy import disorder_type

# ACLED's 31 columns, in ACLED's order.
ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)
RASD_COLUMNS = ("doc_id", "location_ar", "admin1_ar", "admin2_ar", "geonameid", "date_expression", "claim_source")

def notes(ev: Event) -> str:
    """A one-sentence English summary built from the fields."""
    when = f"On {ev.date.date.isoformat()}" if ev.date.date else (
        f"On a date given as «{ev.date.expression}»" if ev.date.expression else "On an unreported date")
    where = ev.location.name_en or ev.location.name_ar or "an unknown place"
    if ev.location.geo_precision == 2 and ev.location.place is not None and ev.location.relation:
        where = f"{ev.location.name_ar or where} (near {ev.location.place.name_en})"
    if ev.location.place is not None and ev.location.place.admin1:
        where += f", {ev.location.place.admin1}"
    who = ev.actor1 or "an unidentified actor"
    if ev.assoc_actor_1:
        who += " (with " + ", ".join(ev.assoc_actor_1) + ")"
    what = ev.sub_event_type.lower() if ev.sub_event_type else ev.event_type.lower()
    target = f" against {ev.actor2}" if ev.actor2 else ""
    toll = f"; {ev.fatalities} reported killed" if ev.fatalities else ""
    if ev.fatalities_note:
        toll += f" ({ev.fatalities_note})"
    src = f"; according to {', '.join(ev.claim_sources)}" if ev.claim_sources else ""
    return f"{when}, {who}: {what}{target} in {where}{toll}{src}."


def _outlet(slug: str | None) -> tuple[str | None, str]:
    if not slug:
        return None, ""
    known = lexicons().outlets.get(slug.strip().lower())
    return (known[0], known[1]) if known else (slug, "")


def event_record(ev: Event, doc: Document, gaz: Gazetteer | None = None) -> dict[str, Any]:
    """The JSONL record of an event: ACLED's columns where they exist, plus rasd's own."""
    place = ev.location.place
    cinfo = gaz.country(place.country) if gaz is not None and place is not None else None
    outlet, scale = _outlet(doc.article.outlet)
    sources = list(ev.claim_sources) + ([outlet] if outlet else [])
    civ = "Civilian targeting" if ev.actor2 and ev.actor2.startswith("Civilians") and \
        ev.event_type in ("Violence against civilians", "Explosions/Remote violence") else ""
    return {
        "doc_id": doc.article.id,
        "event_date": ev.date.date.isoformat() if ev.date.date else None,
        "year": ev.date.date.year if ev.date.date else None,
        "time_precision": ev.date.time_precision,
        "disorder_type": disorder_type(ev.event_type, ev.actor2),
        "event_type": ev.event_type,
        "sub_event_type": ev.sub_event_type,
        "actor1": ev.actor1,
        "assoc_actor_1": list(ev.assoc_actor_1),
        "inter1": ev.inter1,
        "actor2": ev.actor2,
        "assoc_actor_2": list(ev.assoc_actor_2),
        "inter2": ev.inter2,
        "interaction": ev.interaction,
        "civilian_targeting": civ,
        "iso": place.iso if place else None,
        "region": cinfo.region if cinfo else None,
        "country": cinfo.name_en if cinfo else (doc.country or None),
        "admin1": place.admin1 if place else None,
        "admin2": place.admin2 if place else None,
        "admin3": None,
        "location": ev.location.name_en or ev.location.name_ar,
        "latitude": place.lat if place else None,
        "longitude": place.lon if place else None,
        "geo_precision": ev.location.geo_precision,
        "source": "; ".join(dict.fromkeys(sources)),
        "source_scale": scale,
        "notes": notes(ev),
        "fatalities": ev.fatalities,
        "tags": "",
        "timestamp": None,
        "location_ar": ev.location.name_ar,
        "admin1_ar": place.admin1_ar if place else None,
        "admin2_ar": place.admin2_ar if place else None,
        "geonameid": place.geonameid if place and ev.location.geo_precision == 1 else None,
        "date_expression": ev.date.expression,
        "claim_source": ev.claim_source_text,
        "fatalities_note": ev.fatalities_note,
        "location_relation": ev.location.relation,
        "candidates": [_candidate(p, s) for p, s in ev.location.candidates],
        "control_change": dict(ev.control_change) or None,
        "zone": ev.zone,
        "evidence": [{"field": e.field, "start": e.start, "end": e.end, "text": e.text} for e in ev.evidence],
    }


def records(doc: Document, gaz: Gazetteer | None = None) -> list[dict[str, Any]]:
    return [event_record(ev, doc, gaz) for ev in doc.events]


def write_jsonl(recs: Iterable[dict[str, Any]], out: TextIO) -> None:
    for r in recs:
        out.write(json.dumps(r, ensure_ascii=False) + "\n")


def csv_row(r: dict[str, Any]) -> dict[str, Any]:
    row = {k: r.get(k) for k in ACLED_COLUMNS + RASD_COLUMNS}
    for k in ("assoc_actor_1", "assoc_actor_2"):
        row[k] = "; ".join(r.get(k) or [])
    return {k: ("" if v is None else v) for k, v in row.items()}


def write_csv(recs: Iterable[dict[str, Any]], out: TextIO, header: bool = True) -> None:
    w = csv.DictWriter(out, fieldnames=list(ACLED_COLUMNS + RASD_COLUMNS), extrasaction="ignore")
    if header:
        w.writeheader()
    for r in recs:
        w.writerow(csv_row(r))


_TABLE = (("event_date", 10), ("sub_event_type", 28), ("actor1", 30), ("actor2", 24), ("location", 22),
          ("geo_precision", 3), ("fatalities", 4))


def format_table(recs: Iterable[dict[str, Any]]) -> str:
    """A fixed-width table for reading in a terminal."""
    buf = io.StringIO()
    buf.write("  ".join(name[:w].ljust(w) for name, w in _TABLE) + "\n")
    for r in recs:
        cells = []
        for name, w in _TABLE:
            v = r.get(name)
            cells.append(("" if v is None else str(v))[:w].ljust(w))
        buf.write("  ".join(cells).rstrip() + "\n")
    return buf.getvalue()


def _candidate(place: Place, score: float) -> dict[str, Any]:
    """A place the geocoder considered and did not choose, for the reviewer."""
    return {"geonameid": place.geonameid, "name": place.name_en, "name_ar": place.name_ar, "country": place.country,
            "admin1": place.admin1, "admin2": place.admin2, "feature": place.feature, "latitude": place.lat,
            "longitude": place.lon, "population": place.population, "score": score}
