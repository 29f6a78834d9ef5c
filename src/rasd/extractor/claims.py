"""Who says so: claim sources («المرصد السوري», «مصادر في المعارضة», «مصدر في مجلس دير الزور العسكري»).

A source named in a sentence holds for its events; «وأضاف»/«وأكد» with no new source continue the last one, and
within a paragraph the last source keeps holding.  «مصدر في X»/«مصادر مقربة من X» makes X the speaker's side,
which «قواتنا» and «قوات المجلس» then refer to.
"""

from __future__ import annotations

from dataclasses import dataclass

from rasd.extractor.actors import ActorContext
from rasd.extractor.annotate import SentenceView
from rasd.lexicon.compiled import Lexicons
from rasd.model import Span
from rasd.text.normalize import normalize_key

_GENERIC_RAW = {"مصدر": "Source", "مصادر": "Sources", "مسوول": "Official", "مسوولون": "Officials",
            "متحدث": "Spokesperson", "المتحدث": "Spokesperson", "ناشطون": "Activists", "ناشط": "Activist",
            "قيادي": "Commander", "قائد": "Commander"}
_LINKS_RAW = {"في": "in", "من": "in", "داخل": "in", "باسم": "for", "مقربه": "close to", "مقرب": "close to",
          "مقربين": "close to", "التابع": "in", "التابعه": "in", "تابع": "in", "تابعه": "in"}

_GENERIC = {normalize_key(k): v for k, v in _GENERIC_RAW.items()}
_LINKS = {normalize_key(k): v for k, v in _LINKS_RAW.items()}


@dataclass(frozen=True, slots=True)
class Claim:
    name: str
    span: Span


class ClaimTracker:
    """Reads claim sources sentence by sentence and remembers which holds for which sentence."""

    def __init__(self, lex: Lexicons) -> None:
        self.lex = lex
        self.current: Claim | None = None
        self.by_sentence: dict[int, Claim] = {}

    def for_sentence(self, index: int) -> Claim | None:
        return self.by_sentence.get(index)

    def read(self, view: SentenceView, new_paragraph: bool, actx: ActorContext) -> set[int]:
        """Find the sentence's source; returns the tokens it covers (not event actors)."""
        covered: set[int] = set()
        found: Claim | None = None
        if view.sentence.zone == "caption":
            return covered  # «أ.ف.ب» under a photo credits the picture, not a claim
        for t in view.of("source"):
            s, e = view.tag_raw_span(t)
            last = t.last
            name = str(t.value)
            aff = self._affiliation(view, last + 1, actx)
            if aff is not None:
                link, actor_name, a_last = aff
                name = f"{name} {link} {actor_name}"
                last = a_last
                e = view.raw_span(t.first, last)[1]
            covered.update(range(t.first, last + 1))
            if found is None:
                found = Claim(name, Span(s, e, view.raw[s:e]))
        if found is None:
            for i, tok in enumerate(view.tokens):
                head = _GENERIC.get(tok.text.lstrip("و"))
                if head is None:
                    continue
                aff = self._affiliation(view, i + 1, actx)
                if aff is None:
                    continue
                link, actor_name, a_last = aff
                s, e = view.raw_span(i, a_last)
                covered.update(range(i, a_last + 1))
                found = Claim(f"{head} {link} {actor_name}", Span(s, e, view.raw[s:e]))
                break
        if found is not None:
            self.current = found
        elif new_paragraph and not self._continues(view):
            self.current = None
        if self.current is not None:
            self.by_sentence[view.sentence.index] = self.current
        return covered

    def _continues(self, view: SentenceView) -> bool:
        return any(t.first <= 1 for t in view.of("continue_verbs"))

    def _affiliation(self, view: SentenceView, i: int, actx: ActorContext) -> tuple[str, str, int] | None:
        """«في X», «مقربة من X», «التابع لX» after a source word: (link, actor, last token)."""
        j = i
        # skip adjectives such as «إعلامية», «عسكرية», «محلية»
        while j < len(view.tokens) and j < i + 2 and view.tok(j) not in _LINKS and not view.at(j, "actor"):
            j += 1
        link = None
        while j < len(view.tokens) and view.tok(j) in _LINKS:
            link = _LINKS[view.tok(j)] if link is None or _LINKS[view.tok(j)] == "close to" else link
            j += 1
        if link is None:
            for t in view.at(j, "actor"):
                if t.prefix.endswith("ل"):
                    link = "in"
        if link is None:
            return None
        for t in view.at(j, "actor"):
            info = self.lex.actor_info.get(t.value)
            if info is None:
                continue
            actx.speaker = info
            actx.remember(info)
            last = t.last
            # «… التابع لقوات سورية الديمقراطية»: the component's parent may follow
            for k in range(last + 1, min(last + 3, len(view.tokens))):
                if view.tok(k) in _LINKS:
                    for t2 in view.at(k + 1, "actor"):
                        last = t2.last
            return link, info.resolved(actx.country), last
        return None
