"""One chat-completion request over the official `openai` client, with KIWI's retry policy.

Retried with exponential backoff, honouring `Retry-After` (seconds or an HTTP date) and
`retry-after-ms`: 408, 409, 429, every 5xx, timeouts and connection errors, as the OpenAI SDK
itself does; the SDK's own retries are switched off so that every attempt is counted and timed.
Any other status (400, 401, 404, ...) fails at once; `Outcome.rejects_response_format` says
whether a 400 rejected `response_format` (the caller may then fall back to a weaker mode).
"""

from __future__ import annotations

import email.utils
import json
import threading
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

RETRYABLE = frozenset({408, 409, 429})
MAX_RETRY_AFTER = 60.0
PLACEHOLDER_KEY = "kiwi-no-key"
"""Sent when OPENAI_API_KEY is unset: local servers (vLLM, Ollama, llama.cpp) need no key, the SDK needs one."""
_FORMAT_WORDS = ("response_format", "json_schema", "json_object", "structured output", "guided", "grammar")


@dataclass
class Attempt:
    """One HTTP attempt: its status (None for a connection error or timeout), error text and duration."""

    status: int | None
    error: str | None
    seconds: float


@dataclass
class Outcome:
    """The result of one request after retries: the decoded body on success, else the last error."""

    body: dict[str, Any] | None
    status: int | None
    error: str | None
    attempts: list[Attempt] = field(default_factory=list)

    @property
    def retries(self) -> int:
        return max(len(self.attempts) - 1, 0)

    @property
    def rejects_response_format(self) -> bool:
        """A 400 whose message is about response_format / structured output."""
        return self.status == 400 and any(word in (self.error or "").lower() for word in _FORMAT_WORDS)


def require_openai() -> Any:
    """The `openai` module, or a one-line error saying how to install it (the `llm` extra)."""
    try:
        import openai
    except ImportError:
        from kiwi_bench.core.errors import KiwiError

        raise KiwiError("the LLM harness needs the official openai client: pip install 'kiwi-bench[llm]'") from None
    return openai


def openai_version() -> str | None:
    """The installed openai version, or None (an offline replay does not need the client)."""
    try:
        import openai
    except ImportError:
        return None
    return str(openai.__version__)


def base_url_host(base_url: str | None) -> str | None:
    """The host (and port) of the base URL, as recorded in run.json (never the path or credentials)."""
    if not base_url:
        return None
    parts = urlsplit(base_url)
    return parts.hostname + (f":{parts.port}" if parts.port else "") if parts.hostname else None


def retry_after(headers: Any) -> float | None:
    """Seconds to wait from `retry-after-ms` or `Retry-After` (seconds or HTTP date), capped; None if absent."""
    if headers is None:
        return None
    milliseconds = headers.get("retry-after-ms")
    if milliseconds is not None:
        try:
            return min(max(float(milliseconds) / 1000, 0.0), MAX_RETRY_AFTER)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return min(max(float(value), 0.0), MAX_RETRY_AFTER)
    except ValueError:
        when = email.utils.parsedate_to_datetime(value) if value else None
        if when is None:
            return None
        return min(max(when.timestamp() - time.time(), 0.0), MAX_RETRY_AFTER)


class ChatClient:
    """Sends request bodies to `POST {base_url}/chat/completions` and returns decoded response bodies."""

    def __init__(self, base_url: str | None, api_key: str | None, timeout: float, retries: int, backoff: float = 0.5):
        openai = require_openai()

        self.retries, self.backoff = retries, backoff
        self._client = openai.OpenAI(base_url=base_url, api_key=api_key or PLACEHOLDER_KEY, timeout=timeout, max_retries=0)
        self._lock = threading.Lock()

    def close(self) -> None:
        self._client.close()

    def _wait(self, attempt: int, headers: Any) -> None:
        delay = retry_after(headers)
        time.sleep(delay if delay is not None else min(self.backoff * 2 ** attempt, 30.0))

    def complete(self, request: dict[str, Any]) -> Outcome:
        """POST one request body (retrying per the module rules); never raises for HTTP or network errors."""
        import openai

        outcome = Outcome(None, None, None)
        for attempt in range(self.retries + 1):
            started = time.perf_counter()
            headers = None
            try:
                raw = self._client.chat.completions.with_raw_response.create(**request)
                text = raw.http_response.text
                outcome.attempts.append(Attempt(raw.http_response.status_code, None, time.perf_counter() - started))
                try:
                    body = json.loads(text)
                except json.JSONDecodeError:
                    body = None
                if not isinstance(body, dict):
                    outcome.status, outcome.error = raw.http_response.status_code, "the response body is not a JSON object"
                    return outcome
                outcome.body, outcome.status, outcome.error = body, raw.http_response.status_code, None
                return outcome
            except openai.APIStatusError as error:
                status, message, headers = error.status_code, _message(error), error.response.headers
                retryable = status in RETRYABLE or status >= 500
            except openai.APITimeoutError:
                status, message, retryable = None, f"timed out after {self._client.timeout} s", True
            except openai.APIConnectionError as error:
                status, message, retryable = None, f"connection error: {error.__cause__ or error}", True
            outcome.attempts.append(Attempt(status, message, time.perf_counter() - started))
            outcome.status, outcome.error = status, message
            if not retryable or attempt == self.retries:
                return outcome
            self._wait(attempt, headers)
        return outcome


def _message(error: Any) -> str:
    """`HTTP <status>: <the server's error message>` on one line."""
    body = getattr(error, "body", None)
    detail = body.get("message") if isinstance(body, dict) else None
    if detail is None and isinstance(body, dict) and isinstance(body.get("error"), dict):
        detail = body["error"].get("message")
    text = str(detail if detail is not None else error.message)
    return f"HTTP {error.status_code}: " + " ".join(text.split())[:300]
