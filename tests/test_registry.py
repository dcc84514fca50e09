"""The metric registry: every entry is computed by the family it names and appears in real reports."""

from __future__ import annotations

from kiwi_bench.api.evaluate import evaluate
from kiwi_bench.corpus.documents import load_documents
from kiwi_bench.reporting.leaderboard import columns
from kiwi_bench.reporting.text import render_text
from kiwi_bench.scoring.headline import FAMILIES
from kiwi_bench.scoring.paths import find
from kiwi_bench.scoring.registry import COLUMNS, HEADLINE, LINKING, METRICS, REQUIRED_KEYS, TABLE
from kiwi_test_paths import DATASET

TEST = load_documents(DATASET, "test")


def _gold_records(span_free: bool) -> list[dict]:
    records = []
    for d in TEST:
        if span_free:
            entities = [{"text": e["text"], "label": e["label"], "sentiment": e["sentiment"]} for e in d["entities"]]
            amounts = [{k: a[k] for k in ("kind", "value", "currency")} for a in d["amounts"]]
        else:
            entities = [{k: e[k] for k in ("start", "end", "label", "sentiment", "entity_id")} for e in d["entities"]]
            amounts = [{k: a[k] for k in ("start", "end", "kind", "value", "currency", "unit", "qualifier", "per")}
                       for a in d["amounts"]]
        records.append({"id": d["id"], "entities": entities, "amounts": amounts, "sentiment": d["sentiment"],
                        "sentences": [{"id": s["id"], "sentiment": s["sentiment"]} for s in d["sentences"]]})
    return records


def test_every_metric_is_computed_by_the_family_it_names():
    families = {family.name: family for family in FAMILIES}
    for metric in METRICS:
        if metric.family == LINKING:
            assert metric.path.startswith("entities.linking.") and metric.unit == "none"
            continue
        family = families[metric.family]
        assert metric.path in family.metrics, metric
        assert metric.unit == family.level, metric
    assert len({m.path for m in METRICS}) == len(METRICS)
    assert set(HEADLINE) == {m.path for m in METRICS if m.family != LINKING}


def test_every_metric_appears_in_a_report_and_the_oracle_scores_one():
    span = evaluate(_gold_records(False), resamples=0).report
    free = evaluate(_gold_records(True), resamples=0).report
    for metric in METRICS:
        value = find(span, metric.path)
        value = find(free, metric.path) if value is None else value
        assert value == 1.0, metric.path
    for path in REQUIRED_KEYS:
        assert find(span, path) is not None, path


def test_text_report_and_leaderboard_are_derived_from_the_registry():
    text = render_text(evaluate(_gold_records(False), resamples=0).report)
    shown = [metric.name for metric in TABLE if metric.name in text]
    assert shown == [m.name for m in TABLE if "span-free" not in m.name]
    assert [title for title, _ in columns()] == [m.column for m in COLUMNS]
    assert columns(("de", "nl"))[-1] == ("Entities strict F1 (nl)", "by_language.nl.entities.strict.f1")


def test_statistics_columns_are_exactly_the_named_ones_and_a_typo_fails():
    import pytest

    from kiwi_bench.scoring import columns as col
    from kiwi_bench.scoring.headline import Family, check_columns

    produced = set()
    for records in (_gold_records(False), _gold_records(True)):
        evaluation = evaluate(records, resamples=0)
        produced |= set(evaluation.statistics.sentence) | set(evaluation.statistics.document)
    assert produced == col.ALL
    with pytest.raises(ValueError, match="ent_strcit"):
        check_columns((Family("typo", "sentence", ("ent_strcit",), {}),))
    with pytest.raises(ValueError):
        col.span(col.ENTITIES, "strcit")
