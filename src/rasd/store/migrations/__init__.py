"""The store's Alembic migrations: ``env.py`` and one module per revision in ``versions/``.

They are applied by :func:`rasd.store.engine.upgrade` (``Store.open`` calls it).  To write a new revision,
change :mod:`rasd.store.schema`, then let Alembic draft it against a database at the current head and edit the
draft by hand::

    from alembic import command
    from rasd.store.engine import alembic_config, make_engine, resolve_url, upgrade
    engine = make_engine(resolve_url("sqlite:////tmp/draft.sqlite")); upgrade(engine)
    with engine.begin() as conn:
        command.revision(alembic_config(conn), "what changes", autogenerate=True)

Revisions must run on SQLite (use ``op.batch_alter_table`` to alter a table) and PostgreSQL.
"""
