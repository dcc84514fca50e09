"""run.json: everything needed to know what produced a run's predictions, and its signature.

The run signature pins what decides the predictions (package, model, prompt id/version/sha256,
reply schema, few-shot examples, sampling, structured-output mode, split data), in the style of the
scorer's signature, e.g.
`kiwi:0.1.0|model:qwen3-8b|prompt:kiwi-extract-v1/1.0.0/3f2a9c0d1e4b|reply:8c1d...|shots:kiwi-000|temperature:0|seed:0|max_tokens:none|structured:json_schema|split:test|data:3f2a9c0d1e4b`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import platform
from typing import Any

from kiwi_bench.core.schemas import load_schema, schema_path
from kiwi_bench.corpus.documents import Document
from kiwi_bench.scoring.signature import data_hash, signature
from kiwi_bench.systems.llm.client import base_url_host, openai_version
from kiwi_bench.systems.llm.grounding import LAYERS
from kiwi_bench.systems.llm.harness import RunResult, Settings
from kiwi_bench.systems.llm.prompt import load_prompt
from kiwi_bench.systems.llm.reply import SCHEMA_NAME

RUN_FORMAT = "1.0"
DEFAULT_BASE_URL = "https://api.openai.com/v1"


def reply_schema_sha256() -> str:
    """sha256 of the bytes of schema/llm-reply.schema.json."""
    return hashlib.sha256(schema_path(SCHEMA_NAME).read_bytes()).hexdigest()


def _number(value: float) -> str:
    return f"{value:g}"


def run_signature(settings: Settings, mode: str, examples: list[str], split: str, data: str) -> str:
    """The run's signature string (see the module docstring)."""
    from kiwi_bench.core.version import __version__

    prompt = load_prompt(settings.prompt)
    fields = [f"kiwi:{__version__}", f"model:{settings.model}", f"prompt:{prompt.id}/{prompt.version}/{prompt.sha256[:12]}",
              f"reply:{reply_schema_sha256()[:12]}", f"shots:{','.join(examples) or 'none'}",
              f"temperature:{_number(settings.temperature)}", f"seed:{settings.seed}",
              f"max_tokens:{settings.max_tokens if settings.max_tokens is not None else 'none'}",
              f"structured:{mode}", f"split:{split}", f"data:{data}"]
    return "|".join(fields)


def cost(usage: dict[str, int], prices: dict[str, float] | None) -> float | None:
    """Cost from per-token prices given in the config (never guessed): uncached prompt tokens at
    `prompt`, cached ones at `cached_prompt` (else `prompt`), completion tokens at `completion`."""
    if not prices:
        return None
    cached = usage.get("cached_prompt", 0)
    prompt_price = prices.get("prompt", 0.0)
    return ((usage.get("prompt", 0) - cached) * prompt_price + cached * prices.get("cached_prompt", prompt_price)
            + usage.get("completion", 0) * prices.get("completion", 0.0))


def grounding_summary(result: RunResult) -> dict[str, Any]:
    """Items per layer and status, and the share of items placed in the text (`rate`)."""
    counts = result.grounding()
    total = sum(sum(layer.values()) for layer in counts.values())
    placed = total - sum(counts[layer]["ungrounded"] for layer in LAYERS)
    return {**counts, "items": total, "grounded": placed, "rate": (placed / total) if total else None}


def run_metadata(settings: Settings, result: RunResult, *, split: str, gold: list[Document], examples: list[str],
                 cache_file: str | None) -> dict[str, Any]:
    """The content of run.json for one finished run (`gold`: the split's gold documents, for the signatures)."""
    from kiwi_bench.core.version import __version__

    prompt = load_prompt(settings.prompt)
    data = data_hash(gold)
    usage = {name: int(result.usage.get(name, 0)) for name in ("prompt", "completion", "cached_prompt", "reasoning")}
    predicted = sorted(result.results)
    return {
        "format": RUN_FORMAT,
        "created": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z"),
        "run_signature": run_signature(settings, result.mode, examples, split, data),
        "scorer_signature": signature(data, split, 1000, 0),
        "split": split,
        "documents": sorted(d["id"] for d in gold),
        "model": {"requested": settings.model, "reported": sorted(result.models),
                  "system_fingerprints": sorted(result.fingerprints)},
        "endpoint": {"host": base_url_host(settings.base_url or DEFAULT_BASE_URL)},
        "prompt": {"id": prompt.id, "version": prompt.version, "sha256": prompt.sha256},
        "reply_schema": {"id": load_schema(SCHEMA_NAME)["$id"], "sha256": reply_schema_sha256()},
        "sampling": {"temperature": settings.temperature, "seed": settings.seed, "max_tokens": settings.max_tokens},
        "structured_output": {"requested": settings.structured, "used": result.mode, "fallbacks": result.fallbacks},
        "few_shot": {"shots": settings.shots, "examples": examples},
        "client": {"concurrency": settings.concurrency, "timeout": settings.timeout, "retries": settings.retries,
                   "offline": settings.offline, "cache": cache_file},
        "versions": {"kiwi-bench": __version__, "openai": openai_version(), "python": platform.python_version()},
        "counts": {"documents": len(gold), "predicted": len(predicted), "failures": len(result.failures),
                   "requests": len(result.requests), "http_requests": int(result.counts.get("requests_sent", 0)),
                   "cache_hits": int(result.counts.get("cache_hits", 0)), "retries": int(result.counts.get("retries", 0)),
                   "repairs": int(result.counts.get("repairs", 0))},
        "usage": {"prompt_tokens": usage["prompt"], "completion_tokens": usage["completion"],
                  "cached_prompt_tokens": usage["cached_prompt"], "reasoning_tokens": usage["reasoning"]},
        "cost": cost(usage, settings.prices),
        "prices": settings.prices,
        "grounding": grounding_summary(result),
        "reply_notes": result.notes(),
        "failures": [{"id": doc_id, "reason": reason} for doc_id, reason in sorted(result.failures.items())],
        "seconds": round(result.seconds, 3),
    }
