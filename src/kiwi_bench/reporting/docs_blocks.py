"""Generated blocks inside hand-written Markdown (README.md, DATASHEET.md): every number comes from code.

A block is delimited by `<!-- kiwi:NAME:begin -->` and `<!-- kiwi:NAME:end -->`; `refresh` replaces
its content with the output of the generator registered under NAME, and `stale_blocks` lists the
blocks whose committed content differs (a test fails on any).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from kiwi_bench.annotation.comparisons import comparison_block
from kiwi_bench.corpus.documents import load_documents
from kiwi_bench.corpus.stats import compute_stats, markdown_table
from kiwi_bench.release import card

DOCUMENTS = ("README.md", "DATASHEET.md", "dataset/annotation/contrast/README.md", "baselines/rules/README.md")
BLOCK = re.compile(r"(<!-- kiwi:(?P<name>[a-z0-9-]+):begin -->\n)(?P<body>.*?)(<!-- kiwi:(?P=name):end -->)", re.S)


def _documents(root: Path) -> list:
    return load_documents(root / "dataset")


def _stats_block(root: Path) -> str:
    return markdown_table(compute_stats(_documents(root)))


def _sizes_block(root: Path) -> str:
    return card.sizes_sentence(compute_stats(_documents(root)))


def _leaderboard_block(root: Path) -> str:
    from kiwi_bench.reporting.leaderboard import leaderboard_markdown, load_scores
    from kiwi_bench.systems.extractors import BASELINES

    return leaderboard_markdown(load_scores(root / "baselines", sorted(BASELINES)))


def _contrast_items(root: Path) -> list:
    from kiwi_bench.corpus.contrast import load_contrast

    return load_contrast(root / "dataset")


def _contrast_coverage_block(root: Path) -> str:
    from kiwi_bench.corpus.contrast_coverage import dutch_shares, edit_type_table, requirements_table

    items = _contrast_items(root)
    share, test_share = dutch_shares(items, _documents(root))
    return (edit_type_table(items) + f"\n\nDutch share of the edited items: {share:.1%} (the test split's sentences: "
            f"{test_share:.1%}).\n\n" + requirements_table(items))


def _rules_contrast_block(root: Path) -> str:
    from kiwi_bench.reporting.leaderboard import contrast_edit_type_table, load_scores

    return contrast_edit_type_table(load_scores(root / "baselines", ["rules"])["rules"]["contrast"])


GENERATORS: dict[str, Callable[[Path], str]] = {
    "contrast-sizes": lambda root: card.contrast_summary(root / "dataset")["sizes"] + ".",
    "contrast-agreement": lambda root: card.contrast_summary(root / "dataset")["agreement"],
    "contrast-adjudication": lambda root: card.contrast_summary(root / "dataset")["adjudication"] + ".",
    "contrast-coverage": _contrast_coverage_block,
    "rules-contrast": _rules_contrast_block,
    "stats": _stats_block,
    "sizes": _sizes_block,
    "agreement": lambda root: card.agreement_markdown(root / "dataset"),
    "adjudication": lambda root: card.adjudication_sentence(root / "dataset") + ".",
    "agreement-blind": lambda root: comparison_block(root / "dataset"),
    "review": lambda root: card.review_sentence(root / "dataset") + ".",
    "people": lambda root: card.people_markdown(_documents(root)),
    "urls": lambda root: card.urls_markdown(_documents(root)),
    "leaderboard": _leaderboard_block,
    "bibtex": lambda root: ("Please cite the version you used; `CITATION.cff` holds the same metadata and the dataset "
                            f"card the same entry.\n\n```bibtex\n{card.bibtex()}\n```"),
}


def render_blocks(text: str, root: Path) -> str:
    """`text` with every known block regenerated (unknown block names are an error)."""
    def replace(match: re.Match) -> str:
        name = match.group("name")
        if name not in GENERATORS:
            raise KeyError(f"no generator for block {name!r}")
        return f"{match.group(1)}{GENERATORS[name](root).rstrip()}\n{match.group(4)}"
    return BLOCK.sub(replace, text)


def stale_blocks(root: Path) -> list[str]:
    """Names `file:block` of the generated blocks that are out of date."""
    stale = []
    for name in DOCUMENTS:
        path = root / name
        if not path.exists():
            continue
        text = path.read_text(encoding="utf-8")
        current = {m.group("name"): m.group("body") for m in BLOCK.finditer(text)}
        fresh = {m.group("name"): m.group("body") for m in BLOCK.finditer(render_blocks(text, root))}
        stale += [f"{name}:{block}" for block in current if current[block] != fresh[block]]
    return stale


def refresh(root: Path) -> list[str]:
    """Regenerate the blocks of every document in place; return the files that changed."""
    from kiwi_bench.core.atomic import write_text_atomic

    changed = []
    for name in DOCUMENTS:
        path = root / name
        if path.exists():
            text = path.read_text(encoding="utf-8")
            fresh = render_blocks(text, root)
            if fresh != text:
                write_text_atomic(path, fresh)
                changed.append(name)
    return changed
