"""Context of an amount: its kind in the sentence, qualifier, rate period and counted unit, from the surrounding words.

Rules (numbered as in `kiwi_bench.baselines.amounts`; the word lists are in `lexicon`)
    S4  kind: percent if a percent word or a fraction; money if a currency is named. Otherwise,
        in find_amounts: a known counted noun after the number makes a count ("1 Milliarde
        Nutzer"), a money noun makes money ("500 Millionen Umsatz"); a number without scale is a
        count; a hyphen compound with a scale word ("38-Milliarden-Kooperation") is money; a
        scale of a billion or more (German Milliarde) is money; with a smaller scale an unknown
        capitalised German noun makes a count, and without a noun it is money if the sentence
        talks about money (Umsatz, Bewertung, investiert, omzet, waarde, a currency ...), else a
        count. (normalize_amount has no context: S4 in `grammar`.)
    S5  "von 3,7 auf 12,7 Milliarden Dollar", "van 5 naar 10 procent", "5 und 10 Prozent": a bare
        first value linked by auf/zu/und/bzw. or naar/tot/op/en/resp. (optionally followed by a
        qualifier word) to the next amount takes its scale, currency, kind and unit (span "3,7",
        value 3.7e9, USD). und/en form a range only after zwischen/tussen (R1).
    C1  qualifier (the words right before the span, case-insensitive): approx = rund, etwa, ca.,
        circa, zirka, ungefähr, annähernd, nahezu, fast, beinahe, knapp, schätzungsweise,
        geschätzt(e/n), um die, an die, ongeveer, zo'n, rond(de), bijna, vrijwel, nagenoeg,
        pakweg, zowat, ruwweg, grofweg, naar schatting, geschat(te), een kleine;
        at_least = über, mehr als, mindestens, wenigstens, gut, ab, meer dan, ruim, minstens,
        minimaal, ten minste, zeker, boven de, vanaf, een dikke (also "... oder mehr",
        "... of meer" after the span); at_most = bis zu, bis, unter, maximal, höchstens,
        weniger als, nicht mehr als, hooguit, maximaal, minder dan, hoogstens, niet meer dan,
        nog geen, onder de, tot maximaal, tot wel (also "... oder weniger", "... of minder");
        otherwise exact. "knapp"/"fast"/"bijna" (just under) are read as approx.
    C2  per: pro/im/jedes Jahr, jährlich(e), per annum, p. a., per jaar, jaarlijks(e), elk jaar,
        op jaarbasis, Jahresumsatz and the like -> year; pro/im Quartal, vierteljährlich,
        per kwartaal -> quarter; pro/im Monat, monatlich(e), per maand, maandelijks(e) -> month;
        pro Woche, wöchentlich(e), per week, wekelijks(e) -> week; pro/am Tag, täglich(e),
        per dag, dagelijks(e) -> day; pro Stunde, stündlich, per uur -> hour. Searched among the
        adjectives before the counted noun ("700 Millionen wöchentliche Nutzer"), within two words
        after the span (and its counted noun) and two words before it, never across punctuation
        or und/oder/en/of; "im Jahr 2025" is a date, not a rate.
    C3  unit (counts only): the first noun after the numeral, skipping up to two adjectives, looked
        up in the word list `lexicon.UNITS` (German and Dutch plural nouns -> short English plural: Nutzer/
        gebruikers -> users, Menschen/mensen -> people, Bilder -> images, Unternehmen/bedrijven/
        Firmenkunden -> companies, GPUs -> GPUs ...); German compounds are looked up by their last
        part ("ChatGPT-Nutzer", "Neukunden"); None when the noun is unknown.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from kiwi_bench.baselines.amount_rules.fields import LANGUAGES, Amount, Kind, Period, Qualifier
from kiwi_bench.baselines.amount_rules.grammar import Parsed
from kiwi_bench.baselines.amount_rules.lexicon import (
    CURRENCY_IN_SENTENCE_RE,
    DUTCH_DETERMINERS,
    MONEY_NOUN_STEMS,
    MONEY_STEMS,
    SENTENCE_ABBREVIATIONS,
    SUFFIX_UNITS,
    TIME_UNITS,
    UNITS,
)
from kiwi_bench.baselines.amount_rules.numerals import as_number
from kiwi_bench.baselines.amount_rules.patterns import HS, WORD_END, WS, WS1, phrase_regex

QUALIFIERS: dict[str, dict[str, Qualifier]] = {
    "de": {
        "rund": "approx", "etwa": "approx", "ca.": "approx", "circa": "approx", "zirka": "approx",
        "ungefähr": "approx", "annähernd": "approx", "nahezu": "approx", "fast": "approx",
        "beinahe": "approx", "knapp": "approx", "schätzungsweise": "approx", "geschätzt": "approx",
        "geschätzte": "approx", "geschätzten": "approx", "um die": "approx", "an die": "approx",
        "grob": "approx",
        "über": "at_least", "mehr als": "at_least", "mindestens": "at_least", "wenigstens": "at_least",
        "gut": "at_least", "ab": "at_least", "weit über": "at_least", "weit mehr als": "at_least",
        "deutlich über": "at_least", "deutlich mehr als": "at_least", "mehr denn": "at_least",
        "bis zu": "at_most", "bis": "at_most", "unter": "at_most", "maximal": "at_most",
        "höchstens": "at_most", "weniger als": "at_most", "nicht mehr als": "at_most",
        "nicht einmal": "at_most", "knapp unter": "at_most", "unterhalb von": "at_most",
    },
    "nl": {
        "ongeveer": "approx", "zo'n": "approx", "circa": "approx", "ca.": "approx", "rond de": "approx",
        "rond": "approx", "rondom": "approx", "bijna": "approx", "vrijwel": "approx", "nagenoeg": "approx",
        "pakweg": "approx", "zowat": "approx", "ruwweg": "approx", "grofweg": "approx",
        "naar schatting": "approx", "geschat": "approx", "geschatte": "approx", "een kleine": "approx",
        "om en nabij de": "approx", "om en nabij": "approx",
        "meer dan": "at_least", "ruim": "at_least", "minstens": "at_least", "minimaal": "at_least",
        "ten minste": "at_least", "tenminste": "at_least", "zeker": "at_least", "boven de": "at_least",
        "vanaf": "at_least", "een dikke": "at_least", "dik": "at_least", "ruim boven de": "at_least",
        "hooguit": "at_most", "maximaal": "at_most", "minder dan": "at_most", "hoogstens": "at_most",
        "ten hoogste": "at_most", "niet meer dan": "at_most", "nog geen": "at_most", "onder de": "at_most",
        "tot maximaal": "at_most", "tot wel": "at_most", "tot zo'n": "at_most",
    },
}
_TRAILING_QUALIFIERS: dict[str, dict[str, Qualifier]] = {
    "de": {"oder mehr": "at_least", "und mehr": "at_least", "oder weniger": "at_most"},
    "nl": {"of meer": "at_least", "en meer": "at_least", "of minder": "at_most"},
}

# (regex, period); searched after the span.  "im Jahr 2025" is a date, hence the lookahead.
_PERIODS_AFTER: dict[str, list[tuple[str, Period]]] = {
    "de": [
        (rf"vierteljährlich\w*|pro{WS1}Quartal|im{WS1}Quartal|je{WS1}Quartal|quartalsweise", "quarter"),
        (rf"pro{WS1}Jahr|im{WS1}Jahr(?!{WS}\d)|jedes{WS1}Jahr|jährlich\w*|per{WS1}annum|p\.{HS}?a\.|"
         r"/\s?Jahr", "year"),
        (rf"pro{WS1}Monat|im{WS1}Monat(?!{WS1}[A-ZÄÖÜ])|jeden{WS1}Monat|monatlich\w*|/\s?Monat", "month"),
        (rf"pro{WS1}Woche|in{WS1}der{WS1}Woche|jede{WS1}Woche|wöchentlich\w*|/\s?Woche", "week"),
        (rf"pro{WS1}Tag|am{WS1}Tag|jeden{WS1}Tag|täglich\w*|tagtäglich|/\s?Tag", "day"),
        (rf"pro{WS1}Stunde|in{WS1}der{WS1}Stunde|stündlich\w*|/\s?Stunde", "hour"),
    ],
    "nl": [
        (rf"per{WS1}kwartaal|elk{WS1}kwartaal|ieder{WS1}kwartaal", "quarter"),
        (rf"per{WS1}jaar|jaarlijks\w*|elk{WS1}jaar|ieder{WS1}jaar|op{WS1}jaarbasis|per{WS1}annum|"
         r"/\s?jaar", "year"),
        (rf"per{WS1}maand|maandelijks\w*|elke{WS1}maand|iedere{WS1}maand|/\s?maand", "month"),
        (rf"per{WS1}week|wekelijks\w*|elke{WS1}week|iedere{WS1}week|/\s?week", "week"),
        (rf"per{WS1}dag|dagelijks\w*|elke{WS1}dag|iedere{WS1}dag|/\s?dag", "day"),
        (rf"per{WS1}uur|/\s?uur", "hour"),
    ],
}
# (regex, period); searched in the three words before the span.
_PERIODS_BEFORE: dict[str, list[tuple[str, Period]]] = {
    "de": [
        (r"vierteljährlich\w*|Quartalsumsatz\w*|Quartalsumsätze\w*", "quarter"),
        (rf"jährlich\w*|pro{WS1}Jahr|Jahresumsatz\w*|Jahresumsätze\w*|Jahreseinnahmen|Jahreserlös\w*|"
         r"Jahresbudget\w*|Jahresgehalt\w*|annualisiert\w*", "year"),
        (rf"monatlich\w*|pro{WS1}Monat|Monatsumsatz\w*|Monatsgehalt\w*", "month"),
        (rf"wöchentlich\w*|pro{WS1}Woche", "week"),
        (rf"täglich\w*|pro{WS1}Tag", "day"),
        (rf"stündlich\w*|pro{WS1}Stunde", "hour"),
    ],
    "nl": [
        (r"kwartaalomzet\w*", "quarter"),
        (rf"jaarlijks\w*|per{WS1}jaar|jaaromzet\w*|jaarinkomsten|jaarsalaris\w*|jaarbudget\w*|"
         r"geannualiseerd\w*", "year"),
        (rf"maandelijks\w*|per{WS1}maand", "month"),
        (rf"wekelijks\w*|per{WS1}week", "week"),
        (rf"dagelijks\w*|per{WS1}dag", "day"),
        (rf"per{WS1}uur", "hour"),
    ],
}

# The words around an amount.
_SENTENCE_END_RE = re.compile(r"(?<=[.!?])[\"'“”»«)]*\s+(?=[\"'„“«(]*[A-ZÄÖÜ0-9])|\n[^\S\n]*\n")
NEXT_WORD_RE = re.compile(rf"{WS}(-?)([^\W\d_](?:[\w'’-]*\w)?)")
_PREVIOUS_WORD_RE = re.compile(r"(\S+)\s+$")
_WORD_BEFORE_STOP_RE = re.compile(r"(\S+)[.!?][\"'“”»«)]*$")


@dataclass(frozen=True)
class _Rules:
    """The context patterns compiled once for one language."""

    qualifier: re.Pattern[str]
    trailing_qualifier: re.Pattern[str]
    periods_after: re.Pattern[str]
    periods_before: re.Pattern[str]
    period_table: list[tuple[re.Pattern[str], Period]]
    money_stems: tuple[str, ...]


def _compile(language: str) -> _Rules:
    """Compile the qualifier and rate patterns of one language."""
    period_after = "|".join(f"(?:{p})" for p, _ in _PERIODS_AFTER[language])
    period_before = "|".join(f"(?:{p})" for p, _ in _PERIODS_BEFORE[language])
    # a word between the amount and its rate phrase: no punctuation, no conjunction
    word = r"(?!(?i:und|oder|aber|sowie|sondern|en|of|maar|terwijl)(?!\w))(?:ca\.|[^\s,;:!?()\"„“”«».]+)"
    return _Rules(
        qualifier=re.compile(rf"(?i)(?<![\w])(?P<q>{phrase_regex(QUALIFIERS[language])}){WS}$"),
        trailing_qualifier=re.compile(rf"(?i){WS1}(?P<q>{phrase_regex(_TRAILING_QUALIFIERS[language])})"
                                      rf"{WORD_END}"),
        periods_after=re.compile(rf"(?:(?:{WS1}{word}){{0,2}}?{WS1}|{WS})(?P<per>{period_after})(?!\w)"),
        periods_before=re.compile(rf"(?<!\w)(?P<per>{period_before})(?:{WS1}{word}){{0,2}}?{WS}$"),
        period_table=[(re.compile(p), period) for p, period in
                      _PERIODS_AFTER[language] + _PERIODS_BEFORE[language]],
        money_stems=MONEY_STEMS[language],
    )


_RULES = {language: _compile(language) for language in LANGUAGES}


def previous_word(text: str, start: int) -> str | None:
    """The whitespace-separated token right before start, or None."""
    match = _PREVIOUS_WORD_RE.search(text, max(0, start - 60), start)
    return match.group(1) if match else None


def is_sentence_initial(text: str, start: int) -> bool:
    """Whether only sentence punctuation, quotes or a line break precede start."""
    index = start - 1
    while index >= 0 and text[index] in " \t\u00a0\u202f\u2009":
        index -= 1
    return index < 0 or text[index] in ".!?:\n\"'„“”«»(–-•*"


def _is_filler(low: str, part: str, language: str) -> bool:
    """Whether a word between numeral and counted noun is an adjective or article to skip."""
    if language == "de":
        return part[:1].islower() and (low.endswith(("e", "en", "er", "es", "em")) or low in ("mehr", "weitere"))
    return (low.endswith("e") and low not in DUTCH_DETERMINERS) or low in ("extra", "actief", "meer")


def following_noun(text: str, end: int, language: str) -> tuple[str | None, str | None, Period | None, int]:
    """(noun type, unit, period, end) of the noun after a numeral, skipping up to two adjectives.

    noun type is 'time' (a duration or multiplier), 'unit' (a counted noun in UNITS), 'money'
    (Umsatz, omzet ...), 'noun' (an unknown capitalised German noun) or None. A rate adjective on
    the way ("wöchentliche", "jaarlijkse") gives the period.
    """
    position, period = end, None
    for index in range(3):
        match = NEXT_WORD_RE.match(text, position)
        if match is None or (match.group(1) and index > 0):
            break
        word = match.group(2)
        part = word.split("-")[0] if match.group(1) else word.split("-")[-1]
        low = part.lower()
        word_period = _period_of(word.lower(), language) or _period_of(word, language)
        if word_period:
            period, position = word_period, match.end()
            continue
        if low in TIME_UNITS:
            return "time", None, period, match.end()
        unit = _unit_of(part)
        if unit:
            return "unit", unit, period, match.end()
        if low.startswith(MONEY_NOUN_STEMS[language]):
            return "money", None, period, match.end()
        if language == "de" and part[:1].isupper():
            return "noun", None, period, match.end()
        if not _is_filler(low, part, language):
            break
        position = match.end()
    return None, None, period, end


def _unit_of(noun: str) -> str | None:
    """English plural unit of a German/Dutch counted noun, by exact form or compound suffix."""
    low = noun.lower().replace("’", "'")
    if low in UNITS:
        return UNITS[low]
    if noun.isupper() and low.endswith("s") and low[:-1] in UNITS:   # 'GPUs' written in capitals
        return UNITS[low[:-1]]
    for key in SUFFIX_UNITS:
        if low.endswith(key):
            return UNITS[key]
    return None


def sentence_bounds(text: str, boundaries: list[int], start: int) -> tuple[int, int]:
    """Start and end offsets of the sentence around offset start (approximate)."""
    index = bisect.bisect_right(boundaries, start)
    left = boundaries[index - 1] if index > 0 else 0
    right = boundaries[index] if index < len(boundaries) else len(text)
    return left, right


def sentence_boundaries(text: str) -> list[int]:
    """Offsets where sentences begin, skipping dots of abbreviations, ordinals and initials."""
    found = []
    for match in _SENTENCE_END_RE.finditer(text):
        if not match.group().startswith("\n"):
            word = _WORD_BEFORE_STOP_RE.search(text, max(0, match.start() - 30), match.start())
            token = word.group(1).lower() if word else ""
            if token in SENTENCE_ABBREVIATIONS or token.isdigit() or len(token) == 1:
                continue
        found.append(match.end())
    return found


def _money_context(sentence: str, language: str) -> bool:
    """Whether the sentence talks about money (a money word or any currency)."""
    low = sentence.lower()
    return bool(CURRENCY_IN_SENTENCE_RE.search(sentence)) or any(stem in low for stem in _RULES[language].money_stems)


def amount_qualifier(text: str, start: int, end: int, language: str, is_range: bool) -> Qualifier:
    """Qualifier from the words right before the span (or 'oder mehr' after it); ranges default at_least."""
    rules = _RULES[language]
    match = rules.qualifier.search(text, max(0, start - 40), start)
    if match:
        phrase = " ".join(match.group("q").lower().replace("’", "'").split())
        return QUALIFIERS[language][phrase]
    trailing = rules.trailing_qualifier.match(text, end)
    if trailing:
        return _TRAILING_QUALIFIERS[language][" ".join(trailing.group("q").lower().split())]
    return "at_least" if is_range else "exact"


def _period_of(phrase: str, language: str) -> Period | None:
    """Period named by a matched rate phrase."""
    for pattern, period in _RULES[language].period_table:
        if pattern.fullmatch(phrase):
            return period
    return None


def rate_period(text: str, start: int, end: int, language: str) -> Period | None:
    """Rate period stated within two words after or three words before the span."""
    rules = _RULES[language]
    after = rules.periods_after.match(text, end)
    if after:
        return _period_of(after.group("per"), language)
    before = rules.periods_before.search(text, max(0, start - 80), start)
    if before:
        return _period_of(before.group("per"), language)
    return None


def decide_kind(parsed: Parsed, noun_type: str | None, compound: bool, sentence: str,
                language: str) -> Kind:
    """Kind in context: a counted noun makes a count, money words or big scales make money."""
    if parsed.kind == "percent" or parsed.currency or parsed.cents:
        return parsed.kind
    if noun_type == "unit":
        return "count"
    if noun_type == "money":
        return "money"
    if parsed.scale < 1000:
        return "count"
    if compound or parsed.scale >= 10**9:
        return "money"
    if noun_type == "noun":
        return "count"
    return "money" if _money_context(sentence, language) else "count"


def inherit_from_target(text: str, found: list[tuple[Amount, Parsed]], language: str) -> None:
    """'von 3,7 auf 12,7 Milliarden Dollar', '5 und 10 Prozent': a bare first value takes the scale,
    currency, kind and unit of the amount it is linked to."""
    for (amount, parsed), (target, target_parsed) in zip(found, found[1:]):
        if not parsed.bare or parsed.value_high is not None or amount["unit"] is not None:
            continue
        if not _SHARED_SCALE_LINK[language].fullmatch(text, amount["end"], target["start"]):
            continue
        if target_parsed.bare:
            amount["unit"] = target["unit"]
            continue
        amount["value"] = as_number(parsed.value * target_parsed.scale)
        amount["kind"], amount["currency"], amount["unit"] = target["kind"], target["currency"], target["unit"]


# The words between a bare start value and the amount it shares scale and currency with.
_SHARED_SCALE_LINK = {
    "de": re.compile(rf"{WS1}(?i:auf|zu|und|bzw\.|beziehungsweise|respektive){WS1}"
                     rf"(?:(?i:über|rund|etwa|knapp|fast|mehr{WS1}als){WS1})?"),
    "nl": re.compile(rf"{WS1}(?i:naar|tot|op|en|resp\.|respectievelijk){WS1}"
                     rf"(?:(?i:ruim|ongeveer|bijna|meer{WS1}dan|zo['’]n){WS1})?"),
}
