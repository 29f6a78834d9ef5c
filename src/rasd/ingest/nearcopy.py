"""Near-copies: the same wire story republished by several outlets, with a new intro line or signature.

Each text becomes a set of character shingles (``shingle_size`` characters, default 5) of its normalised form
(``rasd.text.normalize``: diacritics and tatweel dropped, alef/ya/ta-marbuta variants folded, digits made
ASCII) with punctuation removed and white space collapsed, so the same story with other quote marks, hamza
spellings or line breaks shingles the same.  A MinHash of that set (datasketch, ``num_perm`` permutations)
estimates the Jaccard similarity of two texts; a MinHash LSH index finds the candidates above ``threshold``
without comparing every pair, and each candidate is kept only if its estimated Jaccard reaches ``threshold``.

The index is serialisable: ``to_state()`` gives JSON-ready data (the MinHash values, base64, and the
matched pairs) and ``from_state()`` rebuilds the same index, so a store can keep it beside its articles.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from datasketch import MinHash, MinHashLSH  # type: ignore[import-untyped]

from rasd.text.normalize import normalize

STATE_VERSION = 1
_SCHEME = "affine32"  # datasketch's 32-bit permutation scheme; hash values are uint32
_NON_WORD = re.compile(r"[\W_]+")
_MULTIPLIER = np.uint32(0x01000193)  # the 32-bit FNV prime


@dataclass(frozen=True, order=True)
class NearMatch:
    """An indexed article similar to the query, with the MinHash estimate of their Jaccard similarity."""

    jaccard: float
    id: str


def shingle_text(text: str) -> str:
    """The form that is shingled: normalised, punctuation removed, white space collapsed to one space."""
    return " ".join(_NON_WORD.sub(" ", normalize(text).text).split())


def shingle_hashes(text: str, size: int = 5) -> np.ndarray[Any, np.dtype[np.uint32]]:
    """32-bit hashes of the distinct ``size``-character shingles of ``text``'s shingled form, sorted.

    A shingle's hash is the polynomial ``sum(code point * 0x01000193 ** (size-1-i))`` modulo 2**32, computed
    for all shingles at once with numpy (a text shorter than ``size`` is one shingle; an empty one has none).
    The same text gives the same hashes in every process, which keeps saved states valid.
    """
    flat = shingle_text(text)
    codes = np.frombuffer(flat.encode("utf-32-le"), dtype="<u4").astype(np.uint32)
    count = max(len(codes) - size + 1, 1 if len(codes) else 0)
    hashes = np.zeros(count, dtype=np.uint32)
    with np.errstate(over="ignore"):
        for i in range(min(size, len(codes))):
            hashes = hashes * _MULTIPLIER + codes[i:i + count]
    return np.unique(hashes)


def _identity(value: int) -> int:
    return value  # the shingles are hashed already (shingle_hashes)


class NearCopyIndex:
    """A MinHash LSH index of article texts; ``add`` returns the near-copies already indexed."""

    def __init__(self, threshold: float = 0.8, num_perm: int = 128, shingle_size: int = 5, seed: int = 1) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], not {threshold}")
        if shingle_size < 1:
            raise ValueError(f"shingle_size must be positive, not {shingle_size}")
        self.threshold = threshold
        self.num_perm = num_perm
        self.shingle_size = shingle_size
        self.seed = seed
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self._hashes: dict[str, MinHash] = {}
        self._pairs: dict[str, set[str]] = {}  # article id -> ids it was found to nearly copy (both ways)
        self._permutations = MinHash(num_perm=num_perm, seed=seed, scheme=_SCHEME).permutations

    def __len__(self) -> int:
        return len(self._hashes)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._hashes

    def minhash(self, text: str) -> MinHash:
        """The MinHash of ``text``'s shingles (empty -- all maximum values -- for a text with no letters)."""
        mh = MinHash(num_perm=self.num_perm, seed=self.seed, hashfunc=_identity, permutations=self._permutations,
                     scheme=_SCHEME)
        hashes = shingle_hashes(text, self.shingle_size)
        if len(hashes):
            mh.update_batch(hashes.tolist())
        return mh

    def query(self, text: str) -> list[NearMatch]:
        """Indexed articles whose estimated Jaccard with ``text`` reaches the threshold, most similar first."""
        return self._matches(self.minhash(text))

    def add(self, article_id: str, text: str) -> list[str]:
        """Index ``text`` as ``article_id``; returns the ids of its near-copies already indexed, most similar first.

        Raises ValueError when the id is already indexed.  A text with no letters or digits is kept (so the
        id is known) but matches nothing.
        """
        return [m.id for m in self.add_matches(article_id, text)]

    def add_matches(self, article_id: str, text: str) -> list[NearMatch]:
        """Like ``add``, with the Jaccard estimates."""
        if article_id in self._hashes:
            raise ValueError(f"{article_id!r} is already indexed")
        mh = self.minhash(text)
        found = self._matches(mh)
        self._insert(article_id, mh)
        for match in found:
            self._pairs.setdefault(article_id, set()).add(match.id)
            self._pairs.setdefault(match.id, set()).add(article_id)
        return found

    def remove(self, article_id: str) -> None:
        """Take an article out of the index and out of the recorded pairs; KeyError if it is not indexed."""
        mh = self._hashes.pop(article_id)
        if not mh.is_empty():
            self._lsh.remove(article_id)
        for other in self._pairs.pop(article_id, set()):
            self._pairs.get(other, set()).discard(article_id)

    def similarity(self, a: str, b: str) -> float:
        """The estimated Jaccard similarity of two indexed articles."""
        return float(self._hashes[a].jaccard(self._hashes[b]))

    def matches_of(self, article_id: str) -> list[str]:
        """The ids found to be near-copies of ``article_id`` (when either was added), sorted."""
        return sorted(self._pairs.get(article_id, ()))

    def groups(self) -> list[list[str]]:
        """Groups of near-copies (connected by recorded matches), each sorted, largest groups first."""
        parent: dict[str, str] = {}

        def root(x: str) -> str:
            parent.setdefault(x, x)
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for a, others in self._pairs.items():
            for b in others:
                ra, rb = root(a), root(b)
                if ra != rb:
                    parent[max(ra, rb)] = min(ra, rb)
        members: dict[str, list[str]] = {}
        for x in parent:
            members.setdefault(root(x), []).append(x)
        return sorted((sorted(g) for g in members.values() if len(g) > 1), key=lambda g: (-len(g), g))

    # --- state ---

    def to_state(self) -> dict[str, Any]:
        """JSON-ready state: the settings, each article's MinHash values (base64 uint32) and the matched pairs."""
        return {
            "version": STATE_VERSION,
            "threshold": self.threshold,
            "num_perm": self.num_perm,
            "shingle_size": self.shingle_size,
            "seed": self.seed,
            "scheme": _SCHEME,
            "hash": "poly32",
            "items": [[key, base64.b64encode(mh.hashvalues.astype("<u4").tobytes()).decode("ascii")]
                      for key, mh in self._hashes.items()],
            "pairs": sorted([a, b] for a, others in self._pairs.items() for b in others if a < b),
        }

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> NearCopyIndex:
        """Rebuild an index from ``to_state()`` data; ValueError when the data is not such a state."""
        if not isinstance(state, dict) or (state.get("version"), state.get("scheme"), state.get("hash")) != (
                STATE_VERSION, _SCHEME, "poly32"):
            raise ValueError("not a near-copy index state (version 1, affine32, poly32)")
        try:
            index = cls(float(state["threshold"]), int(state["num_perm"]), int(state["shingle_size"]),
                        int(state["seed"]))
            for key, encoded in state["items"]:
                values = np.frombuffer(base64.b64decode(encoded), dtype="<u4").astype(np.uint32)
                if len(values) != index.num_perm:
                    raise ValueError(f"{key!r}: {len(values)} hash values, expected {index.num_perm}")
                index._insert(str(key), MinHash(seed=index.seed, hashfunc=_identity, hashvalues=values,
                                                permutations=index._permutations, scheme=_SCHEME))
            for a, b in state["pairs"]:
                index._pairs.setdefault(a, set()).add(b)
                index._pairs.setdefault(b, set()).add(a)
        except (KeyError, TypeError, ValueError) as err:
            raise ValueError(f"not a near-copy index state: {err}") from None
        return index

    def save(self, path: str | Path) -> None:
        """Write ``to_state()`` to a JSON file."""
        Path(path).write_text(json.dumps(self.to_state(), ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> NearCopyIndex:
        """Read an index written by ``save``."""
        return cls.from_state(json.loads(Path(path).read_text(encoding="utf-8")))

    @classmethod
    def build(cls, items: Iterable[tuple[str, str]], **settings: Any) -> NearCopyIndex:
        """An index of ``(article id, text)`` pairs, added in order (matches recorded as they are found)."""
        index = cls(**settings)
        for key, text in items:
            index.add(key, text)
        return index

    # --- internals ---

    def _insert(self, article_id: str, mh: MinHash) -> None:
        self._hashes[article_id] = mh
        if not mh.is_empty():  # an empty MinHash would "match" every other empty one
            self._lsh.insert(article_id, mh, check_duplication=False)

    def _matches(self, mh: MinHash) -> list[NearMatch]:
        if mh.is_empty():
            return []
        found = []
        for key in self._lsh.query(mh):
            jaccard = float(mh.jaccard(self._hashes[key]))
            if jaccard >= self.threshold:
                found.append(NearMatch(round(jaccard, 4), key))
        return sorted(found, key=lambda m: (-m.jaccard, m.id))
