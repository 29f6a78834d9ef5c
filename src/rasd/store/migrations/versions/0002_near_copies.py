"""Near-copies: ``articles.near_copy_of`` (the stored original an article nearly copies, or NULL; ON DELETE SET
NULL) and ``articles.near_copy_score`` (the estimated Jaccard similarity of the two texts).

On PostgreSQL the column and its foreign key are added with ``ALTER TABLE``.  SQLite cannot add a table
constraint to an existing table, and Alembic's batch mode would rebuild ``articles`` -- dropping the old table,
which with ``foreign_keys=ON`` (it cannot be switched off inside the migration's transaction) would cascade to
the events, mentions and ledger rows of every article.  So on SQLite the column is added with ``ALTER TABLE``
(no row is rewritten) and the constraint is then written into the table's definition in ``sqlite_master``: the
procedure SQLite documents for constraint-only changes ("Making Other Kinds Of Table Schema Changes": writable
schema, then a new schema version), safe here because every existing row has NULL in the new column.  Existing
rows keep their values; their new columns are NULL (the articles stored so far are originals).

Revision ID: 0002
Revises: 0001
Create Date: 2025-12-04
"""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None

FK_NAME = "fk_articles_near_copy_of_articles"
# the table constraint written into the SQLite definition of ``articles`` (and taken out again by downgrade)
SQLITE_FK = f",\n\tCONSTRAINT {FK_NAME} FOREIGN KEY(near_copy_of) REFERENCES articles (id) ON DELETE SET NULL"


def upgrade() -> None:
    op.add_column("articles", sa.Column("near_copy_of", sa.Integer(), nullable=True))
    op.add_column("articles", sa.Column("near_copy_score", sa.Double(), nullable=True))
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_definition(lambda sql: sql[:sql.rindex(")")].rstrip() + SQLITE_FK + "\n)")
    else:
        op.create_foreign_key(FK_NAME, "articles", "articles", ["near_copy_of"], ["id"], ondelete="SET NULL")
    op.create_index("ix_articles_near_copy_of", "articles", ["near_copy_of"])


def downgrade() -> None:
    op.drop_index("ix_articles_near_copy_of", table_name="articles")
    if op.get_bind().dialect.name == "sqlite":
        # SQLite refuses to drop a column a table constraint names: take the constraint out first
        def without(sql: str) -> str:
            if SQLITE_FK not in sql:
                raise RuntimeError(f"articles: {FK_NAME} is not where revision 0002 put it")
            return sql.replace(SQLITE_FK, "")
        _sqlite_definition(without)
    else:
        op.drop_constraint(FK_NAME, "articles", type_="foreignkey")
    op.drop_column("articles", "near_copy_score")
    op.drop_column("articles", "near_copy_of")


def _sqlite_definition(change: Callable[[str], str]) -> None:
    """Rewrite the ``CREATE TABLE`` text of ``articles`` in ``sqlite_master`` with ``change`` (a function of the
    old text), inside the migration's transaction, and bump the schema version so that it is read again."""
    conn = op.get_bind()
    old = conn.execute(sa.text("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'articles'")).scalar_one()
    version = conn.execute(sa.text("PRAGMA schema_version")).scalar_one()
    conn.execute(sa.text("PRAGMA writable_schema = ON"))
    conn.execute(sa.text("UPDATE sqlite_master SET sql = :sql WHERE type = 'table' AND name = 'articles'"),
                 {"sql": change(old)})
    conn.execute(sa.text(f"PRAGMA schema_version = {int(version) + 1}"))
    conn.execute(sa.text("PRAGMA writable_schema = OFF"))
