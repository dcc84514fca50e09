"""Wall time of `kiwi-bench llm run`'s harness against a server with a fixed latency, next to the ideal
and to the bare `openai` client sending the same requests from the same number of threads.

A local OpenAI-compatible server (tests/llm_server.py, 127.0.0.1, in a separate process) answers
every request after a fixed delay (default 200 ms) with the gold reply of the requested document. The workload is
`--requests` synthetic documents (default 200): the five gold documents, each copied with a
numbered first line ("Meldung 17.") so that every request differs. Three figures:

- ideal: requests x latency / concurrency;
- peer: the official `openai` client alone (no prompt, parsing, grounding or cache), the same
  request bodies from a thread pool of the same size;
- harness: `Harness.run` with an empty cache file (prompt rendering, requests, parsing,
  grounding, cache appends);
- overhead per document: the harness again, every response from the cache (nothing sent), so
  the time is the harness's own work per document.

Usage: .venv/bin/python benchmarks/llm_throughput.py [--requests 200] [--latency 0.2] [--concurrency 16]
"""

from __future__ import annotations

import argparse
import copy
import json
import multiprocessing
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # the test suite's server: one definition of the fake endpoint

from kiwi_bench.corpus.documents import load_documents  # noqa: E402
from kiwi_bench.systems.llm.cache import ResponseCache  # noqa: E402
from kiwi_bench.systems.llm.harness import Harness, Settings  # noqa: E402
from kiwi_bench.systems.llm.prompt import flatten, gold_reply  # noqa: E402
from llm_server import ChatServer, Reply, completion, listed_sentences  # noqa: E402


def synthetic(documents: list[dict], count: int) -> list[dict]:
    """`count` documents: gold copies with a numbered first sentence, offsets and sentence ids shifted."""
    result = []
    for n in range(count):
        source = documents[n % len(documents)]
        head = f"Meldung {n}."
        shift = len(head) + 1
        doc = copy.deepcopy(source)
        doc["id"] = f"syn-{n:04d}"
        doc["text"] = f"{head}\n{source['text']}"
        doc["sentences"] = [{"id": "s1", "start": 0, "end": len(head), "text": head, "sentiment": "neutral"}] + [
            {**s, "id": f"s{k + 2}", "start": s["start"] + shift, "end": s["end"] + shift} for k, s in enumerate(source["sentences"])]
        for layer in ("entities", "amounts"):
            doc[layer] = [{**item, "start": item["start"] + shift, "end": item["end"] + shift} for item in source[layer]]
        result.append(doc)
    return result


def serve(documents: list[dict], latency: float, ports: multiprocessing.Queue, stop: multiprocessing.Event) -> None:
    """The server, in its own process (so that it does not compete with the harness for the GIL):
    every answer is the gold reply of the requested document, after `latency` seconds."""
    answers = {tuple(flatten(s["text"]) for s in d["sentences"]): json.dumps(gold_reply(d), ensure_ascii=False)
               for d in documents}
    with ChatServer(lambda body: Reply(200, completion(answers[tuple(listed_sentences(body))]), delay=latency)) as server:
        ports.put(server.base_url)
        stop.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--latency", type=float, default=0.2)
    parser.add_argument("--concurrency", type=int, default=16)
    args = parser.parse_args()

    documents = synthetic(load_documents(ROOT / "dataset"), args.requests)
    context = multiprocessing.get_context("fork")
    ports, stop = context.Queue(), context.Event()
    process = context.Process(target=serve, args=(documents, args.latency, ports, stop), daemon=True)
    process.start()
    try:
        base_url = ports.get(timeout=60)
        settings = Settings(model="bench", base_url=base_url, shots=0, concurrency=args.concurrency, timeout=30.0, retries=0)
        probe = Harness(settings, ResponseCache(None))
        bodies = [probe.build_request(probe.prompt.messages(d, []), "json_schema") for d in documents]

        import openai

        client = openai.OpenAI(base_url=base_url, api_key="bench", timeout=30.0, max_retries=0)
        client.chat.completions.with_raw_response.create(**bodies[0])  # warm up the connection pool
        start = time.perf_counter()
        with ThreadPoolExecutor(max_workers=args.concurrency) as pool:
            list(pool.map(lambda body: client.chat.completions.with_raw_response.create(**body).http_response.text, bodies))
        peer = time.perf_counter() - start
        client.close()

        cache = ResponseCache(Path(tempfile.mkdtemp(prefix="kiwi-bench-")) / "cache.jsonl")  # a real cache file
        harness_run = Harness(settings, cache)
        harness_run.connect()  # like the peer's client, created before the clock (a fixed start-up cost)
        start = time.perf_counter()
        result = harness_run.run(documents)
        harness = time.perf_counter() - start
        assert not result.failures, result.failures
    finally:
        stop.set()
        process.join(timeout=10)

    start = time.perf_counter()
    replay = Harness(Settings(model="bench", shots=0, concurrency=1, offline=True), cache).run(documents)
    own = (time.perf_counter() - start) / len(documents)
    assert not replay.failures and replay.records() == result.records()

    ideal = args.requests * args.latency / args.concurrency
    print(f"{args.requests} requests, {args.latency * 1000:.0f} ms latency, concurrency {args.concurrency}")
    print(f"ideal (requests x latency / concurrency): {ideal:.2f} s")
    print(f"peer, openai client alone:                {peer:.2f} s  ({peer / ideal:.3f} x ideal)")
    print(f"KIWI harness:                             {harness:.2f} s  ({harness / ideal:.3f} x ideal, {harness / peer:.3f} x peer)")
    print(f"harness overhead per document (cached, nothing sent): {own * 1000:.2f} ms "
          "(prompt rendering, cache lookup, parsing, grounding)")
    print(f"within 15% of ideal: {harness <= 1.15 * ideal}; overhead under 5 ms: {own < 0.005}")


if __name__ == "__main__":
    main()
