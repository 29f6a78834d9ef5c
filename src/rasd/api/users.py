"""The API's users and their bearer tokens, kept in a small JSON file.

>>> token = add_user("huda", Path("users.json"))      # doctest: +SKIP
>>> authenticate(token, Path("users.json")).name      # doctest: +SKIP
'huda'

Why a file and not the store's database: the store's schema is migrated by Alembic revisions owned by
:mod:`rasd.store`, and the users of one API server are few and change rarely; a file beside the database keeps
them out of exports and backups of the data, and can be moved to a table later without changing this API.

A token is 32 random bytes (``secrets.token_urlsafe``), shown once by :func:`add_user` and never stored: the
file keeps its SHA-256 only.  A salted slow hash (scrypt) protects guessable passwords; a 256-bit random token
cannot be guessed, so one SHA-256 is enough and keeps each request's check cheap.  Tokens are compared with
:func:`hmac.compare_digest`.  The file is written atomically with mode 0600.

File format::

    {"users": [{"name": "huda", "token_sha256": "…", "disabled": false, "created": "2026-11-27T10:00:00+00:00"}]}

A user may hold one token; :func:`add_user` on an existing name issues a new token (the old one stops working).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import os
import re
import secrets
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rasd.errors import RasdError

ENV_VAR = "RASD_USERS"  # the users file, when none is given
DEFAULT_FILE = "rasd-users.json"
NAME_PATTERN = re.compile(r"^[\w.@-]{1,64}$")


class UserError(RasdError):
    """The users file cannot be read or written, or a user name is not acceptable."""


@dataclass(frozen=True)
class User:
    """A user of the API: the name its edits are recorded under, and whether it may still write."""

    name: str
    disabled: bool = False
    created: str | None = None


def default_token_file() -> Path:
    """The users file: ``$RASD_USERS`` or ``rasd-users.json`` in the working directory."""
    return Path(os.environ.get(ENV_VAR) or DEFAULT_FILE)


def token_hash(token: str) -> str:
    """The SHA-256 (hex) a token is stored as."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def _load(path: Path) -> list[dict[str, Any]]:
    """The user entries of the file (none when it does not exist)."""
    if not path.exists():
        return []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UserError("E701", path=str(path), detail=str(exc)) from None
    users = data.get("users") if isinstance(data, dict) else None
    if not isinstance(users, list) or not all(isinstance(u, dict) and isinstance(u.get("name"), str)
                                              and isinstance(u.get("token_sha256"), str) for u in users):
        raise UserError("E701", path=str(path), detail="expected {\"users\": [{\"name\", \"token_sha256\"}, …]}")
    return users


def _save(path: Path, users: list[dict[str, Any]]) -> None:
    """Write the entries atomically (a temporary file renamed over the old one), readable by the owner only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump({"users": users}, fh, ensure_ascii=False, indent=1)
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise UserError("E701", path=str(path), detail=str(exc)) from None


def _check_name(name: str) -> str:
    if not isinstance(name, str) or not NAME_PATTERN.match(name):
        raise UserError("E702", value=name)
    return name


def add_user(name: str, path: Path | None = None) -> str:
    """Add user ``name`` (or give an existing one a new token and enable it again); returns the token, which
    is not stored anywhere -- show it to the user once."""
    path = path or default_token_file()
    _check_name(name)
    token = secrets.token_urlsafe(32)
    users = [u for u in _load(path) if u["name"] != name]
    users.append({"name": name, "token_sha256": token_hash(token), "disabled": False,
                  "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")})
    _save(path, users)
    return token


def set_disabled(name: str, disabled: bool = True, path: Path | None = None) -> None:
    """Disable (or enable again) a user: a disabled user's token is recognised but may not write (HTTP 403)."""
    path = path or default_token_file()
    users = _load(path)
    found = [u for u in users if u["name"] == name]
    if not found:
        raise UserError("E703", value=name)
    for u in found:
        u["disabled"] = disabled
    _save(path, users)


def remove_user(name: str, path: Path | None = None) -> None:
    """Remove a user; its token stops working (HTTP 401).  The edits made under the name stay in the store."""
    path = path or default_token_file()
    users = _load(path)
    kept = [u for u in users if u["name"] != name]
    if len(kept) == len(users):
        raise UserError("E703", value=name)
    _save(path, kept)


def list_users(path: Path | None = None) -> list[User]:
    """The users, in the order they were added."""
    return [User(u["name"], bool(u.get("disabled", False)), u.get("created"))
            for u in _load(path or default_token_file())]


def authenticate(token: str, path: Path | None = None) -> User | None:
    """The user holding ``token`` (disabled or not), or None when no user holds it.  Reads the file on every
    call, so users added or disabled while the server runs take effect at once."""
    if not token:
        return None
    wanted = token_hash(token)
    found: User | None = None
    for u in _load(path or default_token_file()):
        if hmac.compare_digest(u["token_sha256"], wanted):
            found = User(u["name"], bool(u.get("disabled", False)), u.get("created"))
    return found
