"""Fetching GeoNames dump files for ``rasd gazetteer build --download``.

For each country: ``{CC}.zip`` (the geoname table) and ``alternatenames/{CC}.zip``; once:
``admin1CodesASCII.txt`` and ``admin2Codes.txt``.  Files are streamed to disk in chunks, into a ``.part`` file
renamed when complete; a file already on disk with the server's Content-Length is not fetched again.
"""

from __future__ import annotations

import http.client
import os
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import NamedTuple

from rasd import __version__
from rasd.errors import DownloadError

BASE_URL = "https://download.geonames.org/export/dump/"
CHUNK = 1 << 20
ADMIN1 = "admin1CodesASCII.txt"
ADMIN2 = "admin2Codes.txt"


class DumpFiles(NamedTuple):
    """Where :func:`download` puts the files of some countries under a destination directory."""

    geonames: list[Path]
    alternate_names: list[Path]
    admin1: Path
    admin2: Path

    def all(self) -> list[Path]:
        pairs = [p for pair in zip(self.geonames, self.alternate_names, strict=True) for p in pair]
        return [*pairs, self.admin1, self.admin2]


def dump_paths(countries: Iterable[str], dest_dir: str | Path) -> DumpFiles:
    """The local paths of the dump files of ``countries`` under ``dest_dir`` (the server's layout)."""
    dest = Path(dest_dir).expanduser()
    ccs = [c.strip().upper() for c in countries]
    return DumpFiles([dest / f"{cc}.zip" for cc in ccs], [dest / "alternatenames" / f"{cc}.zip" for cc in ccs],
                     dest / ADMIN1, dest / ADMIN2)


def download(
    countries: Iterable[str],
    dest_dir: str | Path,
    base_url: str = BASE_URL,
    opener: urllib.request.OpenerDirector | None = None,
    progress: Callable[[str], None] | None = None,
    timeout: float = 60.0,
) -> list[Path]:
    """Fetch the dump files of ``countries`` into ``dest_dir`` and return their paths (see :class:`DumpFiles`).

    Raises :class:`DownloadError` (E305, naming the URL) on an HTTP error, a network failure or a truncated
    transfer; files fetched before the failure stay."""
    dest = Path(dest_dir).expanduser()
    paths = dump_paths(countries, dest).all()
    opener = opener or urllib.request.build_opener()
    base = base_url if base_url.endswith("/") else base_url + "/"
    for path in paths:
        rel = path.relative_to(dest).as_posix()
        _fetch(urllib.parse.urljoin(base, rel), path, opener, timeout, progress or (lambda _m: None))
    return paths


def _fetch(url: str, dest: Path, opener: urllib.request.OpenerDirector, timeout: float,
           say: Callable[[str], None]) -> None:
    part = dest.with_name(dest.name + ".part")
    request = urllib.request.Request(url, headers={"User-Agent": f"rasd/{__version__}"})
    try:
        with opener.open(request, timeout=timeout) as resp:
            length = resp.headers.get("Content-Length", "")
            size = int(length) if length.isdigit() else None
            if size is not None and dest.is_file() and dest.stat().st_size == size:
                say(f"{dest} is complete ({size:,} bytes): not fetched again")
                return
            say(f"fetching {url}" + (f" ({size:,} bytes)" if size is not None else ""))
            dest.parent.mkdir(parents=True, exist_ok=True)
            written = 0
            with open(part, "wb") as fh:
                while chunk := resp.read(CHUNK):
                    fh.write(chunk)
                    written += len(chunk)
            if size is not None and written != size:
                raise DownloadError("E305", path=url, detail=f"got {written:,} of {size:,} bytes")
        os.replace(part, dest)
    except urllib.error.HTTPError as exc:
        raise DownloadError("E305", path=url, detail=f"HTTP {exc.code} {exc.reason}") from exc
    except urllib.error.URLError as exc:
        raise DownloadError("E305", path=url, detail=str(exc.reason)) from exc
    except (OSError, http.client.HTTPException) as exc:
        raise DownloadError("E305", path=url, detail=str(exc) or type(exc).__name__) from exc
    finally:
        part.unlink(missing_ok=True)
