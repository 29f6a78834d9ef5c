"""Loading packaged data files (YAML, TSV), optionally overridden from a user data directory.

Packaged defaults live in ``rasd/data``; a directory named by the ``RASD_DATA_DIR`` environment variable (or set
with :func:`set_data_dir`) is searched first, so a user can add aliases or places without touching the code.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from rasd import config
from rasd.errors import DataFileError

_USER_DIR: Path | None = None


def set_data_dir(path: str | Path | None) -> None:
    """Search ``path`` before the packaged data (used by the CLI's --data-dir and by tests)."""
    global _USER_DIR
    _USER_DIR = Path(path) if path else None
    load_yaml.cache_clear()


def data_path(name: str) -> Path:
    """The file that ``name`` resolves to: the user directory's copy if there is one, else the packaged one."""
    # the environment is read on every call (tests and long-running callers change it); a settings file's
    # data_dir comes last
    user = _USER_DIR or (Path(os.environ["RASD_DATA_DIR"]) if os.environ.get("RASD_DATA_DIR") else None) or \
        config.path_setting("data_dir")
    if user is not None and (user / name).is_file():
        return user / name
    return Path(str(resources.files("rasd") / "data" / name))


@lru_cache(maxsize=64)
def load_yaml(name: str) -> Any:
    path = data_path(name)
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.safe_load(fh)
    except (OSError, yaml.YAMLError) as exc:
        raise DataFileError("E301", path=str(path), detail=str(exc)) from exc


def iter_tsv(name: str) -> Iterator[dict[str, str]]:
    """Rows of a tab-separated data file with a header line; lines starting with # are comments."""
    path = data_path(name)
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            lines = (ln for ln in fh if ln.strip() and not ln.startswith("#"))
            yield from csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    except OSError as exc:
        raise DataFileError("E301", path=str(path), detail=str(exc)) from exc
