"""Statistics on a hand-made corpus whose counts are known by construction."""

from __future__ import annotations

from kiwi_bench.corpus.stats import compute_stats, markdown_table, text_table


def _document(doc_id: str, split: str, language: str, text: str, entities: list, amounts: list, sentiment) -> dict:
    return {"id": doc_id, "split": split, "language": language, "text": text, "sentiment": sentiment,
            "sentences": [{"id": "s1", "start": 0, "end": len(text), "text": text, "sentiment": "neutral"}],
            "entities": entities, "amounts": amounts}


def test_counts_per_split_language_and_total():
    org = {"label": "ORG", "entity_id": "openai", "sentiment": "positive"}
    per = {"label": "PER", "entity_id": "sam-altman", "sentiment": "neutral"}
    money = {"kind": "money"}
    documents = [
        _document("a", "train", "de", "OpenAI zahlt 5 Mio. Euro.", [org], [money], "positive"),  # 6 tokens
        _document("b", "test", "nl", "Altman en OpenAI.", [per, org], [], None),  # 4 tokens
    ]
    stats = compute_stats(documents)
    assert stats["total"]["documents"] == 2 and stats["total"]["tokens"] == 10
    assert stats["splits"]["train"]["tokens"] == 6 and stats["splits"]["validation"]["documents"] == 0
    assert stats["languages"]["nl"]["entities_per_label"] == {"PER": 1, "ORG": 1, "LOC": 0, "PRODUCT": 0, "MISC": 0}
    assert stats["total"]["distinct_entity_ids"] == 2
    assert stats["total"]["amounts_per_kind"] == {"money": 1, "count": 0, "percent": 0}
    assert stats["total"]["entity_sentiment"] == {"positive": 2, "negative": 0, "neutral": 1}
    assert stats["total"]["document_sentiment"] == {"positive": 1, "negative": 0, "neutral": 0, "mixed": 0, "unannotated": 1}
    assert "unannotated" not in stats["total"]["sentence_sentiment"]
    assert text_table(stats).splitlines()[0].split() == ["train", "validation", "test", "de", "nl", "total"]
    assert "| **documents** | 1 | 0 | 1 | 1 | 1 | 2 |" in markdown_table(stats)
