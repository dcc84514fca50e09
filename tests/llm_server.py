"""A real OpenAI-compatible HTTP server for the LLM harness tests (127.0.0.1, port 0, in a thread).

`ChatServer(respond)` serves `POST /v1/chat/completions`; `respond(body)` returns a `Reply`
(status, JSON body or raw text, headers, delay). `Oracle` answers from the gold of the requested
document; `Script` plays scripted replies for chosen documents before falling back to the oracle.
Every request body the server received is kept in `server.bodies`.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from kiwi_bench.systems.llm.prompt import flatten, gold_reply


@dataclass
class Reply:
    """One HTTP answer: status, body (dict -> JSON, str -> raw text), extra headers, delay in seconds."""

    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


def completion(content: str | None, *, model: str = "oracle-1", finish_reason: str = "stop",
               fingerprint: str | None = "fp-oracle", usage: dict | None = None) -> dict[str, Any]:
    """A chat.completion body with one choice."""
    return {"id": "chatcmpl-test", "object": "chat.completion", "created": 1764547200, "model": model,
            "system_fingerprint": fingerprint,
            "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": finish_reason}],
            "usage": usage or {"prompt_tokens": 1000, "completion_tokens": 200, "total_tokens": 1200,
                               "prompt_tokens_details": {"cached_tokens": 100},
                               "completion_tokens_details": {"reasoning_tokens": 10}}}


def error(status: int, message: str, headers: dict[str, str] | None = None) -> Reply:
    """An OpenAI-style error reply."""
    return Reply(status, {"error": {"message": message, "type": "invalid_request_error", "code": None}}, headers or {})


def listed_sentences(body: dict[str, Any]) -> list[str]:
    """The sentence texts ("[s1] text" lines) of the last user message that lists sentences (a repair
    request ends with the repair instruction, after the document)."""
    for message in reversed(body["messages"]):
        lines = [line.split("] ", 1)[1] for line in message["content"].splitlines() if line.startswith("[s") and "] " in line]
        if message["role"] == "user" and lines:
            return lines
    return []


def document_of(body: dict[str, Any], documents: list[dict]) -> dict:
    """The gold document whose sentence list the request's last user message carries."""
    listed = listed_sentences(body)
    for document in documents:
        if [flatten(s["text"]) for s in document["sentences"]] == listed:
            return document
    raise LookupError("no document matches the request's sentence list")


class Oracle:
    """A model that answers every request with the gold reply of the requested document."""

    def __init__(self, documents: list[dict], model: str = "oracle-1"):
        self.documents, self.model = documents, model

    def content(self, body: dict[str, Any]) -> str:
        return json.dumps(gold_reply(document_of(body, self.documents)), ensure_ascii=False)

    def __call__(self, body: dict[str, Any]) -> Reply:
        return Reply(200, completion(self.content(body), model=self.model))


class Script:
    """Scripted replies per document id, played in order; after them (or for other documents), the oracle.

    A script entry is a Reply or a callable(body, oracle_content) -> Reply.
    """

    def __init__(self, oracle: Oracle, scripts: dict[str, list[Any]]):
        self.oracle, self.scripts = oracle, {k: list(v) for k, v in scripts.items()}
        self.lock = threading.Lock()

    def __call__(self, body: dict[str, Any]) -> Reply:
        doc_id = document_of(body, self.oracle.documents)["id"]
        with self.lock:
            queue = self.scripts.get(doc_id)
            entry = queue.pop(0) if queue else None
        if entry is None:
            return self.oracle(body)
        return entry(body, self.oracle.content(body)) if callable(entry) else entry


class ChatServer:
    """A ThreadingHTTPServer on 127.0.0.1 (port 0) serving POST /v1/chat/completions in a thread."""

    def __init__(self, respond: Callable[[dict[str, Any]], Reply]):
        self.respond = respond
        self.bodies: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body in separate writes would wait for delayed ACKs (40 ms)

            def log_message(self, *args: Any) -> None:  # keep test output clean
                pass

            def do_POST(self) -> None:  # noqa: N802 - the http.server API
                length = int(self.headers.get("content-length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                if self.path.rstrip("/") != "/v1/chat/completions":
                    reply = error(404, f"no route {self.path}")
                else:
                    server.bodies.append(body)
                    server.headers.append(dict(self.headers))
                    try:
                        reply = server.respond(body)
                    except Exception as failure:  # noqa: BLE001 - a test bug shows as a 500, not a traceback
                        reply = error(500, f"test server: {type(failure).__name__}: {failure}")
                if reply.delay:
                    time.sleep(reply.delay)
                payload = reply.body if isinstance(reply.body, str) else json.dumps(reply.body)
                data = payload.encode("utf-8")
                try:
                    self.send_response(reply.status)
                    self.send_header("content-type", "application/json")
                    self.send_header("content-length", str(len(data)))
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}/v1"

    def __enter__(self) -> ChatServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)
