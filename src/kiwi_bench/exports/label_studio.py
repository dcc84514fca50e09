"""Gold documents <-> Label Studio tasks (the labelling config is templates/label_studio.xml).

One task per document. `data` holds the text and every document field that is not annotated in
Label Studio (doc_id, language, split, title, source, status); the gold is the task's single
entry in `annotations`, a list of Label Studio results:
- one region per sentence, entity and amount: a `labels` result (control `sentence` with the label
  "Sentence", `entity` with PER/ORG/LOC/PRODUCT/MISC, `amount` with money/count/percent) whose
  `value` has start, end (code-point offsets into data.text) and the surface text;
- per-region results with the same region `id` for the attributes: choices `sentence_sentiment`,
  `entity_sentiment`, `qualifier`, `per`; text areas `entity_id`, `value` (the JSON number as
  written in the gold), `currency`, `unit`. A null attribute has no result;
- a task-level choices result `document_sentiment`.
Region ids are the gold ids (s1, e1, a1, ...); regions drawn in Label Studio get random ids.

The way back (`documents_from_tasks`) reads a Label Studio JSON export (the "JSON" format: a list of
tasks with `data` and `annotations`), takes each task's latest non-cancelled annotation, and
rebuilds gold documents with items sorted in text order and numbered s1.., e1.., a1.. (the
numbering `kiwi-bench validate` requires). Problems are one line each, naming the task, the
document and the region or field.

Offsets: Label Studio's Text tag counts code points (the fix of label-studio-frontend#308); older
versions counted UTF-16 code units, which differ after a character outside the BMP (an emoji).
The import checks every region's surface text against data.text and, if it does not match, tries
the offsets as UTF-16 units before reporting the region.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from kiwi_bench.core.errors import KiwiError, Problem
from kiwi_bench.core.labels import AMOUNT_KINDS, ENTITY_LABELS, ENTITY_SENTIMENTS, PERIODS, QUALIFIERS, SENTENCE_SENTIMENTS
from kiwi_bench.corpus.documents import Document, renumber, text_order
from kiwi_bench.exports.exporter import Exporter, Files

CONFIG_TEMPLATE = "label_studio.xml"
TO_NAME = "text"
SENTENCE_LABEL = "Sentence"
DOCUMENT_SENTIMENT = "document_sentiment"
DATA_FIELDS = ("doc_id", "language", "split", "title", "source", "status")

# Region control -> (gold layer, allowed labels).
REGION_CONTROLS: dict[str, tuple[str, tuple[str, ...]]] = {
    "sentence": ("sentences", (SENTENCE_LABEL,)),
    "entity": ("entities", ENTITY_LABELS),
    "amount": ("amounts", AMOUNT_KINDS),
}
# Per-region control -> (region control it belongs to, result type, gold field, allowed values or None).
ATTRIBUTE_CONTROLS: dict[str, tuple[str, str, str, tuple[str, ...] | None]] = {
    "sentence_sentiment": ("sentence", "choices", "sentiment", SENTENCE_SENTIMENTS),
    "entity_sentiment": ("entity", "choices", "sentiment", ENTITY_SENTIMENTS),
    "entity_id": ("entity", "textarea", "entity_id", None),
    "qualifier": ("amount", "choices", "qualifier", QUALIFIERS),
    "value": ("amount", "textarea", "value", None),
    "currency": ("amount", "textarea", "currency", None),
    "unit": ("amount", "textarea", "unit", None),
    "per": ("amount", "choices", "per", PERIODS),
}
_INVALID = object()  # an attribute result that was reported as invalid
REQUIRED_ATTRIBUTES = {"entity": ("entity_sentiment", "entity_id"), "amount": ("qualifier", "value"), "sentence": ()}


def labeling_config() -> str:
    """The shipped labelling config (XML) whose control names the tasks and the import use."""
    from kiwi_bench.core.templating import read_template

    return read_template(CONFIG_TEMPLATE)


# --- gold -> tasks -------------------------------------------------------------------------------

def _span(item: dict) -> dict[str, Any]:
    return {"start": item["start"], "end": item["end"], "text": item["text"]}


def _result(region_id: str, control: str, kind: str, value: dict[str, Any]) -> dict[str, Any]:
    return {"id": region_id, "from_name": control, "to_name": TO_NAME, "type": kind, "value": value}


def _attributes(item: dict, control: str) -> list[dict[str, Any]]:
    results = []
    for name, (owner, kind, field, _) in ATTRIBUTE_CONTROLS.items():
        if owner != control or item[field] is None:
            continue
        if kind == "choices":
            value = {**_span(item), "choices": [item[field]]}
        else:
            text = json.dumps(item[field]) if field == "value" else item[field]
            value = {"start": item["start"], "end": item["end"], "text": [text]}
        results.append(_result(item["id"], name, kind, value))
    return results


def document_task(document: Document) -> dict[str, Any]:
    """The Label Studio task of one gold document, the gold as its one annotation."""
    source = document["source"]
    data = {"text": document["text"], "doc_id": document["id"], "language": document["language"],
            "split": document["split"], "title": document["title"],
            "source": {"file": source["file"], "sha256": source["sha256"], "url": source["url"]},
            "status": dict(document["status"])}
    result: list[dict[str, Any]] = []
    for control, (layer, _) in REGION_CONTROLS.items():
        for item in document[layer]:
            label = SENTENCE_LABEL if control == "sentence" else item["label" if control == "entity" else "kind"]
            result.append(_result(item["id"], control, "labels", {**_span(item), "labels": [label]}))
            result += _attributes(item, control)
    if document["sentiment"] is not None:
        result.append(_result("document", DOCUMENT_SENTIMENT, "choices", {"choices": [document["sentiment"]]}))
    return {"data": data, "annotations": [{"result": result}]}


def to_tasks(documents: list[Document]) -> list[dict[str, Any]]:
    """The tasks of `documents` (in the order given)."""
    return [document_task(document) for document in documents]


def dump_tasks(tasks: list[dict[str, Any]]) -> str:
    """The tasks file text: UTF-8 JSON, two-space indent, non-ASCII kept."""
    return json.dumps(tasks, ensure_ascii=False, indent=2) + "\n"


def files(documents: list[Document]) -> Files:
    """tasks.json (the tasks of `documents`, in the order given) and the labelling config."""
    return {"tasks.json": dump_tasks(to_tasks(documents)).encode("utf-8"),
            "label_studio.xml": labeling_config().encode("utf-8")}


EXPORTER = Exporter("label-studio", files, single_file=False, kind="tasks")


# --- tasks -> gold -------------------------------------------------------------------------------

def utf16_to_index(text: str, units: int) -> int | None:
    """The code-point index of UTF-16 offset `units` in `text` (None if it splits a surrogate pair)."""
    count = 0
    for index, char in enumerate(text):
        if count == units:
            return index
        if count > units:
            return None
        count += 2 if ord(char) > 0xFFFF else 1
    return len(text) if count == units else None


def task_label(raw: Any, index: int) -> str:
    """How problems name a task: `task <id>` by its Label Studio task id, or `task #<n>` (1-based position) without one."""
    task_id = raw.get("id") if isinstance(raw, dict) else None
    if isinstance(task_id, (int, str)) and not isinstance(task_id, bool) and str(task_id):
        return f"task {task_id}"
    return f"task #{index + 1}"


# Top-level keys of a JSON-MIN export row (Label Studio flattens `data` and the latest annotation into one object).
_JSON_MIN_KEYS = frozenset({"annotator", "annotation_id", "lead_time"})


def _export_format_problem(tasks: list, name: str) -> Problem | None:
    """A one-line problem when `tasks` is not Label Studio's "JSON" export (JSON-MIN, or tasks without data)."""
    first = next((task for task in tasks if isinstance(task, dict)), None)
    if first is None or "data" in first:
        return None
    if _JSON_MIN_KEYS & set(first) or ("text" in first and "annotations" not in first):
        return Problem(name, "$", "this is a JSON-MIN export (flat rows without `data` and `annotations`): export the "
                                  "project again in Label Studio with the format \"JSON\" (Export > JSON)")
    return None


class _Task:
    """Problems of one task, each located at `task <id> (doc id) <field>`."""

    def __init__(self, name: str, label: str, doc_id: str):
        self.name, self.label, self.doc_id = name, label, doc_id
        self.problems: list[Problem] = []
        self.notes: list[str] = []

    def where(self, field: str = "") -> str:
        return f"{self.label} ({self.doc_id})" + (f" {field}" if field else "")

    def problem(self, field: str, message: str) -> None:
        self.problems.append(Problem(self.name, self.where(field), message))


def _one_string(values: Any) -> str | None | bool:
    """The single non-empty string of a text area / choices value; None if empty; False if invalid."""
    if isinstance(values, str):
        values = [values]
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        return False
    distinct = list(dict.fromkeys(v.strip() for v in values if v.strip()))
    if len(distinct) > 1:
        return False
    return distinct[0] if distinct else None


def _number(text: str) -> int | float | None:
    try:
        value = json.loads(text)
    except json.JSONDecodeError:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    return value


def _offsets(task: _Task, field: str, value: dict, text: str) -> tuple[int, int] | None:
    """Code-point (start, end) of a region value, checked against its surface text if it has one."""
    start, end = value.get("start"), value.get("end")
    if not (isinstance(start, int) and isinstance(end, int)) or isinstance(start, bool) or isinstance(end, bool):
        task.problem(field, f"start/end must be integers, got {start!r}/{end!r}")
        return None
    surface = value.get("text")
    if not isinstance(surface, str) or (0 <= start < end <= len(text) and text[start:end] == surface):
        if not 0 <= start < end <= len(text):
            task.problem(field, f"span [{start}, {end}) is empty or outside the text (length {len(text)})")
            return None
        return start, end
    first, last = utf16_to_index(text, start), utf16_to_index(text, end)
    if first is not None and last is not None and first < last and text[first:last] == surface:
        return first, last
    task.problem(field, f"surface {surface!r} is not the text at [{start}, {end}) ({text[start:end]!r})")
    return None


def _latest_annotation(task: _Task, raw: dict) -> list | None:
    annotations = [a for a in raw.get("annotations") or [] if isinstance(a, dict) and not a.get("was_cancelled")]
    if not annotations:
        has = " (it has predictions only: submit an annotation in Label Studio first)" if raw.get("predictions") else ""
        task.problem("annotations", f"no submitted annotation{has}")
        return None
    ranked = sorted(enumerate(annotations), key=lambda p: (str(p[1].get("updated_at") or p[1].get("created_at") or ""), p[0]))
    if len(annotations) > 1:
        task.notes.append(f"{task.where()}: {len(annotations)} annotations, using the latest (id {ranked[-1][1].get('id')})")
    result = ranked[-1][1].get("result")
    if not isinstance(result, list):
        task.problem("annotations.result", "must be a list of results")
        return None
    return result


def _regions(task: _Task, results: list, text: str) -> tuple[dict[str, dict], Any]:
    """Results grouped by region id -> {"control", "label", "start", "end", "attributes"}; and the document sentiment."""
    regions: dict[str, dict] = {}
    attributes: dict[str, dict[str, tuple[str, Any]]] = {}
    sentiment: Any = None
    for position, result in enumerate(results):
        if not isinstance(result, dict):
            task.problem(f"result[{position}]", "must be an object")
            continue
        control, kind, value = result.get("from_name"), result.get("type"), result.get("value")
        region_id = str(result.get("id"))
        field = f"result[{position}] ({control}, region {region_id})"
        if not isinstance(value, dict):
            task.problem(field, "value must be an object")
            continue
        if control == DOCUMENT_SENTIMENT:
            choice = _one_string(value.get("choices"))
            if choice is False or choice not in (None, *SENTENCE_SENTIMENTS):
                task.problem(field, f"must be one of {', '.join(SENTENCE_SENTIMENTS)}, got {value.get('choices')!r}")
            sentiment = choice or None
        elif control in REGION_CONTROLS:
            labels = value.get("labels")
            allowed = REGION_CONTROLS[control][1]
            if kind != "labels" or not isinstance(labels, list) or len(labels) != 1 or labels[0] not in allowed:
                task.problem(field, f"needs exactly one label of {', '.join(allowed)}, got {labels!r}")
                continue
            if region_id in regions:
                task.problem(field, f"region {region_id} has more than one label ({regions[region_id]['label']}, {labels[0]})")
                continue
            offsets = _offsets(task, field, value, text)
            if offsets is not None:
                regions[region_id] = {"control": control, "label": labels[0], "start": offsets[0], "end": offsets[1]}
        elif control in ATTRIBUTE_CONTROLS:
            _, expected, _, allowed = ATTRIBUTE_CONTROLS[control]  # type: ignore[assignment]
            raw = value.get("choices" if expected == "choices" else "text")
            choice = _one_string(raw)
            if kind != expected or choice is False or (allowed is not None and choice is not None and choice not in allowed):
                options = f"one of {', '.join(allowed)}" if allowed else "one line of text"
                task.problem(field, f"must be {options} ({expected}), got {raw!r}")
                choice = _INVALID  # type: ignore[assignment]
            attributes.setdefault(region_id, {})[control] = (field, choice)
        else:
            task.problem(field, f"unknown control {control!r}: use the labelling config shipped by `kiwi-bench export label-studio`")
    for region_id, values in attributes.items():
        region = regions.get(region_id)
        for control, (field, choice) in values.items():
            if region is None:
                task.problem(field, f"attribute of region {region_id}, which has no label (or an invalid one)")
            elif ATTRIBUTE_CONTROLS[control][0] != region["control"]:
                task.problem(field, f"{control} does not apply to a {region['control']} region")
            else:
                region.setdefault("attributes", {})[control] = choice
    return regions, sentiment


def _item(task: _Task, region_id: str, region: dict, text: str) -> dict | None:
    """The gold item (without id) of a region, or None after reporting what is missing or invalid."""
    start, end, control = region["start"], region["end"], region["control"]
    values = region.get("attributes", {})
    field = f"region {region_id} ({control} {text[start:end]!r})"
    missing = [name for name in REQUIRED_ATTRIBUTES[control] if values.get(name) is None]
    if missing:
        task.problem(field, f"{' and '.join(missing)} missing")
    if missing or _INVALID in values.values():
        return None
    item: dict[str, Any] = {"start": start, "end": end, "text": text[start:end]}
    if control == "sentence":
        item["sentiment"] = values.get("sentence_sentiment")
    elif control == "entity":
        item.update(label=region["label"], entity_id=values["entity_id"], sentiment=values["entity_sentiment"])
    else:
        number = _number(values["value"])
        if number is None:
            task.problem(f"{field} value", f"{values['value']!r} is not a JSON number (e.g. 7800000000 or 33.333333)")
            return None
        item.update(kind=region["label"], value=number, currency=values.get("currency"), unit=values.get("unit"),
                    qualifier=values["qualifier"], per=values.get("per"))
    return item


def document_from_task(raw: Any, index: int, name: str) -> tuple[Document, dict[tuple[str, int], str], list[str]]:
    """The gold document of one exported task (at position `index`), the region id of every (layer, index) item, and notes.

    Raises KiwiError with every problem found in the task.
    """
    task = _Task(name, task_label(raw, index), "?")
    if not isinstance(raw, dict) or not isinstance(raw.get("data"), dict):
        task.problem("data", "a task must be an object with a `data` object")
        raise KiwiError(task.problems)
    data = raw["data"]
    task.doc_id = str(data.get("doc_id"))
    if not re.fullmatch(r"kiwi-[0-9]{3}", task.doc_id):
        task.problem("data.doc_id", f"{data.get('doc_id')!r} is not a KIWI document id (kiwi-000 ...)")
        raise KiwiError(task.problems)
    text = data.get("text")
    if not isinstance(text, str) or not text:
        task.problem("data.text", "missing or not a string")
        raise KiwiError(task.problems)
    missing = [f for f in DATA_FIELDS if f not in data]
    if missing:
        task.problem("data", f"missing {', '.join(missing)} (export the tasks from the project that `kiwi-bench export label-studio` filled)")
    results = _latest_annotation(task, raw)
    if task.problems or results is None:
        raise KiwiError(task.problems)
    regions, sentiment = _regions(task, results, text)
    layers: dict[str, list[tuple[dict, str]]] = {layer: [] for layer, _ in REGION_CONTROLS.values()}
    for region_id, region in regions.items():
        item = _item(task, region_id, region, text)
        if item is not None:
            layers[REGION_CONTROLS[region["control"]][0]].append((item, region_id))
    if task.problems:
        raise KiwiError(task.problems)
    region_of: dict[tuple[str, int], str] = {}
    numbered: dict[str, list[dict]] = {}
    for layer, pairs in layers.items():
        pairs.sort(key=lambda pair: text_order(pair[0]))
        numbered[layer] = renumber(layer, [item for item, _ in pairs])
        region_of.update({(layer, index): region_id for index, (_, region_id) in enumerate(pairs)})
    document = {
        "id": data["doc_id"], "language": data["language"], "split": data["split"], "title": data["title"],
        "source": data["source"], "status": data["status"], "sentiment": sentiment, "text": text,
        "sentences": numbered["sentences"], "entities": numbered["entities"], "amounts": numbered["amounts"],
    }
    return document, region_of, task.notes


def documents_from_tasks(tasks: Any, name: str) -> tuple[list[tuple[str, Document, dict[tuple[str, int], str]]], list[str]]:
    """(task label, document, region ids) of every task of a Label Studio JSON export, and notes.

    Tasks are named by their Label Studio `id` (`task 17`); tasks without one (a tasks file that
    did not go through Label Studio) by their 1-based position (`task #3`).
    Raises KiwiError with the problems of all tasks at once."""
    if not isinstance(tasks, list):
        raise KiwiError([Problem(name, "$", "a Label Studio JSON export is a list of tasks (export the project with "
                                            "the format \"JSON\")")])
    wrong_format = _export_format_problem(tasks, name)
    if wrong_format:
        raise KiwiError([wrong_format])
    problems: list[Problem] = []
    documents = []
    notes: list[str] = []
    seen: dict[str, str] = {}
    for index, raw in enumerate(tasks):
        try:
            document, region_of, task_notes = document_from_task(raw, index, name)
        except KiwiError as error:
            problems += error.problems
            continue
        label = task_label(raw, index)
        if document["id"] in seen:
            problems.append(Problem(name, f"{label} ({document['id']}) data.doc_id", f"same document as {seen[document['id']]}"))
            continue
        seen[document["id"]] = label
        documents.append((label, document, region_of))
        notes += task_notes
    if problems:
        raise KiwiError(problems)
    return documents, notes
