"""``rasd serve`` (the HTTP API on uvicorn) and ``rasd users add | disable | enable | list`` (review tokens)."""

from __future__ import annotations

import os
import socket
import sys
from pathlib import Path

import click

from rasd.cli_util import warn
from rasd.errors import RasdError

_users_option = click.option("--users", "users_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
                             help="The users file [RASD_USERS, else ./rasd-users.json].")


@click.command("serve")
@click.option("--db", default=None, help="Database: a SQLite path or a URL [setting db, RASD_DB].")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Server processes; each has its own response cache and sees the others' review edits within "
                   "the setting api.version_check_seconds.")
@_users_option
def serve_cmd(db: str | None, host: str, port: int, workers: int, users_file: Path | None) -> None:
    """Serve the HTTP API (OpenAPI at /openapi.json): reads are open, review writes need a token."""
    import uvicorn

    from rasd.api import create_app
    from rasd.web import assets_built

    try:
        check_port(host, port)
        if workers == 1:
            app = create_app(db, token_file=users_file)
        else:
            env = worker_environment(db, users_file)
    except RasdError as exc:
        warn(exc)
        sys.exit(2)
    if not assets_built():
        warn("the map files are not built (run make web): the page will show its list and timeline only")
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"rasd is serving the page at http://{shown}:{port}/  (API under /api, schema at /openapi.json; "
               f"{workers} process{'es' if workers > 1 else ''}; Ctrl-C stops)", err=True)
    if workers == 1:
        uvicorn.run(app, host=host, port=port, log_level="warning")
        return
    # uvicorn starts each worker process afresh: it imports the factory, which reads what this process was told
    os.environ.update(env)
    uvicorn.run("rasd.api.app:app_from_env", factory=True, workers=workers, host=host, port=port,
                log_level="warning")


def worker_environment(db: str | None, users_file: Path | None) -> dict[str, str]:
    """The environment of the processes of ``rasd serve --workers``: this process's settings
    (:func:`rasd.config.environment`) with ``api.threads`` set to ``api.worker_threads``, the database URL
    (``RASD_SERVE_DB``) and the users file (``RASD_USERS``).
    Opens the database once here, so that it is migrated before the workers start and a bad URL is reported as
    one line (RasdError)."""
    from rasd import config
    from rasd.api.app import ENV_DB
    from rasd.api.users import ENV_VAR as USERS_VAR
    from rasd.api.users import default_token_file
    from rasd.store import Store

    with Store.open(db) as store:
        url = store.engine.url.render_as_string(hide_password=False)
    # with several processes the GIL is per process: on the 2-core test machine, 2 processes of one request
    # thread each took 6.7 ms of CPU per uncached page against 7.4-8.0 ms with 4 threads each (p99 60 ms
    # against 100-150 ms at 200 requests per second; benchmarks/load_api.py --distinct --workers 2)
    threads = {"RASD_API_THREADS": str(config.get("api", "worker_threads"))}
    return {**config.environment(), **threads, ENV_DB: url,
            USERS_VAR: str((users_file or default_token_file()).resolve())}


def check_port(host: str, port: int) -> None:
    """RasdError E706 when ``host:port`` cannot be listened on (taken, or not an address of this machine),
    so the user gets one clear line instead of uvicorn's log."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except (socket.gaierror, UnicodeError, OverflowError) as exc:
        raise RasdError("E706", address=f"{host}:{port}", detail=str(exc)) from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(address)
        except OSError as exc:
            raise RasdError("E706", address=f"{host}:{port}", detail=exc.strerror or str(exc)) from None


@click.group("users")
def users_group() -> None:
    """Reviewers and their tokens (a token is shown once, when the user is added)."""


@users_group.command("add")
@click.argument("name")
@_users_option
def users_add_cmd(name: str, users_file: Path | None) -> None:
    """Add a reviewer (or give one a new token) and print the token."""
    from rasd.api.users import add_user

    try:
        click.echo(add_user(name, users_file))
    except RasdError as exc:
        warn(exc)
        sys.exit(2)
    warn(f"token for {name} printed above: it is not stored in clear and will not be shown again")


@users_group.command("disable")
@click.argument("name")
@_users_option
def users_disable_cmd(name: str, users_file: Path | None) -> None:
    """Keep a reviewer's token from writing (HTTP 403)."""
    _set(name, True, users_file)


@users_group.command("enable")
@click.argument("name")
@_users_option
def users_enable_cmd(name: str, users_file: Path | None) -> None:
    """Let a disabled reviewer write again."""
    _set(name, False, users_file)


def _set(name: str, disabled: bool, users_file: Path | None) -> None:
    from rasd.api.users import set_disabled

    try:
        set_disabled(name, disabled, users_file)
    except RasdError as exc:
        warn(exc)
        sys.exit(2)


@users_group.command("list")
@_users_option
def users_list_cmd(users_file: Path | None) -> None:
    """The reviewers, with their state."""
    from rasd.api.users import list_users

    try:
        for u in list_users(users_file):
            click.echo(f"{u.name}\t{'disabled' if u.disabled else 'active'}\t{u.created or ''}")
    except RasdError as exc:
        warn(exc)
        sys.exit(2)


COMMANDS = (serve_cmd, users_group)
