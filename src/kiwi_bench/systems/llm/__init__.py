"""The LLM harness: benchmark any model behind an OpenAI-compatible endpoint on KIWI, reproducibly.

Modules, one job each: `prompt` (the versioned prompt and the reply a gold document would give),
`reply` (parsing and validating a model's reply), `grounding` (cited text -> offsets, with a status
per item), `cache` (the append-only response cache), `client` (one chat request over the official
`openai` client, with retries and the structured-output fallback), `harness` (a run: documents in,
predictions, failures and statistics out), `metadata` (run.json) and `extractor` (the `llm`
extractor for `kiwi-bench predict` and the protocols). See docs/llm.md.
"""
