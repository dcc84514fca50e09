"""A model's reply text -> a validated reply object, or one error message for the repair request.

Accepted besides the bare JSON object (each counted in `ParsedReply.notes`): a leading
`<think>...</think>` block, a Markdown code fence around the object, optional attributes left out
(they become null), an `entity_id` that is not a slug (slugified) or is missing (the slug of the
text: a file gives ids on all its entities or on none), and an amount `value` written as
a German or Dutch number string ("38 Mrd.", "1.234,5"), read by the project's amount normaliser.
Everything else is checked against schema/llm-reply.schema.json.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from kiwi_bench.core.schemas import load_schema, validator

SCHEMA_NAME = "llm-reply"
THINK = re.compile(r"^\s*<think>.*?</think>\s*", re.DOTALL)
FENCE = re.compile(r"^\s*```[A-Za-z0-9_-]*[ \t]*\r?\n(.*?)\r?\n?```\s*$", re.DOTALL)
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


class ReplyError(ValueError):
    """A reply that does not parse or validate; the message is quoted back to the model."""


@dataclass
class ParsedReply:
    """The validated reply and what had to be accepted leniently (note name -> count)."""

    reply: dict[str, Any]
    notes: dict[str, int] = field(default_factory=dict)

    def note(self, name: str, count: int = 1) -> None:
        self.notes[name] = self.notes.get(name, 0) + count


def _optional(kind: str) -> list[str]:
    """The attributes of an item kind that the strict schema requires but the harness lets a model omit."""
    items = load_schema(SCHEMA_NAME)["properties"][kind]["items"]
    essential = {"entities": {"sentence", "text", "label"}, "amounts": {"sentence", "text", "kind", "value"}}[kind]
    return [name for name in items["required"] if name not in essential]


def strip_wrapping(content: str, parsed: ParsedReply | None = None) -> str:
    """The reply without a leading <think> block and without a surrounding Markdown code fence."""
    match = THINK.match(content)
    if match:
        content = content[match.end():]
        if parsed:
            parsed.note("think_block")
    fence = FENCE.match(content)
    if fence:
        content = fence.group(1)
        if parsed:
            parsed.note("code_fence")
    return content


def slugify(name: str) -> str:
    """A lowercase ASCII slug: diacritics dropped, every run of other characters one hyphen."""
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _number_from_string(value: str, language: str) -> float | int | None:
    from kiwi_bench.baselines.amounts import normalize_amount

    for candidate in (language, "de", "nl"):
        found = normalize_amount(value, candidate)
        if found is not None:
            return found["value"]
    try:
        number = float(value.strip())
    except ValueError:
        return None
    return number if number == number and abs(number) != float("inf") else None


def _lenient(reply: dict[str, Any], language: str, parsed: ParsedReply) -> None:
    """Fill omitted optional attributes with null, slugify ids, read number strings; in place."""
    for kind in ("entities", "amounts"):
        items = reply.get(kind)
        if not isinstance(items, list):
            continue
        optional = _optional(kind)
        for item in items:
            if not isinstance(item, dict):
                continue
            for name in optional:
                if name not in item:
                    item[name] = None
                    parsed.note("omitted_attributes")
            if kind == "entities" and isinstance(item.get("entity_id"), str) and not SLUG.match(item["entity_id"]):
                item["entity_id"] = slugify(item["entity_id"]) or None
                parsed.note("entity_ids_slugified")
            if kind == "entities" and item.get("entity_id") is None and isinstance(item.get("text"), str) and item["text"]:
                # the prediction format wants ids on all entities of a file or on none
                item["entity_id"] = slugify(item["text"]) or item["text"].casefold()
                parsed.note("entity_ids_from_text")
            if kind == "amounts" and isinstance(item.get("value"), str):
                number = _number_from_string(item["value"], language)
                if number is not None:
                    item["value"] = number
                    parsed.note("values_from_strings")


def _enum(properties: dict[str, Any], name: str) -> frozenset:
    return frozenset(properties[name]["enum"])


_PROPS = load_schema(SCHEMA_NAME)["properties"]
_SENTENCE = _PROPS["sentences"]["items"]["properties"]
_ENTITY = _PROPS["entities"]["items"]["properties"]
_AMOUNT = _PROPS["amounts"]["items"]["properties"]
_SENTENCE_ID = re.compile(_SENTENCE["id"]["pattern"])
_CURRENCY = re.compile(_AMOUNT["currency"]["pattern"])
_CHECKS: dict[str, Any] = {
    "sentiment": _enum(_PROPS, "sentiment"), "sentence_sentiment": _enum(_SENTENCE, "sentiment"),
    "label": _enum(_ENTITY, "label"), "entity_sentiment": _enum(_ENTITY, "sentiment"), "kind": _enum(_AMOUNT, "kind"),
    "qualifier": _enum(_AMOUNT, "qualifier"), "per": _enum(_AMOUNT, "per")}


def _keys_are(item: Any, properties: dict[str, Any]) -> bool:
    return type(item) is dict and item.keys() == properties.keys()


def _text(value: Any) -> bool:
    return type(value) is str and len(value) >= 1


def _sentence_ok(item: Any) -> bool:
    return (_keys_are(item, _SENTENCE) and type(item["id"]) is str and bool(_SENTENCE_ID.search(item["id"]))
            and type(item["sentiment"]) is str and item["sentiment"] in _CHECKS["sentence_sentiment"])


def _entity_ok(item: Any) -> bool:
    return (_keys_are(item, _ENTITY) and type(item["sentence"]) is str and _text(item["text"])
            and type(item["label"]) is str and item["label"] in _CHECKS["label"]
            and (item["sentiment"] is None or (type(item["sentiment"]) is str and item["sentiment"] in _CHECKS["entity_sentiment"]))
            and (item["entity_id"] is None or type(item["entity_id"]) is str))


def _amount_ok(item: Any) -> bool:
    if not (_keys_are(item, _AMOUNT) and type(item["sentence"]) is str and _text(item["text"])):
        return False
    currency, unit = item["currency"], item["unit"]
    return (type(item["kind"]) is str and item["kind"] in _CHECKS["kind"] and type(item["value"]) in (int, float)
            and (currency is None or (type(currency) is str and bool(_CURRENCY.search(currency))))
            and (unit is None or type(unit) is str)
            and all(item[name] is None or (type(item[name]) is str and item[name] in _CHECKS[name]) for name in ("qualifier", "per")))


def reply_ok(value: Any) -> bool:
    """Whether `value` is valid under schema/llm-reply.schema.json (the same answer as jsonschema, much faster;
    a test keeps the two equivalent). jsonschema is used only to word the problems of an invalid reply."""
    return (_keys_are(value, _PROPS) and type(value["sentiment"]) is str and value["sentiment"] in _CHECKS["sentiment"]
            and all(type(value[key]) is list and all(map(check, value[key]))
                    for key, check in (("sentences", _sentence_ok), ("entities", _entity_ok), ("amounts", _amount_ok))))


def _describe(error: Any) -> str:
    path = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in error.absolute_path).lstrip(".")
    return f"{path or 'the reply'}: {error.message}"


def parse_reply(content: str | None, language: str) -> ParsedReply:
    """The validated reply in `content` (a chat message's text); ReplyError says what is wrong."""
    if content is None or not content.strip():
        raise ReplyError("the reply is empty; expected one JSON object")
    parsed = ParsedReply({})
    text = strip_wrapping(content, parsed)
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        raise ReplyError(f"the reply is not valid JSON: {error.msg} at line {error.lineno} column {error.colno}") from None
    if not isinstance(value, dict):
        raise ReplyError(f"the reply is a JSON {type(value).__name__}, not an object")
    _lenient(value, language, parsed)
    errors = [] if reply_ok(value) else sorted(validator(SCHEMA_NAME).iter_errors(value), key=lambda e: [str(p) for p in e.absolute_path])
    if errors:
        shown = "; ".join(_describe(error) for error in errors[:5])
        more = f" (and {len(errors) - 5} more problems)" if len(errors) > 5 else ""
        raise ReplyError(f"the reply does not match the schema: {shown}{more}")
    parsed.reply = value
    return parsed


def strict_schema() -> dict[str, Any]:
    """The reply schema as sent in `response_format` (json_schema, strict): without $schema/$id/title/description."""
    schema = dict(load_schema(SCHEMA_NAME))
    for key in ("$schema", "$id", "title", "description"):
        schema.pop(key, None)
    return schema
