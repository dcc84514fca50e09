"""Review of a blind pass against the gold: every disagreement gets one logged outcome.

A review line is {"doc", "item", "gold", "pass_c", "outcome", "decision", "reason"} (written by
`kiwi-bench adjudicate list GOLD PASS --labels gold,pass_c` and then decided). Outcomes:
- `gold stays`: the guidelines decide the item as the gold has it (`decision` = the gold's value);
- `guideline clarified`: the guidelines were silent or ambiguous; the rule is now written down in
  ANNOTATION_GUIDELINES.md's changelog, and the gold already follows it (`decision` = the gold's value);
- `erratum`: the gold broke a rule; `decision` is the corrected value, applied to dataset/source/ by an
  `erratum` line of the adjudication log (so the gold stays "passes A and B plus the log") and
  listed in dataset/ERRATA.md.
The review is made against the gold before any erratum it caused (`gold_before_errata`).
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from kiwi_bench.annotation.adjudication import ATTRIBUTES, apply_decisions, disagreements
from kiwi_bench.core.errors import Problem
from kiwi_bench.corpus.documents import Document

OUTCOMES = ("gold stays", "guideline clarified", "erratum")
ERRATUM = "erratum"
"""The `decided_as` value of an adjudication-log line that corrects the gold after release."""


def is_erratum(line: dict) -> bool:
    return line.get("decided_as") == ERRATUM


def gold_before_errata(pass_a: list[Document], pass_b: list[Document], log: list[dict]) -> list[Document]:
    """The gold as adjudicated from passes A and B, without the erratum lines of the log."""
    return apply_decisions(pass_a, pass_b, [line for line in log if not is_erratum(line)])


def _key(line: dict) -> tuple[str, str]:
    return line["doc"], json.dumps(line["item"], sort_keys=True, ensure_ascii=False)


def _attributes(document: Document, item: dict) -> dict | None:
    layer = item["layer"]
    if layer == "document":
        found: dict | None = document
    elif layer == "sentences":
        found = next((s for s in document["sentences"] if s["id"] == item["id"]), None)
    else:
        found = next((x for x in document[layer] if (x["start"], x["end"]) == (item["start"], item["end"])), None)
    return None if found is None else {key: found[key] for key in ATTRIBUTES[layer]}


def check_review(gold: list[Document], blind: list[Document], review: list[dict], source: str) -> list[Problem]:
    """Problems unless the review has exactly one decided line per disagreement of `blind` with `gold`,
    carrying both values as listed, a known outcome, a reason, and a decision consistent with the outcome."""
    problems = []
    expected = {_key(line): line for line in disagreements(gold, blind)}
    seen: set[tuple[str, str]] = set()
    for number, line in enumerate(review, 1):
        where = str(number)
        key = _key(line)
        if key in seen:
            problems.append(Problem(source, where, f"item: {key[0]} {key[1]} is reviewed twice"))
        seen.add(key)
        listed = expected.get(key)
        if listed is None:
            problems.append(Problem(source, where, f"item: {key[0]} {key[1]} is not a disagreement of the blind pass with the gold"))
            continue
        if (line.get("gold"), line.get("pass_c")) != (listed["pass_a"], listed["pass_b"]):
            problems.append(Problem(source, where, "gold/pass_c: the values differ from `kiwi-bench adjudicate list`"))
        if line.get("outcome") not in OUTCOMES:
            problems.append(Problem(source, where, f"outcome: must be one of {', '.join(OUTCOMES)}"))
        elif (line["outcome"] == ERRATUM) == (line.get("decision") == line.get("gold")):
            problems.append(Problem(source, where, "decision: an erratum changes the gold's value; other outcomes keep it"))
        if not str(line.get("reason", "")).strip():
            problems.append(Problem(source, where, "reason: every outcome needs a reason"))
    problems += [Problem(source, "-", f"undecided disagreement: {doc} {item}") for doc, item in sorted(expected.keys() - seen)]
    return problems


def check_applied(gold_now: list[Document], review: list[dict], log: list[dict], source: str) -> list[Problem]:
    """Problems unless every erratum of the review is in the current gold and has its erratum line in
    the adjudication log, and every other reviewed item still has the value the review kept."""
    problems = []
    by_id = {d["id"]: d for d in gold_now}
    logged = {_key(line): line for line in log if is_erratum(line)}
    for number, line in enumerate(review, 1):
        now = _attributes(by_id[line["doc"]], line["item"]) if line["doc"] in by_id else None
        if now != line.get("decision"):
            problems.append(Problem(source, str(number), f"decision: the gold has {json.dumps(now, ensure_ascii=False)}"))
        if line.get("outcome") == ERRATUM and _key(line) not in logged:
            problems.append(Problem(source, str(number), "outcome: this erratum has no `decided_as: erratum` line in the adjudication log"))
    return problems


def outcome_counts(review: list[dict]) -> dict[str, int]:
    """How many reviewed disagreements ended in each outcome (every outcome listed, in OUTCOMES order)."""
    counts = Counter(line["outcome"] for line in review)
    return {outcome: counts.get(outcome, 0) for outcome in OUTCOMES}


def review_summary(review: list[dict]) -> dict[str, Any]:
    """Counts per outcome and per layer, for the DATASHEET and the card."""
    layers = Counter(line["item"]["layer"] for line in review)
    return {"n": len(review), "outcomes": outcome_counts(review), "layers": dict(sorted(layers.items()))}
