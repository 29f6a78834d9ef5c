"""API test helpers: a SQLite store filled from the seed article (skipped without ../shared), a users file with
an active and a disabled reviewer, and a TestClient over the app."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from rasd.api import add_user, create_app, set_disabled
from rasd.pipeline import Pipeline
from rasd.store import Store, ingest

SEED = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "seed" / "000_cec7ceff3a92a6cc.txt"
PUBLISHED = dt.date(2017, 11, 12)


@dataclass
class Api:
    """A client over a filled store, with the tokens of an active and a disabled user."""

    client: TestClient
    store: Store
    pipeline: Pipeline
    token: str
    disabled_token: str
    users: Path

    def auth(self, token: str | None = None) -> dict[str, str]:
        """The Authorization header of ``token`` (the active user's by default)."""
        return {"Authorization": f"Bearer {token or self.token}"}


def make_api(tmp: Path, pipeline: Pipeline) -> Iterator[Api]:
    """A store at ``tmp``/rasd.sqlite filled from the seed article, its users and a client."""
    if not SEED.is_file():
        pytest.skip(f"seed article not found: {SEED}")
    store = Store.open(f"sqlite:///{tmp / 'rasd.sqlite'}")
    ingest([SEED], store, pipeline, published=PUBLISHED)
    users = tmp / "users.json"
    token = add_user("huda", users)
    disabled = add_user("old", users)
    set_disabled("old", True, users)
    app = create_app(token_file=users, store=store)
    with TestClient(app) as client:
        yield Api(client, store, pipeline, token, disabled, users)
    store.close()
