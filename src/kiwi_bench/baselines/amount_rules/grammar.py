"""The amount patterns (span, kind, ranges) compiled per language, and what one match says by itself.

Rules (numbered as in `kiwi_bench.baselines.amounts`; the word lists are in `lexicon`)
    S1  Span: [currency prefix] numeral [scale word] [currency | percent]. Currency symbols and
        codes may stand before ("$70 miljard", "€ 5 Mio.", "USD 5 Mrd.") or after the number
        ("5 Mio. €", "4,3 Mrd. USD"); the abbreviation dot of "Mrd."/"Mio." is inside the span.
        Qualifier words and the counted noun are outside. The article of "die Hälfte"/"de helft"
        and the numerator of a fraction are inside.
    S2  Currencies (ISO 4217): Dollar/US-Dollar/USD/US$/$ and dollar -> USD; Euro/EUR/€ -> EUR;
        (britische) Pfund/pond/GBP/£ -> GBP; Yen/JPY/¥ -> JPY; (Schweizer) Franken/frank/CHF ->
        CHF; Yuan/Renminbi/CNY/RMB -> CNY; Rupien/roepie/INR/₹ -> INR; Won (capitalised)/KRW/₩ ->
        KRW; kanadische/Canadese Dollar/CAD/C$ -> CAD; australische Dollar/AUD/A$ -> AUD.
    S3  Percent words: %, Prozent, Prozentpunkt(e/n), v. H.; procent, procentpunt(en), pct.
        Cents: "20 Cent"/"20 cent" is money 0.2 with currency null (the cent does not say whether
        it is a euro or a dollar cent); the span includes the word Cent.
    S4  kind from the span itself: percent if a percent word or a fraction; money if a currency is
        named. normalize_amount has no context: hyphen compound or scale >= 1e9 -> money, other
        numbers without currency -> count. (The kind in context, in find_amounts, is S4 in `context`.)
    R1  A range "100 bis 300 Milliarden Dollar", "100-300 Mio.", "zwei bis drei Milliarden",
        "10 à 15 procent", "zwei oder drei", "zwischen 100 und 300", "tussen 5 en 10 miljoen"
        (connectors bis, -, –, oder, und; tot, à, a, -, of, en) is ONE amount whose
        span runs from the first numeral to the last scale/currency word; a scale or currency
        written only at the end applies to both ends. value is the lower bound, value_high the
        upper bound, and the qualifier is at_least unless a qualifier word precedes the range.
        und/en join a range only after zwischen/tussen; a year after bis/tot ("500 Milliarden bis
        2029") ends the amount instead of forming a range.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from kiwi_bench.baselines.amount_rules.fields import LANGUAGES, Kind
from kiwi_bench.baselines.amount_rules.lexicon import (
    CENT_RE_TEXT,
    CURRENCIES,
    CURRENCY_PREFIX,
    PERCENT_RE_TEXT,
    PREFIX_CODES,
    PREFIX_ISO_CODES,
)
from kiwi_bench.baselines.amount_rules.numerals import (
    ARTICLES,
    DIGITS,
    DOT_DECIMAL_RE,
    FRACTIONS_DE,
    FRACTIONS_NL,
    HALF_NOUNS,
    HALF_WORDS,
    HALVES_DE,
    HALVES_NL,
    PLAIN_YEAR_RE,
    PLURAL_SCALES,
    SCALE_RE_TEXT,
    WHOLE_FRACTIONS,
    WORDNUM_DE,
    WORDNUM_NL,
    digits_value,
    numeral_text_value,
    percent_of,
    scale_value,
    word_value,
)
from kiwi_bench.baselines.amount_rules.patterns import WORD_END, WS, WS1, alt

# Range connectors (R1); und/en only after zwischen/tussen.
_CONNECTORS = {
    "de": rf"(?:{WS}[-–—]{WS}|{WS1}(?i:bis(?!{WS1}zu{WORD_END})|und|oder){WS1})",
    "nl": rf"(?:{WS}[-–—]{WS}|{WS1}(?i:tot(?!{WS1}(?:wel|maximaal){WORD_END})|à|a|en|of){WS1})",
}
_AND_CONNECTORS = frozenset({"und", "en"})
_RANGE_INTRO = {"de": re.compile(r"(?i)(?<!\w)zwischen" + WS + r"$"),
                "nl": re.compile(r"(?i)(?<!\w)tussen" + WS + r"$")}


@dataclass(frozen=True)
class Grammar:
    """Everything compiled once for one language."""

    language: str
    full: re.Pattern[str]
    single: re.Pattern[str]
    currencies: list[tuple[re.Pattern[str], str]]


def _numeral(name: str, language: str, article: bool) -> str:
    """Regex of one numeral: digits, a number word, optionally an article or a 'halbe/half'."""
    wordnum = WORDNUM_DE if language == "de" else WORDNUM_NL
    halves = HALVES_DE if language == "de" else HALVES_NL
    base = rf"ein|{wordnum}" if language == "de" else wordnum
    words = rf"(?:{base})(?:{alt(halves)})|anderthalb|anderhalf|{wordnum}"
    parts = [rf"(?P<{name}_d>{DIGITS})", rf"(?P<{name}_w>(?i:{words})){WORD_END}"]
    if article:
        parts.append(rf"(?P<{name}_h>{HALF_WORDS[language]}){WORD_END}")
        parts.append(rf"(?P<{name}_a>(?i:{ARTICLES[language]})){WORD_END}")
    return "(?:" + "|".join(parts) + ")"


def _fraction(language: str) -> str:
    """Regex of a fraction: numerator + fraction word, Dreiviertel, (die) Hälfte, 'drei von vier', 'een op de vijf'."""
    wordnum = WORDNUM_DE if language == "de" else WORDNUM_NL
    denominators = FRACTIONS_DE if language == "de" else FRACTIONS_NL
    numerator = rf"(?P<fnum>(?i:{wordnum}|{ARTICLES[language]})){WORD_END}"
    parts = [
        rf"{numerator}{WS1}(?P<fden>(?i:{alt(denominators)})){WORD_END}",
        rf"(?P<fwhole>(?i:{'dreiviertel' if language == 'de' else 'driekwart'})){WORD_END}",
        rf"(?P<fhalf>{HALF_NOUNS[language]}){WORD_END}",
    ]
    one, of = ("eine[rs]?", "von") if language == "de" else ("een|één", "(?:op|van)(?:" + WS1 + "de)?")
    not_scaled = rf"(?!{WS}(?:{SCALE_RE_TEXT[language]}|{PERCENT_RE_TEXT[language]}))"
    parts.append(rf"(?P<onum>(?i:{wordnum}|{one})|\d+){WORD_END}{WS1}(?i:{of}){WS1}"
                 rf"(?P<oden>(?i:{wordnum})|\d+(?!\d)(?![.,]\d)){WORD_END}{not_scaled}")
    return "(?:" + "|".join(parts) + ")"


def _amount_regex(language: str, with_range: bool) -> str:
    """Full amount regex: [prefix] (fraction | numeral [scale] [% ] [range] [scale]) [currency|%]."""
    scale, percent = SCALE_RE_TEXT[language], PERCENT_RE_TEXT[language]
    currency = "|".join(f"(?:{pattern})" for pattern, _ in CURRENCIES[language])
    sep = rf"(?:{WS1}|-|)"
    range_part = ""
    if with_range:
        range_part = (rf"(?:(?P<conn>{_CONNECTORS[language]}){_numeral('n2', language, article=False)}"
                      rf"(?:(?P<sep2>{sep})(?P<scale2>{scale}))?)?")
    number = (rf"{_numeral('n1', language, article=True)}(?:(?P<sep1>{sep})(?P<scale1>{scale}))?"
              rf"(?:(?:{WS}|-)(?P<pct1>{percent}))?{range_part}"
              rf"(?:(?P<cursep>{WS}|-)(?P<cur>(?:{currency}){WORD_END})|(?:{WS}|-)(?P<pct>{percent})"
              rf"|{WS1}(?P<cent>{CENT_RE_TEXT[language]}))?")
    return rf"(?:(?P<pre>{CURRENCY_PREFIX}){WS})?(?:(?P<frac>{_fraction(language)})|{number})"


def _build_grammar(language: str) -> Grammar:
    """Compile the amount patterns of one language."""
    return Grammar(
        language=language,
        full=re.compile(_amount_regex(language, with_range=True)),
        single=re.compile(_amount_regex(language, with_range=False)),
        currencies=[(re.compile(p), code) for p, code in CURRENCIES[language]],
    )


_GRAMMARS = {language: _build_grammar(language) for language in LANGUAGES}


def grammar_for(language: str) -> Grammar:
    """The compiled grammar of a supported language, else ValueError."""
    try:
        return _GRAMMARS[language]
    except KeyError:
        raise ValueError(f"unsupported language {language!r}; expected one of {LANGUAGES}") from None


@dataclass
class Parsed:
    """What one match says, before context rules are applied."""

    kind: Kind
    value: Decimal
    value_high: Decimal | None = None
    currency: str | None = None
    scale: int = 1
    bare: bool = False            # numeral only: no scale, currency, percent or fraction
    article_only: bool = False    # ein/eine/een (or 'halbe') without a scale word
    plural_after_article: bool = False
    year_like: bool = False       # a bare 19xx/20xx integer (either end of a range)
    dot_decimal: bool = False     # '3.1' without scale/currency/percent
    word_numeral: bool = False    # the first numeral is a number word
    fraction_word: str | None = None
    een_numerator: bool = False   # 'een derde': may be the ordinal 'a third (party)'
    cents: bool = False           # '20 Cent': money in hundredths of an unnamed currency
    connector: str | None = None


def _numeral_value(match: re.Match[str], name: str, language: str) -> tuple[Decimal | None, str]:
    """Value and type ('d' digits, 'w' word, 'h' half, 'a' article) of numeral group `name`."""
    for suffix in ("d", "w", "h", "a"):
        group = match.groupdict().get(f"{name}_{suffix}")
        if group is None:
            continue
        if suffix == "d":
            return digits_value(group), "d"
        if suffix == "w":
            return word_value(group, language), "w"
        if suffix == "h":
            return Decimal("0.5"), "h"
        return Decimal(1), "a"
    return None, ""


def _currency_code(text: str | None, grammar: Grammar) -> str | None:
    """ISO code of a matched currency word or symbol."""
    if text is None:
        return None
    text = text.strip()
    for pattern, code in grammar.currencies:
        if pattern.fullmatch(text):
            return code
    return PREFIX_CODES.get(text, text if text in PREFIX_ISO_CODES else None)


def _parse_fraction(match: re.Match[str], language: str) -> Parsed | None:
    """Percent value of a fraction match."""
    groups = match.groupdict()
    if groups.get("fhalf"):
        return Parsed(kind="percent", value=Decimal(50), fraction_word="half")
    if groups.get("fwhole"):
        return Parsed(kind="percent", value=Decimal(WHOLE_FRACTIONS[groups["fwhole"].lower()]))
    if groups.get("onum"):
        numerator = numeral_text_value(groups["onum"], language)
        denominator = numeral_text_value(groups["oden"], language)
        if numerator is None or not denominator or numerator >= denominator:
            return None
        return Parsed(kind="percent", value=percent_of(numerator, denominator))
    numerator = numeral_text_value(groups["fnum"], language)
    denominator_word = groups["fden"].lower()
    denominators = FRACTIONS_DE if language == "de" else FRACTIONS_NL
    if numerator is None:
        return None
    parsed = Parsed(kind="percent", value=percent_of(numerator, Decimal(denominators[denominator_word])),
                     fraction_word=denominator_word)
    parsed.een_numerator = groups["fnum"].lower() in ("een", "één", "eén")
    return parsed


def _set_values(parsed: Parsed, match: re.Match[str], low: Decimal, language: str) -> None:
    """Value (and value_high of a range) with the scale words applied; a lone final scale counts for both ends."""
    groups = match.groupdict()
    scale1, scale2 = groups.get("scale1"), groups.get("scale2")
    factor1 = scale_value(scale1, language) if scale1 else None
    factor2 = scale_value(scale2, language) if scale2 else None
    digits = [groups.get("n1_d")]
    if groups.get("conn"):
        high, _ = _numeral_value(match, "n2", language)
        assert high is not None  # n2 is a digit or word numeral that the regex only matches when valid
        parsed.connector = groups["conn"].strip().lower()
        low_factor, high_factor = factor1 or factor2 or 1, factor2 or factor1 or 1
        parsed.value, parsed.value_high = low * low_factor, high * high_factor
        parsed.scale = max(low_factor, high_factor)
        digits.append(groups.get("n2_d"))
    else:
        parsed.scale = factor1 or 1
        parsed.value = low * parsed.scale
    parsed.year_like = any(d is not None and PLAIN_YEAR_RE.fullmatch(d) for d in digits)
    parsed.dot_decimal = any(d is not None and DOT_DECIMAL_RE.fullmatch(d) for d in digits)


def _parse(match: re.Match[str], grammar: Grammar) -> Parsed | None:
    """Kind, value and currency that the matched text states by itself (no context)."""
    language = grammar.language
    if match.group("frac"):
        return _parse_fraction(match, language)
    groups = match.groupdict()
    low, low_type = _numeral_value(match, "n1", language)
    if low is None:
        return None
    parsed = Parsed(kind="count", value=low, word_numeral=low_type in ("w", "a", "h"))
    _set_values(parsed, match, low, language)
    has_scale = bool(groups.get("scale1") or groups.get("scale2"))
    percent = bool(groups.get("pct") or groups.get("pct1"))
    currency = _currency_code(groups.get("cur"), grammar) or _currency_code(groups.get("pre"), grammar)
    parsed.cents = cents = bool(groups.get("cent"))
    parsed.bare = not (has_scale or percent or currency or cents)
    parsed.year_like = parsed.year_like and parsed.bare
    parsed.dot_decimal = parsed.dot_decimal and parsed.bare
    if low_type in ("a", "h"):
        parsed.article_only = not has_scale
        parsed.plural_after_article = (groups.get("scale1") or "").lower() in PLURAL_SCALES
    hyphen_scale = groups.get("sep1") == "-" or groups.get("sep2") == "-"
    if percent:
        parsed.kind = "percent"
    elif currency:
        parsed.kind, parsed.currency = "money", currency
    elif cents:
        parsed.kind, parsed.value = "money", parsed.value / 100
        if parsed.value_high is not None:
            parsed.value_high /= 100
    elif has_scale and (hyphen_scale or parsed.scale >= 10**9):
        parsed.kind = "money"
    return parsed


def _range_is_valid(match: re.Match[str], parsed: Parsed, text: str, language: str, in_text: bool) -> bool:
    """A range needs a non-year upper end, low < high and, in running text, zwischen/tussen before und/en."""
    if parsed.value_high is None:
        return True
    if (in_text and parsed.connector in _AND_CONNECTORS
            and not _RANGE_INTRO[language].search(text, max(0, match.start() - 30), match.start())):
        return False
    n2_digits = match.group("n2_d")
    if (n2_digits and PLAIN_YEAR_RE.fullmatch(n2_digits) and not match.group("scale2")
            and not match.group("cur") and not match.group("pct")):
        return False
    return parsed.value < parsed.value_high


def match_at(text: str, pos: int, grammar: Grammar, *, full: bool = False) -> tuple[re.Match[str], Parsed] | None:
    """The amount match starting at pos (range first, single number as fallback) and its parse."""
    for pattern in (grammar.full, grammar.single):
        match = pattern.fullmatch(text) if full else pattern.match(text, pos)
        if match is None or match.end() == match.start():
            continue
        parsed = _parse(match, grammar)
        if parsed is None:
            continue
        if not _range_is_valid(match, parsed, text, grammar.language, in_text=not full):
            continue
        return match, parsed
    return None
