"""The blind pass C: compiled from its own decisions, shipped with `blind: true`, compared with bootstrap
intervals whose count formulas agree with reference implementations, and every disagreement with the
gold reviewed with one outcome, the errata applied to the gold and listed in dataset/ERRATA.md."""

from __future__ import annotations

import copy
import json
import re
import subprocess
import sys
from collections import defaultdict

import numpy as np
import pytest

from kiwi_bench.annotation.agreement import agreement, cohen_kappa, krippendorff_alpha
from kiwi_bench.annotation.agreement_intervals import agreement_intervals, alpha_from_confusion, kappa_from_confusion
from kiwi_bench.annotation.comparisons import HEADLINE, comparison_results, pass_documents
from kiwi_bench.annotation.decisions import compile_decisions
from kiwi_bench.annotation.review import check_applied, check_review, gold_before_errata, is_erratum, outcome_counts
from kiwi_bench.core.errors import KiwiError
from kiwi_bench.corpus.documents import load_documents, load_passes, pass_registry
from kiwi_test_paths import DATASET, ROOT

ANNOTATION = DATASET / "annotation"
PASS_C = ANNOTATION / "pass-c"


def _lines(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def passes() -> dict[str, list[dict]]:
    return pass_documents(DATASET)


@pytest.fixture(scope="module")
def review() -> list[dict]:
    return _lines(ANNOTATION / "adjudication-pass-c.jsonl")


# --- pass C as shipped -------------------------------------------------------------------------

def test_committed_pass_c_is_its_decisions_compiled():
    skeletons = {d["id"]: d for d in load_documents(DATASET)}
    for path in sorted((PASS_C / "decisions").glob("kiwi-*.json")):
        decisions = json.loads(path.read_text(encoding="utf-8"))
        committed = json.loads((PASS_C / path.name).read_text(encoding="utf-8"))
        assert compile_decisions(skeletons[decisions["id"]], decisions, str(path)) == committed, path.name


def test_only_pass_c_is_blind_and_only_a_and_b_make_the_gold():
    registry = pass_registry(DATASET)
    assert {name: entry["blind"] for name, entry in registry.items()} == {"A": False, "B": False, "C": True}
    assert [name for name, entry in registry.items() if entry["in_gold"]] == ["A", "B"]


def test_annotators_rows_carry_the_blind_flag(hf_cache):
    from datasets import load_dataset

    rows = [row for split in load_dataset(str(DATASET), "annotators", cache_dir=str(hf_cache)).values() for row in split]
    assert sorted({(row["annotator"], row["blind"]) for row in rows}) == [("A", False), ("B", False), ("C", True)]
    assert sum(row["annotator"] == "C" for row in rows) == 5


def test_a_pass_without_a_declared_blindness_is_an_error(dataset_copy):
    (dataset_copy / "annotation" / "pass-d").mkdir()
    (dataset_copy / "annotation" / "pass-d" / "kiwi-000.json").write_text("{}", encoding="utf-8")
    with pytest.raises(KiwiError, match="no entry for pass-d"):
        load_passes(dataset_copy)


# --- intervals: count formulas against reference implementations --------------------------------

def test_kappa_and_alpha_from_confusion_match_sklearn_and_krippendorff():
    rng = np.random.default_rng(7)
    labels = np.array(["positive", "negative", "neutral", "mixed"])
    for _ in range(25):
        n = int(rng.integers(5, 60))
        a = list(rng.choice(labels, n))
        b = [x if rng.random() < 0.7 else str(rng.choice(labels)) for x in a]
        confusion = np.zeros((4, 4), dtype=np.int64)
        for x, y in zip(a, b):
            confusion[list(labels).index(x), list(labels).index(y)] += 1
        assert kappa_from_confusion(confusion[None])[0] == pytest.approx(cohen_kappa(a, b))
        reference = krippendorff_alpha(a, b)
        assert alpha_from_confusion(confusion[None])[0] == pytest.approx(reference if reference is not None else np.nan, nan_ok=True)


def test_point_estimates_equal_the_plain_agreement_figures(passes):
    for left, right in (("C", "A"), ("C", "gold"), ("A", "B")):
        plain = agreement(passes[left], passes[right])
        figures = agreement_intervals(passes[left], passes[right], resamples=50)
        for path, figure in figures.items():
            layer, key = path.split(".")
            expected = plain["sentiment"]["sentences"][key] if layer == "sentences" else plain[layer][key]
            assert figure["value"] == pytest.approx(expected), (left, right, path)
            low, high = figure["ci"]
            assert low <= figure["value"] + 1e-9 and figure["value"] <= high + 1e-9, (left, right, path)


def test_intervals_on_a_hand_made_pair():
    # 4 sentences, pass B disagrees on one: agreement 3/4; resampling sentences gives values in {0, 1/4, ...}
    def doc(labels):
        sentences = [{"id": f"s{i}", "start": 10 * i, "end": 10 * i + 9, "sentiment": s} for i, s in enumerate(labels)]
        return {"id": "kiwi-000", "sentences": sentences, "entities": [], "amounts": [], "sentiment": "neutral"}

    a, b = doc(["positive", "negative", "neutral", "neutral"]), doc(["positive", "negative", "neutral", "positive"])
    figures = agreement_intervals([a], [b], resamples=400, seed=1)
    assert figures["sentences.agreement"]["value"] == 0.75
    low, high = figures["sentences.agreement"]["ci"]
    assert low < 0.75 < high and high == 1.0
    assert figures["entities.strict_f1"] == {"value": 1.0, "ci": [1.0, 1.0]}  # no mentions on either side
    assert figures["entities.entity_id_agreement"] == {"value": None, "ci": None}  # no strict match: undefined
    assert agreement_intervals([a], [b], resamples=400, seed=1) == figures  # seeded: reproducible


# --- the published comparisons -----------------------------------------------------------------

def test_headline_is_blind_c_vs_a_and_gold_means_gold_before_errata(passes):
    results = {r["name"]: r for r in comparison_results(DATASET)}
    assert HEADLINE.name == "C vs A" and list(results)[0] == "C vs A"
    assert [results[name]["blindness"] for name in ("C vs A", "C vs gold", "C vs B")] == ["blind"] * 3
    cited = re.fullmatch(r"not blind: pass B saw pass A's labels for (\d+) of (\d+) sentences", results["A vs B"]["blindness"])
    assert cited and int(cited.group(2)) == sum(len(d["sentences"]) for d in passes["A"])
    uncited = agreement(passes["A"], passes["B"], (ANNOTATION / "guidelines-v1.0-as-given-to-pass-b.md").read_text(encoding="utf-8"))
    assert int(cited.group(1)) + uncited["sentiment"]["sentences_not_cited_in_guidelines"]["n"] == int(cited.group(2))
    # the errata moved the gold towards pass C, so the published figure uses the gold before them
    before = agreement(passes["C"], gold_before_errata(passes["A"], passes["B"], _lines(ANNOTATION / "adjudication.jsonl")))
    after = agreement(passes["C"], load_documents(DATASET))
    assert results["C vs gold"]["agreement"] == before
    assert after["sentiment"]["sentences"]["agreement"] > before["sentiment"]["sentences"]["agreement"]


def test_datasheet_and_card_lead_with_the_blind_figure():
    for path in (ROOT / "DATASHEET.md", DATASET / "README.md"):
        text = path.read_text(encoding="utf-8")
        section = text[text.index("nnotation process"):]
        assert section.index("<!-- kiwi:agreement-blind:begin -->") < section.index("| Entities: mentions (pass A / pass B)")
        assert "one model family" in " ".join(section.split())
        assert "Blind agreement (pass C vs pass A" in section


# --- the review of pass C -----------------------------------------------------------------------

def test_every_disagreement_of_pass_c_with_the_gold_before_errata_has_one_outcome(passes, review):
    assert check_review(passes["gold"], passes["C"], review, "review") == []
    assert sum(outcome_counts(review).values()) == len(review) > 0


def test_the_errata_are_in_the_gold_and_everything_else_is_unchanged(review):
    assert check_applied(load_documents(DATASET), review, _lines(ANNOTATION / "adjudication.jsonl"), "review") == []


@pytest.mark.parametrize("corrupt, message", [
    (lambda r: r.pop(0), "undecided disagreement"),
    (lambda r: r[0].update(outcome="maybe"), "outcome: must be one of"),
    (lambda r: r[0].update(reason=" "), "reason: every outcome needs a reason"),
    (lambda r: next(x for x in r if x["outcome"] == "erratum").update(outcome="gold stays"), "decision: an erratum changes"),
    (lambda r: r[1].update(pass_c=r[1]["gold"]), "gold/pass_c: the values differ"),
    (lambda r: r.append(copy.deepcopy(r[0])), "is reviewed twice"),
])
def test_a_broken_review_is_reported(passes, review, corrupt, message):
    broken = copy.deepcopy(review)
    corrupt(broken)
    assert any(message in str(problem) for problem in check_review(passes["gold"], passes["C"], broken, "review"))


def test_an_erratum_missing_from_the_gold_is_reported(passes, review):
    problems = check_applied(passes["gold"], review, _lines(ANNOTATION / "adjudication.jsonl"), "review")
    assert len(problems) == outcome_counts(review)["erratum"] > 0


def test_errata_keep_every_item_id_and_span(passes):
    for old, new in zip(passes["gold"], load_documents(DATASET)):
        for layer in ("sentences", "entities", "amounts"):
            assert [(x["id"], x["start"], x["end"]) for x in old[layer]] == [(x["id"], x["start"], x["end"]) for x in new[layer]]


def test_errata_file_lists_exactly_the_erratum_lines(review):
    text = (DATASET / "ERRATA.md").read_text(encoding="utf-8")
    errata = [line for line in _lines(ANNOTATION / "adjudication.jsonl") if is_erratum(line)]
    rows = re.findall(r"^\| (kiwi-\d{3}) \| (\S+) .*\| (\w+) \| (\w+) \| [^|]+ \|$", text, re.M)
    gold = {d["id"]: d for d in load_documents(DATASET)}
    expected = []
    for line in errata:
        item = line["item"]
        found = (next(s for s in gold[line["doc"]]["sentences"] if s["id"] == item["id"]) if item["layer"] == "sentences"
                 else next(e for e in gold[line["doc"]][item["layer"]] if (e["start"], e["end"]) == (item["start"], item["end"])))
        expected.append((line["doc"], found["id"], line["pass_a"]["sentiment"], line["decision"]["sentiment"]))
    assert sorted(rows) == sorted(expected)
    counts = outcome_counts(review)
    assert (f"The other {counts['gold stays'] + counts['guideline clarified']} disagreements" in " ".join(text.split())
            and f"({counts['gold stays']} because" in text and f"{counts['guideline clarified']} after the rule" in text)


def test_gold_gives_one_sentiment_per_referent_per_sentence():
    """Guidelines 1.3 (2.6): all mentions of one referent in one sentence share its sentiment."""
    for document in load_documents(DATASET):
        for sentence in document["sentences"]:
            sentiments = defaultdict(set)
            for entity in document["entities"]:
                if sentence["start"] <= entity["start"] < sentence["end"]:
                    sentiments[entity["entity_id"]].add(entity["sentiment"])
            assert all(len(v) == 1 for v in sentiments.values()), (document["id"], sentence["id"], dict(sentiments))


# --- commands ------------------------------------------------------------------------------------

def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kiwi_bench.cli", *args], capture_output=True, text=True, cwd=ROOT)


def test_agreement_published_prints_the_datasheet_block():
    result = _run("agreement", "--published")
    datasheet = (ROOT / "DATASHEET.md").read_text(encoding="utf-8")
    block = datasheet.split("<!-- kiwi:agreement-blind:begin -->\n")[1].split("<!-- kiwi:agreement-blind:end -->")[0]
    assert result.returncode == 0 and result.stdout.strip() == block.strip()


def test_agreement_without_folders_is_a_one_line_error():
    result = _run("agreement")
    assert result.returncode != 0 and "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_adjudicate_list_names_the_two_sides(tmp_path):
    target = tmp_path / "review.jsonl"
    result = _run("adjudicate", "list", "dataset/source", "dataset/annotation/pass-c", "--labels", "gold,pass_c", "-o", str(target))
    assert result.returncode == 0, result.stderr
    listed = _lines(target)
    assert listed and all(set(line) == {"doc", "item", "gold", "pass_c", "decision", "reason"} for line in listed)
    bad = _run("adjudicate", "list", "dataset/source", "dataset/annotation/pass-c", "--labels", "gold", "-o", str(tmp_path / "x.jsonl"))
    assert bad.returncode != 0 and "--labels" in bad.stderr and "Traceback" not in bad.stderr


def test_pass_c_ids_differ_from_the_gold_only_by_name(passes):
    """DATASHEET.md: pass C's entity ids differ only where the withheld id table fixes a name; the
    partition of mentions into referents is the same (a one-to-one renaming)."""
    renaming: dict[str, set[str]] = defaultdict(set)
    for gold, blind in zip(passes["gold"], passes["C"]):
        by_span = {(e["start"], e["end"]): e for e in blind["entities"]}
        for entity in gold["entities"]:
            renaming[entity["entity_id"]].add(by_span[(entity["start"], entity["end"])]["entity_id"])
    assert all(len(targets) == 1 for targets in renaming.values())
    targets = [next(iter(t)) for t in renaming.values()]
    assert len(set(targets)) == len(targets)  # one-to-one
    assert {k: next(iter(v)) for k, v in renaming.items() if {k} != v} == {"usa": "united-states", "copilot": "microsoft-copilot"}
