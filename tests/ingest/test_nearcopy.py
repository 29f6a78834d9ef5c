"""rasd.ingest.nearcopy: MinHash LSH near-copy detection on written examples and on the 2,000-article corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from _webserver import HEADLINE, PARAGRAPHS

from rasd.ingest.nearcopy import NearCopyIndex, NearMatch, shingle_hashes, shingle_text

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "saudinewsnet-conflict-2015" / "articles.jsonl"

MORE = (
    "وأشار المرصد إلى أن فصائل المعارضة ردت بقصف مواقع للقوات الحكومية في محيط مدينة خان شيخون بقذائف الهاون "
    "والصواريخ محلية الصنع، من دون أن ترد معلومات عن خسائر بشرية في صفوف القوات الحكومية حتى الآن.",
    "وتعد محافظة إدلب من أبرز مناطق خفض التصعيد التي جرى الاتفاق عليها في محادثات أستانا، غير أن الغارات "
    "الجوية لم تتوقف عليها، وسط تحذيرات منظمات إنسانية من موجة نزوح جديدة باتجاه الحدود التركية.",
    "وكانت الأمم المتحدة قد دعت الأطراف كافة إلى احترام القانون الإنساني الدولي وتجنيب المدنيين والمنشآت "
    "الطبية آثار العمليات العسكرية، مؤكدة أن أكثر من مليوني شخص يعيشون في المحافظة وريفها.",
)
STORY = HEADLINE + "\n\n" + "\n\n".join(PARAGRAPHS + MORE)
# The same wire story as another outlet runs it: its own dateline intro, other quote marks and spellings,
# no diacritics, and its signature at the end.
REPUBLISHED = (
    "بيروت - «الرصد الإخباري»:\n\n" + STORY.replace("«", '"').replace("»", '"').replace("إ", "ا").replace("ُ", "")
    .replace("ّ", "") + "\n\nالمصدر: وكالة الرصد الإخبارية - خدمة الأخبار العاجلة"
)
# Another story on the same topic (air strikes on Idlib, the observatory, civilians), written independently.
SAME_TOPIC = (
    "غارات جديدة على ريف إدلب توقع ضحايا مدنيين\n\n"
    "أفاد ناشطون ومصادر محلية بأن طائرات حربية يُعتقد أنها روسية استهدفت مساء أمس السبت سوقاً شعبية في مدينة "
    "سراقب بريف إدلب الشرقي، ما تسبب بسقوط سبعة قتلى مدنيين بينهم امرأتان، إضافة إلى عشرات الجرحى نقل بعضهم "
    "إلى مستشفيات قريبة من الحدود.\n\n"
    "وذكر المرصد السوري لحقوق الإنسان أن القصف طال أيضاً بلدتي تفتناز وسرمين، وأن فرق الإسعاف واجهت صعوبة في "
    "الوصول إلى المكان بسبب تحليق الطيران المستمر. ويأتي ذلك بعد أيام من هدوء نسبي شهدته المنطقة.\n\n"
    "من جهتها، قالت مديرية الصحة في المحافظة إن المستشفيات تعاني نقصاً حاداً في الأدوية والمستلزمات الطبية، "
    "ودعت المنظمات الدولية إلى التحرك العاجل لتأمين احتياجات الجرحى والنازحين الذين تزايدت أعدادهم خلال الأسبوع."
)


def test_republished_wire_copy_matches() -> None:
    index = NearCopyIndex()
    assert index.add("agency", STORY) == []
    assert index.add("outlet", REPUBLISHED) == ["agency"]
    itself, original = index.query(REPUBLISHED)  # most similar first
    assert itself == NearMatch(1.0, "outlet") and original.id == "agency" and original.jaccard >= 0.8
    assert 0.8 <= index.similarity("agency", "outlet") < 1.0
    assert index.matches_of("agency") == ["outlet"] and index.groups() == [["agency", "outlet"]]


def test_same_topic_is_not_a_copy() -> None:
    index = NearCopyIndex()
    index.add("story", STORY)
    assert index.add("other", SAME_TOPIC) == []
    assert index.similarity("story", "other") < 0.2
    assert index.query(SAME_TOPIC)[0] == NearMatch(1.0, "other")


def test_spelling_variants_shingle_alike() -> None:
    assert shingle_text("قُتِلَ «12» مدنياً في إدلب!") == shingle_text('قتل "١٢" مدنيا في ادلب') == "قتل 12 مدنيا في ادلب"
    index = NearCopyIndex()
    index.add("a", "قُتِلَ «12» مدنياً في إدلب، وأُصيب آخرون بجروح.")
    assert index.query('قتل "١٢" مدنيا في ادلب - واصيب اخرون بجروح') == [NearMatch(1.0, "a")]


def test_shingle_hashes() -> None:
    assert len(shingle_hashes("")) == 0 and len(shingle_hashes("؟!")) == 0
    assert len(shingle_hashes("حلب")) == 1  # shorter than a shingle: one shingle
    assert len(shingle_hashes("abcdefg")) == 3 and len(shingle_hashes("aaaaaaaaaa")) == 1
    assert list(shingle_hashes(STORY)) == list(shingle_hashes(STORY))  # deterministic


def test_empty_texts_match_nothing() -> None:
    index = NearCopyIndex()
    assert index.add("empty", "") == [] and index.add("punct", "... !!") == []
    assert index.query("") == [] and "empty" in index and len(index) == 2
    index.remove("empty")
    assert "empty" not in index


def test_ids_are_unique_and_removable() -> None:
    index = NearCopyIndex()
    index.add("a", STORY)
    with pytest.raises(ValueError, match="already indexed"):
        index.add("a", SAME_TOPIC)
    index.add("b", REPUBLISHED)
    index.remove("a")
    assert index.query(STORY) == [NearMatch(index.query(STORY)[0].jaccard, "b")]
    assert index.matches_of("b") == [] and index.groups() == []
    with pytest.raises(KeyError):
        index.remove("a")
    with pytest.raises(ValueError):
        NearCopyIndex(threshold=0)


def test_state_round_trip(tmp_path: Path) -> None:
    index = NearCopyIndex(threshold=0.75, num_perm=64)
    for key, text in (("agency", STORY), ("outlet", REPUBLISHED), ("other", SAME_TOPIC)):
        index.add(key, text)
    state = json.loads(json.dumps(index.to_state()))  # JSON-ready
    again = NearCopyIndex.from_state(state)
    assert (again.threshold, again.num_perm, len(again)) == (0.75, 64, 3)
    assert again.groups() == index.groups() == [["agency", "outlet"]]
    assert again.similarity("agency", "outlet") == index.similarity("agency", "outlet")
    assert again.add("third", REPUBLISHED + "\n\nتابعونا") == index.add("third", REPUBLISHED + "\n\nتابعونا")
    index.save(tmp_path / "near.json")
    assert NearCopyIndex.load(tmp_path / "near.json").to_state() == index.to_state()
    for bad in ({}, {"version": 2}, {**state, "items": [["x", "AAAA"]]}, {**state, "pairs": 5}):
        with pytest.raises(ValueError):
            NearCopyIndex.from_state(bad)


# --- the SaudiNewsNet corpus: Saudi papers republishing the same agency copy -------------------------------


@pytest.fixture(scope="module")
def corpus() -> list[dict[str, str]]:
    if not CORPUS.is_file():
        pytest.skip(f"corpus not found: {CORPUS}")
    with CORPUS.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


@pytest.fixture(scope="module")
def corpus_index(corpus: list[dict[str, str]]) -> NearCopyIndex:
    return NearCopyIndex.build((f"line-{i}", r["title"] + "\n\n" + r["content"]) for i, r in enumerate(corpus, 1))


@pytest.mark.slow
def test_corpus_near_copy_groups(corpus_index: NearCopyIndex) -> None:
    groups = corpus_index.groups()
    assert 80 <= len(groups) <= 140  # 107 groups, 260 articles, at the default threshold 0.8
    # «ألف قتيل و 9 آلاف جريح منذ دخول الحوثيين عدن»: one agency story in six papers over two days
    wire = {f"line-{n}" for n in (368, 382, 388, 421, 423, 457)}
    assert any(wire <= set(g) for g in groups)
    # the same event (Daesh blowing up Ramadi's stadium) written up independently is not a near-copy ...
    assert corpus_index.similarity("line-144", "line-480") < 0.3
    # ... nor two Asharq al-Awsat reports on the battle of Zabadani on the same day
    assert corpus_index.similarity("line-6", "line-23") < 0.3
    assert all("line-144" not in g or "line-480" not in g for g in groups)


@pytest.mark.slow
def test_corpus_synthetic_republication(corpus: list[dict[str, str]], corpus_index: NearCopyIndex) -> None:
    record = corpus[213]  # line 214, an Asharq al-Awsat report on Ramadi, found in no group
    assert corpus_index.matches_of("line-214") == []
    paragraphs = record["content"].split("\n\n")
    copy = ("الرمادي - «وكالة الرصد»:\n\n" + record["title"] + "\n\n" + "\n\n".join(paragraphs[1:])
            + "\n\nجميع الحقوق محفوظة لوكالة الرصد")
    assert [m.id for m in corpus_index.query(copy)] == ["line-214"]
    assert corpus_index.query(SAME_TOPIC) == [] and corpus_index.query(STORY) == []


@pytest.mark.slow
def test_corpus_state_round_trip(corpus_index: NearCopyIndex) -> None:
    again = NearCopyIndex.from_state(json.loads(json.dumps(corpus_index.to_state())))
    assert again.groups() == corpus_index.groups() and len(again) == 2000
