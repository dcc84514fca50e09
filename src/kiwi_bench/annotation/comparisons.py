"""The published agreement comparisons: the blind pass C against pass A (the headline), the gold and
pass B, and the not-blind A vs B, each with bootstrap intervals over sentences.

"Gold" here is the gold before the errata that the review of pass C caused (`review.gold_before_errata`):
comparing pass C with a gold corrected towards it would inflate the figure by construction.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiwi_bench.annotation.agreement import agreement, cited_sentences
from kiwi_bench.annotation.agreement_intervals import agreement_intervals
from kiwi_bench.annotation.review import gold_before_errata
from kiwi_bench.core.jsonl import load_lines
from kiwi_bench.corpus.documents import Document, load_passes, pass_registry

ADJUDICATION_LOG = Path("annotation") / "adjudication.jsonl"
REVIEW_LOG = Path("annotation") / "adjudication-pass-c.jsonl"
GUIDELINES_GIVEN_TO_PASS_B = Path("annotation") / "guidelines-v1.0-as-given-to-pass-b.md"
GOLD = "gold"


@dataclass(frozen=True)
class Comparison:
    left: str
    right: str

    @property
    def name(self) -> str:
        return f"{self.left} vs {self.right}"


COMPARISONS = (Comparison("C", "A"), Comparison("C", GOLD), Comparison("C", "B"), Comparison("A", "B"))
HEADLINE = COMPARISONS[0]


def pass_documents(dataset_dir: Path) -> dict[str, list[Document]]:
    """Pass letter (and "gold", before errata) -> its documents."""
    passes = load_passes(dataset_dir)
    by_name = {name: [d for d in passes if d["annotator"] == name] for name in sorted({d["annotator"] for d in passes})}
    by_name[GOLD] = gold_before_errata(by_name["A"], by_name["B"], load_lines(dataset_dir / ADJUDICATION_LOG))
    return by_name


def cited_count(dataset_dir: Path, documents: list[Document]) -> tuple[int, int]:
    """(sentences quoted as examples in the guidelines pass B was given, all sentences)."""
    cited = cited_sentences((dataset_dir / GUIDELINES_GIVEN_TO_PASS_B).read_text(encoding="utf-8"))
    ids = [(d["id"], s["id"]) for d in documents for s in d["sentences"]]
    return sum(key in cited for key in ids), len(ids)


def blindness(dataset_dir: Path, comparison: Comparison) -> str:
    """"blind" when one side is a pass declared blind (it saw neither the other passes nor the gold)."""
    registry = pass_registry(dataset_dir)
    if any(registry.get(side, {}).get("blind") for side in (comparison.left, comparison.right)):
        return "blind"
    if {comparison.left, comparison.right} == {"A", "B"}:
        cited, total = cited_count(dataset_dir, pass_documents(dataset_dir)["A"])
        return f"not blind: pass B saw pass A's labels for {cited} of {total} sentences"
    return "not blind"


def comparison_results(dataset_dir: Path) -> list[dict[str, Any]]:
    """Per comparison: its name, blindness, the plain agreement figures and the intervals."""
    documents = pass_documents(dataset_dir)
    return [{"name": c.name, "blindness": blindness(dataset_dir, c),
             "agreement": agreement(documents[c.left], documents[c.right]),
             "intervals": agreement_intervals(documents[c.left], documents[c.right])}
            for c in COMPARISONS]


def _cell(figure: dict[str, Any]) -> str:
    if figure["value"] is None:
        return "n/a"
    ci = figure["ci"]
    return f"{figure['value']:.3f}" + (f" [{ci[0]:.3f}, {ci[1]:.3f}]" if ci else "")


_ROWS = (
    ("Sentence sentiment: Cohen's kappa", "sentences.cohen_kappa"),
    ("Sentence sentiment: Krippendorff's alpha (nominal)", "sentences.krippendorff_alpha"),
    ("Sentence sentiment: raw agreement", "sentences.agreement"),
    ("Entities: strict span+label F1", "entities.strict_f1"),
    ("Entities: partial (overlap) F1", "entities.partial_f1"),
    ("Entities: sentiment Cohen's kappa (strict matches)", "entities.sentiment_kappa"),
    ("Entities: entity_id agreement (strict matches)", "entities.entity_id_agreement"),
    ("Amounts: strict span F1", "amounts.strict_f1"),
    ("Amounts: value and currency agreement (same span)", "amounts.value_currency_agreement"),
)


def comparison_markdown(results: list[dict[str, Any]]) -> str:
    """One table: a row per figure, a column per comparison, each cell "value [95% CI]"."""
    header = "| measure | " + " | ".join(f"{r['name']} ({r['blindness']})" for r in results) + " |"
    lines = [header, "|---|" + "---:|" * len(results)]
    for title, path in _ROWS:
        lines.append(f"| {title} | " + " | ".join(_cell(r["intervals"][path]) for r in results) + " |")
    mentions = [f"{r['agreement']['entities']['pass_a']} / {r['agreement']['entities']['pass_b']}" for r in results]
    documents = [f"{r['agreement']['sentiment']['documents']['agreeing']} of {r['agreement']['sentiment']['documents']['n']}" for r in results]
    lines.append("| Entities: mentions (left / right) | " + " | ".join(mentions) + " |")
    lines.append("| Documents: sentiment agreement (no interval) | " + " | ".join(documents) + " |")
    return "\n".join(lines)


def headline_sentence(results: list[dict[str, Any]]) -> str:
    """The blind headline figure (pass C vs pass A) in one sentence."""
    headline = next(r for r in results if r["name"] == HEADLINE.name)
    figures = headline["intervals"]
    n = headline["agreement"]["sentiment"]["sentences"]["n"]
    return (f"Blind agreement (pass {HEADLINE.left} vs pass {HEADLINE.right}, {n} sentences, 95% bootstrap intervals over "
            f"sentences): sentence sentiment Cohen's kappa {_cell(figures['sentences.cohen_kappa'])}; entity strict F1 "
            f"{_cell(figures['entities.strict_f1'])}; entity sentiment kappa {_cell(figures['entities.sentiment_kappa'])}; "
            f"entity_id agreement {_cell(figures['entities.entity_id_agreement'])}; amount strict F1 "
            f"{_cell(figures['amounts.strict_f1'])}")


def comparison_block(dataset_dir: Path) -> str:
    """The headline sentence and the table, as DATASHEET.md and the card print them."""
    results = comparison_results(dataset_dir)
    return f"{headline_sentence(results)}.\n\n{comparison_markdown(results)}"
