"""A token trie for multi-word lexicon entries, matched over normalised tokens with clitic handling.

Entries are phrases of normalised tokens.  Matching walks the trie from every token position, trying the token as
written and with its proclitics removed (و ف ب ل ك, ل+ال), so «وبمدينة», «لقوات النظام» and «للنظام» find their
entries; for lexicons that allow it the last token may also drop an attached pronoun (قصفها → قصف).  Matches are
the longest at each start, then made non-overlapping left to right.  The trie is built once per lexicon and
shared; matching is one pass over the tokens with dictionary look-ups, no regular expressions.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from rasd.text.normalize import normalize_key
from rasd.text.tokens import Token, clitic_forms, suffix_forms

_END = "\x00"


class Match(NamedTuple):
    """A lexicon hit: tokens ``[first, last]``, normalised offsets ``[start, end)``, the entry's payloads."""

    first: int
    last: int
    start: int
    end: int
    key: str
    payloads: tuple[Any, ...]
    prefix: str = ""  # the clitics removed from the first token, e.g. "و", "ل", "بال"


@dataclass
class PhraseMatcher:
    """Trie of token sequences → payloads."""

    allow_suffix: bool = False
    strip_clitics: bool = True
    preps: tuple[str, ...] = ("ب", "ل", "ك")  # prepositions that may be joined to an entry's first word
    _root: dict[str, Any] = field(default_factory=dict)
    size: int = 0

    def add(self, phrase: str, payload: Any) -> None:
        """Add ``phrase`` (raw or normalised; it is normalised here) with ``payload``."""
        toks = normalize_key(phrase).split()
        if not toks:
            return
        node = self._root
        for t in toks:
            node = node.setdefault(t, {})
        bucket = node.setdefault(_END, [])
        if payload not in bucket:
            bucket.append(payload)
            self.size += 1

    def add_key(self, key: str, payload: Any) -> None:
        """Add an already-normalised key (space-separated tokens); faster for large tables."""
        node = self._root
        for t in key.split():
            node = node.setdefault(t, {})
        bucket = node.setdefault(_END, [])
        if payload not in bucket:
            bucket.append(payload)
            self.size += 1

    def add_many(self, phrases: Iterable[str], payload: Any) -> None:
        for p in phrases:
            self.add(p, payload)

    def entries(self) -> list[tuple[str, list[Any]]]:
        """Every entry: (normalised key, payloads)."""
        out: list[tuple[str, list[Any]]] = []
        stack: list[tuple[dict[str, Any], list[str]]] = [(self._root, [])]
        while stack:
            node, path = stack.pop()
            for tok, child in node.items():
                if tok == _END:
                    out.append((" ".join(path), child))
                else:
                    stack.append((child, [*path, tok]))
        return out

    def copy_into(self, dst: PhraseMatcher, kind: str | None) -> None:
        """Add every entry to ``dst``, each payload tagged ``(kind, payload)`` (as it is when ``kind`` is None)."""
        for key, payloads in self.entries():
            for payload in payloads:
                dst.add_key(key, (kind, payload) if kind is not None else payload)

    def __contains__(self, phrase: str) -> bool:
        node: dict[str, Any] | None = self._root
        for t in normalize_key(phrase).split():
            node = node.get(t) if node is not None else None
        return node is not None and _END in node

    def _walk(self, tokens: Sequence[Token], i: int, node: dict[str, Any]) -> tuple[int, dict[str, Any]] | None:
        """Longest continuation from token ``i`` (already matched up to i-1) in ``node``."""
        best: tuple[int, dict[str, Any]] | None = (i - 1, node) if _END in node else None
        if i < len(tokens):
            tok = tokens[i].text
            nxt = node.get(tok)
            if nxt is not None:
                deeper = self._walk(tokens, i + 1, nxt)
                if deeper is not None and (best is None or deeper[0] > best[0]):
                    best = deeper
            if self.allow_suffix:
                for form in suffix_forms(tok):
                    nxt = node.get(form)
                    if nxt is not None and _END in nxt and (best is None or i > best[0]):
                        best = (i, nxt)
        return best

    def find(self, tokens: Sequence[Token]) -> list[Match]:
        """All longest matches at each start token, overlapping allowed (callers choose)."""
        out: list[Match] = []
        for i, tok in enumerate(tokens):
            forms = clitic_forms(tok.text, self.preps) if self.strip_clitics else [(tok.text, 0)]
            if self.allow_suffix:
                root = self._root
                forms = forms + [(f, d) for base, d in forms for f in suffix_forms(base) if f in root]
            best: tuple[int, dict[str, Any], int] | None = None
            for form, dropped in forms:
                node = self._root.get(form)
                if node is None:
                    continue
                res = self._walk(tokens, i + 1, node)
                if res is None:
                    continue
                if best is None or res[0] > best[0] or (res[0] == best[0] and dropped < best[2]):
                    best = (res[0], res[1], dropped)
            if best is None:
                continue
            last, node, dropped = best
            start = tok.start + dropped
            out.append(
                Match(
                    i, last, start, tokens[last].end,
                    " ".join([tok.text[dropped:]] + [t.text for t in tokens[i + 1 : last + 1]]),
                    tuple(node[_END]), tok.text[:dropped],
                )
            )
        return out

    def find_all(self, tokens: Sequence[Token]) -> list[Match]:
        """Every entry found at every start, short and long (for a trie that holds several lexicons)."""
        out: list[Match] = []
        root = self._root
        n = len(tokens)
        for i, tok in enumerate(tokens):
            forms = clitic_forms(tok.text, self.preps) if self.strip_clitics else [(tok.text, 0)]
            for form, dropped in forms:
                node = root.get(form)
                j = i
                while node is not None:
                    ends = node.get(_END)
                    if ends is not None:
                        out.append(Match(i, j, tok.start + dropped, tokens[j].end, "", tuple(ends),
                                         tok.text[:dropped]))
                    j += 1
                    if j >= n:
                        break
                    node = node.get(tokens[j].text)
        return out

    def find_longest(self, tokens: Sequence[Token]) -> list[Match]:
        """Non-overlapping matches, longest first, then leftmost."""
        return select_longest(self.find(tokens))


def select_longest(matches: Iterable[Match]) -> list[Match]:
    """Keep non-overlapping matches, preferring longer ones (in tokens, then characters)."""
    chosen: list[Match] = []
    taken: set[int] = set()
    for m in sorted(matches, key=lambda m: (-(m.last - m.first), -(m.end - m.start), m.first)):
        span = set(range(m.first, m.last + 1))
        if span & taken:
            continue
        taken |= span
        chosen.append(m)
    return sorted(chosen, key=lambda m: m.first)
