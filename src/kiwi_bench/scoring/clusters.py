"""The `entities.linking` block: the split's gold and predicted mention clusters, scored by `linking`.

A mention is (document index, start, end) in the document's own offsets, and its cluster is its
entity id, across all documents of the split (labels play no part; singletons count). The gold
clusters come from the gold documents' `entity_id`, the predicted ones from the file's ids
(`EntityLinks`). A predicted span given twice in one document keeps the id of its first
occurrence (a mention has one cluster); the duplicate still counts in the span scores.
"""

from __future__ import annotations

from collections.abc import Collection
from operator import itemgetter
from typing import Any

from kiwi_bench.scoring.gold import Gold
from kiwi_bench.scoring.linking import linking_report
from kiwi_bench.scoring.predicted import EntityLinks

NO_INTERVAL = ("linking figures have no bootstrap interval: they are computed from clusters that cross "
               "documents, so they do not decompose over sentences, and a document bootstrap over the "
               "few documents of a split would resample almost nothing")
SPAN_FREE = ("not available for span-free entities: linking needs mentions identified by (document, start, end); "
             "ground the entities to offsets first (span-based file with entity_id)")

Mention = tuple[int, int, int]


def gold_clusters(gold: Gold, documents: Collection[int] | None = None) -> dict[Mention, str]:
    """Gold mention -> gold entity id, for the documents with these indices (all when None)."""
    chosen = range(gold.n_documents) if documents is None else sorted(documents)
    return {(doc, entity["start"], entity["end"]): entity["entity_id"]
            for doc in chosen for entity in gold.documents[doc].get("entities") or ()}


def predicted_clusters(links: EntityLinks, documents: Collection[int] | None = None) -> dict[Mention, int]:
    """Predicted mention -> id code, first occurrence first, for the documents given (all when None)."""
    doc, start, end, cluster = (links.doc.tolist(), links.start.tolist(), links.end.tolist(), links.cluster.tolist())
    clusters: dict[Mention, int] = {}
    wanted = None if documents is None else set(documents)
    for mention, code in zip(zip(doc, start, end), cluster):
        if wanted is None or mention[0] in wanted:
            clusters.setdefault(mention, code)
    return clusters


def linking_block(gold: Gold, ids_given: bool, links: EntityLinks | None,
                  documents: Collection[int] | None = None) -> dict[str, Any] | None:
    """The report's `entities.linking` (None when the file gives no ids)."""
    if not ids_given:
        return None
    if links is None:
        return {"status": SPAN_FREE}
    scores = linking_report(gold_clusters(gold, documents), predicted_clusters(links, documents), itemgetter(0))
    return {"status": "scored", **scores, "ci95": None, "ci95_reason": NO_INTERVAL}
