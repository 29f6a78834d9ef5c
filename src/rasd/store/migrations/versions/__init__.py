"""Migration revisions, oldest first (Alembic reads them by their ``revision``/``down_revision`` ids)."""
