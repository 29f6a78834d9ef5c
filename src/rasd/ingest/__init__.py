"""Reading articles from files: text articles (UTF-8, or clearly-Arabic cp1256) and JSON Lines records."""

from __future__ import annotations

from rasd.ingest.readers import (
    ARTICLE_SUFFIXES,
    ReadResult,
    parse_published,
    read_paths,
    read_record,
    read_text,
)

__all__ = ["ARTICLE_SUFFIXES", "ReadResult", "parse_published", "read_paths", "read_record", "read_text"]
