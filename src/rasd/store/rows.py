"""Between rasd's model and the store's rows: hashes, event keys, record <-> row values, reference rows.

Nothing here touches a database: these are pure functions of the model and of the event records
(:func:`rasd.output.records.records`), so they are easy to test and the same on every backend.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
from collections.abc import Iterable, Mapping
from importlib import resources
from typing import Any

from rasd.errors import StoreError
from rasd.lexicon.loader import data_path
from rasd.model import Article, Document, Event, Mention
from rasd.store.schema import ArticleRow, EventRow

KEY_LENGTH = 32  # hex digits of an event key (128 bits)

# Columns of ``events`` that hold record fields, in record order; and the ones the store itself sets.
STORE_FIELDS = ("id", "event_key", "article_id", "run_id", "seq", "status", "place_id")
RECORD_FIELDS = tuple(c.name for c in EventRow.__table__.columns if c.name not in STORE_FIELDS)
EVENT_COLUMNS = tuple(c.name for c in EventRow.__table__.columns)  # every column of ``events``, in table order
_DATE_FIELDS = frozenset({"event_date"})
_JSON_FIELDS = frozenset({"assoc_actor_1", "assoc_actor_2", "candidates", "control_change", "evidence"})
_LIST_FIELDS = frozenset({"assoc_actor_1", "assoc_actor_2", "candidates", "evidence"})  # NULL is read as []
# The record fields whose column value is not the record's value as it is (see from_column); record_of
# converts only these, so that building a page of records costs little more than reading its rows.
_CONVERTED_FIELDS = tuple(f for f in RECORD_FIELDS if f in _DATE_FIELDS or f in _LIST_FIELDS)
_INT_FIELDS = frozenset(c.name for c in EventRow.__table__.columns
                        if c.name in RECORD_FIELDS and c.type.python_type is int)
_FLOAT_FIELDS = frozenset({"latitude", "longitude"})
_STR_FIELDS = frozenset(c.name for c in EventRow.__table__.columns
                        if c.name in RECORD_FIELDS and c.type.python_type is str) | {"status"}
# What a reviewer may change: every record field but the article's id and the extractor's evidence.
EDITABLE = frozenset(RECORD_FIELDS) - {"doc_id", "evidence", "candidates"} | {"status"}


def content_hash(text: str) -> str:
    """SHA-256 of an article's text (UTF-8): the store's identity of an article."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def data_version() -> str:
    """A SHA-256 over the lexicon and gazetteer files the extractor reads (packaged, or the data directory's
    copies that replace them), so a run records exactly which data made its events."""
    total = hashlib.sha256()
    packaged = resources.files("rasd") / "data"
    for name in sorted(p.name for p in packaged.iterdir() if p.is_file()):
        total.update(name.encode() + b"\0" + hashlib.sha256(data_path(name).read_bytes()).digest())
    return total.hexdigest()


def event_key(article_hash: str, record: Mapping[str, Any]) -> str:
    """A key that finds "the same event" again when an article is re-extracted.

    Made from the article's content hash, the sub-event type and the spans of the event's trigger and place
    (its what and where); other evidence (actors, toll, date) may change with a better lexicon without the
    event becoming another one.  Events without trigger or place evidence use all their spans.
    """
    spans = [(e["field"], e["start"], e["end"]) for e in record.get("evidence") or ()]
    core = sorted(s for s in spans if s[0] in ("trigger", "location")) or sorted(spans)
    words = ";".join(f"{f}:{s}-{e}" for f, s, e in core)
    raw = f"{article_hash}|{record.get('sub_event_type') or ''}|{words}"
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:KEY_LENGTH]


def unique_keys(keys: Iterable[str]) -> list[str]:
    """Keys made unique within one document: a repeated key gets ``-2``, ``-3``, ... in order."""
    seen: dict[str, int] = {}
    out = []
    for key in keys:
        seen[key] = seen.get(key, 0) + 1
        out.append(key if seen[key] == 1 else f"{key}-{seen[key]}")
    return out


def jsonable(value: Any) -> Any:
    """``value`` as plain JSON data: tuples become lists, dates ISO strings, anything else its ``str``."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def dumps(value: Any) -> str:
    """The JSON text the store writes (Arabic kept readable, not escaped)."""
    return json.dumps(value, ensure_ascii=False)


def article_values(article: Article, digest: str, now: dt.datetime) -> dict[str, Any]:
    """The ``articles`` row of an article."""
    title = article.text[:article.title_end] if article.title_end else None
    return {"external_id": article.id, "url": article.url, "outlet": article.outlet, "title": title,
            "title_end": article.title_end, "published": article.published, "text": article.text,
            "encoding_note": article.encoding_note, "content_hash": digest, "ingested_at": now}


def row_article(row: ArticleRow) -> Article:
    """The ``Article`` an ``articles`` row stores (the same one that was added)."""
    return Article(id=row.external_id, text=row.text, published=row.published, url=row.url, outlet=row.outlet,
                   title_end=row.title_end, encoding_note=row.encoding_note)


def mention_values(m: Mention, article_id: int, run_id: int) -> dict[str, Any]:
    """The ``mentions`` row of a mention."""
    return {"article_id": article_id, "run_id": run_id, "kind": m.kind, "start": m.start, "end": m.end,
            "text": m.text, "label": m.label, "data": {k: jsonable(v) for k, v in m.data} or None}


def to_column(field: str, value: Any) -> Any:
    """A record value as the ``events`` column stores it; StoreError E514 when it cannot be."""
    if value is None or (value == "" and field in _DATE_FIELDS):
        return None
    try:
        if field in _DATE_FIELDS:
            if isinstance(value, dt.datetime):
                return value.date()
            return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
        if field in _JSON_FIELDS:
            return jsonable(value)
        if field in _INT_FIELDS:
            if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
                raise ValueError(value)
            return int(value)
        if field in _FLOAT_FIELDS:
            return float(value)
    except (TypeError, ValueError):
        raise StoreError("E514", value=value, detail=f"not a valid {field}") from None
    return value if isinstance(value, str) or field not in _STR_FIELDS else str(value)


def from_column(field: str, value: Any) -> Any:
    """An ``events`` column value as the record has it (dates as ISO strings, JSON lists as lists)."""
    if field in _DATE_FIELDS:
        return value.isoformat() if isinstance(value, dt.date) else value
    if field in _LIST_FIELDS and value is None:
        return []
    return value


def event_values(record: Mapping[str, Any]) -> dict[str, Any]:
    """The record-field columns of an ``events`` row."""
    return {f: to_column(f, record.get(f)) for f in RECORD_FIELDS}


def record_of(values: Mapping[str, Any]) -> dict[str, Any]:
    """The record of an ``events`` row given as its column values by name (at least :data:`RECORD_FIELDS`):
    the fields :func:`rasd.output.records.event_record` wrote, in record order.

    The one place a record is made from a row: :func:`event_record` hands it an ORM row's values, and the
    store's and the API's listings the values of plain column rows (:func:`rasd.store.query.read_values`),
    which skip the ORM's identity map and are read about twice as fast."""
    rec = {f: values[f] for f in RECORD_FIELDS}
    for f in _CONVERTED_FIELDS:
        rec[f] = from_column(f, rec[f])
    return rec


def column_values(row: EventRow) -> dict[str, Any]:
    """Every column value of an ``events`` ORM row, by column name (what :func:`record_of` reads)."""
    return {name: getattr(row, name) for name in EVENT_COLUMNS}


def event_record(row: EventRow) -> dict[str, Any]:
    """The record of an ``events`` ORM row: the fields :func:`rasd.output.records.event_record` wrote."""
    return record_of(column_values(row))


def place_values(ev: Event) -> dict[str, Any] | None:
    """The ``places`` row of the gazetteer entry an event is placed at (None without one or its geonameid)."""
    p = ev.location.place
    if p is None or p.geonameid is None:
        return None
    return {"geonameid": p.geonameid, "name_en": p.name_en, "name_ar": p.name_ar, "country_code": p.country,
            "iso": p.iso, "admin1": p.admin1, "admin1_ar": p.admin1_ar, "admin2": p.admin2,
            "admin2_ar": p.admin2_ar, "latitude": p.lat, "longitude": p.lon, "feature": p.feature,
            "population": p.population}


def actor_values(ev: Event) -> list[dict[str, Any]]:
    """The ``actors`` rows an event names: its two actors with their inter codes, its associated actors."""
    out = [{"name": name, "inter": inter} for name, inter in ((ev.actor1, ev.inter1), (ev.actor2, ev.inter2))
           if name]
    out += [{"name": name, "inter": None} for name in ev.assoc_actor_1 + ev.assoc_actor_2 if name]
    return out


def source_values(ev: Event, article_id: int) -> dict[str, Any]:
    """The ``event_sources`` row of an event in the article it was extracted from."""
    trigger = next((e for e in ev.evidence if e.field == "trigger"), None)
    claim = next((e for e in ev.evidence if e.field == "claim_source"), None)
    return {"article_id": article_id,
            "start": trigger.start if trigger else None, "end": trigger.end if trigger else None,
            "text": trigger.text if trigger else None, "claim_source": ev.claim_source_text,
            "claim_start": claim.start if claim else None, "claim_end": claim.end if claim else None}


def control_values(ev: Event) -> dict[str, Any] | None:
    """The ``control_changes`` row of an event that reports one, else None."""
    if not ev.control_change:
        return None
    change = dict(ev.control_change)
    place = ev.location.place
    return {"place_id": place.geonameid if place is not None else None,
            "location": ev.location.name_en or ev.location.name_ar,
            "actor_to": change.get("to"), "actor_from": change.get("from"), "event_date": ev.date.date}


def document_events(doc: Document, records: list[dict[str, Any]]) -> list[tuple[Event, dict[str, Any], str]]:
    """Each event of a document with its record and its (document-unique) event key."""
    digest = content_hash(doc.article.text)
    keys = unique_keys(event_key(digest, r) for r in records)
    return list(zip(doc.events, records, keys, strict=True))
