"""Alembic's environment for the store: migrations run on the connection rasd hands over.

:func:`rasd.store.engine.upgrade` puts an open connection (inside its transaction) into the configuration's
``attributes["connection"]``; without one (Alembic's own command line), the ``sqlalchemy.url`` option or the
store's default URL is used.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from rasd.store.schema import Base


def _run(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True,
                      compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


def _main() -> None:
    given = context.config.attributes.get("connection")
    if isinstance(given, Connection):
        _run(given)
        return
    from rasd.store.engine import make_engine, resolve_url

    engine = make_engine(resolve_url(context.config.get_main_option("sqlalchemy.url")))
    with engine.begin() as conn:
        _run(conn)
    engine.dispose()


if context.is_offline_mode():
    raise SystemExit("rasd's migrations run online only: give a database URL")
_main()
