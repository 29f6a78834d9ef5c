"""The application factory, authentication, the write route and the mapping of rasd's errors to HTTP.

>>> app = create_app("sqlite:///rasd.sqlite", token_file=Path("rasd-users.json"))   # doctest: +SKIP
>>> uvicorn.run(app)                                                                # doctest: +SKIP

Several server processes (``rasd serve --workers N``) each build their application with :func:`app_from_env`,
uvicorn's factory, from the environment ``rasd serve`` sets.

Reads are open.  Writes (``POST /api/events/{event_key}/review``) need ``Authorization: Bearer <token>`` of a
user of the users file (:mod:`rasd.api.users`): no or an unknown token gives 401, a disabled user 403.  The
store records each write with the user's name (``review_edits``, shown by ``GET /api/audit``).

Errors are JSON ``{"detail": message, "code": "E…"}``: bad parameters 422 (FastAPI's validation, or rasd's
E110/E503/E514/E704/E705), unknown event 404 (E515), Parquet without pyarrow 501 (E501).
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Any

from anyio import to_thread
from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi import Path as PathParam
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

import rasd
from rasd import config
from rasd.api import users as users_mod
from rasd.api.cache import CacheOptions
from rasd.api.cache import install as install_cache
from rasd.api.overview import router as overview_router
from rasd.api.queries import event_detail
from rasd.api.review import ReviewRequest, apply_review
from rasd.api.routes import StoreDep, router
from rasd.errors import RasdError
from rasd.store import Store
from rasd.web import mount_web

# HTTP status of rasd error codes (others: 500).
STATUS_OF_CODE = {"E110": 422, "E503": 422, "E514": 422, "E704": 422, "E705": 422, "E702": 422,
                  "E515": 404, "E703": 404, "E501": 501}

# The database of the processes of ``rasd serve --workers`` (see app_from_env).
ENV_DB = "RASD_SERVE_DB"

_bearer = HTTPBearer(auto_error=False, description="a token from rasd.api.users.add_user")


def current_user(request: Request,
                 credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> users_mod.User:
    """The user whose bearer token the request carries: 401 without one or with an unknown token, 403 when the
    user is disabled."""
    challenge = {"WWW-Authenticate": "Bearer"}
    if credentials is None or credentials.scheme.lower() != "bearer" or not credentials.credentials:
        raise HTTPException(401, "writes need Authorization: Bearer <token>", headers=challenge)
    user = users_mod.authenticate(credentials.credentials, request.app.state.token_file)
    if user is None:
        raise HTTPException(401, "unknown token", headers=challenge)
    if user.disabled:
        raise HTTPException(403, f"user {user.name!r} is disabled")
    return user


UserDep = Annotated[users_mod.User, Depends(current_user)]


def whoami(user: UserDep) -> dict[str, Any]:
    """The name of the token's user (what the page's sign-in checks): 401 for an unknown token, 403 for a
    disabled user."""
    return {"name": user.name}


def review_event(store: StoreDep, user: UserDep, event_key: Annotated[str, PathParam(max_length=200)],
                 body: ReviewRequest) -> dict[str, Any]:
    """Accept, reject or edit an event as the token's user; returns the updated event (with its review
    history).  404 for an unknown event, 422 for a field or value a reviewer cannot set."""
    if event_detail(store, event_key) is None:
        raise HTTPException(404, f"no event with key {event_key!r}")
    apply_review(store, event_key, body, user.name)
    found = event_detail(store, event_key)
    if found is None:  # deleted by a re-extraction in between
        raise HTTPException(404, f"no event with key {event_key!r}")
    return found


async def _rasd_error(request: Request, exc: Exception) -> JSONResponse:
    """A rasd error as JSON with the HTTP status of its code."""
    code = getattr(exc, "code", "E000")
    status = STATUS_OF_CODE.get(code, 500)
    message = getattr(exc, "message", str(exc)) if status < 500 or status == 501 else "internal error"
    return JSONResponse({"detail": message, "code": code}, status_code=status)


def create_app(store_url: str | None = None, *, token_file: Path | None = None,
               store: Store | None = None, web: bool = True, cache: CacheOptions | None = None) -> FastAPI:
    """The rasd API over the store at ``store_url`` (see :meth:`rasd.store.Store.open`; None: the default
    database), or over an already open ``store``.  ``token_file``: the users file (None:
    :func:`rasd.api.users.default_token_file`); ``web``: also serve the page (:mod:`rasd.web`) at ``/``;
    ``cache``: the response cache of the read routes (:mod:`rasd.api.cache`; None: the ``api`` settings,
    ``CacheOptions(entries=0)``: none).  A store opened here is closed when the application stops."""
    options = cache if cache is not None else CacheOptions.from_settings()
    own = store is None
    opened = store if store is not None else Store.open(store_url)

    threads = int(config.get("api", "threads"))

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if threads > 0:
            # the read routes are CPU work under one GIL: more requests computed at once only add thread
            # switches (16 at once took twice the CPU per request of one at a time); the rest wait their turn
            to_thread.current_default_thread_limiter().total_tokens = threads
        try:
            yield
        finally:
            if own:
                opened.close()

    app = FastAPI(title="rasd", version=rasd.__version__, lifespan=lifespan,
                  description="Conflict events extracted from Arabic news (ACLED-style): browse, review, export. "
                              "Reads are open; writes need a bearer token.")
    app.state.store = opened
    app.state.token_file = token_file or users_mod.default_token_file()
    app.include_router(router)
    app.include_router(overview_router)
    app.add_api_route("/api/me", whoami, methods=["GET"], tags=["review"], summary="Who the bearer token is",
                      responses={401: {"description": "no or unknown token"},
                                 403: {"description": "the user is disabled"}})
    app.add_api_route("/api/events/{event_key}/review", review_event, methods=["POST"], tags=["review"],
                      summary="Accept, reject or edit an event (bearer token)",
                      responses={401: {"description": "no or unknown token"},
                                 403: {"description": "the user is disabled"},
                                 404: {"description": "no event with this key"},
                                 422: {"description": "a field or value a reviewer cannot set"}})
    app.add_exception_handler(RasdError, _rasd_error)
    install_cache(app, opened, options)
    if web:
        mount_web(app)
    return app


def app_from_env() -> FastAPI:
    """The application of one ``rasd serve --workers N`` process (uvicorn's factory: each process imports and
    calls it): the database named by ``RASD_SERVE_DB`` (else the default one), the users file of
    ``RASD_USERS``, and the settings of ``RASD_CONFIG`` and ``RASD_<SECTION>_<KEY>`` -- what ``rasd serve``
    puts in the environment from its options (:func:`rasd.config.environment`)."""
    return create_app(os.environ.get(ENV_DB) or None)
