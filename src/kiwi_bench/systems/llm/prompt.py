"""The versioned prompt: messages for one document, and the reply the gold of a document would give.

A prompt is a folder `prompts/<id>/` shipped in the package: `prompt.json` (id, version),
`system.j2` (task, labels, attributes, hard cases, reply format) and `user.j2` (one document as a
numbered sentence list). Few-shot examples are whole training documents: their listing as a user
message, their gold reply as the assistant's answer. `Prompt.sha256` pins the rendered system
message and the user template, so any wording change shows in the run metadata and signature.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

from kiwi_bench.core.errors import KiwiError
from kiwi_bench.core.metadata import LANGUAGE_NAMES
from kiwi_bench.core.schemas import load_schema
from kiwi_bench.corpus.documents import Document

DEFAULT_PROMPT = "kiwi-extract-v1"
Message = dict[str, str]


def _prompt_dir(prompt_id: str) -> Any:
    return files("kiwi_bench.systems.llm") / "prompts" / prompt_id


def available_prompts() -> list[str]:
    """The ids of the prompts shipped in the package."""
    root = files("kiwi_bench.systems.llm") / "prompts"
    return sorted(entry.name for entry in root.iterdir() if (entry / "prompt.json").is_file())


def flatten(text: str) -> str:
    """A sentence as listed in the prompt: on one line (soft line breaks become spaces)."""
    return text.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")


@dataclass(frozen=True)
class Prompt:
    """A loaded prompt: its id and version, the rendered system message and the user template."""

    id: str
    version: str
    system: str
    user_template: Any
    user_source: str

    @property
    def sha256(self) -> str:
        """sha256 of the rendered system message and the user template (canonical JSON)."""
        payload = json.dumps({"system": self.system, "user": self.user_source}, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()

    def user_message(self, document: Document) -> Message:
        """The document to annotate, its sentences one per line as `[s1] <sentence text>`."""
        sentences = [{"id": s["id"], "text": flatten(s["text"])} for s in document["sentences"]]
        language = LANGUAGE_NAMES.get(document["language"], document["language"])
        return {"role": "user", "content": self.user_template.render(sentences=sentences, language_name=language)}

    def messages(self, document: Document, examples: list[Document]) -> list[Message]:
        """system, then (user, assistant) per example, then the document as the last user message."""
        messages = [{"role": "system", "content": self.system}]
        for example in examples:
            messages.append(self.user_message(example))
            messages.append({"role": "assistant", "content": json.dumps(gold_reply(example), ensure_ascii=False)})
        messages.append(self.user_message(document))
        return messages


@cache
def load_prompt(prompt_id: str = DEFAULT_PROMPT) -> Prompt:
    """The shipped prompt `prompt_id`; an unknown id is a one-line error listing the known ones."""
    try:
        import jinja2
    except ImportError:
        raise KiwiError("the LLM prompts need jinja2: pip install 'kiwi-bench[llm]'") from None

    folder = _prompt_dir(prompt_id)
    if not (folder / "prompt.json").is_file():
        raise KiwiError(f"unknown prompt {prompt_id!r} (shipped: {', '.join(available_prompts())})")
    meta = json.loads((folder / "prompt.json").read_text(encoding="utf-8"))
    environment = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True, autoescape=False)
    defs = load_schema("predictions")["$defs"]
    attributes = defs["amount_attributes"]
    system = environment.from_string((folder / "system.j2").read_text(encoding="utf-8")).render(
        labels=defs["label"]["enum"], sentence_sentiments=defs["sentence_sentiment"]["enum"],
        entity_sentiments=defs["entity_sentiment"]["enum"], kinds=attributes["kind"]["enum"],
        qualifiers=attributes["qualifier"]["enum"], periods=attributes["per"]["anyOf"][0]["enum"])
    user_source = (folder / "user.j2").read_text(encoding="utf-8")
    return Prompt(meta["id"], meta["version"], system, environment.from_string(user_source), user_source)


def sentence_of(document: Document, start: int, end: int) -> str | None:
    """The id of the sentence that contains [start, end), or None when the span crosses sentences."""
    for sentence in document["sentences"]:
        if sentence["start"] <= start and end <= sentence["end"]:
            return sentence["id"]
    return None


def gold_reply(document: Document) -> dict[str, Any]:
    """The reply a perfect model would give for a gold document (few-shot answers, the tests' oracle).

    Items are in text order, their `text` as the prompt lists it (one line per sentence).
    """
    def cited(item: dict) -> tuple[str, str]:
        sentence = sentence_of(document, item["start"], item["end"]) or "s1"
        return sentence, flatten(document["text"][item["start"]:item["end"]])

    entities, amounts = [], []
    for item in sorted(document["entities"], key=lambda i: (i["start"], i["end"])):
        sentence, text = cited(item)
        entities.append({"sentence": sentence, "text": text, "label": item["label"],
                         "sentiment": item.get("sentiment"), "entity_id": item.get("entity_id")})
    for item in sorted(document["amounts"], key=lambda i: (i["start"], i["end"])):
        sentence, text = cited(item)
        amounts.append({"sentence": sentence, "text": text, **{key: item.get(key) for key in
                        ("kind", "value", "currency", "unit", "qualifier", "per")}})
    return {"sentiment": document.get("sentiment"),
            "sentences": [{"id": s["id"], "sentiment": s.get("sentiment")} for s in document["sentences"]],
            "entities": entities, "amounts": amounts}
