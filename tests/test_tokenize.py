"""The tokenizer splits hyphens and slashes inside compounds so that name parts are tokens."""

from __future__ import annotations

import pytest

from kiwi_bench.core.tokens import tokenize


def _tokens(text: str, language: str = "de") -> list[str]:
    return [text[start:end] for start, end in tokenize(text, language)]


@pytest.mark.parametrize(("text", "language", "expected"), [
    ("38-Milliarden-Kooperation", "de", ["38", "-", "Milliarden", "-", "Kooperation"]),
    ("NVIDIA-GPU-Kapazitäten", "de", ["NVIDIA", "-", "GPU", "-", "Kapazitäten"]),
    ("(GB200/GB300-Chips)", "nl", ["(", "GB200", "/", "GB300", "-", "Chips", ")"]),
    ("AWS‘ Position", "de", ["AWS", "‘", "Position"]),
    ("Google’s voorsprong", "nl", ["Google", "’s", "voorsprong"]),
    ("meer dan $70 miljard", "nl", ["meer", "dan", "$", "70", "miljard"]),
    ("4,3 Mrd. USD", "de", ["4,3", "Mrd.", "USD"]),
    ("OpenAIs Dienste", "de", ["OpenAIs", "Dienste"]),
    ("Online- Welt", "de", ["Online-", "Welt"]),
    ("Er bot 9 Dollar für X.", "de", ["Er", "bot", "9", "Dollar", "für", "X", "."]),
    ("Ein Satz mit 4,3 Mrd. USD und X. Mehr", "de", ["Ein", "Satz", "mit", "4,3", "Mrd.", "USD", "und", "X.", "Mehr"]),
])
def test_compound_parts_become_tokens(text, language, expected):
    assert _tokens(text, language) == expected


def test_urls_stay_one_token():
    url = "https://tuoitre.vn/openai-va-canh-bac-20251013171238161.htm"
    assert _tokens(f"Quelle: {url}") == ["Quelle", ":", url]


def test_white_space_is_never_a_token_and_offsets_are_exact():
    text = "Terwijl\nGoogle  met\n\nnieuwe"
    spans = tokenize(text, "nl")
    assert [text[s:e] for s, e in spans] == ["Terwijl", "Google", "met", "nieuwe"]
