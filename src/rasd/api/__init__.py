"""rasd's HTTP API (FastAPI): browse the stored events and articles, who controls what, exports, and review.

    from rasd.api import create_app
    app = create_app("sqlite:///rasd.sqlite", token_file=Path("rasd-users.json"))   # then: uvicorn.run(app)

Routes (all JSON unless said; ``/openapi.json`` documents them):

- ``GET /api/health`` -- status, version, the store's counts;
- ``GET /api/events`` -- filters ``date_from``, ``date_to``, ``country``, ``admin1``, ``event_type``,
  ``sub_event_type``, ``actor``, ``status``, ``bbox=minLon,minLat,maxLon,maxLat``, ``q`` (text in location,
  location_ar, notes, actors); ``limit`` (1-1000) and ``offset``; returns ``{total, limit, offset, items}``;
- ``GET /api/events/{event_key}`` -- the event with ``sources``, ``evidence``, ``candidates`` and ``review``;
- ``GET /api/articles/{article_id}`` -- the text, its events and the evidence ``spans`` to highlight;
- ``GET /api/control?at=YYYY-MM-DD`` -- holdings with ``contested`` flags (:mod:`rasd.control`);
- ``GET /api/export?format=acled-csv|geojson|parquet|jsonl`` and the event filters -- a file;
- ``GET /api/audit?event_key=`` -- the review log (open, like the events);
- ``POST /api/events/{event_key}/review`` -- ``{action: accept|reject|edit, field?, value?, note?}``, with
  ``Authorization: Bearer <token>`` (:mod:`rasd.api.users`).

The users and their hashed tokens live in a JSON file (:mod:`rasd.api.users`).
"""

from __future__ import annotations

from rasd.api.app import create_app
from rasd.api.users import add_user, authenticate, list_users, remove_user, set_disabled

__all__ = ["add_user", "authenticate", "create_app", "list_users", "remove_user", "set_disabled"]
