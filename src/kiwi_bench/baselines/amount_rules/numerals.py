"""Numerals of German and Dutch amounts: digits, number words, scale words, fractions, exact values.

Rules (numbered as in `kiwi_bench.baselines.amounts`)
    N1  Digits are written the German/Dutch way: "." groups thousands in groups of three
        ("50.000", "1.234,5"; also ' ’ and no-break, narrow and thin spaces), "," is the decimal
        mark ("4,3"), "5,-" is a whole price. A dot followed by one or two digits ("4.5") is read
        as an English decimal point, but only when a scale, currency or percent follows; a bare
        "3.1" is a version number.
    N2  Number words: German ein(s) ... zwölf, -zehn, -zig, hundert, tausend and their compounds
        ("einundzwanzig", "zweihunderttausend"); Dutch een/één ... twaalf, -tien, -tig, honderd,
        duizend and compounds ("eenentwintig", "tweeëntwintig"). Halves: "eineinhalb",
        "anderthalb", "zweieinhalb", "anderhalf", "tweeënhalf". Plurals ("Hunderte",
        "Tausende", "duizenden", "tientallen") are vague and not numerals.
        The values come from this module's parser, not text2num: text2num agrees on every value
        it reads but rejects "eenhonderd" and "tweeentwintig" and has no halves
        (docs/number-words.md; tests/test_number_words.py uses it as the reference).
    N3  The articles ein/eine/einen/einem/einer/eines and een/één are the number 1 only before a
        singular scale word ("eine Milliarde", "een miljard") or a fraction word ("ein Drittel");
        "ein Milliarden-Deal" and "eine Woche" are not amounts. "eine halbe Milliarde" and
        "een half miljoen" are 0.5 x scale.
    N4  Scale words: Tausend/Tsd. 1e3, Million(en)/Mio./Mill. 1e6, Milliarde(n)/Mrd./Mia. 1e9,
        Billion(en)/Bio. 1e12 (German Billion is the English trillion); duizend 1e3,
        miljoen/mln 1e6, miljard/mld/mrd 1e9, biljoen 1e12; Dutzend/dozijn 12. English words in
        either language: million 1e6, lowercase billion and bn 1e9, trillion 1e12.
    N5  Fractions are percents: "ein/zwei Drittel" 33.333333/66.666667, "ein/drei Viertel" 25/75,
        "Fünftel" 20 ... "Hundertstel" 1, "Dreiviertel" 75, "(die/der/eine/einer) Hälfte" 50;
        Dutch "een/twee derde", "een kwart", "driekwart", "vijfde" ... "honderdste",
        "(de) helft" 50; "N in M" proportions: "drei von vier" 75, "einer von fünf" 20,
        "een op de vijf" 20, "zes van de tien" 60 (numerator < denominator, no scale after).
        Values are rounded to 6 decimals.
    N6  Values are computed exactly (decimal arithmetic) and returned as int when whole, else float.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from kiwi_bench.baselines.amount_rules.fields import Number
from kiwi_bench.baselines.amount_rules.patterns import WORD_END, WS1, alt

_GROUP_SEP = "[.'’\u00a0\u202f\u2009]"             # thousands separators
DIGITS = (
    rf"\d{{1,3}}(?:{_GROUP_SEP}\d{{3}})+(?:,\d+|,[-–])?(?!\d)"   # 50.000  1.234,5  1.000,-
    r"|\d+\.\d{1,2}(?!\d)"                                         # 4.5 (English decimal point)
    r"|\d+(?:,\d+|,[-–])?"                                         # 50  4,3  5,-
)
_GROUP_SEP_RE = re.compile(_GROUP_SEP)
_GROUPED_RE = re.compile(rf"\d{{1,3}}(?:{_GROUP_SEP}\d{{3}})+(?:,\d+|,[-–])?")
DOT_DECIMAL_RE = re.compile(r"\d+\.\d{1,2}")
PLAIN_YEAR_RE = re.compile(r"(?:19|20)\d\d")

_ONES_DE = {"ein": 1, "eins": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7,
            "acht": 8, "neun": 9}
_SMALL_DE = {**_ONES_DE, "zehn": 10, "elf": 11, "zwölf": 12, "dreizehn": 13, "vierzehn": 14,
             "fünfzehn": 15, "sechzehn": 16, "siebzehn": 17, "achtzehn": 18, "neunzehn": 19}
_TENS_DE = {"zwanzig": 20, "dreißig": 30, "dreissig": 30, "vierzig": 40, "fünfzig": 50, "sechzig": 60,
            "siebzig": 70, "achtzig": 80, "neunzig": 90}
_ONES_NL = {"een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7,
            "acht": 8, "negen": 9}
_SMALL_NL = {**_ONES_NL, "tien": 10, "elf": 11, "twaalf": 12, "dertien": 13, "veertien": 14,
             "vijftien": 15, "zestien": 16, "zeventien": 17, "achttien": 18, "negentien": 19}
_TENS_NL = {"twintig": 20, "dertig": 30, "veertig": 40, "vijftig": 50, "zestig": 60, "zeventig": 70,
            "tachtig": 80, "negentig": 90}


def _word_number_regex(ones: dict[str, int], small: dict[str, int], tens: dict[str, int],
                       connector: str, hundred: str, thousand: str) -> str:
    """Regex of a written cardinal below one million (compounds of ones, tens, hundred, thousand)."""
    ones_alt = alt(w for w in ones if small[w] > 1 or w in ("ein", "een"))
    below_20 = alt(w for w in small if w not in ("ein", "een", "één"))
    below_100 = rf"(?:(?:{ones_alt}){connector})?(?:{alt(tens)})|{below_20}"
    below_1000 = rf"(?:{ones_alt})?{hundred}(?:{below_100})?|{below_100}"
    return rf"(?:(?:{below_1000})?{thousand}(?:{below_1000})?|{below_1000})"


WORDNUM_DE = _word_number_regex(_ONES_DE, _SMALL_DE, _TENS_DE, "und", "hundert", "tausend")
WORDNUM_NL = _word_number_regex(_ONES_NL, _SMALL_NL, _TENS_NL, "(?:en|ën)", "honderd", "duizend")
HALVES_DE = ("einhalb",)
HALVES_NL = ("ëneenhalf", "eneenhalf", "ënhalf", "enhalf")

FRACTIONS_DE = {"drittel": 3, "viertel": 4, "fünftel": 5, "sechstel": 6, "siebtel": 7, "achtel": 8,
                "neuntel": 9, "zehntel": 10, "zwanzigstel": 20, "hundertstel": 100, "tausendstel": 1000}
FRACTIONS_NL = {"derde": 3, "kwart": 4, "vierde": 4, "vijfde": 5, "zesde": 6, "zevende": 7, "achtste": 8,
                "negende": 9, "tiende": 10, "twintigste": 20, "honderdste": 100, "duizendste": 1000}
ORDINAL_FORM_FRACTIONS_NL = frozenset(FRACTIONS_NL) - {"kwart"}
WHOLE_FRACTIONS = {"dreiviertel": 75, "driekwart": 75}

_SCALES = {
    "de": {"tausend": 10**3, "tsd": 10**3, "million": 10**6, "millionen": 10**6, "mio": 10**6,
           "mill": 10**6, "milliarde": 10**9, "milliarden": 10**9, "mrd": 10**9, "mia": 10**9,
           "billion": 10**12, "billionen": 10**12, "bio": 10**12, "dutzend": 12, "bn": 10**9,
           "trillion": 10**12},
    "nl": {"duizend": 10**3, "miljoen": 10**6, "mln": 10**6, "miljard": 10**9, "mld": 10**9, "mrd": 10**9,
           "biljoen": 10**12, "dozijn": 12, "million": 10**6, "billion": 10**9, "bn": 10**9,
           "trillion": 10**12},
}
PLURAL_SCALES = frozenset({"millionen", "milliarden", "billionen"})
SCALE_RE_TEXT = {
    "de": r"(?:Tausend|tausend|Tsd\.?|Millionen|Million|Mio\.?|Mill\.|Milliarden|Milliarde|Mrd\.?|Mia\.|"
          r"Billionen|Billion|Bio\.|Dutzend|million|billion|trillion|bn)" + WORD_END,
    "nl": r"(?i:duizend|miljoen|mln\.?|miljard|mld\.?|mrd\.?|biljoen|dozijn|million|billion|trillion|bn)"
          + WORD_END,
}

# The articles that are the number 1 before a singular scale or fraction word, and "halbe/half" (N3).
ARTICLES = {"de": r"eine[mnrs]?|ein", "nl": r"een|één|eén"}
HALF_WORDS = {"de": rf"(?:(?i:eine[nr]?){WS1})?(?i:halbe[nrm]?)", "nl": rf"(?:(?i:een){WS1})?(?i:half|halve)"}
HALF_NOUNS = {"de": rf"(?:(?i:die|der|eine|einer){WS1})?(?i:hälfte)", "nl": rf"(?:(?i:de){WS1})?(?i:helft)"}


def digits_value(digits: str) -> Decimal:
    """Value of a digit string written the German/Dutch way (dot/space groups, decimal comma)."""
    if digits.endswith(("-", "–")):
        digits = digits[:-2]
    if _GROUPED_RE.fullmatch(digits) and not DOT_DECIMAL_RE.fullmatch(digits):
        digits = _GROUP_SEP_RE.sub("", digits)
    return Decimal(digits.replace(",", "."))


def _below_hundred(word: str, language: str) -> int | None:
    """Value of a written number below 100 ("einundzwanzig", "tweeëntwintig")."""
    small, tens, ones = ((_SMALL_DE, _TENS_DE, _ONES_DE) if language == "de" else (_SMALL_NL, _TENS_NL, _ONES_NL))
    if word in small and word != "ein":
        return small[word]
    if word in tens:
        return tens[word]
    connectors = ("und",) if language == "de" else ("ën", "en")
    for tens_word, tens_value in tens.items():
        if word.endswith(tens_word):
            head = word[: -len(tens_word)]
            for connector in connectors:
                if head.endswith(connector) and head[: -len(connector)] in ones:
                    return ones[head[: -len(connector)]] + tens_value
    return None


def _scaled(word: str, scale_word: str, scale: int, head_value, rest_value) -> int | None:
    """Value of "<head><scale_word><rest>" (head defaults to 1, rest to 0), or None if a part is not a number."""
    head, _, tail = word.partition(scale_word)
    multiplier = 1 if head == "" else head_value(head)
    rest = 0 if tail == "" else rest_value(tail)
    if multiplier is None or rest is None:
        return None
    return multiplier * scale + rest


def _below_thousand(word: str, language: str) -> int | None:
    """Value of a written number below 1000 ("zweihundertfünfzig", "driehonderd")."""
    hundred = "hundert" if language == "de" else "honderd"
    if hundred not in word:
        return _below_hundred(word, language)
    ones = _ONES_DE if language == "de" else _ONES_NL
    return _scaled(word, hundred, 100, ones.get, lambda tail: _below_hundred(tail, language))


def _integer_word_value(word: str, language: str) -> int | None:
    """Value of a written cardinal below one million, or None."""
    thousand = "tausend" if language == "de" else "duizend"
    if thousand not in word:
        return _below_thousand(word, language)
    below = lambda part: _below_thousand(part, language)  # noqa: E731
    return _scaled(word, thousand, 1000, below, below)


def word_value(word: str, language: str) -> Decimal | None:
    """Value of a number word, including halves ("eineinhalb", "anderhalf"), or None."""
    word = word.lower()
    if word in ("anderthalb", "anderhalf"):
        return Decimal("1.5")
    for suffix in HALVES_DE if language == "de" else HALVES_NL:
        if word.endswith(suffix) and len(word) > len(suffix):
            base = word[: -len(suffix)]
            base_value = 1 if base == "ein" else _integer_word_value(base, language)
            if base_value is not None:
                return base_value + Decimal("0.5")
    value = _integer_word_value(word, language)
    return None if value is None else Decimal(value)


def scale_value(scale: str, language: str) -> int:
    """Multiplier of a scale word; German 'Billion' is 1e12, lowercase English 'billion' 1e9."""
    key = scale.lower().rstrip(".")
    if language == "de" and scale.startswith("billion"):
        return 10**9
    return _SCALES[language][key]


def percent_of(numerator: Decimal, denominator: Decimal) -> Decimal:
    """numerator/denominator in percent, rounded to six decimals (1/3 -> 33.333333)."""
    return (Decimal(100) * numerator / denominator).quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP)


def as_number(value: Decimal) -> Number:
    """int for whole values, float otherwise (JSON numbers)."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def numeral_text_value(text: str, language: str) -> Decimal | None:
    """Value of a bare numeral string: digits, number word or article."""
    if text[0].isdigit():
        return digits_value(text)
    if text.lower() in ("ein", "eine", "einem", "einen", "einer", "eines", "een", "één", "eén", "eins"):
        return Decimal(1)
    return word_value(text, language)
