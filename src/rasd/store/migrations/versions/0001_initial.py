"""The first schema: articles, runs, extractions, mentions, places, actors, events, event sources, control
changes and review edits.

Revision ID: 0001
Revises:
Create Date: 2025-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
STAMP = sa.DateTime(timezone=True)


def _fk(table: str, column: str, target: str, cascade: bool = True) -> sa.ForeignKeyConstraint:
    ref_table = target.split(".")[0]
    return sa.ForeignKeyConstraint([column], [target], name=f"fk_{table}_{column}_{ref_table}",
                                   ondelete="CASCADE" if cascade else None)


def _index(table: str, *columns: str, name: str | None = None) -> None:
    op.create_index(name or f"ix_{table}_{columns[0]}", table, list(columns))


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("external_id", sa.Text(), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("outlet", sa.String(200), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("title_end", sa.Integer(), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("encoding_note", sa.Text(), nullable=True),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("ingested_at", STAMP, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_articles"),
        sa.UniqueConstraint("content_hash", name="uq_articles_content_hash"),
    )
    _index("articles", "external_id")
    _index("articles", "published")

    op.create_table(
        "runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("started_at", STAMP, nullable=False),
        sa.Column("finished_at", STAMP, nullable=True),
        sa.Column("rasd_version", sa.String(40), nullable=False),
        sa.Column("data_version", sa.String(64), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_runs"),
    )

    op.create_table(
        "extractions",
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("events", sa.Integer(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("finished_at", STAMP, nullable=False),
        sa.PrimaryKeyConstraint("run_id", "article_id", name="pk_extractions"),
        _fk("extractions", "run_id", "runs.id"),
        _fk("extractions", "article_id", "articles.id"),
    )
    _index("extractions", "article_id")

    op.create_table(
        "mentions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("data", JSON, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_mentions"),
        _fk("mentions", "article_id", "articles.id"),
        _fk("mentions", "run_id", "runs.id"),
    )
    _index("mentions", "article_id")
    _index("mentions", "run_id")
    _index("mentions", "kind", "label", name="ix_mentions_kind_label")

    op.create_table(
        "places",
        sa.Column("geonameid", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("name_en", sa.String(200), nullable=False),
        sa.Column("name_ar", sa.String(200), nullable=False),
        sa.Column("country_code", sa.String(2), nullable=False),
        sa.Column("iso", sa.Integer(), nullable=True),
        sa.Column("admin1", sa.String(200), nullable=True),
        sa.Column("admin1_ar", sa.String(200), nullable=True),
        sa.Column("admin2", sa.String(200), nullable=True),
        sa.Column("admin2_ar", sa.String(200), nullable=True),
        sa.Column("latitude", sa.Double(), nullable=False),
        sa.Column("longitude", sa.Double(), nullable=False),
        sa.Column("feature", sa.String(10), nullable=False),
        sa.Column("population", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("geonameid", name="pk_places"),
    )

    op.create_table(
        "actors",
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("inter", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("name", name="pk_actors"),
    )

    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_key", sa.String(40), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("place_id", sa.Integer(), nullable=True),
        sa.Column("doc_id", sa.Text(), nullable=False),
        sa.Column("event_date", sa.Date(), nullable=True),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("time_precision", sa.Integer(), nullable=True),
        sa.Column("disorder_type", sa.String(60), nullable=True),
        sa.Column("event_type", sa.String(60), nullable=False),
        sa.Column("sub_event_type", sa.String(60), nullable=False),
        sa.Column("actor1", sa.String(200), nullable=True),
        sa.Column("assoc_actor_1", JSON, nullable=True),
        sa.Column("inter1", sa.Integer(), nullable=True),
        sa.Column("actor2", sa.String(200), nullable=True),
        sa.Column("assoc_actor_2", JSON, nullable=True),
        sa.Column("inter2", sa.Integer(), nullable=True),
        sa.Column("interaction", sa.Integer(), nullable=True),
        sa.Column("civilian_targeting", sa.String(40), nullable=True),
        sa.Column("iso", sa.Integer(), nullable=True),
        sa.Column("region", sa.String(100), nullable=True),
        sa.Column("country", sa.String(100), nullable=True),
        sa.Column("admin1", sa.String(200), nullable=True),
        sa.Column("admin2", sa.String(200), nullable=True),
        sa.Column("admin3", sa.String(200), nullable=True),
        sa.Column("location", sa.String(200), nullable=True),
        sa.Column("latitude", sa.Double(), nullable=True),
        sa.Column("longitude", sa.Double(), nullable=True),
        sa.Column("geo_precision", sa.Integer(), nullable=True),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("source_scale", sa.String(60), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("fatalities", sa.Integer(), nullable=True),
        sa.Column("tags", sa.Text(), nullable=True),
        sa.Column("timestamp", sa.BigInteger(), nullable=True),
        sa.Column("location_ar", sa.String(200), nullable=True),
        sa.Column("admin1_ar", sa.String(200), nullable=True),
        sa.Column("admin2_ar", sa.String(200), nullable=True),
        sa.Column("geonameid", sa.Integer(), nullable=True),
        sa.Column("date_expression", sa.Text(), nullable=True),
        sa.Column("claim_source", sa.Text(), nullable=True),
        sa.Column("fatalities_note", sa.Text(), nullable=True),
        sa.Column("location_relation", sa.String(40), nullable=True),
        sa.Column("candidates", JSON, nullable=True),
        sa.Column("control_change", JSON, nullable=True),
        sa.Column("zone", sa.String(20), nullable=True),
        sa.Column("evidence", JSON, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_events"),
        sa.UniqueConstraint("event_key", name="uq_events_event_key"),
        _fk("events", "article_id", "articles.id"),
        _fk("events", "run_id", "runs.id"),
        _fk("events", "place_id", "places.geonameid", cascade=False),
    )
    for column in ("article_id", "run_id", "status", "place_id", "event_date", "event_type", "actor1", "actor2",
                   "country", "admin1"):
        _index("events", column)

    op.create_table(
        "event_sources",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=True),
        sa.Column("end", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("claim_source", sa.Text(), nullable=True),
        sa.Column("claim_start", sa.Integer(), nullable=True),
        sa.Column("claim_end", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_event_sources"),
        _fk("event_sources", "event_id", "events.id"),
        _fk("event_sources", "article_id", "articles.id"),
    )
    _index("event_sources", "event_id")
    _index("event_sources", "article_id")

    op.create_table(
        "control_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("place_id", sa.Integer(), nullable=True),
        sa.Column("location", sa.String(200), nullable=True),
        sa.Column("actor_to", sa.String(200), nullable=True),
        sa.Column("actor_from", sa.String(200), nullable=True),
        sa.Column("event_date", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_control_changes"),
        _fk("control_changes", "event_id", "events.id"),
        _fk("control_changes", "place_id", "places.geonameid", cascade=False),
    )
    _index("control_changes", "event_id")
    _index("control_changes", "place_id")

    op.create_table(
        "review_edits",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_key", sa.String(40), nullable=False),
        sa.Column("field", sa.String(40), nullable=False),
        sa.Column("before", JSON, nullable=True),
        sa.Column("after", JSON, nullable=True),
        sa.Column("who", sa.String(200), nullable=False),
        sa.Column("at", STAMP, nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_review_edits"),
    )
    _index("review_edits", "event_key")


def downgrade() -> None:
    for table in ("review_edits", "control_changes", "event_sources", "events", "actors", "places", "mentions",
                  "extractions", "runs", "articles"):
        op.drop_table(table)
