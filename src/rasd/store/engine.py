"""Database URLs, engines and schema migrations.

The store runs on SQLite (a file, or ``sqlite://`` in memory) or PostgreSQL (``postgresql+psycopg://``).
Which database: the URL given, else the ``db`` setting if rasd's settings have one, else ``RASD_DB``, else
:data:`DEFAULT_PATH` (``~/.local/share/rasd/rasd.sqlite``, beside the gazetteer index).  A plain path is a
SQLite file.

SQLite files run in WAL mode with ``synchronous=NORMAL`` (a committed batch survives the process being killed;
only a power cut can lose the last commits), ``foreign_keys=ON`` and a 30-second busy timeout, set on every
connection.  SQLAlchemy, not the ``sqlite3`` module, emits ``BEGIN``, so DDL and reads are transactional too
and a migration either applies whole or not at all.

The schema is Alembic's: :func:`upgrade` brings a database to the newest revision shipped in
``rasd/store/migrations/versions`` (``Store.open`` does this), under an advisory lock on PostgreSQL so that
two processes opening a new database do not both create it.
"""

from __future__ import annotations

import json
import os
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.pool import StaticPool

from rasd import config
from rasd.errors import StoreError
from rasd.store.rows import dumps

if TYPE_CHECKING:  # Alembic is imported when a database is opened (it takes a quarter of a second)
    from alembic.config import Config

DEFAULT_PATH = Path("~/.local/share/rasd/rasd.sqlite")
ENV_VAR = "RASD_DB"
_LOCK_ID = 0x72617364  # "rasd": the PostgreSQL advisory lock held while migrating


def default_url() -> str:
    """The database to use when none is given: the ``db`` setting, ``RASD_DB``, or :data:`DEFAULT_PATH`."""
    configured = config.settings().get("db")
    if configured:
        return str(configured)
    if os.environ.get(ENV_VAR):
        return os.environ[ENV_VAR]
    return f"sqlite:///{DEFAULT_PATH.expanduser()}"


def resolve_url(url: str | Path | None = None) -> URL:
    """A SQLAlchemy URL: a plain path becomes a SQLite file, ``postgresql://`` uses psycopg 3."""
    raw = str(url) if url is not None else default_url()
    if "://" not in raw:
        raw = f"sqlite:///{Path(raw).expanduser()}"
    try:
        parsed = make_url(raw)
    except ArgumentError as exc:
        raise StoreError("E511", path=raw, detail=str(exc)) from None
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise StoreError("E511", path=shown(parsed), detail=f"unsupported database {parsed.drivername!r}")
    return parsed


def shown(url: URL) -> str:
    """The URL with its password hidden, for messages."""
    return url.render_as_string(hide_password=True)


def is_memory(url: URL) -> bool:
    """True for an in-memory SQLite database."""
    return url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:")


def loads(text: str | bytes) -> Any:
    """JSON columns as Python values: orjson (a third of the time of reading a page of events went to
    ``json.loads``), falling back to the standard library for what orjson refuses (NaN, huge integers)."""
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return json.loads(text)


def make_engine(url: URL) -> Engine:
    """An engine for ``url`` with the store's connection settings (see the module docstring)."""
    kwargs: dict[str, Any] = {"json_serializer": dumps, "json_deserializer": loads}
    if url.get_backend_name() == "sqlite":
        if is_memory(url):  # one shared connection, or every session would see its own empty database
            kwargs.update(poolclass=StaticPool, connect_args={"check_same_thread": False})
        else:
            assert url.database is not None
            try:
                Path(url.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError("E511", path=shown(url), detail=exc.strerror or str(exc)) from None
            kwargs["connect_args"] = {"timeout": 30}
        engine = create_engine(url, **kwargs)
        event.listen(engine, "connect", _sqlite_connect(wal=not is_memory(url)))
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    try:
        return create_engine(url, pool_pre_ping=True, **kwargs)
    except ModuleNotFoundError as exc:
        raise StoreError("E512", path=shown(url), detail=str(exc)) from None


def _sqlite_connect(wal: bool) -> Any:
    def connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN (see _sqlite_begin)
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        if wal:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()
    return connect


def _sqlite_begin(conn: Connection) -> None:
    conn.exec_driver_sql("BEGIN")


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic configuration for the packaged migrations, bound to ``connection`` when given."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("rasd.store") / "migrations"))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    """The newest schema revision this rasd ships."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(connection: Connection) -> str | None:
    """The schema revision of a database (None for an empty one)."""
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate the database to ``revision`` (default: the newest), in one transaction."""
    from alembic import command
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    label = shown(engine.url)
    try:
        with engine.begin() as conn:
            if engine.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": _LOCK_ID})
            found = current_revision(conn)
            scripts = ScriptDirectory.from_config(alembic_config())
            known = {script.revision for script in scripts.walk_revisions()}
            if found is not None and found not in known:
                raise StoreError("E513", path=label, value=found)
            if revision == "head" and found == scripts.get_current_head():
                return
            command.upgrade(alembic_config(conn), revision)
    except CommandError as exc:
        raise StoreError("E511", path=label, detail=f"migration failed: {exc}") from exc
    except SQLAlchemyError as exc:
        raise StoreError("E511", path=label, detail=_first_line(exc)) from exc


def _first_line(exc: BaseException) -> str:
    return str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
