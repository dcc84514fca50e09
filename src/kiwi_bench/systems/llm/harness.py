"""A harness run: documents in; span-based and span-free records, failures and statistics out.

One chat request per document (the versioned prompt, few-shot examples, the document as a sentence
list). Responses come from the cache when their request is there, else from the server (and are
appended to the cache). A reply that does not parse or validate gets one repair request quoting
the error; `finish_reason: "length"` is a failure. Documents run concurrently (a bounded thread
pool); nothing in a record depends on the order in which they finish, so `--concurrency 1` and `8`
write the same files.

Structured output (`--structured`): `json_schema` sends the reply schema (strict), `json_object`
asks for any JSON object, `none` sends no response_format. `auto` starts with `json_schema` and,
when the server rejects `response_format` with a 400, falls back to `json_object`, then `none`, for
the rest of the run (recorded in the metadata). Cached responses of any mode at or below the
current one are used before anything is sent.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field, fields
from typing import Any

from kiwi_bench.core.errors import KiwiError
from kiwi_bench.corpus.documents import Document
from kiwi_bench.systems.extractors import canonical_record
from kiwi_bench.systems.llm.cache import ResponseCache, request_key
from kiwi_bench.systems.llm.client import ChatClient
from kiwi_bench.systems.llm.grounding import LAYERS, STATUSES, ground_reply
from kiwi_bench.systems.llm.prompt import DEFAULT_PROMPT, load_prompt
from kiwi_bench.systems.llm.reply import ReplyError, parse_reply, strict_schema

MODES = ("json_schema", "json_object", "none")
STRUCTURED_CHOICES = ("auto", *MODES)
REPAIR = ("Your reply could not be used: {error}.\n"
          "Reply again with only the corrected JSON object for the same article, following the reply format exactly.")


@dataclass(frozen=True)
class Settings:
    """Everything that decides a run's requests, plus how they are sent (timeout, retries, concurrency)."""

    model: str
    base_url: str | None = None
    api_key: str | None = None
    prompt: str = DEFAULT_PROMPT
    shots: int = 1
    concurrency: int = 4
    temperature: float = 0.0
    seed: int = 0
    max_tokens: int | None = None
    timeout: float = 120.0
    retries: int = 4
    structured: str = "auto"
    offline: bool = False
    backoff: float = 0.5
    prices: dict[str, float] | None = None

    @classmethod
    def from_mapping(cls, values: dict[str, Any], where: str) -> Settings:
        """Settings from a config mapping (unknown keys are a one-line error naming `where`)."""
        known = {f.name for f in fields(cls)} - {"api_key"}
        unknown = sorted(set(values) - known)
        if unknown:
            raise KiwiError(f"{where}: unknown setting(s) {', '.join(unknown)} (known: {', '.join(sorted(known))}; "
                            "the API key is read from OPENAI_API_KEY only)")
        if "model" not in values:
            raise KiwiError(f"{where}: 'model' is required")
        for name, value in values.items():
            expected = _TYPES[name]
            if not isinstance(value, expected) or (isinstance(value, bool) and bool not in expected):
                names = "/".join("null" if t is type(None) else t.__name__ for t in expected)
                raise KiwiError(f"{where}: {name} must be {names}, not {value!r}")
        settings = cls(**{k: v for k, v in values.items() if k in known})
        settings.check(where)
        return settings

    def check(self, where: str = "llm") -> None:
        if self.structured not in STRUCTURED_CHOICES:
            raise KiwiError(f"{where}: structured must be one of {', '.join(STRUCTURED_CHOICES)}, not {self.structured!r}")
        if self.concurrency < 1 or self.retries < 0 or self.shots < 0 or self.timeout <= 0:
            raise KiwiError(f"{where}: concurrency must be >= 1, retries and shots >= 0, timeout > 0")
        if self.prices is not None and not set(self.prices) <= {"prompt", "completion", "cached_prompt"}:
            raise KiwiError(f"{where}: prices may only give 'prompt', 'completion' and 'cached_prompt' (per token)")


_TYPES: dict[str, tuple[type, ...]] = {
    "model": (str,), "base_url": (str, type(None)), "prompt": (str,), "shots": (int,), "concurrency": (int,),
    "temperature": (int, float), "seed": (int,), "max_tokens": (int, type(None)), "timeout": (int, float),
    "retries": (int,), "structured": (str,), "offline": (bool,), "backoff": (int, float), "prices": (dict, type(None))}


class Failure(Exception):
    """A document that could not be predicted; the message is its one-line reason."""


@dataclass
class DocumentResult:
    """The records of one predicted document and what its grounding and parsing did."""

    record: dict[str, Any]
    span_free: dict[str, Any]
    grounding: dict[str, Counter]
    notes: dict[str, int]


@dataclass
class RunResult:
    """The outcome of a run: results and failures by document id, the request log and counters."""

    results: dict[str, DocumentResult] = field(default_factory=dict)
    failures: dict[str, str] = field(default_factory=dict)
    requests: list[dict[str, Any]] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)
    usage: Counter = field(default_factory=Counter)
    models: set = field(default_factory=set)
    fingerprints: set = field(default_factory=set)
    fallbacks: list[dict[str, str]] = field(default_factory=list)
    mode: str = ""
    seconds: float = 0.0

    def records(self) -> list[dict[str, Any]]:
        """Span-based records (with `ungrounded`), canonical and sorted by id."""
        return [canonical_record(self.results[doc_id].record) for doc_id in sorted(self.results)]

    def span_free_records(self) -> list[dict[str, Any]]:
        """Span-free records of every item, canonical and sorted by id."""
        return [canonical_record(self.results[doc_id].span_free) for doc_id in sorted(self.results)]

    def grounding(self) -> dict[str, dict[str, int]]:
        """Items per layer and grounding status, summed over documents."""
        return {layer: {status: sum(r.grounding[layer][status] for r in self.results.values()) for status in STATUSES}
                for layer in LAYERS}

    def notes(self) -> dict[str, int]:
        total: Counter = Counter()
        for result in self.results.values():
            total.update(result.notes)
        return dict(sorted(total.items()))


def _choice(body: dict[str, Any]) -> tuple[str | None, str | None]:
    """(content, finish_reason) of the first choice; Failure when the body has none."""
    choices = body.get("choices")
    if not isinstance(choices, list) or not choices or not isinstance(choices[0], dict):
        raise Failure("the response has no choices")
    message = choices[0].get("message") or {}
    content = message.get("content") if isinstance(message, dict) else None
    return (content if isinstance(content, str) else None), choices[0].get("finish_reason")


class Harness:
    """Runs documents through one model with one prompt, cache and set of few-shot examples."""

    def __init__(self, settings: Settings, cache: ResponseCache, examples: list[Document] | None = None):
        settings.check()
        self.settings = settings
        self.cache = cache
        self.examples = list(examples or [])
        self.prompt = load_prompt(settings.prompt)
        self._modes = MODES if settings.structured == "auto" else (settings.structured,)
        self._mode_index = 0
        self._lock = threading.Lock()
        self._client: ChatClient | None = None
        self._result = RunResult()

    # ---- requests -------------------------------------------------------------------------

    def build_request(self, messages: list[dict[str, str]], mode: str) -> dict[str, Any]:
        """The full request body: everything that decides the response, nothing else."""
        s = self.settings
        request: dict[str, Any] = {"model": s.model, "messages": messages, "temperature": s.temperature, "seed": s.seed}
        if s.max_tokens is not None:
            request["max_tokens"] = s.max_tokens
        if mode == "json_schema":
            request["response_format"] = {"type": "json_schema",
                                          "json_schema": {"name": "kiwi_reply", "strict": True, "schema": strict_schema()}}
        elif mode == "json_object":
            request["response_format"] = {"type": "json_object"}
        return request

    def connect(self) -> None:
        """Create the HTTP client now (run() otherwise creates it on the first request). The first client a
        process creates costs about 0.2 s once; a benchmark calls this before its clock, as it does for its peer."""
        self._client_for_run()

    def _client_for_run(self) -> ChatClient:
        with self._lock:
            if self._client is None:
                s = self.settings
                self._client = ChatClient(s.base_url, s.api_key, s.timeout, s.retries, s.backoff)
            return self._client

    def _log(self, entry: dict[str, Any]) -> None:
        with self._lock:
            self._result.requests.append(entry)

    def _count(self, name: str, amount: int = 1) -> None:
        with self._lock:
            self._result.counts[name] += amount

    def _fall_back(self, mode: str, reason: str) -> None:
        with self._lock:
            index = self._modes.index(mode)
            if self._mode_index == index and index + 1 < len(self._modes):
                self._mode_index = index + 1
                self._result.fallbacks.append({"from": mode, "to": self._modes[index + 1], "reason": reason})

    def _use(self, body: dict[str, Any]) -> None:
        """Record the model, fingerprint and token usage of a response the run uses."""
        usage: dict[str, Any] = body["usage"] if isinstance(body.get("usage"), dict) else {}
        prompt_details = usage.get("prompt_tokens_details") or {}
        completion_details = usage.get("completion_tokens_details") or {}
        with self._lock:
            if body.get("model"):
                self._result.models.add(str(body["model"]))
            if body.get("system_fingerprint"):
                self._result.fingerprints.add(str(body["system_fingerprint"]))
            for name, value in (("prompt", usage.get("prompt_tokens")), ("completion", usage.get("completion_tokens")),
                                ("cached_prompt", prompt_details.get("cached_tokens") if isinstance(prompt_details, dict) else None),
                                ("reasoning", completion_details.get("reasoning_tokens") if isinstance(completion_details, dict) else None)):
                if isinstance(value, int) and not isinstance(value, bool):
                    self._result.usage[name] += value

    def complete(self, doc_id: str, purpose: str, messages: list[dict[str, str]]) -> dict[str, Any]:
        """The response body for `messages`: from the cache, or sent (and cached); Failure otherwise."""
        while True:
            with self._lock:
                candidates = self._modes[self._mode_index:]
            keyed = []
            for mode in candidates:
                request = self.build_request(messages, mode)
                key = request_key(request)
                body = self.cache.get(key)
                if body is not None:
                    self._count("cache_hits")
                    self._log({"document": doc_id, "purpose": purpose, "key": key, "mode": mode, "cache": "hit"})
                    self._use(body)
                    return body
                keyed.append((mode, request, key))
            if self.settings.offline:
                raise Failure("no cached response for this request (--offline sends nothing; run without --offline, "
                              "or with the cache file of the run that made it)")
            mode, request, key = keyed[0]
            started = time.perf_counter()
            outcome = self._client_for_run().complete(request)
            self._count("requests_sent", len(outcome.attempts))
            self._count("retries", outcome.retries)
            self._log({"document": doc_id, "purpose": purpose, "key": key, "mode": mode, "cache": "miss",
                       "status": outcome.status, "retries": outcome.retries, "seconds": round(time.perf_counter() - started, 6),
                       "attempts": [{"status": a.status, "error": a.error, "seconds": round(a.seconds, 6)} for a in outcome.attempts]})
            if outcome.body is not None and outcome.status == 200:
                _choice(outcome.body)  # a body without a choice is a server fault: a Failure, and never cached
                self.cache.put(key, 0, request, outcome.body)
                self._use(outcome.body)
                return outcome.body
            if self.settings.structured == "auto" and outcome.rejects_response_format and mode != MODES[-1]:
                self._fall_back(mode, outcome.error or "")
                continue
            raise Failure(outcome.error or f"HTTP {outcome.status}")

    # ---- documents ------------------------------------------------------------------------

    def _reply(self, doc_id: str, purpose: str, messages: list[dict[str, str]]) -> str | None:
        content, finish = _choice(self.complete(doc_id, purpose, messages))
        if finish == "length":
            raise Failure('finish_reason "length": the reply was cut off (raise --max-tokens)'
                          + (" in the repair request" if purpose == "repair" else ""))
        return content

    def predict_document(self, document: Document) -> DocumentResult:
        """The records of one document (stripped or gold: only id, language, text and sentences are read)."""
        doc_id = document["id"]
        messages = self.prompt.messages(document, self.examples)
        content = self._reply(doc_id, "initial", messages)
        try:
            parsed = parse_reply(content, document["language"])
        except ReplyError as error:
            self._count("repairs")
            repair = [*messages, {"role": "assistant", "content": content or ""},
                      {"role": "user", "content": REPAIR.format(error=error)}]
            content = self._reply(doc_id, "repair", repair)
            try:
                parsed = parse_reply(content, document["language"])
            except ReplyError as second:
                raise Failure(f"invalid reply after one repair: {second}") from None
        grounded = ground_reply(parsed.reply, document)
        notes = dict(parsed.notes)
        if grounded.counts["sentences"]["dropped"]:
            notes["sentence_ids_dropped"] = grounded.counts["sentences"]["dropped"]
        return DocumentResult(grounded.record, grounded.span_free, grounded.counts, notes)

    def run(self, documents: list[Document], on_done: Callable[[str, RunResult], None] | None = None) -> RunResult:
        """Predict every document (at most `concurrency` at once); failures are collected, not raised."""
        self._result = result = RunResult()
        started = time.perf_counter()
        ordered = sorted(documents, key=lambda d: d["id"])
        pool = ThreadPoolExecutor(max_workers=self.settings.concurrency, thread_name_prefix="kiwi-llm")
        try:
            futures = {pool.submit(self.predict_document, document): document["id"] for document in ordered}
            for future in as_completed(futures):
                doc_id = futures[future]
                try:
                    outcome = future.result()
                except Failure as failure:
                    with self._lock:
                        result.failures[doc_id] = str(failure)
                else:
                    with self._lock:
                        result.results[doc_id] = outcome
                if on_done:
                    on_done(doc_id, result)
        except BaseException:
            # Ctrl-C or a crash: start nothing new; requests under way finish and are cached whole.
            pool.shutdown(wait=False, cancel_futures=True)
            raise
        pool.shutdown(wait=True)
        if self._client is not None:
            self._client.close()
            self._client = None
        result.counts["documents"] = len(ordered)
        result.counts["failures"] = len(result.failures)
        result.mode = self._modes[self._mode_index]
        result.seconds = time.perf_counter() - started
        order = {doc["id"]: k for k, doc in enumerate(ordered)}
        result.requests.sort(key=lambda entry: (order.get(entry["document"], 0), entry["purpose"] != "initial"))
        return result
