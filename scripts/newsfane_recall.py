"""Place-mention recall of rasd on NewsFANE (Alotaibi & Lee 2014, gold fine-grained Arabic NER, CC BY-SA 3.0).

Usage: ``.venv/bin/python scripts/newsfane_recall.py [PATH] [--limit N] [--chunk 20] [--errors K] [--top T]``

NewsFANE is newswire in tab-separated IOB2 (``token<TAB>tag``), CRLF line ends, a leading BOM, a U+200E mark
before every Arabic token and a line holding only a tab between sentences (no document markers).  Its
tokenisation splits clitics off: the conjunctions و ف and the prepositions ب ل ك before a word, pronouns
(ه ها هم نا ي …) after it, while the article ال stays attached.  :func:`join_tokens` writes the tokens back as
ordinary Arabic («ب القاهرة» → «بالقاهرة», «ل الحكومة» → «للحكومة», «مساحة ه» → «مساحته»), keeping each token's
character span, and the sentences are grouped into chunks of about an article's size (``--chunk`` sentences).

rasd extracts each chunk (no publication date); its place mentions (every place phrase, whatever its resolution)
and country mentions are aligned with the gold mentions of the five GPE types by character overlap.  A gold
mention is *found* when a rasd span overlaps it, *exact* when a span has its boundaries (a leading clitic
aside).  Also reported: how the found ones were resolved, and the rasd spans over no gold GPE mention.
"""

from __future__ import annotations

import argparse
import random
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import rasd
from rasd.model import Document

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "shared" / "ner" / "newsfane" / "NewsFANE_Gold_2014_170K.txt"

GPE_TYPES = ("Population-Center", "State-or-Province", "Nation", "County-or-District", "GPE-Cluster")
# NewsFANE's other geographical and facility classes (not counted as gold, but not "spurious" either)
OTHER_PLACE_TYPES = ("Continent", "Water-Body", "Land-Region-Natural", "Land", "Celestial", "Building-Grounds",
                     "Airport", "Path", "Subarea-Facility")
STATUS_ORDER = ("resolved", "country", "anchored", "unresolved")

_MARKS = "\ufeff\u200e\u200f"
_PROCLITICS = frozenset(("و", "ف", "ب", "ل"))
# pronouns (and a verb ending) the corpus splits off the end of a word; a lone «ء» is noise of some documents
# («اسرائيل ء ستفرق ء») and stays a token of its own
_ENCLITICS = frozenset(("ه", "ها", "هم", "هما", "هن", "نا", "ي", "ني", "كم", "كما", "كن", "ت"))
_FREE_PRONOUNS = frozenset(("هم", "هما", "هن"))  # also free-standing pronouns («الصغار هم حماة»)
_CLOSERS = frozenset((".", "،", ",", ":", "؛", ";", "؟", "?", "!", ")", "]", "}", "%", "»"))
_OPENERS = frozenset(("(", "[", "{", "«"))
_QUOTES = frozenset(('"',))
_CLITIC_LETTERS = frozenset("وفبلك")


def _is_word(tok: str) -> bool:
    """An Arabic word (letters only), not a number or punctuation."""
    return bool(tok) and all("\u0621" <= c <= "\u064a" or c in "\u0671\u067e\u0686\u06a4\u06af" for c in tok)


# -- reading the corpus -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Entity:
    """A gold named entity: its NewsFANE class and tokens ``[first, last]`` of its sentence."""

    type: str
    first: int
    last: int


@dataclass(frozen=True, slots=True)
class GoldSentence:
    """One NewsFANE sentence: tokens, IOB2 tags and the entities they spell."""

    index: int
    tokens: tuple[str, ...]
    tags: tuple[str, ...]
    entities: tuple[Entity, ...]


def iob_entities(tags: Sequence[str]) -> list[Entity]:
    """Entities of an IOB2 tag sequence; an ``I-`` with no matching entity open starts one (IOB1 leniency)."""
    out: list[Entity] = []
    cur: tuple[str, int] | None = None
    for i, tag in enumerate([*tags, "O"]):
        kind, _, typ = tag.partition("-")
        if kind == "I" and cur is not None and cur[0] == typ:
            continue
        if cur is not None:
            out.append(Entity(cur[0], cur[1], i - 1))
            cur = None
        if kind in ("B", "I") and typ:
            cur = (typ, i)
    return out


def parse_newsfane(text: str) -> list[GoldSentence]:
    """Sentences of a NewsFANE file's text: BOM and U+200E marks dropped, CRLF or LF, a line that is empty or
    only a tab ends a sentence."""
    sents: list[GoldSentence] = []
    toks: list[str] = []
    tags: list[str] = []

    def close() -> None:
        if toks:
            sents.append(GoldSentence(len(sents), tuple(toks), tuple(tags), tuple(iob_entities(tags))))
            toks.clear()
            tags.clear()

    for line in text.splitlines():
        tok, _, tag = line.partition("\t")
        tok = tok.strip(_MARKS + " ")
        tag = tag.strip()
        if not tok:
            close()
            continue
        toks.append(tok)
        tags.append(tag or "O")
    close()
    return sents


def read_newsfane(path: Path) -> list[GoldSentence]:
    """Read a NewsFANE file (UTF-8 with BOM)."""
    return parse_newsfane(path.read_text(encoding="utf-8-sig"))


# -- writing the tokens back as text --------------------------------------------------------------------------


def _joins_next(tok: str, prev: str, nxt: str, after: str) -> bool:
    """Is ``tok`` a proclitic of the word after it: «و ب القاهرة», «ل ه», «ك ما», the split alef «ا سرائيل»?"""
    if not _is_word(nxt):
        return False
    if tok in _PROCLITICS:
        return len(nxt) >= 2 or nxt in _PROCLITICS or nxt in ("ه", "ي", "ك") or (
            nxt == "ا" and _is_word(after) and len(after) >= 2)
    if tok == "ك":  # «ك ما», «ك الاعلام»; after a word it is more often a pronoun («يمنح ك»)
        return nxt == "ما" or nxt.startswith("ال") or not _is_word(prev) or prev in _PROCLITICS
    return tok == "ا" and len(nxt) >= 2


def _glue(tokens: Sequence[str]) -> list[bool]:
    """For each token, whether it joins the token before it with no space."""
    n = len(tokens)
    glue = [False] * n
    quote_open = False
    for i, tok in enumerate(tokens):
        prev = tokens[i - 1] if i else ""
        nxt = tokens[i + 1] if i + 1 < n else ""
        if i + 1 < n and _joins_next(tok, prev, nxt, tokens[i + 2] if i + 2 < n else ""):
            glue[i + 1] = True
        if tok in _QUOTES:
            if quote_open:
                glue[i] = i > 0
            elif i + 1 < n:
                glue[i + 1] = True
            quote_open = not quote_open
        elif tok in _CLOSERS:
            glue[i] = i > 0
        elif tok in _OPENERS and i + 1 < n:
            glue[i + 1] = True
        if glue[i] or not _is_word(prev) or prev in _PROCLITICS:
            continue
        if tok in _FREE_PRONOUNS and prev.startswith("ال"):
            continue  # «الصغار هم حماة»: a definite noun takes no pronoun
        if tok in _ENCLITICS or (tok == "ك" and nxt != "ما" and not nxt.startswith("ال")) or (
                tok == "ن" and nxt == "ي"):
            glue[i] = True
    return glue


def join_tokens(tokens: Sequence[str]) -> tuple[str, list[tuple[int, int]]]:
    """Write a sentence's tokens as Arabic text; returns the text and each token's ``[start, end)`` in it.

    Split clitics are joined to their word, «ل» before «ال» drops the alef as Arabic writes it («للحكومة»; the
    token «الحكومة» then spans «لحكومة», as rasd's own spans do), punctuation sits against its word.
    """
    glue = _glue(tokens)
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    for i, tok in enumerate(tokens):
        if i and not glue[i]:
            parts.append(" ")
            pos += 1
        text = tok
        if glue[i] and i and tokens[i - 1] == "ل" and tok.startswith("ال") and len(tok) > 2:
            text = tok[1:]  # ل + الحكومة → للحكومة
        elif glue[i] and i and _is_word(tok) and parts[-1][-1:] in ("ة", "ى"):
            parts[-1] = parts[-1][:-1] + ("ت" if parts[-1][-1] == "ة" else "ي")  # «مساحة ها» → «مساحتها»
        parts.append(text)
        spans.append((pos, pos + len(text)))
        pos += len(text)
    return "".join(parts), spans


# -- chunks and gold mentions ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GoldMention:
    """A gold entity as a character span of its chunk's text."""

    type: str
    chunk: int
    sentence: int  # index in the corpus
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Chunk:
    """A group of sentences given to rasd as one article: one sentence a line."""

    index: int
    text: str
    sentences: list[GoldSentence]
    offsets: list[list[tuple[int, int]]]  # per sentence, per token: span in ``text``
    mentions: list[GoldMention] = field(default_factory=list)  # every gold entity, all types

    def sentence_span(self, k: int) -> tuple[int, int]:
        """Character span of the chunk's ``k``-th sentence."""
        offs = self.offsets[k]
        return (offs[0][0], offs[-1][1]) if offs else (0, 0)


def build_chunks(sents: Sequence[GoldSentence], size: int = 20) -> list[Chunk]:
    """Group sentences into chunks of ``size``, rebuilding their text and the gold mentions' character spans."""
    chunks: list[Chunk] = []
    for c, a in enumerate(range(0, len(sents), size)):
        group = list(sents[a : a + size])
        lines: list[str] = []
        offsets: list[list[tuple[int, int]]] = []
        mentions: list[GoldMention] = []
        base = 0
        for s in group:
            line, spans = join_tokens(s.tokens)
            shifted = [(x + base, y + base) for x, y in spans]
            offsets.append(shifted)
            lines.append(line)
            for e in s.entities:
                start, end = shifted[e.first][0], shifted[e.last][1]
                mentions.append(GoldMention(e.type, c, s.index, start, end, ""))
            base += len(line) + 1
        text = "\n".join(lines)
        mentions = [GoldMention(m.type, m.chunk, m.sentence, m.start, m.end, text[m.start : m.end])
                    for m in mentions]
        chunks.append(Chunk(c, text, group, offsets, mentions))
    return chunks


# -- rasd's spans and the alignment ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RasdSpan:
    """A place or country mention of rasd in a chunk."""

    chunk: int
    start: int
    end: int
    text: str
    kind: str  # place | country
    status: str  # resolved | anchored | unresolved (places); country
    label: str


def rasd_spans(doc: Document, chunk: int) -> list[RasdSpan]:
    """The place and country mentions of an extracted chunk."""
    out: list[RasdSpan] = []
    for m in doc.mentions:
        if m.kind == "place":
            out.append(RasdSpan(chunk, m.start, m.end, m.text, "place", str(m.get("status", "unresolved")), m.label))
        elif m.kind == "country":
            out.append(RasdSpan(chunk, m.start, m.end, m.text, "country", "country", m.label))
    return out


def _overlap(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


def exact_match(text: str, gold: GoldMention, span: RasdSpan) -> bool:
    """Same end, and the starts differ by at most a leading clitic (و ف ب ل ك, up to three letters)."""
    if span.end != gold.end:
        return False
    lo, hi = sorted((span.start, gold.start))
    return hi - lo <= 3 and all(c in _CLITIC_LETTERS for c in text[lo:hi])


@dataclass(frozen=True, slots=True)
class Outcome:
    """What rasd made of one gold GPE mention."""

    gold: GoldMention
    found: bool
    exact: bool
    status: str | None  # the best status among the overlapping spans (STATUS_ORDER), None when missed


@dataclass(slots=True)
class Result:
    """Everything one run measured."""

    outcomes: list[Outcome]
    spurious: list[tuple[RasdSpan, str]]  # rasd spans over no gold GPE mention, with the gold type they overlap
    n_spans: int
    seconds: float
    chunks: list[Chunk]


def align(chunk: Chunk, spans: Sequence[RasdSpan],
          types: Iterable[str] = GPE_TYPES) -> tuple[list[Outcome], list[tuple[RasdSpan, str]]]:
    """Outcomes of a chunk's gold mentions of ``types``, and its rasd spans that overlap none of them (each with
    the type of the gold entity it overlaps instead, or ``O``)."""
    wanted = set(types)
    gold = [m for m in chunk.mentions if m.type in wanted]
    outcomes: list[Outcome] = []
    for g in gold:
        over = [s for s in spans if _overlap(s.start, s.end, g.start, g.end)]
        status = min((s.status for s in over), key=STATUS_ORDER.index, default=None)
        outcomes.append(Outcome(g, bool(over), any(exact_match(chunk.text, g, s) for s in over), status))
    spurious: list[tuple[RasdSpan, str]] = []
    for s in spans:
        if any(_overlap(s.start, s.end, g.start, g.end) for g in gold):
            continue
        other = next((m.type for m in chunk.mentions if _overlap(s.start, s.end, m.start, m.end)), "O")
        spurious.append((s, other))
    return outcomes, spurious


def measure(sents: Sequence[GoldSentence], chunk_size: int = 20) -> Result:
    """Run rasd over the chunks of ``sents`` and align its spans with the gold GPE mentions."""
    chunks = build_chunks(sents, chunk_size)
    outcomes: list[Outcome] = []
    spurious: list[tuple[RasdSpan, str]] = []
    n_spans = 0
    t0 = time.perf_counter()
    for c in chunks:
        spans = rasd_spans(rasd.extract(c.text, id=f"newsfane-{c.index}"), c.index)
        n_spans += len(spans)
        o, s = align(c, spans)
        outcomes.extend(o)
        spurious.extend(s)
    return Result(outcomes, spurious, n_spans, time.perf_counter() - t0, chunks)


# -- why a mention was missed ---------------------------------------------------------------------------------

REASONS = {
    "country-unknown": "a country outside rasd's 27 (no country entry, not in the gazetteer)",
    "name-unknown": "name not in the gazetteer (foreign place, region, or a spelling GeoNames lacks)",
    "dateline": "in a dateline («طوكيو - (اف ب):»), skipped on purpose",
    "actor-name": "inside an actor or source name (blocked on purpose)",
    "bare-name": "gazetteer name matched, but no head noun / preposition and not prominent (or ambiguous)",
    "not-matched": "name in the gazetteer, but the matcher did not tag it (stop-listed word, clitic, tokens)",
    "anaphor": "read as an anaphoric head noun («الى المدينة المنورة»: «the city»)",
    "other": "other",
}


def _name_forms(text: str) -> list[str]:
    """The gold text and its forms without a clitic the corpus left attached («للولايات» → الولايات)."""
    forms = [text]
    if text[:2] == "لل" and len(text) > 4:
        forms.append("ا" + text[1:])
    for k in (1, 2):
        if len(text) > k + 2 and all(c in _CLITIC_LETTERS for c in text[:k]):
            forms.append(text[k:])
    return forms


def diagnose(res: Result) -> list[tuple[Outcome, str]]:
    """A reason (a key of :data:`REASONS`) for every missed mention, from what rasd's annotator saw."""
    from rasd.extractor.annotate import _DATELINE, annotate_sentence
    from rasd.extractor.places import find_places
    from rasd.model import Article
    from rasd.pipeline import _segment, default_pipeline

    pipe = default_pipeline()
    gaz, lex = pipe.gaz, pipe.lex
    by_chunk = {c.index: c for c in res.chunks}
    docs: dict[int, Document] = {}
    out: list[tuple[Outcome, str]] = []
    for o in res.outcomes:
        if o.found:
            continue
        g = o.gold
        forms = _name_forms(g.text)
        country = any(gaz.country_by_name(f) is not None for f in forms)
        known = country or any(gaz.lookup_name(f) for f in forms)
        if not known:
            out.append((o, "country-unknown" if g.type == "Nation" else "name-unknown"))
            continue
        chunk = by_chunk[g.chunk]
        doc = docs.get(g.chunk)
        if doc is None:
            doc = docs[g.chunk] = _segment(Document(Article(f"newsfane-{g.chunk}", chunk.text)))
        norm = doc.normalized
        sent = next((s for s in doc.sentences if s.start <= g.start < s.end), None)
        if norm is None or sent is None:
            out.append((o, "other"))
            continue
        m0 = _DATELINE.match(chunk.text, sent.start, sent.end)
        if m0 is not None and sent.zone == "body" and g.start < m0.end(1):
            out.append((o, "dateline"))
            continue
        view = annotate_sentence(sent, norm, chunk.text, lex, gaz, norm.norm_index(sent.start),
                                 norm.norm_index(sent.end))
        idx = [i for i, t in enumerate(view.tokens)
               if _overlap(norm.raw_start(t.start), norm.raw_end(t.end), g.start, g.end)]
        tags = {t.kind for i in idx for t in view.covering(i, ("actor", "source", "gaz", "country", "head"))}
        if tags & {"actor", "source"}:
            out.append((o, "actor-name"))
        elif tags & {"gaz", "country"}:
            phrases = [p for p in find_places(view, lex, gaz) if any(p.first <= i <= p.last for i in idx)]
            out.append((o, "anaphor" if any(p.anaphoric for p in phrases) else "other" if phrases else "bare-name"))
        else:
            out.append((o, "not-matched"))
    return out


# -- reporting ------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the table."""

    type: str
    gold: int
    found: int
    exact: int
    statuses: tuple[tuple[str, int], ...]

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def exact_recall(self) -> float:
        return self.exact / self.gold if self.gold else 0.0

    def share(self, status: str) -> float:
        """Share of the found mentions with this best status."""
        return dict(self.statuses).get(status, 0) / self.found if self.found else 0.0


def summarise(outcomes: Sequence[Outcome], types: Sequence[str] = GPE_TYPES) -> list[Row]:
    """Per-type rows, then the overall row (``type == "all"``)."""
    rows: list[Row] = []
    for typ in [*types, "all"]:
        sel = [o for o in outcomes if typ == "all" or o.gold.type == typ]
        st = Counter(o.status for o in sel if o.found and o.status)
        rows.append(Row(typ, len(sel), sum(o.found for o in sel), sum(o.exact for o in sel),
                        tuple((k, st[k]) for k in STATUS_ORDER)))
    return rows


def table(rows: Sequence[Row]) -> str:
    """The rows as a markdown table."""
    lines = ["| gold type | gold | found | recall | exact | resolved | country | anchored | unresolved |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        name = "**all five**" if r.type == "all" else r.type
        lines.append(f"| {name} | {r.gold} | {r.found} | {r.recall:.3f} | {r.exact_recall:.3f} | "
                     + " | ".join(f"{r.share(s):.0%}" for s in STATUS_ORDER) + " |")
    return "\n".join(lines)


def context(chunk: Chunk, start: int, end: int, width: int = 45) -> str:
    """The mention in its line, marked with ⟦ ⟧."""
    t = chunk.text
    a = max(t.rfind("\n", 0, start) + 1, start - width)
    b = min(len(t) if t.find("\n", end) < 0 else t.find("\n", end), end + width)
    return f"{t[a:start]}⟦{t[start:end]}⟧{t[end:b]}"


def report(res: Result, errors: int = 0, top: int = 0, samples: int = 20, seed: int = 0) -> str:
    """The table, the run time, the spurious spans, and (optionally) misses for diagnosis."""
    out = [table(summarise(res.outcomes)), ""]
    n_sent = sum(len(c.sentences) for c in res.chunks)
    out.append(f"{n_sent} sentences in {len(res.chunks)} chunks; rasd time {res.seconds:.1f} s")
    kinds = Counter(s.kind for s, _ in res.spurious)
    over = Counter(t for _, t in res.spurious)
    out.append(f"rasd place/country spans: {res.n_spans}; over no gold GPE mention: {len(res.spurious)} "
               f"({len(res.spurious) / max(res.n_spans, 1):.1%}; places {kinds['place']}, countries "
               f"{kinds['country']}); gold type they overlap: "
               + ", ".join(f"{k} {v}" for k, v in over.most_common()))
    by_chunk = {c.index: c for c in res.chunks}
    if samples and res.spurious:
        out.append(f"\nsample of {samples} spans over no gold GPE mention (gold type overlapped):")
        for s, typ in random.Random(seed).sample(res.spurious, min(samples, len(res.spurious))):
            out.append(f"  [{s.kind}/{s.status} {typ}] {context(by_chunk[s.chunk], s.start, s.end)}")
    misses = [o for o in res.outcomes if not o.found]
    if top:
        freq = Counter((o.gold.text, o.gold.type) for o in misses)
        out.append(f"\n{top} most frequent missed mentions (of {len(misses)}):")
        out.extend(f"  {n:4d}  {text}  ({typ})" for (text, typ), n in freq.most_common(top))
    if errors:
        out.append(f"\n{errors} missed mentions:")
        for o in random.Random(seed + 1).sample(misses, min(errors, len(misses))):
            out.append(f"  [{o.gold.type}] {context(by_chunk[o.gold.chunk], o.gold.start, o.gold.end)}")
    return "\n".join(out)


def reasons_report(diag: Sequence[tuple[Outcome, str]], top: int = 6) -> str:
    """Misses grouped by reason: counts and the most frequent names of each."""
    counts = Counter(r for _, r in diag)
    lines = ["| reason | misses | share | most frequent |", "|---|---:|---:|---|"]
    for reason, n in counts.most_common():
        names = Counter(o.gold.text for o, r in diag if r == reason).most_common(top)
        lines.append(f"| {REASONS[reason]} | {n} | {n / max(len(diag), 1):.0%} | "
                     + ", ".join(f"{t} {k}" for t, k in names) + " |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("path", nargs="?", type=Path, default=DEFAULT_PATH, help="the NewsFANE gold file")
    ap.add_argument("--limit", type=int, default=0, help="only the first N sentences")
    ap.add_argument("--chunk", type=int, default=20, help="sentences per chunk given to rasd (default 20)")
    ap.add_argument("--errors", type=int, default=0, help="print K missed mentions (random, fixed seed)")
    ap.add_argument("--top", type=int, default=0, help="print the T most frequent missed mentions")
    ap.add_argument("--samples", type=int, default=20, help="spans over no gold GPE mention to print")
    ap.add_argument("--why", action="store_true", help="group the misses by reason (re-annotates their sentences)")
    args = ap.parse_args(argv)
    if not args.path.is_file():
        print(f"NewsFANE file not found: {args.path}")
        return 2
    t0 = time.perf_counter()
    sents = read_newsfane(args.path)
    if args.limit:
        sents = sents[: args.limit]
    rasd.extract("تمهيد")  # load lexicons and gazetteer outside the timed loop
    t1 = time.perf_counter()
    res = measure(sents, args.chunk)
    print(report(res, args.errors, args.top, args.samples))
    if args.why:
        print("\nwhy the misses were missed:\n" + reasons_report(diagnose(res)))
    print(f"total run time {time.perf_counter() - t0:.1f} s (reading and start-up {t1 - t0:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
