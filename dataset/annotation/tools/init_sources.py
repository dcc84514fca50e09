"""Create the gold files dataset/source/kiwi-00N.json with the sentence layer (run once, at the start).

Metadata comes from the spec (split, language), the raw file (text, sha256) and reading (url).
Later layers start empty and are marked unfinished in `status`.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path[:0] = [str(HERE), str(ROOT / "src")]

from draft_sentences import sentences  # noqa: E402
from kiwi_bench.corpus import dump_document  # noqa: E402
from kiwi_bench.labels import DOCUMENT_LANGUAGES, DOCUMENT_SPLITS  # noqa: E402

SEED_FILES = {
    "kiwi-000": "000_de01ce3ba887567f.txt",
    "kiwi-001": "001_f16c53568aded22b.txt",
    "kiwi-002": "002_21d43c3438c86a8e.txt",
    "kiwi-003": "003_57baac05c5f8387e.txt",
    "kiwi-004": "004_abceee5987586c5b.txt",
}
# Read off the texts: only kiwi-000 prints a source address ("Quelle: https://...").
URLS = {"kiwi-000": "https://tuoitre.vn/openai-va-canh-bac-ti-do-bien-chatgpt-thanh-he-dieu-hanh-toan-cau-20251013171238161.htm"}


def main() -> None:
    for doc_id, seed in SEED_FILES.items():
        raw = (ROOT / "dataset" / "raw" / f"{doc_id}.txt").read_bytes()
        text = raw.decode("utf-8").strip()
        document = {
            "id": doc_id,
            "language": DOCUMENT_LANGUAGES[doc_id],
            "split": DOCUMENT_SPLITS[doc_id],
            "title": text.split("\n", 1)[0].strip(),
            "source": {"file": seed, "sha256": hashlib.sha256(raw).hexdigest(), "url": URLS.get(doc_id)},
            "status": {"sentence_sentiment": "unfinished", "entities": "unfinished", "amounts": "unfinished", "document_sentiment": "unfinished"},
            "sentiment": None,
            "text": text,
            "sentences": [
                {"id": f"s{n}", "start": start, "end": end, "text": text[start:end], "sentiment": None}
                for n, (start, end) in enumerate(sentences(doc_id, text), 1)
            ],
            "entities": [],
            "amounts": [],
        }
        (ROOT / "dataset" / "source" / f"{doc_id}.json").write_text(dump_document(document), encoding="utf-8")


if __name__ == "__main__":
    main()
