"""`kiwi-bench llm run` against a real OpenAI-compatible server on 127.0.0.1, through the official client.

The server (tests/llm_server.py) answers from the gold (the oracle) or plays scripted faults. Timeouts,
backoff and Retry-After are tiny so that the suite stays fast.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiwi_bench import evaluate
from kiwi_bench.cli import main
from kiwi_bench.corpus.documents import load_documents
from kiwi_bench.systems.llm.harness import Settings
from kiwi_bench.systems.llm.prompt import flatten
from kiwi_bench.systems.llm.reply import strict_schema
from kiwi_bench.systems.llm.run import run_to_directory
from kiwi_test_paths import DATASET
from llm_server import ChatServer, Oracle, Reply, Script, completion, error, listed_sentences

DOCUMENTS = load_documents(DATASET)
TEST_IDS = sorted(d["id"] for d in DOCUMENTS if d["split"] == "test")
FAST = {"timeout": 2.0, "retries": 2, "backoff": 0.01}


def _run(tmp_path: Path, server: ChatServer, name: str = "run", **changes):
    settings = Settings(**{"model": "kiwi-oracle", "base_url": server.base_url, **FAST, **changes})
    run_dir = tmp_path / name
    return run_dir, run_to_directory(settings, DOCUMENTS, "test", run_dir, show_progress=False)


def _files(run_dir: Path) -> dict[str, bytes]:
    return {name: (run_dir / name).read_bytes() for name in ("predictions.jsonl", "predictions.span-free.jsonl")}


def _run_json(run_dir: Path) -> dict:
    return json.loads((run_dir / "run.json").read_text(encoding="utf-8"))


def _cli(*args: str) -> int:
    return main([*args])


# ---- the oracle ------------------------------------------------------------------------------------

def test_the_oracle_scores_one_after_grounding(tmp_path):
    with ChatServer(Oracle(DOCUMENTS)) as server:
        run_dir, outcome = _run(tmp_path, server)
    assert outcome.failures == {}
    report = evaluate(run_dir / "predictions.jsonl", split="test", resamples=0).report
    assert report["entities"]["strict"]["f1"] == 1.0
    assert report["entities"]["sentiment"]["end_to_end"]["f1"] == 1.0
    assert report["amounts"]["end_to_end"]["f1"] == 1.0
    assert report["sentences"]["sentiment"]["accuracy"] == 1.0
    assert report["documents"]["sentiment"]["accuracy"] == 1.0
    assert report["entities"]["linking"]["end_to_end"]["conll_f1"] == 1.0  # the gold's entity ids, passed through
    span_free = evaluate(run_dir / "predictions.span-free.jsonl", split="test", resamples=0).report
    assert span_free["entities"]["span_free"]["f1"] == 1.0
    grounding = _run_json(run_dir)["grounding"]
    assert grounding["rate"] == 1.0 and grounding["entities"]["ungrounded"] == grounding["amounts"]["ungrounded"] == 0


def test_the_requests_carry_model_sampling_schema_and_the_sentence_list(tmp_path):
    with ChatServer(Oracle(DOCUMENTS)) as server:
        _run(tmp_path, server, temperature=0.0, seed=7, max_tokens=4096)
    assert len(server.bodies) == len(TEST_IDS)
    by_listing = {tuple(listed_sentences(body)): body for body in server.bodies}
    for doc_id in TEST_IDS:
        document = next(d for d in DOCUMENTS if d["id"] == doc_id)
        body = by_listing[tuple(flatten(s["text"]) for s in document["sentences"])]
        assert body["model"] == "kiwi-oracle" and body["seed"] == 7 and body["temperature"] == 0
        assert body["max_tokens"] == 4096
        assert body["response_format"] == {"type": "json_schema",
                                           "json_schema": {"name": "kiwi_reply", "strict": True, "schema": strict_schema()}}
        assert [m["role"] for m in body["messages"]] == ["system", "user", "assistant", "user"]
        assert "kiwi-000" not in json.dumps(body)  # the example is shown by content, never by id
    assert all({k.lower(): v for k, v in headers.items()}.get("authorization", "").startswith("Bearer ") for headers in server.headers)


def test_run_json_records_what_produced_the_run(tmp_path, monkeypatch):
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    with ChatServer(Oracle(DOCUMENTS, model="served-model-v2")) as server:
        run_dir, _ = _run(tmp_path, server, prices={"prompt": 1e-6, "completion": 2e-6, "cached_prompt": 5e-7})
    meta = _run_json(run_dir)
    assert meta["model"] == {"requested": "kiwi-oracle", "reported": ["served-model-v2"], "system_fingerprints": ["fp-oracle"]}
    assert meta["endpoint"]["host"].startswith("127.0.0.1:")
    assert meta["prompt"]["id"] == "kiwi-extract-v1" and len(meta["prompt"]["sha256"]) == 64
    assert meta["few_shot"] == {"shots": 1, "examples": ["kiwi-000"]}
    assert meta["structured_output"] == {"requested": "auto", "used": "json_schema", "fallbacks": []}
    assert set(meta["versions"]) == {"kiwi-bench", "openai", "python"}
    assert meta["counts"] == {"documents": 3, "predicted": 3, "failures": 0, "requests": 3, "http_requests": 3,
                              "cache_hits": 0, "retries": 0, "repairs": 0}
    # the test server reports 1000 prompt (100 cached), 200 completion and 10 reasoning tokens per response
    assert meta["usage"] == {"prompt_tokens": 3000, "completion_tokens": 600, "cached_prompt_tokens": 300, "reasoning_tokens": 30}
    assert meta["cost"] == pytest.approx(2700 * 1e-6 + 300 * 5e-7 + 600 * 2e-6)
    assert meta["scorer_signature"] == evaluate(run_dir / "predictions.jsonl", split="test").signature
    assert f"prompt:kiwi-extract-v1/1.0.0/{meta['prompt']['sha256'][:12]}" in meta["run_signature"]
    requests = [json.loads(line) for line in (run_dir / "requests.jsonl").read_text().splitlines()]
    assert [r["cache"] for r in requests] == ["miss"] * 3 and all("seconds" in r for r in requests)
    assert "Bearer" not in (run_dir / "cache.jsonl").read_text() and "kiwi-no-key" not in (run_dir / "cache.jsonl").read_text()


# ---- cache and replay ------------------------------------------------------------------------------

def test_offline_replay_with_the_server_stopped_is_byte_identical(tmp_path, capsys):
    with ChatServer(Oracle(DOCUMENTS)) as server:
        url = server.base_url
        assert _cli("llm", "run", "--model", "m", "--base-url", url, "-o", str(tmp_path / "a"), "--no-progress",
                    "--timeout", "2") == 0
    first = _files(tmp_path / "a")
    capsys.readouterr()
    assert _cli("evaluate", str(tmp_path / "a" / "predictions.jsonl"), "--split", "test", "--json") == 0
    first_scores = capsys.readouterr().out
    args = ["llm", "run", "--model", "m", "--base-url", url, "-o", str(tmp_path / "b"), "--offline", "--no-progress",
            "--cache", str(tmp_path / "a" / "cache.jsonl")]
    assert _cli(*args) == 0
    assert _files(tmp_path / "b") == first
    capsys.readouterr()
    assert _cli("evaluate", str(tmp_path / "b" / "predictions.jsonl"), "--split", "test", "--json") == 0
    assert capsys.readouterr().out == first_scores
    assert _run_json(tmp_path / "b")["counts"]["http_requests"] == 0


def test_a_second_run_with_the_same_cache_sends_nothing(tmp_path):
    with ChatServer(Oracle(DOCUMENTS)) as server:
        run_dir, _ = _run(tmp_path, server)
        _run(tmp_path, server)  # same run directory, same cache
    assert len(server.bodies) == 3
    assert _run_json(run_dir)["counts"]["cache_hits"] == 3


def test_offline_cache_miss_is_one_line_naming_the_document(tmp_path, capsys):
    code = _cli("llm", "run", "--model", "m", "--base-url", "http://127.0.0.1:9/v1", "-o", str(tmp_path / "r"),
                "--offline", "--no-progress")
    err = capsys.readouterr().err.splitlines()
    assert code == 1
    assert [line.split(":")[0] for line in err] == TEST_IDS
    assert all("no cached response" in line for line in err)


def test_concurrency_one_and_eight_write_identical_files(tmp_path):
    scripts = {"kiwi-003": [error(500, "busy")], "kiwi-001": [Reply(200, completion("not json"))]}
    with ChatServer(Script(Oracle(DOCUMENTS), scripts)) as server:
        one, _ = _run(tmp_path, server, "c1", concurrency=1)
    with ChatServer(Script(Oracle(DOCUMENTS), scripts)) as server:
        eight, _ = _run(tmp_path, server, "c8", concurrency=8)
    assert _files(one) == _files(eight)
    assert _run_json(one)["grounding"] == _run_json(eight)["grounding"]


def test_a_torn_cache_line_is_ignored_and_the_run_resumes(tmp_path, capsys):
    with ChatServer(Oracle(DOCUMENTS)) as server:
        run_dir, _ = _run(tmp_path, server)
        expected = _files(run_dir)
        cache = run_dir / "cache.jsonl"
        lines = cache.read_bytes().splitlines(keepends=True)
        cache.write_bytes(b"".join(lines[:2]) + lines[2][: len(lines[2]) // 2])  # as if killed while writing line 3
        capsys.readouterr()
        _run(tmp_path, server)
        assert "ignoring a torn last cache line" in capsys.readouterr().err
    assert len(server.bodies) == 4  # only the torn response was asked again
    assert _files(run_dir) == expected
    assert [json.loads(line)["key"] for line in cache.read_text().splitlines()].__len__() == 3


# ---- faults -------------------------------------------------------------------------------------------

def _single_fault(tmp_path, entries, **changes):
    with ChatServer(Script(Oracle(DOCUMENTS), {"kiwi-003": entries})) as server:
        run_dir, outcome = _run(tmp_path, server, **changes)
    return server, run_dir, outcome, _run_json(run_dir)


def test_429_with_retry_after_zero_is_retried(tmp_path):
    _, run_dir, outcome, meta = _single_fault(tmp_path, [error(429, "slow down", {"Retry-After": "0"})])
    assert outcome.failures == {} and meta["counts"]["retries"] == 1 and meta["counts"]["http_requests"] == 4
    requests = [json.loads(line) for line in (run_dir / "requests.jsonl").read_text().splitlines()]
    retried = next(r for r in requests if r["retries"])
    assert retried["document"] == "kiwi-003" and [a["status"] for a in retried["attempts"]] == [429, 200]


def test_500_then_success_is_retried(tmp_path):
    _, _, outcome, meta = _single_fault(tmp_path, [error(500, "oops"), error(503, "busy")])
    assert outcome.failures == {} and meta["counts"]["retries"] == 2


def test_a_reply_slower_than_the_timeout_is_retried(tmp_path):
    slow = Reply(200, completion("{}"), delay=0.6)
    _, _, outcome, meta = _single_fault(tmp_path, [slow], timeout=0.25)
    assert outcome.failures == {} and meta["counts"]["retries"] == 1


def test_retries_exhausted_fail_the_document_and_a_rerun_resumes(tmp_path, capsys):
    with ChatServer(Script(Oracle(DOCUMENTS), {"kiwi-003": [error(502, "bad gateway")] * 3})) as server:
        run_dir, outcome = _run(tmp_path, server)
        assert outcome.failures == {"kiwi-003": "HTTP 502: bad gateway"}
        assert "kiwi-003: failed: HTTP 502: bad gateway" in capsys.readouterr().err
        records = [json.loads(line) for line in (run_dir / "predictions.jsonl").read_text().splitlines()]
        assert [r["id"] for r in records] == ["kiwi-001", "kiwi-004"]
        assert _run_json(run_dir)["failures"] == [{"id": "kiwi-003", "reason": "HTTP 502: bad gateway"}]
        sent = len(server.bodies)
        _, again = _run(tmp_path, server)
    assert again.failures == {} and len(server.bodies) == sent + 1  # only the failed document is asked again


@pytest.mark.parametrize("status", [400, 401, 404])
def test_400_401_404_are_not_retried(tmp_path, status):
    server, _, outcome, meta = _single_fault(tmp_path, [error(status, "no such model")])
    assert outcome.failures == {"kiwi-003": f"HTTP {status}: no such model"}
    assert meta["counts"]["retries"] == 0 and len(server.bodies) == 3


def test_the_command_exits_1_and_lists_each_failure(tmp_path, capsys):
    with ChatServer(Script(Oracle(DOCUMENTS), {"kiwi-001": [error(401, "bad key")], "kiwi-004": [error(404, "no model")]})) as server:
        code = _cli("llm", "run", "--model", "m", "--base-url", server.base_url, "-o", str(tmp_path / "r"), "--no-progress")
    err = capsys.readouterr().err.splitlines()
    assert code == 1
    assert err == ["kiwi-001: failed: HTTP 401: bad key", "kiwi-004: failed: HTTP 404: no model"]


def test_a_400_rejecting_response_format_falls_back_to_json_object_then_none(tmp_path):
    def reject(kinds):
        def respond(body):
            kind = (body.get("response_format") or {}).get("type")
            if kind in kinds:
                return error(400, f"response_format type {kind} is not supported by this server")
            return oracle(body)
        return respond

    oracle = Oracle(DOCUMENTS)
    with ChatServer(reject({"json_schema"})) as server:
        run_dir, outcome = _run(tmp_path, server, "object")
    meta = _run_json(run_dir)
    assert outcome.failures == {} and meta["structured_output"]["used"] == "json_object"
    assert meta["structured_output"]["fallbacks"][0]["from"] == "json_schema"
    assert server.bodies[-1]["response_format"] == {"type": "json_object"}
    with ChatServer(reject({"json_schema", "json_object"})) as server:
        run_dir, outcome = _run(tmp_path, server, "none", concurrency=1)
    meta = _run_json(run_dir)
    assert outcome.failures == {} and meta["structured_output"]["used"] == "none"
    assert [f["to"] for f in meta["structured_output"]["fallbacks"]] == ["json_object", "none"]
    assert "response_format" not in server.bodies[-1] and len(server.bodies) == 5  # 2 rejections, then 3 documents
    with ChatServer(reject({"json_schema"})) as server:
        _, outcome = _run(tmp_path, server, "strict", structured="json_schema")
    assert set(outcome.failures) == set(TEST_IDS)  # an explicit mode never falls back


def test_invalid_json_gets_one_repair_request_quoting_the_error_and_it_is_cached(tmp_path):
    server, run_dir, outcome, meta = _single_fault(tmp_path, [Reply(200, completion('{"sentiment": "mixed", '))])
    assert outcome.failures == {} and meta["counts"]["repairs"] == 1
    repair = server.bodies[-1] if len(server.bodies[-1]["messages"]) > 4 else next(b for b in server.bodies if len(b["messages"]) > 4)
    assert repair["messages"][-2] == {"role": "assistant", "content": '{"sentiment": "mixed", '}
    assert "not valid JSON" in repair["messages"][-1]["content"]
    assert len((run_dir / "cache.jsonl").read_text().splitlines()) == 4
    replay = run_to_directory(Settings(model="kiwi-oracle", offline=True), DOCUMENTS, "test", tmp_path / "replay",
                              cache_path=run_dir / "cache.jsonl", show_progress=False)
    assert replay.failures == {} and _files(tmp_path / "replay") == _files(run_dir)


def test_a_reply_still_invalid_after_the_repair_fails_the_document(tmp_path):
    bad = Reply(200, completion("Sorry, I cannot help with that."))
    _, _, outcome, _ = _single_fault(tmp_path, [bad, bad])
    assert outcome.failures["kiwi-003"].startswith("invalid reply after one repair: the reply is not valid JSON")


@pytest.mark.parametrize(("wrap", "note"), [
    (lambda text: f"```json\n{text}\n```", "code_fence"),
    (lambda text: f"<think>Erst die Sätze, dann die Namen.</think>\n{text}", "think_block"),
])
def test_fenced_and_thinking_replies_are_accepted_and_counted(tmp_path, wrap, note):
    entry = lambda body, content: Reply(200, completion(wrap(content)))  # noqa: E731
    _, run_dir, outcome, meta = _single_fault(tmp_path, [entry])
    assert outcome.failures == {} and meta["reply_notes"] == {note: 1} and meta["counts"]["repairs"] == 0
    assert evaluate(run_dir / "predictions.jsonl", split="test", resamples=0)["entities.strict.f1"] == 1.0


def test_finish_reason_length_is_a_failure_with_that_reason(tmp_path):
    entry = lambda body, content: Reply(200, completion(content[:100], finish_reason="length"))  # noqa: E731
    _, _, outcome, meta = _single_fault(tmp_path, [entry])
    assert 'finish_reason "length"' in outcome.failures["kiwi-003"] and meta["counts"]["repairs"] == 0


def test_null_content_gets_a_repair(tmp_path):
    server, _, outcome, meta = _single_fault(tmp_path, [Reply(200, completion(None))])
    assert outcome.failures == {} and meta["counts"]["repairs"] == 1
    assert any("the reply is empty" in b["messages"][-1]["content"] for b in server.bodies)


def test_an_unknown_label_gets_a_repair_naming_it(tmp_path):
    def unknown(body, content):
        reply = json.loads(content)
        reply["entities"][0]["label"] = "COMPANY"
        return Reply(200, completion(json.dumps(reply)))
    server, _, outcome, meta = _single_fault(tmp_path, [unknown])
    assert outcome.failures == {} and meta["counts"]["repairs"] == 1
    assert any("'COMPANY' is not one of" in b["messages"][-1]["content"] for b in server.bodies)


def test_a_hallucinated_entity_is_ungrounded_and_counted_spurious(tmp_path):
    def hallucinate(body, content):
        reply = json.loads(content)
        reply["entities"].append({"sentence": "s2", "text": "Siemens Energy", "label": "ORG", "sentiment": "neutral",
                                  "entity_id": "siemens-energy"})
        return Reply(200, completion(json.dumps(reply)))
    _, run_dir, outcome, meta = _single_fault(tmp_path, [hallucinate])
    record = next(json.loads(line) for line in (run_dir / "predictions.jsonl").read_text().splitlines() if '"kiwi-003"' in line)
    assert record["ungrounded"] == {"entities": [{"sentence": "s2", "text": "Siemens Energy", "label": "ORG",
                                                  "sentiment": "neutral", "entity_id": "siemens-energy"}]}
    assert meta["grounding"]["entities"]["ungrounded"] == 1
    strict = evaluate(run_dir / "predictions.jsonl", split="test", resamples=0).report["entities"]["strict"]
    assert (strict["spurious"], strict["recall"]) == (1, 1.0)
    assert strict["precision"] == pytest.approx(strict["correct"] / (strict["correct"] + 1))
    free = [json.loads(line) for line in (run_dir / "predictions.span-free.jsonl").read_text().splitlines()]
    assert any(e["text"] == "Siemens Energy" for r in free for e in r["entities"])


def test_a_value_given_as_a_string_is_read_with_the_amount_normaliser(tmp_path):
    def as_string(body, content):
        reply = json.loads(content)
        reply["amounts"][0]["value"] = "38 Mrd."
        return Reply(200, completion(json.dumps(reply)))
    with ChatServer(Script(Oracle(DOCUMENTS), {"kiwi-001": [as_string]})) as server:
        run_dir, outcome = _run(tmp_path, server)
    record = json.loads((run_dir / "predictions.jsonl").read_text().splitlines()[0])
    first = min(record["amounts"], key=lambda a: a["start"])
    assert outcome.failures == {} and first["value"] == 38000000000
    assert _run_json(run_dir)["reply_notes"] == {"values_from_strings": 1}


# ---- the extractor ----------------------------------------------------------------------------------

def test_predict_llm_with_a_config_runs_the_extractor(tmp_path, capsys):
    with ChatServer(Oracle(DOCUMENTS)) as server:
        config = tmp_path / "llm.toml"
        config.write_text(f'[params]\nmodel = "m"\nbase_url = "{server.base_url}"\ntimeout = 2\nretries = 0\n'
                          f'cache = "{tmp_path / "cache.jsonl"}"\n', encoding="utf-8")
        assert _cli("predict", "llm", "--config", str(config), "--split", "test", "-o", str(tmp_path / "p.jsonl"),
                    "--no-progress") == 0
    assert evaluate(tmp_path / "p.jsonl", split="test", resamples=0)["entities.strict.f1"] == 1.0
    assert _cli("predict", "llm", "--split", "test", "-o", str(tmp_path / "q.jsonl")) == 2
    assert "needs a config" in capsys.readouterr().err


def test_leave_one_document_out_never_shows_the_held_out_document(tmp_path):
    from kiwi_bench.systems.extractors import load_extractor
    from kiwi_bench.systems.protocols import run_protocol

    with ChatServer(Oracle(DOCUMENTS)) as server:
        config = {"params": {"model": "m", "base_url": server.base_url, "shots": 2, "timeout": 2.0, "retries": 0}}
        records = run_protocol(lambda: load_extractor("llm", config), "lodo", DOCUMENTS)
    assert [r["id"] for r in records] == sorted(d["id"] for d in DOCUMENTS)
    for body in server.bodies:
        shown = [m["content"] for m in body["messages"][1:-1] if m["role"] == "user"]
        target = body["messages"][-1]["content"]
        assert len(shown) == 2 and target not in shown


# ---- submitted runs ----------------------------------------------------------------------------------

def test_submitted_runs_are_scored_from_their_predictions_never_from_run_json(tmp_path):
    import shutil

    from kiwi_bench.core.errors import KiwiError
    from kiwi_bench.reporting.submissions import score_submissions, submissions_markdown
    from kiwi_test_paths import ROOT

    def hallucinate(body, content):
        reply = json.loads(content)
        reply["entities"].append({"sentence": "s1", "text": "Fata Morgana AG", "label": "ORG", "sentiment": None, "entity_id": None})
        return Reply(200, completion(json.dumps(reply)))

    results = tmp_path / "results"  # a fixture run outside the repository's results/
    with ChatServer(Script(Oracle(DOCUMENTS), {"kiwi-003": [hallucinate]})) as server:
        run_dir, _ = _run(results, server, "oracle-7b")
    meta = _run_json(run_dir)
    meta["scores"] = {"entities.strict.f1": 0.01}  # a submitted score is never read
    (run_dir / "run.json").write_text(json.dumps(meta), encoding="utf-8")
    runs = score_submissions(results, resamples=0)
    assert [run.name for run in runs] == ["oracle-7b"]
    assert runs[0].report == evaluate(run_dir / "predictions.jsonl", split="test", resamples=0).report
    items = meta["grounding"]["items"]
    assert runs[0].grounding_rate == pytest.approx((items - 1) / items)
    table = submissions_markdown(runs)
    row = next(line for line in table.splitlines() if line.startswith("| `oracle-7b`"))
    prefix = f"| `oracle-7b` | `kiwi-oracle` | kiwi-extract-v1 1.0.0 | {meta['created'][:10]} | {(items - 1) / items:.1%} |"
    assert row.startswith(prefix)
    baselines = tmp_path / "baselines"
    shutil.copytree(ROOT / "baselines", baselines)
    assert _cli("leaderboard", "--baselines-dir", str(baselines), "--results-dir", str(results)) == 0
    assert "\n" + prefix in (baselines / "LEADERBOARD.md").read_text(encoding="utf-8")
    (run_dir / "predictions.jsonl").unlink()
    with pytest.raises(KiwiError, match="predictions.jsonl:-: missing"):
        score_submissions(results)


def test_ctrl_c_leaves_complete_cache_lines_and_no_prediction_file(tmp_path, monkeypatch):
    from kiwi_bench.systems.llm.harness import Harness

    original = Harness.predict_document

    def interrupted(self, document):
        if document["id"] == "kiwi-004":
            raise KeyboardInterrupt
        return original(self, document)

    with ChatServer(Oracle(DOCUMENTS)) as server:
        monkeypatch.setattr(Harness, "predict_document", interrupted)
        with pytest.raises(KeyboardInterrupt):
            _run(tmp_path, server, concurrency=1)
        run_dir = tmp_path / "run"
        assert not (run_dir / "predictions.jsonl").exists() and not (run_dir / "run.json").exists()
        lines = (run_dir / "cache.jsonl").read_text(encoding="utf-8").splitlines()
        assert len(lines) == 2 and all(json.loads(line)["response"] for line in lines)
        monkeypatch.setattr(Harness, "predict_document", original)
        _, outcome = _run(tmp_path, server)
    assert outcome.failures == {} and len(server.bodies) == 3  # the re-run asked only for kiwi-004


def test_the_base_url_and_key_come_from_the_environment(tmp_path, monkeypatch):
    with ChatServer(Oracle(DOCUMENTS)) as server:
        monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
        monkeypatch.setenv("OPENAI_API_KEY", "sk-test-secret")
        assert _cli("llm", "run", "--model", "m", "-o", str(tmp_path / "r"), "--no-progress", "--timeout", "2") == 0
    assert all({k.lower(): v for k, v in h.items()}["authorization"] == "Bearer sk-test-secret" for h in server.headers)
    for name in ("cache.jsonl", "run.json", "requests.jsonl", "predictions.jsonl"):
        assert "sk-test-secret" not in (tmp_path / "r" / name).read_text(encoding="utf-8")


def test_a_body_without_choices_fails_the_document_and_is_not_cached(tmp_path):
    with ChatServer(Script(Oracle(DOCUMENTS), {"kiwi-003": [Reply(200, {"id": "x", "object": "chat.completion"})]})) as server:
        run_dir, outcome = _run(tmp_path, server)
        assert outcome.failures == {"kiwi-003": "the response has no choices"}
        assert len((run_dir / "cache.jsonl").read_text().splitlines()) == 2
        _, again = _run(tmp_path, server)
    assert again.failures == {}


@pytest.mark.slow
def test_the_oracle_scores_one_on_the_contrast_items(tmp_path):
    from kiwi_bench.api.gold import contrast_documents

    documents = DOCUMENTS + contrast_documents()
    with ChatServer(Oracle(documents)) as server:
        code = _cli("llm", "run", "--model", "m", "--base-url", server.base_url, "--split", "contrast", "-o",
                    str(tmp_path / "c"), "--no-progress", "--concurrency", "8", "--timeout", "5")
    assert code == 0
    result = evaluate(tmp_path / "c" / "predictions.jsonl", split="contrast", resamples=0)
    assert result["entities.strict.f1"] == result["amounts.end_to_end.f1"] == result["sentences.sentiment.accuracy"] == 1.0
    assert _run_json(tmp_path / "c")["counts"]["predicted"] == len(contrast_documents())
