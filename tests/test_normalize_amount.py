"""The rule-based amount baseline: normalize_amount on hand-written expressions, find_amounts on sentences.

Every expression and sentence here was written for this test, with its expected result worked out by
hand from the annotation spec (layer 3); none is taken from the corpus.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from kiwi_bench.baselines.amounts import find_amounts, normalize_amount

M, B, T = 10**6, 10**9, 10**12

# (surface, language, kind, value, currency, value_high or None)
AMOUNTS = [
    # digits with German/Dutch separators
    ("50.000", "de", "count", 50_000, None, None),
    ("4,3", "de", "count", 4.3, None, None),
    ("1.234,5", "de", "count", 1234.5, None, None),
    ("1.000.000", "de", "count", 1_000_000, None, None),
    ("3,14159", "de", "count", 3.14159, None, None),
    ("0,5", "nl", "count", 0.5, None, None),
    ("12.500", "nl", "count", 12_500, None, None),
    ("50\u202f000", "de", "count", 50_000, None, None),
    # number words
    ("zwei", "de", "count", 2, None, None),
    ("drei", "de", "count", 3, None, None),
    ("zwölf", "de", "count", 12, None, None),
    ("zwanzig", "de", "count", 20, None, None),
    ("hundert", "de", "count", 100, None, None),
    ("tausend", "de", "count", 1000, None, None),
    ("einundzwanzig", "de", "count", 21, None, None),
    ("zweihundertfünfzig", "de", "count", 250, None, None),
    ("twee", "nl", "count", 2, None, None),
    ("drie", "nl", "count", 3, None, None),
    ("twaalf", "nl", "count", 12, None, None),
    ("tweeëntwintig", "nl", "count", 22, None, None),
    ("honderd", "nl", "count", 100, None, None),
    ("duizend", "nl", "count", 1000, None, None),
    ("vijftigduizend", "nl", "count", 50_000, None, None),
    # fractions are percents
    ("ein Drittel", "de", "percent", 33.333333, None, None),
    ("zwei Drittel", "de", "percent", 66.666667, None, None),
    ("ein Viertel", "de", "percent", 25, None, None),
    ("drei Viertel", "de", "percent", 75, None, None),
    ("ein Fünftel", "de", "percent", 20, None, None),
    ("die Hälfte", "de", "percent", 50, None, None),
    ("een derde", "nl", "percent", 33.333333, None, None),
    ("twee derde", "nl", "percent", 66.666667, None, None),
    ("een kwart", "nl", "percent", 25, None, None),
    ("de helft", "nl", "percent", 50, None, None),
    ("een op de vijf", "nl", "percent", 20, None, None),
    ("drei von vier", "de", "percent", 75, None, None),
    ("einer von fünf", "de", "percent", 20, None, None),
    ("zes van de tien", "nl", "percent", 60, None, None),
    # scale words; without a currency, a billion or more is money, less is a count
    ("700 Millionen", "de", "count", 700 * M, None, None),
    ("2 Mio.", "de", "count", 2 * M, None, None),
    ("2,75 Mio.", "de", "count", 2_750_000, None, None),
    ("50 Tausend", "de", "count", 50_000, None, None),
    ("7,8 Milliarden", "de", "money", 7_800_000_000, None, None),
    ("eine Milliarde", "de", "money", B, None, None),
    ("3 Bio. Euro", "de", "money", 3 * T, "EUR", None),
    ("2 billion", "de", "money", 2 * B, None, None),            # English lowercase billion
    ("3 miljoen", "nl", "count", 3 * M, None, None),
    ("10 mln", "nl", "count", 10 * M, None, None),
    ("2,5 miljard", "nl", "money", 2_500_000_000, None, None),
    ("een miljard", "nl", "money", B, None, None),
    ("1 biljoen", "nl", "money", T, None, None),
    ("5 mld. euro", "nl", "money", 5 * B, "EUR", None),
    # currencies, before or after the number
    ("100 Milliarden US-Dollar", "de", "money", 100 * B, "USD", None),
    ("4,3 Mrd. USD", "de", "money", 4_300_000_000, "USD", None),
    ("1,4 Billionen Dollar", "de", "money", 1_400_000_000_000, "USD", None),
    ("1,23 Mrd. Euro", "de", "money", 1_230_000_000, "EUR", None),
    ("$70 miljard", "nl", "money", 70 * B, "USD", None),
    ("$1.5 Mrd.", "de", "money", 1_500_000_000, "USD", None),
    ("500 Euro", "de", "money", 500, "EUR", None),
    ("5 Mio. €", "de", "money", 5 * M, "EUR", None),
    ("5,- Euro", "de", "money", 5, "EUR", None),
    ("USD 2 Mrd.", "de", "money", 2 * B, "USD", None),
    ("€ 2,5 mln", "nl", "money", 2_500_000, "EUR", None),
    ("10 dollar", "nl", "money", 10, "USD", None),
    ("20 Pfund", "de", "money", 20, "GBP", None),
    ("£3 Mrd.", "de", "money", 3 * B, "GBP", None),
    ("20 pond", "nl", "money", 20, "GBP", None),
    ("1.000 Yen", "de", "money", 1000, "JPY", None),
    ("¥ 500", "de", "money", 500, "JPY", None),
    ("300 Franken", "de", "money", 300, "CHF", None),
    ("CHF 40", "de", "money", 40, "CHF", None),
    ("zwei Dollar", "de", "money", 2, "USD", None),
    ("20 Cent", "de", "money", 0.2, None, None),
    ("50 cent", "nl", "money", 0.5, None, None),
    # percent
    ("5 %", "de", "percent", 5, None, None),
    ("12 Prozent", "de", "percent", 12, None, None),
    ("zehn Prozent", "de", "percent", 10, None, None),
    ("0,1 Prozent", "de", "percent", 0.1, None, None),
    ("4,5 procent", "nl", "percent", 4.5, None, None),
    ("vijftig procent", "nl", "percent", 50, None, None),
    ("3%", "nl", "percent", 3, None, None),
    # hyphen compounds (span without the head noun)
    ("38-Milliarden", "de", "money", 38 * B, None, None),
    ("100-Millionen-Dollar", "de", "money", 100 * M, "USD", None),
    ("5-Prozent", "de", "percent", 5, None, None),
    # ranges: value = lower bound, value_high = upper bound, scale and currency shared
    ("100 bis 300 Milliarden Dollar", "de", "money", 100 * B, "USD", 300 * B),
    ("zwei bis drei Milliarden", "de", "money", 2 * B, None, 3 * B),
    ("100 Millionen bis 1 Milliarde Dollar", "de", "money", 100 * M, "USD", B),
    ("10-15 %", "de", "percent", 10, None, 15),
    ("10 à 15 procent", "nl", "percent", 10, None, 15),
    ("5 tot 10 miljoen euro", "nl", "money", 5 * M, "EUR", 10 * M),
    # halves
    ("eineinhalb Milliarden", "de", "money", 1_500_000_000, None, None),
    ("anderhalf miljoen", "nl", "count", 1_500_000, None, None),
    ("eine halbe Million", "de", "count", 500_000, None, None),
    ("een half miljoen euro", "nl", "money", 500_000, "EUR", None),
]

NOT_AMOUNTS = [
    ("", "de"),
    ("ein", "de"),
    ("eine", "de"),
    ("een", "nl"),
    ("ein Milliarden", "de"),          # 'ein Milliarden-Deal': vague, plural after the article
    ("2025", "de"),                    # a year standing alone
    ("H1 2025", "de"),
    ("2000er", "de"),
    ("sieben Jahren", "de"),           # durations
    ("fünf Monaten", "de"),
    ("einer Woche", "de"),
    ("twee jaar", "nl"),
    ("Sora 2", "de"),                  # version and model numbers
    ("GB200", "de"),
    ("GPT-4", "de"),
    ("3.1", "de"),
    ("dritte", "de"),                  # ordinal
    ("Milliarden von Dollar", "de"),   # no numeral
    ("Milliarden-Dollar-Spiel", "de"),
    ("Tausende", "de"),
    ("duizenden", "nl"),
    ("über 100 Millionen", "de"),      # the qualifier is outside the span
    ("700 Millionen Nutzer", "de"),    # the counted noun is outside the span
]


@pytest.mark.parametrize(("surface", "language", "kind", "value", "currency", "high"), AMOUNTS,
                         ids=[f"{a[1]}:{a[0]}" for a in AMOUNTS])
def test_normalize_amount(surface, language, kind, value, currency, high):
    result = normalize_amount(surface, language)
    assert result is not None
    assert result["kind"] == kind
    assert result["currency"] == currency
    assert result["value"] == pytest.approx(value, rel=1e-6)
    if float(value).is_integer():
        assert isinstance(result["value"], int)
    if high is None:
        assert "value_high" not in result
    else:
        assert result["value_high"] == pytest.approx(high, rel=1e-6)


@pytest.mark.parametrize(("surface", "language"), NOT_AMOUNTS, ids=[f"{a[1]}:{a[0]}" for a in NOT_AMOUNTS])
def test_normalize_amount_rejects(surface, language):
    assert normalize_amount(surface, language) is None


def test_expression_count():
    assert len(AMOUNTS) + len(NOT_AMOUNTS) >= 60


def test_unknown_language():
    with pytest.raises(ValueError):
        normalize_amount("5", "fr")
    with pytest.raises(ValueError):
        find_amounts("5", "en")


# --------------------------------------------------------------------------------------------------
# find_amounts
# --------------------------------------------------------------------------------------------------

FIELDS = ("kind", "value", "currency", "unit", "qualifier", "per")
SPAN_KEYS = {"start", "end", *FIELDS}

SENTENCES = [
    ("de", "OpenAI hat über 700 Millionen wöchentliche Nutzer und sammelte 40 Milliarden Dollar ein.", [
        ("700 Millionen", "count", 700 * M, None, "users", "at_least", "week"),
        ("40 Milliarden Dollar", "money", 40 * B, "USD", None, "exact", None),
    ]),
    ("de", "Die 38-Milliarden-Kooperation mit AWS läuft sieben Jahre, seit fünf Monaten.", [
        ("38-Milliarden", "money", 38 * B, None, None, "exact", None),
    ]),
    ("de", "Im Jahr 2025 stieg der Umsatz um rund 12 Prozent auf 4,3 Mrd. USD, H1 2025 war stark.", [
        ("12 Prozent", "percent", 12, None, None, "approx", None),
        ("4,3 Mrd. USD", "money", 4_300_000_000, "USD", None, "exact", None),
    ]),
    ("de", "Sora 2 und GPT-4 sowie GB200 sind Produkte; siehe https://example.com/2025/10/artikel-123.", []),
    ("de", "Mehr als die Hälfte der Unternehmen plant zwischen 100 und 300 Milliarden Dollar jährlich.", [
        ("die Hälfte", "percent", 50, None, None, "at_least", None),
        ("100 und 300 Milliarden Dollar", "money", 100 * B, "USD", None, "at_least", "year"),
    ]),
    ("de", "Ein Drittel der Deutschen nutzt KI, zwei Drittel nicht. Die Firma hat 50.000 Mitarbeiter.", [
        ("Ein Drittel", "percent", 33.333333, None, None, "exact", None),
        ("zwei Drittel", "percent", 66.666667, None, None, "exact", None),
        ("50.000", "count", 50_000, None, "employees", "exact", None),
    ]),
    ("de", "Am 3. Oktober 2025 kündigte Nvidia an, 100.000 GPUs zu liefern, ca. 10 Gigawatt.", [
        ("100.000", "count", 100_000, None, "GPUs", "exact", None),
        ("10", "count", 10, None, "gigawatts", "approx", None),
    ]),
    ("de", "In den 2000er Jahren war das ein Milliarden-Dollar-Spiel, Milliarden von Dollar flossen.", []),
    ("de", "Die Bewertung liegt bei 500 Milliarden, der Umsatz bei 13 Millionen pro Monat.", [
        ("500 Milliarden", "money", 500 * B, None, None, "exact", None),
        ("13 Millionen", "money", 13 * M, None, None, "exact", "month"),
    ]),
    ("de", "Es gab eine Woche Pause und ein Treffen mit drei Investoren und zwölf Nutzern.", [
        ("drei", "count", 3, None, "investors", "exact", None),
        ("zwölf", "count", 12, None, "users", "exact", None),
    ]),
    ("de", "Das kostet bis zu 150 Millionen Euro; 2024 bis 2026 sind es knapp 5 %, unter 3 Prozent.", [
        ("150 Millionen Euro", "money", 150 * M, "EUR", None, "at_most", None),
        ("5 %", "percent", 5, None, None, "approx", None),
        ("3 Prozent", "percent", 3, None, None, "at_most", None),
    ]),
    ("de", "Die Zahl stieg auf 800 Millionen Menschen, ein Dutzend Firmenkunden zahlt 20 Euro pro Woche.", [
        ("800 Millionen", "count", 800 * M, None, "people", "exact", None),
        ("ein Dutzend", "count", 12, None, "companies", "exact", None),
        ("20 Euro", "money", 20, "EUR", None, "exact", "week"),
    ]),
    ("de", "Über 2 Millionen Bilder entstehen täglich, etwa 5.000 neue ChatGPT-Nutzer pro Stunde.", [
        ("2 Millionen", "count", 2 * M, None, "images", "at_least", "day"),
        ("5.000", "count", 5000, None, "users", "approx", "hour"),
    ]),
    ("de", "Das lassen wir außer Acht, auch die Elf Freunde, 24/7, um 14:30 Uhr, am 30.09.2025, "
           "Platz 3, Kommentar (0)", []),
    ("de", "Die 100-Millionen-Nutzer-Marke, der 500-Dollar-Preis und ein 24-Stunden-Service.", [
        ("100-Millionen", "count", 100 * M, None, "users", "exact", None),
        ("500-Dollar", "money", 500, "USD", None, "exact", None),
    ]),
    ("de", "Zehntausende Nutzer, Hunderte Millionen Dollar, aber 2000 Mitarbeiter und ein Milliarden-Deal.", [
        ("2000", "count", 2000, None, "employees", "exact", None),
    ]),
    ("de", "Das Projekt kostet 500 Milliarden bis 2029 und Llama 3.1 hat 405 Milliarden Parameter.", [
        ("500 Milliarden", "money", 500 * B, None, None, "exact", None),
        ("405 Milliarden", "count", 405 * B, None, "parameters", "exact", None),
    ]),
    ("de", "Der Umsatz stieg von 3,7 auf 12,7 Milliarden Dollar, Nummer eins bleibt Platz 1.", [
        ("3,7", "money", 3_700_000_000, "USD", None, "exact", None),
        ("12,7 Milliarden Dollar", "money", 12_700_000_000, "USD", None, "exact", None),
    ]),
    ("nl", "Het aandeel steeg van 5 naar 10 procent en 2 en 3 miljard euro; zes van de tien bedrijven.", [
        ("5", "percent", 5, None, None, "exact", None),
        ("10 procent", "percent", 10, None, None, "exact", None),
        ("2", "money", 2 * B, "EUR", None, "exact", None),
        ("3 miljard euro", "money", 3 * B, "EUR", None, "exact", None),
        ("zes van de tien", "percent", 60, None, None, "exact", None),
    ]),
    ("nl", "OpenAI haalde meer dan $70 miljard op en heeft ruim 800 miljoen wekelijkse gebruikers.", [
        ("$70 miljard", "money", 70 * B, "USD", None, "at_least", None),
        ("800 miljoen", "count", 800 * M, None, "users", "at_least", "week"),
    ]),
    ("nl", "Een derde van de bedrijven investeert jaarlijks zo'n 5 miljard euro, een op de vijf mensen niet.", [
        ("Een derde", "percent", 33.333333, None, None, "exact", None),
        ("5 miljard euro", "money", 5 * B, "EUR", None, "approx", "year"),
        ("een op de vijf", "percent", 20, None, None, "exact", None),
    ]),
    ("nl", "De helft van de 2 miljard mensen groeit tussen 10 en 20 procent per jaar. Een derde partij wacht.", [
        ("De helft", "percent", 50, None, None, "exact", None),
        ("2 miljard", "count", 2 * B, None, "people", "exact", None),
        ("10 en 20 procent", "percent", 10, None, None, "at_least", "year"),
    ]),
    ("nl", "Het contract van 300 miljard dollar loopt vijf jaar, vanaf 1 januari 2026, in de tweede helft van 2026.", [
        ("300 miljard dollar", "money", 300 * B, "USD", None, "exact", None),
    ]),
    ("nl", "Hij acht de kans klein dat twee bedrijven hooguit 5 procent of minder dan € 3 mln verdienen.", [
        ("twee", "count", 2, None, "companies", "exact", None),
        ("5 procent", "percent", 5, None, None, "at_most", None),
        ("€ 3 mln", "money", 3 * M, "EUR", None, "at_most", None),
    ]),
    ("nl", "Zie www.voorbeeld.nl/artikel/2025; model 3 en versie 2 kosten ongeveer 20 euro per maand.", [
        ("20 euro", "money", 20, "EUR", None, "approx", "month"),
    ]),
    ("de", "Eine Anfrage kostet 20 Cent, 2 bis 3 Jahre lang, zehn Mal am Tag.", [
        ("20 Cent", "money", 0.2, None, None, "exact", None),
    ]),
]


@pytest.mark.parametrize(("language", "text", "expected"), SENTENCES, ids=[s[1][:40] for s in SENTENCES])
def test_find_amounts(language, text, expected):
    found = find_amounts(text, language)
    assert all(set(amount) == SPAN_KEYS for amount in found)
    got = [(text[a["start"]:a["end"]], *(a[f] for f in FIELDS)) for a in found]
    assert [g[0] for g in got] == [e[0] for e in expected]
    for g, e in zip(got, expected):
        assert g[1] == e[1], g
        assert g[2] == pytest.approx(e[2], rel=1e-6), g
        assert g[3:] == e[3:], g


def test_find_amounts_range_value_high():
    text = "Nvidia investiert 100 bis 300 Milliarden Dollar."
    (amount,) = find_amounts(text, "de", value_high=True)
    surface = text[amount["start"]:amount["end"]]
    assert (surface, amount["value"], amount["value_high"]) == ("100 bis 300 Milliarden Dollar", 100 * B, 300 * B)
    assert amount["qualifier"] == "at_least"
    (plain,) = find_amounts(text, "de")
    assert "value_high" not in plain and plain["value"] == 100 * B


def test_find_amounts_offsets_across_line_break():
    text = "OpenAI sammelte rund 6,6\nMilliarden Dollar ein."
    (amount,) = find_amounts(text, "de")
    assert amount["start"] == text.index("6,6")
    assert text[amount["start"]:amount["end"]] == "6,6\nMilliarden Dollar"
    assert (amount["value"], amount["currency"], amount["qualifier"]) == (6_600_000_000, "USD", "approx")


def test_find_amounts_in_text_order_without_overlap():
    text = "Erst 5 Prozent, dann 10 Millionen Nutzer, zuletzt 3 Mrd. Euro und 2 bis 3 Jahre Wartezeit."
    found = find_amounts(text, "de")
    assert [text[a["start"]:a["end"]] for a in found] == ["5 Prozent", "10 Millionen", "3 Mrd. Euro"]
    assert all(a["end"] <= b["start"] for a, b in zip(found, found[1:]))


def test_find_amounts_output_validates_as_predicted_amount_spans():
    schema = json.loads((Path(__file__).resolve().parents[1] / "schema" / "predictions.schema.json").read_text("utf-8"))
    validator = Draft202012Validator({"$defs": schema["$defs"], "$ref": "#/$defs/amount_span"})
    for language, text, _ in SENTENCES:
        for amount in find_amounts(text, language):
            validator.validate(amount)


def test_every_numbered_rule_is_stated_in_the_module_that_implements_it():
    """amounts.py's index names the module of each rule; that module's docstring states the rule."""
    import importlib
    import re

    from kiwi_bench.baselines import amounts

    index = re.findall(r"^    ([NSRXC]\d)(?:-([NSRXC]\d))?\s+(\w+)", amounts.__doc__ or "", re.M)
    stated: dict[str, set[str]] = {}
    for name in ("numerals", "grammar", "context", "exclusions"):
        doc = importlib.import_module(f"kiwi_bench.baselines.amount_rules.{name}").__doc__ or ""
        for rule in re.findall(r"^    ([NSRXC]\d)  ", doc, re.M):
            stated.setdefault(rule, set()).add(name)
    expected = {f"N{i}" for i in range(1, 7)} | {f"S{i}" for i in range(1, 6)} | {"R1"} | \
               {f"X{i}" for i in range(1, 7)} | {f"C{i}" for i in range(1, 4)}
    assert set(stated) == expected
    for first, last, module in index:
        numbers = range(int(first[1:]), int((last or first)[1:]) + 1)
        for rule in (f"{first[0]}{n}" for n in numbers):
            assert module in stated[rule], (rule, module, stated[rule])
