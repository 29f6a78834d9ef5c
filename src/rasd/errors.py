"""rasd's exception hierarchy and message catalogue.

Every error has a code, a message template and a suggested fix, so the CLI can print one clear line
(``[E102] article.txt: file is empty — nothing to extract``) and users can look the code up.
"""

from __future__ import annotations

from typing import Any

CATALOGUE: dict[str, tuple[str, str]] = {
    # input (E1xx)
    "E101": ("{path}: no such file", "check the path"),
    "E102": ("{path}: file is empty", "nothing to extract"),
    "E103": ("{path}: binary file ({detail})", "give rasd UTF-8 text, HTML or JSON Lines"),
    "E104": ("{path}: cannot decode the text ({detail})", "save the file as UTF-8, or pass --encoding cp1256"),
    "E105": ("{path}: {size} bytes is over the {limit}-byte limit for one article",
             "split the file, or raise the limit with --max-bytes"),
    "E106": ("{path}: line {line}: invalid JSON ({detail})", "fix or remove that line; the other lines go on"),
    "E107": ("{path}: line {line}: record has no text (needs 'content' or 'text')", "add the article text"),
    "E108": ("{path}: line {line}: 'published' is not a date: {value!r}", "use YYYY-MM-DD"),
    "E109": ("{path}: not readable ({detail})", "check the file's permissions"),
    "E110": ("{value!r} is not a date", "use YYYY-MM-DD, e.g. --published 2017-11-12"),
    "E111": ("{value!r} is not a known text encoding", "use e.g. --encoding utf-8 or --encoding cp1256"),
    "E112": ("{path}: no .txt, .md, .json or .jsonl files in this directory", "check the path"),
    # extraction (E2xx)
    "E201": ("{doc}: stage {stage} failed: {detail}", "the article was skipped; please report it with the text"),
    # data files (E3xx)
    "E301": ("data file {path}: {detail}", "fix the file or remove it from the data directory"),
    "E302": ("data file {path}: {detail}", "each entry needs the fields named in the file's header comment"),
    "E303": ("settings {path}: {detail}", "see rasd/defaults.yaml for the settings and their sections"),
    "E304": ("gazetteer index {path}: {detail}",
             "rebuild it with `rasd gazetteer build`, or unset gazetteer.index (RASD_GAZETTEER_INDEX)"),
    "E305": ("download {path} failed: {detail}",
             "check the network and the country codes, or download the files by hand and pass them to "
             "`rasd gazetteer build`"),
    "E306": ("the online geocoder needs the geopy package", "pip install 'rasd[online]'"),
    "E307": ("GeoNames file {path}: {detail}",
             "give a GeoNames dump file (.txt or .zip) from https://download.geonames.org/export/dump/"),
    # evaluation (E4xx)
    "E401": ("gold file {path}: {detail}", "see shared/gold/README.md for the format"),
    "E402": ("gold article {path} not found", "run from the project root or pass --shared-dir"),
    # parallel runs (E6xx)
    "E601": ("parallel runs need the dask.distributed package", "pip install 'rasd[cluster]'"),
    "E602": ("cannot reach the dask scheduler at {address}: {detail}", "check the address (tcp://HOST:8786)"),
    # web pages and feeds (E12x: rasd.ingest.web, feeds, monitor)
    "E121": ("{path}: HTTP error {detail}", "check the address; a monitored page or feed is tried again next round"),
    "E122": ("{path}: could not fetch ({detail})", "check the network and the address; it is tried again next round"),
    "E123": ("{path}: over the {limit}-byte limit for one download ({detail})",
             "raise the limit (max_bytes) if the page is really that big"),
    "E124": ("{path}: not an HTML page ({detail})", "give the address of an article page, or save the text to a file"),
    "E125": ("{path}: no article text found in the page ({detail})",
             "the page may be an index, a paywall or need JavaScript; save the article text to a file instead"),
    "E126": ("{path}: not an RSS or Atom feed ({detail})", "check the feed address in the feeds file"),
    "E127": ("feeds file {path}: {detail}",
             "each entry of the feeds list needs a url (name and interval are optional)"),
    "E128": ("seen-URL store {path}: {detail}", "fix the file, or move it away to start a new one"),
    # exports (E5xx: rasd.export)
    "E501": ("the Parquet export needs the pyarrow package", "pip install 'rasd[parquet]', or export another format"),
    "E502": ("{doc}: cannot export the event: {detail}", "fix the record's value to fit the column's type"),
    "E503": ("{value!r} is not an export format", "use acled-csv, geojson, parquet or jsonl"),
    # the store (E51x: rasd.store)
    "E511": ("database {path}: {detail}",
             "check the URL (a SQLite path, sqlite:///PATH or postgresql+psycopg://USER@HOST/DB) and that the "
             "database server is running"),
    "E512": ("database {path}: the PostgreSQL driver is not installed ({detail})", "pip install 'psycopg[binary]>=3'"),
    "E513": ("database {path}: schema revision {value!r} is newer than this rasd",
             "upgrade rasd, or use another database"),
    "E514": ("{value!r}: {detail}", "see rasd.store.rows.EDITABLE for the fields and give a value of the field's type"),
    "E515": ("no event with key {value!r}", "take the key from the event_key field of Store.events()"),
    "E516": ("run {value!r}: {detail}", "start a run with Store.start_run()"),
    "E517": ("{path}: the text contains NUL characters, which PostgreSQL cannot store",
             "remove them from the source; the article was skipped"),
    # the HTTP API (E7xx: rasd.api)
    "E701": ("users file {path}: {detail}", "fix the file, or move it away and add the users again"),
    "E702": ("{value!r} is not a valid user name", "use 1-64 letters, digits, '.', '@', '_' or '-'"),
    "E703": ("no user named {value!r}", "add it first (rasd.api.users.add_user)"),
    "E704": ("{value!r}: {detail}", "see /openapi.json for the parameters and their formats"),
    "E705": ("{value!r}: {detail}", "give a value of the field's type, within its range"),
    "E706": ("cannot listen on {address}: {detail}", "is rasd serve already running? give another --port"),
}

# Warnings that are not errors: the article is processed, the user is told.
NOTES: dict[str, str] = {
    "W101": "{path}: decoded as cp1256 (Windows Arabic), not UTF-8",
    "W102": "{path}: decoded with replacement characters ({detail})",
}


class RasdError(Exception):
    """Base of rasd's errors.  ``str(err)`` is the one-line message with its code."""

    code = "E000"

    def __init__(self, code: str, **fields: Any) -> None:
        self.code = code
        self.fields = fields
        template, fix = CATALOGUE.get(code, ("{detail}", ""))
        try:
            message = template.format(**fields)
        except (KeyError, IndexError):
            message = template
        self.message = message
        self.fix = fix
        super().__init__(f"[{code}] {message}" + (f" — {fix}" if fix else ""))


class InputError(RasdError):
    """Bad input: the file or record is reported and skipped, the batch goes on."""


class ExtractionError(RasdError):
    """A pipeline stage failed on one document."""


class DataFileError(RasdError):
    """A lexicon or gazetteer file is missing or malformed."""


class DownloadError(RasdError):
    """A file could not be fetched (HTTP error, network failure, truncated transfer)."""


class GoldFormatError(RasdError):
    """A gold file does not follow the gold format."""


class StoreError(RasdError):
    """The database cannot be opened or migrated, or a store call names something it does not hold."""


def note(code: str, **fields: Any) -> str:
    """A warning line for the user, with its code."""
    return f"[{code}] " + NOTES[code].format(**fields)
