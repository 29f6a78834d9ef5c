"""Indexes for reading: ``events (article_id, seq)``, the order every event listing and export pages in, and
``extractions (finished_at)``, whose maximum tells a reader (the API's response cache) that a batch of
extractions was written since it last looked.

Without the first, a page deep into the events (``ORDER BY article_id, seq LIMIT … OFFSET …``) made SQLite walk
``ix_events_article_id`` and sort each article's wide rows by ``seq`` in a temporary B-tree; with it the rows
come in order.  ``ix_events_article_id`` stays: it is a prefix of the new index and so redundant for reads, but
dropping it is a separate decision.  Only indexes are created: no row is rewritten, on SQLite or PostgreSQL.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""

from __future__ import annotations

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_index("ix_events_article_id_seq", "events", ["article_id", "seq"])
    op.create_index("ix_extractions_finished_at", "extractions", ["finished_at"])


def downgrade() -> None:
    op.drop_index("ix_extractions_finished_at", table_name="extractions")
    op.drop_index("ix_events_article_id_seq", table_name="events")
