"""Browser-test helpers (imported by tests/web/conftest.py and the tests): the running server's handle."""

from __future__ import annotations

import json
import urllib.request
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Server:
    """A running ``rasd serve``: its base URL, the reviewer's token and a JSON getter."""

    url: str
    token: str
    reviewer: str

    def get(self, path: str) -> Any:
        with urllib.request.urlopen(self.url + path, timeout=10) as response:
            return json.load(response)
