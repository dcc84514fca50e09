"""Generated blocks inside hand-written Markdown (README.md, DATASHEET.md): every number comes from code.

A block is delimited by `<!-- kiwi:NAME:begin -->` and `<!-- kiwi:NAME:end -->`; `refresh` replaces
its content with the output of the generator registered under NAME, and `stale_blocks` lists the
blocks whose committed content differs (a test fails on any).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from .corpus import load_documents, load_passes
from .stats import compute_stats, markdown_table

DOCUMENTS = ("README.md", "DATASHEET.md")
BLOCK = re.compile(r"(<!-- kiwi:(?P<name>[a-z0-9-]+):begin -->\n)(?P<body>.*?)(<!-- kiwi:(?P=name):end -->)", re.S)


def _stats_block(root: Path) -> str:
    return markdown_table(compute_stats(load_documents(root / "dataset")))


def _split_sizes_block(root: Path) -> str:
    stats = compute_stats(load_documents(root / "dataset"))["total"]
    return (f"{stats['documents']} documents, {stats['sentences']} sentences, {stats['tokens']} tokens, "
            f"{stats['entities']} entity mentions of {stats['distinct_entity_ids']} distinct referents, "
            f"{stats['amounts']} amounts")


def _agreement_block(root: Path) -> str:
    from .agreement import agreement, markdown_summary

    passes = load_passes(root / "dataset")
    pass_a = [d for d in passes if d["annotator"] == "A"]
    pass_b = [d for d in passes if d["annotator"] == "B"]
    # The guidelines exactly as pass B was given them (the living ANNOTATION_GUIDELINES.md may cite more).
    guidelines = (root / "dataset" / "annotation" / "guidelines-v1.0-as-given-to-pass-b.md").read_text(encoding="utf-8")
    return markdown_summary(agreement(pass_a, pass_b, guidelines))


def _adjudication_block(root: Path) -> str:
    import json
    from collections import Counter

    log_path = root / "dataset" / "annotation" / "adjudication.jsonl"
    lines = [json.loads(line) for line in log_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    layers = Counter(line["item"]["layer"] for line in lines)
    sides = Counter(line.get("decided_as", "adjudicator's own") for line in lines)
    return (f"{len(lines)} logged decisions ({', '.join(f'{n} {layer}' for layer, n in sorted(layers.items()))}); "
            f"decided as {', '.join(f'{side}: {n}' for side, n in sorted(sides.items()))}.")


def _bibtex_block(root: Path) -> str:
    """The dataset's BibTeX entry (kiwi_bench.card.bibtex: same version as the package and the card)."""
    from .card import bibtex

    return ("Please cite the version you used; `CITATION.cff` holds the same metadata and the dataset card the same entry.\n\n"
            f"```bibtex\n{bibtex()}\n```")


def _leaderboard_block(root: Path) -> str:
    from .extractors import BASELINES
    from .leaderboard import leaderboard_markdown, load_scores

    return leaderboard_markdown(load_scores(root / "baselines", sorted(BASELINES)))


GENERATORS: dict[str, Callable[[Path], str]] = {
    "leaderboard": _leaderboard_block,
    "bibtex": _bibtex_block,
    "adjudication": _adjudication_block,
    "stats": _stats_block,
    "sizes": _split_sizes_block,
    "agreement": _agreement_block,
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
    from .atomic import write_text_atomic

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
