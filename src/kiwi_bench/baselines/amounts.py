"""Rule-based recogniser and normaliser of amounts (layer 3 of the KIWI annotation spec).

Deterministic baseline for the `rules` system: regular expressions and word lists, no model, no
training data. Written from the annotation spec and general knowledge of German and Dutch number
writing, not tuned on the gold files.

Public API
    normalize_amount(surface, language) -> {"kind", "value", "currency"} (+ "value_high") or None
    find_amounts(text, language) -> [{"start", "end", "kind", "value", "currency", "unit",
                                      "qualifier", "per"}, ...] in text order, non-overlapping;
        exactly the keys of an `amount_span` in schema/predictions.schema.json (the surface is
        text[start:end]). find_amounts(..., value_high=True) adds "value_high" to ranges.

Rules (N = numerals, S = span and kind, R = ranges, X = exclusions, C = context fields)
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
    S4  kind: percent if a percent word or a fraction; money if a currency is named. Otherwise,
        in find_amounts: a known counted noun after the number makes a count ("1 Milliarde
        Nutzer"), a money noun makes money ("500 Millionen Umsatz"); a number without scale is a
        count; a hyphen compound with a scale word ("38-Milliarden-Kooperation") is money; a
        scale of a billion or more (German Milliarde) is money; with a smaller scale an unknown
        capitalised German noun makes a count, and without a noun it is money if the sentence
        talks about money (Umsatz, Bewertung, investiert, omzet, waarde, a currency ...), else a
        count. normalize_amount has no context: hyphen compound or scale >= 1e9 -> money, other
        numbers without currency -> count.
    S5  "von 3,7 auf 12,7 Milliarden Dollar", "van 5 naar 10 procent", "5 und 10 Prozent": a bare
        first value linked by auf/zu/und/bzw. or naar/tot/op/en/resp. (optionally followed by a
        qualifier word) to the next amount takes its scale, currency, kind and unit (span "3,7",
        value 3.7e9, USD). und/en form a range only after zwischen/tussen (R1).
    R1  A range "100 bis 300 Milliarden Dollar", "100-300 Mio.", "zwei bis drei Milliarden",
        "10 à 15 procent", "zwei oder drei", "zwischen 100 und 300", "tussen 5 en 10 miljoen"
        (connectors bis, -, –, oder, und; tot, à, a, -, of, en) is ONE amount whose
        span runs from the first numeral to the last scale/currency word; a scale or currency
        written only at the end applies to both ends. value is the lower bound, value_high the
        upper bound, and the qualifier is at_least unless a qualifier word precedes the range.
        und/en join a range only after zwischen/tussen; a year after bis/tot ("500 Milliarden bis
        2029") ends the amount instead of forming a range.
    X1  Not amounts: a four-digit year 1900-2099 without scale, currency or percent (unless a
        known counted noun follows: "2000 Mitarbeiter"); digits glued to letters or to a
        "word-" prefix ("GB200", "H1", "2000er", "GPT-4", "5G", "3D"); dates and times ("3.
        Oktober", "1 januari", "30.09.2025", "14:30", "24/7", "14 Uhr"); ordinals ("3. Platz",
        "die 2. größte", "3e", "derde" without a numerator); list numbers at the start of a line
        ("1." "2)"); numbers in parentheses alone ("Kommentar (0)"); digits inside URLs and
        e-mail addresses; numbers after #, §, Nr., No.
    X2  Durations and multipliers: a bare numeral followed (after at most two adjectives) by a time
        unit (Jahr(e/n), Monat(e/n), Woche(n), Tag(e/n), Stunde(n), Minute(n), Sekunde(n),
        Jahrzehnt, Quartal, jaar, maand, week, dag, uur, minuut, decennium, kwartaal ...) or by
        Mal/keer/maal.
    X3  Version and model numbers: a bare numeral directly after a capitalised or mixed-case word
        that is not a function word ("Sora 2", "Claude 4", "iOS 26", "Platz 1") or after
        versie/version/nummer/model, unless a known counted noun follows; a number word after
        Nummer/Platz/versie ("Nummer eins").
    X4  Bare hyphen compounds ("24-Stunden-Service", "20-jährige", "10-Punkte-Plan") are not
        amounts; compounds with a scale, currency or percent are ("38-Milliarden-Kooperation",
        "500-Dollar-Gerät", "5-Prozent-Hürde"; span without the head noun).
    X5  A capitalised number word inside a sentence ("außer Acht", "Elf") is not a numeral; Dutch
        "acht"/"vier" before het/de/dat/... is the verb. Dutch "een derde/vijfde/..." before a
        noun ("een derde partij") is an ordinal, not a fraction. "Hälfte/helft" after an ordinal
        ("der zweiten Hälfte") or before "des Jahres"/"van het jaar"/a year is a period.
    X6  No numeral, no amount: "Milliarden von Dollar", "Milliarden-Dollar-Spiel", "Tausende".
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
        up in the word list _UNITS (German and Dutch plural nouns -> short English plural: Nutzer/
        gebruikers -> users, Menschen/mensen -> people, Bilder -> images, Unternehmen/bedrijven/
        Firmenkunden -> companies, GPUs -> GPUs ...); German compounds are looked up by their last
        part ("ChatGPT-Nutzer", "Neukunden"); None when the noun is unknown.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal, TypedDict

Kind = Literal["money", "count", "percent"]
Qualifier = Literal["exact", "approx", "at_least", "at_most"]
Period = Literal["hour", "day", "week", "month", "quarter", "year"]
Number = int | float

LANGUAGES = ("de", "nl")


class _AmountRequired(TypedDict):
    """Keys present in every recognised amount (those of a predicted amount span)."""

    start: int
    end: int
    kind: Kind
    value: Number
    currency: str | None
    unit: str | None
    qualifier: Qualifier
    per: Period | None


class Amount(_AmountRequired, total=False):
    """One recognised amount; value_high only for ranges, and only when asked for."""

    value_high: Number


# ---------------------------------------------------------------------------------------------
# Regular-expression building blocks
# ---------------------------------------------------------------------------------------------

_HS = r"[^\S\n]"                                  # horizontal whitespace (incl. no-break spaces)
# Whitespace with at most one line break, written so that a run of spaces splits only one way
# (no quadratic backtracking on long runs).
_WS = rf"{_HS}*(?:\n{_HS}*)?"                      # optional
_WS1 = rf"(?:{_HS}+(?:\n{_HS}*)?|\n{_HS}*)"        # required
_WORD_END = r"(?![^\W\d_])"                       # no letter follows
_GROUP_SEP = "[.'’\u00a0\u202f\u2009]"             # thousands separators
_DIGITS = (
    rf"\d{{1,3}}(?:{_GROUP_SEP}\d{{3}})+(?:,\d+|,[-–])?(?!\d)"   # 50.000  1.234,5  1.000,-
    r"|\d+\.\d{1,2}(?!\d)"                                         # 4.5 (English decimal point)
    r"|\d+(?:,\d+|,[-–])?"                                         # 50  4,3  5,-
)
_GROUP_SEP_RE = re.compile(_GROUP_SEP)
_GROUPED_RE = re.compile(rf"\d{{1,3}}(?:{_GROUP_SEP}\d{{3}})+(?:,\d+|,[-–])?")
_DOT_DECIMAL_RE = re.compile(r"\d+\.\d{1,2}")
_PLAIN_YEAR_RE = re.compile(r"(?:19|20)\d\d")

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


def _alt(words: Iterable[str]) -> str:
    """Regex alternation of literal words, longest first so that prefixes never win."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _word_number_regex(ones: dict[str, int], small: dict[str, int], tens: dict[str, int],
                       connector: str, hundred: str, thousand: str) -> str:
    """Regex of a written cardinal below one million (compounds of ones, tens, hundred, thousand)."""
    ones_alt = _alt(w for w in ones if small[w] > 1 or w in ("ein", "een"))
    below_20 = _alt(w for w in small if w not in ("ein", "een", "één"))
    below_100 = rf"(?:(?:{ones_alt}){connector})?(?:{_alt(tens)})|{below_20}"
    below_1000 = rf"(?:{ones_alt})?{hundred}(?:{below_100})?|{below_100}"
    return rf"(?:(?:{below_1000})?{thousand}(?:{below_1000})?|{below_1000})"


_WORDNUM_DE = _word_number_regex(_ONES_DE, _SMALL_DE, _TENS_DE, "und", "hundert", "tausend")
_WORDNUM_NL = _word_number_regex(_ONES_NL, _SMALL_NL, _TENS_NL, "(?:en|ën)", "honderd", "duizend")
_HALVES_DE = ("einhalb",)
_HALVES_NL = ("ëneenhalf", "eneenhalf", "ënhalf", "enhalf")

_FRACTIONS_DE = {"drittel": 3, "viertel": 4, "fünftel": 5, "sechstel": 6, "siebtel": 7, "achtel": 8,
                 "neuntel": 9, "zehntel": 10, "zwanzigstel": 20, "hundertstel": 100, "tausendstel": 1000}
_FRACTIONS_NL = {"derde": 3, "kwart": 4, "vierde": 4, "vijfde": 5, "zesde": 6, "zevende": 7, "achtste": 8,
                 "negende": 9, "tiende": 10, "twintigste": 20, "honderdste": 100, "duizendste": 1000}
_ORDINAL_FORM_FRACTIONS_NL = frozenset(_FRACTIONS_NL) - {"kwart"}
_WHOLE_FRACTIONS = {"dreiviertel": 75, "driekwart": 75}

_SCALES = {
    "de": {"tausend": 10**3, "tsd": 10**3, "million": 10**6, "millionen": 10**6, "mio": 10**6,
           "mill": 10**6, "milliarde": 10**9, "milliarden": 10**9, "mrd": 10**9, "mia": 10**9,
           "billion": 10**12, "billionen": 10**12, "bio": 10**12, "dutzend": 12, "bn": 10**9,
           "trillion": 10**12},
    "nl": {"duizend": 10**3, "miljoen": 10**6, "mln": 10**6, "miljard": 10**9, "mld": 10**9, "mrd": 10**9,
           "biljoen": 10**12, "dozijn": 12, "million": 10**6, "billion": 10**9, "bn": 10**9,
           "trillion": 10**12},
}
_PLURAL_SCALES = frozenset({"millionen", "milliarden", "billionen"})
_SCALE_RE_TEXT = {
    "de": r"(?:Tausend|tausend|Tsd\.?|Millionen|Million|Mio\.?|Mill\.|Milliarden|Milliarde|Mrd\.?|Mia\.|"
          r"Billionen|Billion|Bio\.|Dutzend|million|billion|trillion|bn)" + _WORD_END,
    "nl": r"(?i:duizend|miljoen|mln\.?|miljard|mld\.?|mrd\.?|biljoen|dozijn|million|billion|trillion|bn)"
          + _WORD_END,
}

# (pattern, ISO code); order matters: specific before generic.
_CURRENCIES: dict[str, list[tuple[str, str]]] = {
    "de": [
        (rf"US-Dollars?|US{_HS}Dollars?|US-\$|US\$", "USD"),
        (rf"(?:[Kk]anadische[nr]?{_WS1})Dollars?|CAD|C\$", "CAD"),
        (rf"(?:[Aa]ustralische[nr]?{_WS1})Dollars?|AUD|A\$", "AUD"),
        (r"Hongkong-Dollars?|HKD|HK\$", "HKD"),
        (r"Singapur-Dollars?|SGD", "SGD"),
        (r"Dollars?|USD|\$", "USD"),
        (r"Euros?|EUR|€", "EUR"),
        (rf"(?:[Bb]ritische[nr]?{_WS1})?Pfund(?:{_WS1}Sterling)?|GBP|£", "GBP"),
        (rf"(?:[Jj]apanische[nr]?{_WS1})?Yen|JPY|¥", "JPY"),
        (rf"(?:Schweizer{_WS1})?Franken|CHF|SFr\.", "CHF"),
        (rf"(?:[Cc]hinesische[nr]?{_WS1})?(?:Yuan|Renminbi)|CNY|RMB", "CNY"),
        (rf"(?:[Ii]ndische[nr]?{_WS1})?Rupien?|INR|₹", "INR"),
        (rf"(?:[Ss]üdkoreanische[nr]?{_WS1})?Won|KRW|₩", "KRW"),
    ],
    "nl": [
        (r"(?i:US-dollars?)|US\$", "USD"),
        (rf"(?i:Canadese{_WS1}dollars?)|CAD|C\$", "CAD"),
        (rf"(?i:Australische{_WS1}dollars?)|AUD|A\$", "AUD"),
        (rf"(?i:(?:Amerikaanse{_WS1})?dollars?)|USD|\$", "USD"),
        (r"(?i:euro's|euros?)|EUR|€", "EUR"),
        (rf"(?i:(?:Britse{_WS1})?(?:ponden|pond(?:{_WS1}sterling)?))|GBP|£", "GBP"),
        (rf"(?i:(?:Japanse{_WS1})?yen)|JPY|¥", "JPY"),
        (rf"(?i:(?:Zwitserse{_WS1})?frank(?:en)?)|CHF", "CHF"),
        (rf"(?i:(?:Chinese{_WS1})?(?:yuan|renminbi))|CNY|RMB", "CNY"),
        (rf"(?i:(?:Indiase{_WS1})?roepies?)|INR|₹", "INR"),
        (rf"(?i:Zuid-Koreaanse{_WS1}won)|KRW|₩", "KRW"),
    ],
}
# Currency symbols and ISO codes written before the number ("$70 miljard", "USD 5 Mrd.").
_PREFIX_CODES = {"US$": "USD", "US-$": "USD", "C$": "CAD", "A$": "AUD", "HK$": "HKD", "$": "USD",
                 "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₩": "KRW"}
_PREFIX_ISO_CODES = frozenset({"USD", "EUR", "GBP", "JPY", "CHF", "CNY", "INR", "CAD", "AUD"})
_CURRENCY_PREFIX = (r"(?:US\$|US-\$|C\$|A\$|HK\$|\$|€|£|¥|₹|₩|"
                    rf"(?:{'|'.join(sorted(_PREFIX_ISO_CODES))})(?={_HS}?\d))")
_CURRENCY_IN_SENTENCE_RE = re.compile(r"[$€£¥₹₩]|\b(?:US-)?(?:Dollars?|Euros?|dollars?|euros?|USD|EUR)\b")

_PERCENT_RE_TEXT = {
    "de": rf"(?:%|(?:Prozentpunkten|Prozentpunkte|Prozentpunkt|Prozent){_WORD_END}|v\.{_HS}?H\.)",
    "nl": rf"(?:%|(?i:procentpunten|procentpunt|procent){_WORD_END}|(?i:pct)\.?{_WORD_END})",
}

_CENT_RE_TEXT = {"de": rf"(?:Cents?|ct\.|Ct\.){_WORD_END}", "nl": rf"(?i:cent(?:en|s)?|ct\.?){_WORD_END}"}
_ARTICLES = {"de": r"eine[mnrs]?|ein", "nl": r"een|één|eén"}
_HALF_WORDS = {"de": rf"(?:(?i:eine[nr]?){_WS1})?(?i:halbe[nrm]?)", "nl": rf"(?:(?i:een){_WS1})?(?i:half|halve)"}
_HALF_NOUNS = {"de": rf"(?:(?i:die|der|eine|einer){_WS1})?(?i:hälfte)", "nl": rf"(?:(?i:de){_WS1})?(?i:helft)"}
_CONNECTORS = {
    "de": rf"(?:{_WS}[-–—]{_WS}|{_WS1}(?i:bis(?!{_WS1}zu{_WORD_END})|und|oder){_WS1})",
    "nl": rf"(?:{_WS}[-–—]{_WS}|{_WS1}(?i:tot(?!{_WS1}(?:wel|maximaal){_WORD_END})|à|a|en|of){_WS1})",
}
_AND_CONNECTORS = frozenset({"und", "en"})
_RANGE_INTRO = {"de": re.compile(r"(?i)(?<!\w)zwischen" + _WS + r"$"),
                "nl": re.compile(r"(?i)(?<!\w)tussen" + _WS + r"$")}


# ---------------------------------------------------------------------------------------------
# Word lists for context
# ---------------------------------------------------------------------------------------------

_QUALIFIERS: dict[str, dict[str, Qualifier]] = {
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
        (rf"vierteljährlich\w*|pro{_WS1}Quartal|im{_WS1}Quartal|je{_WS1}Quartal|quartalsweise", "quarter"),
        (rf"pro{_WS1}Jahr|im{_WS1}Jahr(?!{_WS}\d)|jedes{_WS1}Jahr|jährlich\w*|per{_WS1}annum|p\.{_HS}?a\.|"
         r"/\s?Jahr", "year"),
        (rf"pro{_WS1}Monat|im{_WS1}Monat(?!{_WS1}[A-ZÄÖÜ])|jeden{_WS1}Monat|monatlich\w*|/\s?Monat", "month"),
        (rf"pro{_WS1}Woche|in{_WS1}der{_WS1}Woche|jede{_WS1}Woche|wöchentlich\w*|/\s?Woche", "week"),
        (rf"pro{_WS1}Tag|am{_WS1}Tag|jeden{_WS1}Tag|täglich\w*|tagtäglich|/\s?Tag", "day"),
        (rf"pro{_WS1}Stunde|in{_WS1}der{_WS1}Stunde|stündlich\w*|/\s?Stunde", "hour"),
    ],
    "nl": [
        (rf"per{_WS1}kwartaal|elk{_WS1}kwartaal|ieder{_WS1}kwartaal", "quarter"),
        (rf"per{_WS1}jaar|jaarlijks\w*|elk{_WS1}jaar|ieder{_WS1}jaar|op{_WS1}jaarbasis|per{_WS1}annum|"
         r"/\s?jaar", "year"),
        (rf"per{_WS1}maand|maandelijks\w*|elke{_WS1}maand|iedere{_WS1}maand|/\s?maand", "month"),
        (rf"per{_WS1}week|wekelijks\w*|elke{_WS1}week|iedere{_WS1}week|/\s?week", "week"),
        (rf"per{_WS1}dag|dagelijks\w*|elke{_WS1}dag|iedere{_WS1}dag|/\s?dag", "day"),
        (rf"per{_WS1}uur|/\s?uur", "hour"),
    ],
}
# (regex, period); searched in the three words before the span.
_PERIODS_BEFORE: dict[str, list[tuple[str, Period]]] = {
    "de": [
        (r"vierteljährlich\w*|Quartalsumsatz\w*|Quartalsumsätze\w*", "quarter"),
        (rf"jährlich\w*|pro{_WS1}Jahr|Jahresumsatz\w*|Jahresumsätze\w*|Jahreseinnahmen|Jahreserlös\w*|"
         r"Jahresbudget\w*|Jahresgehalt\w*|annualisiert\w*", "year"),
        (rf"monatlich\w*|pro{_WS1}Monat|Monatsumsatz\w*|Monatsgehalt\w*", "month"),
        (rf"wöchentlich\w*|pro{_WS1}Woche", "week"),
        (rf"täglich\w*|pro{_WS1}Tag", "day"),
        (rf"stündlich\w*|pro{_WS1}Stunde", "hour"),
    ],
    "nl": [
        (r"kwartaalomzet\w*", "quarter"),
        (rf"jaarlijks\w*|per{_WS1}jaar|jaaromzet\w*|jaarinkomsten|jaarsalaris\w*|jaarbudget\w*|"
         r"geannualiseerd\w*", "year"),
        (rf"maandelijks\w*|per{_WS1}maand", "month"),
        (rf"wekelijks\w*|per{_WS1}week", "week"),
        (rf"dagelijks\w*|per{_WS1}dag", "day"),
        (rf"per{_WS1}uur", "hour"),
    ],
}

# Counted nouns (lowercase German/Dutch plural, some singular and dative forms) -> English plural.
_UNITS: dict[str, str] = {
    # users / people / staff
    "nutzer": "users", "nutzern": "users", "nutzerinnen": "users", "benutzer": "users", "benutzern": "users",
    "user": "users", "users": "users", "usern": "users", "anwender": "users", "anwendern": "users",
    "gebruikers": "users", "gebruiker": "users",
    "menschen": "people", "personen": "people", "leute": "people", "leuten": "people", "mensen": "people",
    "mitarbeiter": "employees", "mitarbeitern": "employees", "mitarbeitende": "employees",
    "mitarbeitenden": "employees", "beschäftigte": "employees", "beschäftigten": "employees",
    "angestellte": "employees", "angestellten": "employees", "arbeitnehmer": "employees",
    "medewerkers": "employees", "werknemers": "employees", "personeelsleden": "employees",
    "stellen": "jobs", "arbeitsplätze": "jobs", "jobs": "jobs", "banen": "jobs", "arbeidsplaatsen": "jobs",
    "kunden": "customers", "kundinnen": "customers", "klanten": "customers",
    "abonnenten": "subscribers", "abonnees": "subscribers",
    "entwickler": "developers", "entwicklern": "developers", "ontwikkelaars": "developers",
    "forscher": "researchers", "forschern": "researchers", "forschende": "researchers",
    "onderzoekers": "researchers", "gründer": "founders", "oprichters": "founders",
    "studierende": "students", "studenten": "students", "schüler": "students", "leerlingen": "students",
    "mitglieder": "members", "mitgliedern": "members", "leden": "members",
    "investoren": "investors", "investeerders": "investors", "partner": "partners", "partnern": "partners",
    "partners": "partners", "besucher": "visitors", "bezoekers": "visitors",
    "teilnehmer": "participants", "deelnemers": "participants",
    # organisations
    "unternehmen": "companies", "firmen": "companies", "konzerne": "companies", "konzernen": "companies",
    "firmenkunden": "companies", "unternehmenskunden": "companies", "geschäftskunden": "companies",
    "bedrijven": "companies", "ondernemingen": "companies", "firma's": "companies",
    "bedrijfsklanten": "companies", "startups": "startups", "start-ups": "startups",
    # media and content
    "bilder": "images", "bildern": "images", "fotos": "images", "afbeeldingen": "images", "beelden": "images",
    "foto's": "images", "videos": "videos", "video's": "videos", "clips": "videos",
    "nachrichten": "messages", "berichten": "messages", "beiträge": "posts", "posts": "posts",
    "artikel": "articles", "artikelen": "articles", "bücher": "books", "boeken": "books",
    "songs": "songs", "lieder": "songs", "wörter": "words", "woorden": "words",
    "anfragen": "queries", "suchanfragen": "queries", "zoekopdrachten": "queries", "prompts": "prompts",
    "fragen": "questions", "vragen": "questions", "downloads": "downloads", "seiten": "pages",
    "pagina's": "pages", "dokumente": "documents", "documenten": "documents",
    # technology
    "gpus": "GPUs", "gpu": "GPUs", "gpu's": "GPUs", "grafikprozessoren": "GPUs", "grafikkarten": "GPUs",
    "chips": "chips", "prozessoren": "processors", "processoren": "processors",
    "beschleuniger": "accelerators", "rechenzentren": "data centers", "datacenters": "data centers",
    "datacentra": "data centers", "server": "servers", "servern": "servers", "servers": "servers",
    "token": "tokens", "tokens": "tokens", "parameter": "parameters", "parametern": "parameters",
    "parameters": "parameters", "modelle": "models", "modellen": "models", "agenten": "agents",
    "apps": "apps", "anwendungen": "applications", "toepassingen": "applications",
    "geräte": "devices", "geräten": "devices", "apparaten": "devices", "smartphones": "smartphones",
    "roboter": "robots", "robots": "robots", "fahrzeuge": "vehicles", "autos": "cars", "auto's": "cars",
    "konten": "accounts", "accounts": "accounts", "patente": "patents", "patenten": "patents",
    "lizenzen": "licenses", "licenties": "licenses",
    "gigawatt": "gigawatts", "gw": "gigawatts", "megawatt": "megawatts", "mw": "megawatts",
    # finance and places
    "aktien": "shares", "anteile": "shares", "aandelen": "shares", "verträge": "contracts",
    "contracten": "contracts", "klagen": "lawsuits", "rechtszaken": "lawsuits",
    "länder": "countries", "ländern": "countries", "landen": "countries", "staaten": "states",
    "staten": "states", "städte": "cities", "städten": "cities", "steden": "cities",
    "standorte": "locations", "locaties": "locations", "sprachen": "languages", "talen": "languages",
    "haushalte": "households", "huishoudens": "households", "projekte": "projects", "projecten": "projects",
}
# Compound look-up by suffix ("ChatGPT-Nutzer", "Neukunden", "smartphonegebruikers"): keys of at least
# five letters, longest first, except those that end many unrelated words ("voorbeelden", "Umfragen").
_NOT_SUFFIXES = frozenset({"beelden", "stellen", "fragen", "lieder", "klagen", "seiten", "staten", "talen",
                           "leden", "token", "partner", "leute", "leuten", "autos", "clips", "artikel",
                           "konten", "server", "servern", "anteile", "modelle", "modellen", "posts"})
_SUFFIX_UNITS = tuple(sorted((k for k in _UNITS if len(k) >= 5 and k not in _NOT_SUFFIXES), key=len, reverse=True))

_TIME_UNITS = frozenset({
    "jahr", "jahre", "jahren", "jahres", "monat", "monate", "monaten", "monats", "woche", "wochen", "tag",
    "tage", "tagen", "tages", "stunde", "stunden", "minute", "minuten", "sekunde", "sekunden", "jahrzehnt",
    "jahrzehnte", "jahrzehnten", "quartal", "quartale", "quartalen", "jahrhundert", "jahrhunderte",
    "jahrhunderten", "nächte", "nächten", "uhr", "mal", "lebensjahr", "lebensjahren",
    "jaar", "jaren", "maand", "maanden", "week", "weken", "dag", "dagen", "uur", "uren", "minuut",
    "seconde", "seconden", "decennium", "decennia", "kwartaal", "kwartalen", "eeuw", "eeuwen",
    "nacht", "nachten", "keer", "maal",
})
_MONTHS = frozenset({
    "januar", "jänner", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober",
    "november", "dezember", "jan", "feb", "febr", "mär", "apr", "jun", "jul", "aug", "sep", "sept", "okt",
    "nov", "dez", "januari", "februari", "maart", "mei", "augustus", "december", "mrt", "dec",
})
_ORDINAL_NOUNS = frozenset({
    "platz", "stelle", "mal", "generation", "quartal", "jahrhundert", "jahrestag", "geburtstag", "runde",
    "ausgabe", "version", "etappe", "liga", "klasse", "stufe", "phase", "welle", "auflage", "kapitel",
})
_REFERENCE_WORDS = frozenset({
    "versie", "version", "nummer", "nr", "nr.", "no", "no.", "model", "fase", "stap", "hoofdstuk", "platz",
    "plaats", "stufe", "kapitel", "teil", "folge", "runde",
    "artikel", "pagina", "seizoen", "niveau", "level", "editie", "generatie",
})
# Lower-cased words that may stand right before a bare numeral without making it a version number.
_FUNCTION_WORDS = frozenset("""
    ab aber allein als also am an auch auf aus bei beim bereits bis bisher da dabei damit dann das dass
    davon dazu dem den denn der des die dies diese diesem diesen dieser doch dort durch ein eine einem
    einen einer eines er es etwa für gegen gut heute hier ihr im in insgesamt inzwischen ist je jetzt
    jeweils kaum knapp laut mehr mit nach neben noch nun nur ob oder ohne pro rund schon seit sie so
    sogar statt um und unter über von vor weitere weniger wie wir zu zum zur zusammen zwischen zudem
    fast fast über circa ca. ungefähr mindestens maximal höchstens weitere zuletzt damals gestern
    aan al alle als bij bijna binnen daar daarna daarom dan dat de deze die dit door dus een en er
    geen haar heeft het hij hoe hun in is maar meer met minder na naar net niet nog nu of om onder
    ongeveer ook op over per ruim slechts te ten tegen toch toen tot tussen uit van vanaf voor waar
    want was we wel wie wij zo zo'n zo’n zij ze zelfs zeker ruim maximaal minimaal circa totaal
""".split())
_MONEY_STEMS = {
    "de": ("umsatz", "umsätz", "erlös", "einnahm", "invest", "finanz", "bewert", "börsenwert", "marktwert",
           "kosten", "kostet", "gewinn", "verlust", "ausgab", "budget", "preis", "kapital", "übernahme",
           "förder", "subvention", "schulden", "kredit", "spende", "gehalt", "vergütung", "geld", "summe",
           "betrag", "milliardenschwer", "eingesammelt", "einsammeln", "sammelt", "auftrag", "deal",
           "dollar", "zahlt", "gezahlt", "bezahlt", "zahlen", "wert", "schwer", "ausgeben", "gibt aus"),
    "nl": ("omzet", "inkomst", "opbrengst", "waard", "investe", "financ", "kost", "winst", "verlies",
           "uitgave", "uitgeven", "budget", "prijs", "kapitaal", "overname", "betaal", "subsidie", "schuld",
           "lening", "salaris", "geld", "bedrag", "opgehaald", "ophalen", "haalde", "deal", "contract",
           "order", "dollar", "waarde", "miljardendeal"),
}
# Nouns right after a scaled number that make it money ("500 Millionen Umsatz").
_MONEY_NOUN_STEMS = {
    "de": ("umsatz", "umsätze", "erlös", "einnahmen", "investition", "kapital", "schulden", "verlust",
           "gewinn", "förder", "finanzierung", "budget", "kredit", "bewertung", "ausgaben", "kosten"),
    "nl": ("omzet", "winst", "verlies", "investering", "kapitaal", "schuld", "financiering", "budget",
           "krediet", "waardering", "uitgaven", "kosten", "inkomsten", "opbrengst"),
}
_DUTCH_DETERMINERS = frozenset({"de", "die", "deze", "dat", "het", "te", "ze", "we", "je", "me"})
_DUTCH_VERB_NUMERALS = frozenset({"acht", "vier"})
_DUTCH_OBJECTS = frozenset({"het", "de", "dat", "hem", "haar", "zich", "ze", "dit", "deze", "mij", "me",
                            "je", "u", "ons", "hen", "hun", "zichzelf"})
_HALF_ORDINALS = re.compile(r"(?i)(?:erste[nr]?|zweite[nr]?|letzte[nr]?|andere[nr]?|eerste|tweede|laatste|"
                            r"andere)" + _WS1 + r"$")
_HALF_PERIOD_AFTER = re.compile(rf"(?i){_WS1}(?:des{_WS1}Jahres|dieses{_WS1}Jahres|des{_WS1}Jahrzehnts|"
                                rf"van{_WS1}het{_WS1}jaar|van{_WS1}dit{_WS1}jaar|(?:van{_WS1})?(?:19|20)\d\d)")
_SENTENCE_ABBREVIATIONS = frozenset({
    "mrd", "mio", "mill", "tsd", "bio", "mia", "ca", "nr", "no", "dr", "prof", "bzw", "z.b", "u.a", "vgl",
    "mln", "mld", "st", "jh", "inkl", "zzgl", "evtl", "ggf", "usw", "etc", "okt", "sept", "dez", "jan", "feb",
    "aug", "nov", "bijv", "o.a", "d.w.z", "m.n", "resp", "mr", "mevr", "drs", "ir", "ing",
})

_URL_RE = re.compile(
    r"(?:https?://|www\.)\S+|\S+@\S+\.\w+|"
    r"\b[\w-]+(?:\.[\w-]+)*\.(?:com|de|nl|org|net|io|ai|eu|be|ch|at|co|uk|fr|vn|info|news|tech)\b(?:/\S*)?",
    re.IGNORECASE,
)
_CANDIDATE_RE = re.compile(r"[$€£¥₹₩]|\b\w")
_SENTENCE_END_RE = re.compile(r"(?<=[.!?])[\"'“”»«)]*\s+(?=[\"'„“«(]*[A-ZÄÖÜ0-9])|\n[^\S\n]*\n")
_NEXT_WORD_RE = re.compile(rf"{_WS}(-?)([^\W\d_](?:[\w'’-]*\w)?)")
_PREVIOUS_WORD_RE = re.compile(r"(\S+)\s+$")
_LINE_START_RE = re.compile(r"(?:^|\n)[^\S\n]*$")
_AFTER_DOT_RE = re.compile(r"([^\S\n]*)([^\W\d_]+|\d)?")
_WORD_BEFORE_STOP_RE = re.compile(r"(\S+)[.!?][\"'“”»«)]*$")
_APOSTROPHE_RE = re.compile(r"['’]")


# ---------------------------------------------------------------------------------------------
# Compiled grammar per language
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Grammar:
    """Everything compiled once for one language."""

    language: str
    full: re.Pattern[str]
    single: re.Pattern[str]
    currencies: list[tuple[re.Pattern[str], str]]
    qualifier: re.Pattern[str]
    trailing_qualifier: re.Pattern[str]
    periods_after: re.Pattern[str]
    periods_before: re.Pattern[str]
    period_table: list[tuple[re.Pattern[str], Period]]
    money_stems: tuple[str, ...]


def _numeral(name: str, language: str, article: bool) -> str:
    """Regex of one numeral: digits, a number word, optionally an article or a 'halbe/half'."""
    wordnum = _WORDNUM_DE if language == "de" else _WORDNUM_NL
    halves = _HALVES_DE if language == "de" else _HALVES_NL
    base = rf"ein|{wordnum}" if language == "de" else wordnum
    words = rf"(?:{base})(?:{_alt(halves)})|anderthalb|anderhalf|{wordnum}"
    parts = [rf"(?P<{name}_d>{_DIGITS})", rf"(?P<{name}_w>(?i:{words})){_WORD_END}"]
    if article:
        parts.append(rf"(?P<{name}_h>{_HALF_WORDS[language]}){_WORD_END}")
        parts.append(rf"(?P<{name}_a>(?i:{_ARTICLES[language]})){_WORD_END}")
    return "(?:" + "|".join(parts) + ")"


def _fraction(language: str) -> str:
    """Regex of a fraction: numerator + fraction word, Dreiviertel, (die) Hälfte, 'drei von vier', 'een op de vijf'."""
    wordnum = _WORDNUM_DE if language == "de" else _WORDNUM_NL
    denominators = _FRACTIONS_DE if language == "de" else _FRACTIONS_NL
    numerator = rf"(?P<fnum>(?i:{wordnum}|{_ARTICLES[language]})){_WORD_END}"
    parts = [
        rf"{numerator}{_WS1}(?P<fden>(?i:{_alt(denominators)})){_WORD_END}",
        rf"(?P<fwhole>(?i:{'dreiviertel' if language == 'de' else 'driekwart'})){_WORD_END}",
        rf"(?P<fhalf>{_HALF_NOUNS[language]}){_WORD_END}",
    ]
    one, of = ("eine[rs]?", "von") if language == "de" else ("een|één", "(?:op|van)(?:" + _WS1 + "de)?")
    not_scaled = rf"(?!{_WS}(?:{_SCALE_RE_TEXT[language]}|{_PERCENT_RE_TEXT[language]}))"
    parts.append(rf"(?P<onum>(?i:{wordnum}|{one})|\d+){_WORD_END}{_WS1}(?i:{of}){_WS1}"
                 rf"(?P<oden>(?i:{wordnum})|\d+(?!\d)(?![.,]\d)){_WORD_END}{not_scaled}")
    return "(?:" + "|".join(parts) + ")"


def _amount_regex(language: str, with_range: bool) -> str:
    """Full amount regex: [prefix] (fraction | numeral [scale] [% ] [range] [scale]) [currency|%]."""
    scale, percent = _SCALE_RE_TEXT[language], _PERCENT_RE_TEXT[language]
    currency = "|".join(f"(?:{pattern})" for pattern, _ in _CURRENCIES[language])
    sep = rf"(?:{_WS1}|-|)"
    range_part = ""
    if with_range:
        range_part = (rf"(?:(?P<conn>{_CONNECTORS[language]}){_numeral('n2', language, article=False)}"
                      rf"(?:(?P<sep2>{sep})(?P<scale2>{scale}))?)?")
    number = (rf"{_numeral('n1', language, article=True)}(?:(?P<sep1>{sep})(?P<scale1>{scale}))?"
              rf"(?:(?:{_WS}|-)(?P<pct1>{percent}))?{range_part}"
              rf"(?:(?P<cursep>{_WS}|-)(?P<cur>(?:{currency}){_WORD_END})|(?:{_WS}|-)(?P<pct>{percent})"
              rf"|{_WS1}(?P<cent>{_CENT_RE_TEXT[language]}))?")
    return rf"(?:(?P<pre>{_CURRENCY_PREFIX}){_WS})?(?:(?P<frac>{_fraction(language)})|{number})"


def _phrase_regex(phrases: Iterable[str]) -> str:
    """Alternation of multi-word phrases with flexible whitespace and either apostrophe."""
    out = []
    for phrase in sorted(phrases, key=len, reverse=True):
        words = [_APOSTROPHE_RE.sub("['’]", re.escape(w)) for w in phrase.split()]
        out.append(_WS1.join(words))
    return "|".join(out)


def _build_grammar(language: str) -> _Grammar:
    """Compile all regexes of one language."""
    period_after = "|".join(f"(?:{p})" for p, _ in _PERIODS_AFTER[language])
    period_before = "|".join(f"(?:{p})" for p, _ in _PERIODS_BEFORE[language])
    # a word between the amount and its rate phrase: no punctuation, no conjunction
    word = r"(?!(?i:und|oder|aber|sowie|sondern|en|of|maar|terwijl)(?!\w))(?:ca\.|[^\s,;:!?()\"„“”«».]+)"
    return _Grammar(
        language=language,
        full=re.compile(_amount_regex(language, with_range=True)),
        single=re.compile(_amount_regex(language, with_range=False)),
        currencies=[(re.compile(p), code) for p, code in _CURRENCIES[language]],
        qualifier=re.compile(rf"(?i)(?<![\w])(?P<q>{_phrase_regex(_QUALIFIERS[language])}){_WS}$"),
        trailing_qualifier=re.compile(rf"(?i){_WS1}(?P<q>{_phrase_regex(_TRAILING_QUALIFIERS[language])})"
                                      rf"{_WORD_END}"),
        periods_after=re.compile(rf"(?:(?:{_WS1}{word}){{0,2}}?{_WS1}|{_WS})(?P<per>{period_after})(?!\w)"),
        periods_before=re.compile(rf"(?<!\w)(?P<per>{period_before})(?:{_WS1}{word}){{0,2}}?{_WS}$"),
        period_table=[(re.compile(p), period) for p, period in
                      _PERIODS_AFTER[language] + _PERIODS_BEFORE[language]],
        money_stems=_MONEY_STEMS[language],
    )


_GRAMMARS = {language: _build_grammar(language) for language in LANGUAGES}


def _grammar(language: str) -> _Grammar:
    """The compiled grammar of a supported language, else ValueError."""
    try:
        return _GRAMMARS[language]
    except KeyError:
        raise ValueError(f"unsupported language {language!r}; expected one of {LANGUAGES}") from None


# ---------------------------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------------------------

def _digits_value(digits: str) -> Decimal:
    """Value of a digit string written the German/Dutch way (dot/space groups, decimal comma)."""
    if digits.endswith(("-", "–")):
        digits = digits[:-2]
    if _GROUPED_RE.fullmatch(digits) and not _DOT_DECIMAL_RE.fullmatch(digits):
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


def _word_value(word: str, language: str) -> Decimal | None:
    """Value of a number word, including halves ("eineinhalb", "anderhalf"), or None."""
    word = word.lower()
    if word in ("anderthalb", "anderhalf"):
        return Decimal("1.5")
    for suffix in _HALVES_DE if language == "de" else _HALVES_NL:
        if word.endswith(suffix) and len(word) > len(suffix):
            base = word[: -len(suffix)]
            base_value = 1 if base == "ein" else _integer_word_value(base, language)
            if base_value is not None:
                return base_value + Decimal("0.5")
    value = _integer_word_value(word, language)
    return None if value is None else Decimal(value)


def _scale_value(scale: str, language: str) -> int:
    """Multiplier of a scale word; German 'Billion' is 1e12, lowercase English 'billion' 1e9."""
    key = scale.lower().rstrip(".")
    if language == "de" and scale.startswith("billion"):
        return 10**9
    return _SCALES[language][key]


def _percent_of(numerator: Decimal, denominator: Decimal) -> Decimal:
    """numerator/denominator in percent, rounded to six decimals (1/3 -> 33.333333)."""
    return (Decimal(100) * numerator / denominator).quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP)


def _as_number(value: Decimal) -> Number:
    """int for whole values, float otherwise (JSON numbers)."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)


# ---------------------------------------------------------------------------------------------
# Interpreting one regex match
# ---------------------------------------------------------------------------------------------

@dataclass
class _Parsed:
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
            return _digits_value(group), "d"
        if suffix == "w":
            return _word_value(group, language), "w"
        if suffix == "h":
            return Decimal("0.5"), "h"
        return Decimal(1), "a"
    return None, ""


def _currency_code(text: str | None, grammar: _Grammar) -> str | None:
    """ISO code of a matched currency word or symbol."""
    if text is None:
        return None
    text = text.strip()
    for pattern, code in grammar.currencies:
        if pattern.fullmatch(text):
            return code
    return _PREFIX_CODES.get(text, text if text in _PREFIX_ISO_CODES else None)


def _parse_fraction(match: re.Match[str], language: str) -> _Parsed | None:
    """Percent value of a fraction match."""
    groups = match.groupdict()
    if groups.get("fhalf"):
        return _Parsed(kind="percent", value=Decimal(50), fraction_word="half")
    if groups.get("fwhole"):
        return _Parsed(kind="percent", value=Decimal(_WHOLE_FRACTIONS[groups["fwhole"].lower()]))
    if groups.get("onum"):
        numerator = _numeral_text_value(groups["onum"], language)
        denominator = _numeral_text_value(groups["oden"], language)
        if numerator is None or not denominator or numerator >= denominator:
            return None
        return _Parsed(kind="percent", value=_percent_of(numerator, denominator))
    numerator = _numeral_text_value(groups["fnum"], language)
    denominator_word = groups["fden"].lower()
    denominators = _FRACTIONS_DE if language == "de" else _FRACTIONS_NL
    if numerator is None:
        return None
    parsed = _Parsed(kind="percent", value=_percent_of(numerator, Decimal(denominators[denominator_word])),
                     fraction_word=denominator_word)
    parsed.een_numerator = groups["fnum"].lower() in ("een", "één", "eén")
    return parsed


def _numeral_text_value(text: str, language: str) -> Decimal | None:
    """Value of a bare numeral string: digits, number word or article."""
    if text[0].isdigit():
        return _digits_value(text)
    if text.lower() in ("ein", "eine", "einem", "einen", "einer", "eines", "een", "één", "eén", "eins"):
        return Decimal(1)
    return _word_value(text, language)


def _set_values(parsed: _Parsed, match: re.Match[str], low: Decimal, language: str) -> None:
    """Value (and value_high of a range) with the scale words applied; a lone final scale counts for both ends."""
    groups = match.groupdict()
    scale1, scale2 = groups.get("scale1"), groups.get("scale2")
    factor1 = _scale_value(scale1, language) if scale1 else None
    factor2 = _scale_value(scale2, language) if scale2 else None
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
    parsed.year_like = any(d is not None and _PLAIN_YEAR_RE.fullmatch(d) for d in digits)
    parsed.dot_decimal = any(d is not None and _DOT_DECIMAL_RE.fullmatch(d) for d in digits)


def _parse(match: re.Match[str], grammar: _Grammar) -> _Parsed | None:
    """Kind, value and currency that the matched text states by itself (no context)."""
    language = grammar.language
    if match.group("frac"):
        return _parse_fraction(match, language)
    groups = match.groupdict()
    low, low_type = _numeral_value(match, "n1", language)
    if low is None:
        return None
    parsed = _Parsed(kind="count", value=low, word_numeral=low_type in ("w", "a", "h"))
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
        parsed.plural_after_article = (groups.get("scale1") or "").lower() in _PLURAL_SCALES
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


def _range_is_valid(match: re.Match[str], parsed: _Parsed, text: str, language: str, in_text: bool) -> bool:
    """A range needs a non-year upper end, low < high and, in running text, zwischen/tussen before und/en."""
    if parsed.value_high is None:
        return True
    if (in_text and parsed.connector in _AND_CONNECTORS
            and not _RANGE_INTRO[language].search(text, max(0, match.start() - 30), match.start())):
        return False
    n2_digits = match.group("n2_d")
    if (n2_digits and _PLAIN_YEAR_RE.fullmatch(n2_digits) and not match.group("scale2")
            and not match.group("cur") and not match.group("pct")):
        return False
    return parsed.value < parsed.value_high


def _match_at(text: str, pos: int, grammar: _Grammar, *, full: bool = False) -> tuple[re.Match[str], _Parsed] | None:
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


# ---------------------------------------------------------------------------------------------
# normalize_amount
# ---------------------------------------------------------------------------------------------

def _result(parsed: _Parsed) -> dict[str, Any]:
    """The public {kind, value, currency[, value_high]} dict of a parse."""
    out: dict[str, Any] = {"kind": parsed.kind, "value": _as_number(parsed.value), "currency": parsed.currency}
    if parsed.value_high is not None:
        out["value_high"] = _as_number(parsed.value_high)
    return out


def normalize_amount(surface: str, language: str) -> dict | None:
    """Kind, normalised value and ISO currency of an amount's surface string, or None if it is none.

    The surface is the span of the spec (numeral + scale word + currency/percent; qualifier words and
    the counted noun outside). Without context, a number with a scale of a billion or more, or in a
    hyphen compound ("38-Milliarden"), is money; other numbers without currency are counts. Ranges
    get value = lower bound and value_high = upper bound.
    """
    grammar = _grammar(language)
    surface = surface.strip()
    if not surface:
        return None
    found = _match_at(surface, 0, grammar, full=True)
    if found is None:
        return None
    _, parsed = found
    if parsed.article_only or parsed.plural_after_article or parsed.year_like or parsed.dot_decimal:
        return None
    return _result(parsed)


# ---------------------------------------------------------------------------------------------
# find_amounts: context rules
# ---------------------------------------------------------------------------------------------

def _left_boundary_ok(text: str, start: int) -> bool:
    """No letter/digit glued to the left, no 'GPT-' prefix, not after #, §, /, :, or '1.'/'1,'."""
    if start == 0:
        return True
    before = text[start - 1]
    if before.isalnum() or before in "_#§/:@&":
        return False
    if before in "-–" and start >= 2 and text[start - 2].isalnum():
        return False
    if before in ".,'’" and start >= 2 and text[start - 2].isdigit():
        return False
    return True


def _right_context(text: str, end: int, parsed: _Parsed) -> str | None:
    """'compound' for a hyphen compound, 'ok', or None when something is glued to the right."""
    if end >= len(text):
        return "ok"
    after = text[end]
    following = text[end + 1] if end + 1 < len(text) else ""
    if after.isalnum() or after == "_":
        return None
    if after in "/:.,'’" and following.isdigit():
        return None
    if after in "-–" and following.isalpha():
        return None if parsed.bare else "compound"
    return "ok"


def _in_url(start: int, urls: list[tuple[int, int]]) -> bool:
    """Whether offset start lies inside one of the URL spans."""
    return any(a <= start < b for a, b in urls)


def _previous_word(text: str, start: int) -> str | None:
    """The whitespace-separated token right before start, or None."""
    match = _PREVIOUS_WORD_RE.search(text, max(0, start - 60), start)
    return match.group(1) if match else None


def _is_sentence_initial(text: str, start: int) -> bool:
    """Whether only sentence punctuation, quotes or a line break precede start."""
    index = start - 1
    while index >= 0 and text[index] in " \t\u00a0\u202f\u2009":
        index -= 1
    return index < 0 or text[index] in ".!?:\n\"'„“”«»(–-•*"


def _is_filler(low: str, part: str, language: str) -> bool:
    """Whether a word between numeral and counted noun is an adjective or article to skip."""
    if language == "de":
        return part[:1].islower() and (low.endswith(("e", "en", "er", "es", "em")) or low in ("mehr", "weitere"))
    return (low.endswith("e") and low not in _DUTCH_DETERMINERS) or low in ("extra", "actief", "meer")


def _following_noun(text: str, end: int, language: str) -> tuple[str | None, str | None, Period | None, int]:
    """(noun type, unit, period, end) of the noun after a numeral, skipping up to two adjectives.

    noun type is 'time' (a duration or multiplier), 'unit' (a counted noun in _UNITS), 'money'
    (Umsatz, omzet ...), 'noun' (an unknown capitalised German noun) or None. A rate adjective on
    the way ("wöchentliche", "jaarlijkse") gives the period.
    """
    position, period = end, None
    grammar = _GRAMMARS[language]
    for index in range(3):
        match = _NEXT_WORD_RE.match(text, position)
        if match is None or (match.group(1) and index > 0):
            break
        word = match.group(2)
        part = word.split("-")[0] if match.group(1) else word.split("-")[-1]
        low = part.lower()
        word_period = _period_of(word.lower(), grammar) or _period_of(word, grammar)
        if word_period:
            period, position = word_period, match.end()
            continue
        if low in _TIME_UNITS:
            return "time", None, period, match.end()
        unit = _unit_of(part)
        if unit:
            return "unit", unit, period, match.end()
        if low.startswith(_MONEY_NOUN_STEMS[language]):
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
    if low in _UNITS:
        return _UNITS[low]
    if noun.isupper() and low.endswith("s") and low[:-1] in _UNITS:   # 'GPUs' written in capitals
        return _UNITS[low[:-1]]
    for key in _SUFFIX_UNITS:
        if low.endswith(key):
            return _UNITS[key]
    return None


def _sentence_bounds(text: str, boundaries: list[int], start: int) -> tuple[int, int]:
    """Start and end offsets of the sentence around offset start (approximate)."""
    index = bisect.bisect_right(boundaries, start)
    left = boundaries[index - 1] if index > 0 else 0
    right = boundaries[index] if index < len(boundaries) else len(text)
    return left, right


def _sentence_boundaries(text: str) -> list[int]:
    """Offsets where sentences begin, skipping dots of abbreviations, ordinals and initials."""
    found = []
    for match in _SENTENCE_END_RE.finditer(text):
        if not match.group().startswith("\n"):
            word = _WORD_BEFORE_STOP_RE.search(text, max(0, match.start() - 30), match.start())
            token = word.group(1).lower() if word else ""
            if token in _SENTENCE_ABBREVIATIONS or token.isdigit() or len(token) == 1:
                continue
        found.append(match.end())
    return found


def _money_context(sentence: str, grammar: _Grammar) -> bool:
    """Whether the sentence talks about money (a money word or any currency)."""
    low = sentence.lower()
    return bool(_CURRENCY_IN_SENTENCE_RE.search(sentence)) or any(stem in low for stem in grammar.money_stems)


def _qualifier(text: str, start: int, end: int, grammar: _Grammar, is_range: bool) -> Qualifier:
    """Qualifier from the words right before the span (or 'oder mehr' after it); ranges default at_least."""
    match = grammar.qualifier.search(text, max(0, start - 40), start)
    if match:
        phrase = " ".join(match.group("q").lower().replace("’", "'").split())
        return _QUALIFIERS[grammar.language][phrase]
    trailing = grammar.trailing_qualifier.match(text, end)
    if trailing:
        return _TRAILING_QUALIFIERS[grammar.language][" ".join(trailing.group("q").lower().split())]
    return "at_least" if is_range else "exact"


def _period_of(phrase: str, grammar: _Grammar) -> Period | None:
    """Period named by a matched rate phrase."""
    for pattern, period in grammar.period_table:
        if pattern.fullmatch(phrase):
            return period
    return None


def _period(text: str, start: int, end: int, grammar: _Grammar) -> Period | None:
    """Rate period stated within two words after or three words before the span."""
    after = grammar.periods_after.match(text, end)
    if after:
        return _period_of(after.group("per"), grammar)
    before = grammar.periods_before.search(text, max(0, start - 80), start)
    if before:
        return _period_of(before.group("per"), grammar)
    return None


def _is_version_number(text: str, start: int, language: str) -> bool:
    """Whether a bare numeral follows a product-like word ('Sora 2', 'iOS 26') or 'versie'."""
    previous = _previous_word(text, start)
    if previous is None or previous[-1] in ",;:.!?)\"'“”»«-–":
        return False
    low = previous.lower().strip("„“\"'(")
    if low in _FUNCTION_WORDS or low in _QUALIFIERS[language]:
        return False
    if low in _REFERENCE_WORDS:
        return True
    core = previous.strip("„“\"'(")
    return bool(core) and (core[0].isupper() or any(c.isdigit() for c in core) or
                           any(c.isupper() for c in core[1:]))


def _is_ordinal_or_list(text: str, start: int, end: int) -> bool:
    """Whether bare digits are an ordinal ('3. Oktober', '2. größte'), a list number or a date."""
    if _LINE_START_RE.search(text, max(0, start - 200), start) and end < len(text) and text[end] in ".)":
        return True
    if end >= len(text) or text[end] != ".":
        return False
    match = _AFTER_DOT_RE.match(text, end + 1, end + 40)
    if match is None or match.group(2) is None:
        return False
    word = match.group(2)
    if not match.group(1):   # '3.Platz'
        return True
    return word[0].islower() or word.lower() in _MONTHS or word.lower() in _ORDINAL_NOUNS or word.isdigit()


def _bare_exclusion(text: str, start: int, end: int, parsed: _Parsed, language: str,
                    noun_type: str | None) -> bool:
    """Exclusions that apply to bare numerals only: years, versions, ordinals, dates, durations."""
    if noun_type == "time":
        return True
    if parsed.year_like and noun_type != "unit":
        return True
    if parsed.dot_decimal:
        return True
    if parsed.word_numeral:
        return (_previous_word(text, start) or "").lower() in _REFERENCE_WORDS
    if _is_ordinal_or_list(text, start, end):
        return True
    next_word = _NEXT_WORD_RE.match(text, end)
    if next_word and next_word.group(2).lower().rstrip(".") in _MONTHS:
        return True
    if start > 0 and text[start - 1] == "(" and text[end:end + 1] == ")":
        return True
    previous = (_previous_word(text, start) or "").lower()
    if previous in ("nr.", "no.", "nr", "no", "art.", "abs.", "§"):
        return True
    return noun_type != "unit" and _is_version_number(text, start, language)


def _word_numeral_exclusion(text: str, match: re.Match[str], parsed: _Parsed, language: str) -> bool:
    """Exclusions of number words: capitalised inside a sentence, Dutch verbs 'acht'/'vier'."""
    word = match.groupdict().get("n1_w") or match.groupdict().get("fnum") or ""
    if not word:
        return False
    start = match.start("n1_w") if match.groupdict().get("n1_w") else match.start("fnum")
    if word[0].isupper() and not _is_sentence_initial(text, start):
        return True
    if language == "nl" and parsed.bare and word.lower() in _DUTCH_VERB_NUMERALS:
        following = _NEXT_WORD_RE.match(text, match.end())
        if following and following.group(2).lower() in _DUTCH_OBJECTS:
            return True
    return False


def _fraction_exclusion(text: str, match: re.Match[str], parsed: _Parsed, language: str) -> bool:
    """'een derde partij' is an ordinal; 'der zweiten Hälfte', 'Hälfte des Jahres' are periods."""
    if parsed.fraction_word == "half":
        if _HALF_ORDINALS.search(text, max(0, match.start() - 30), match.start()):
            return True
        return bool(_HALF_PERIOD_AFTER.match(text, match.end()))
    if parsed.een_numerator and parsed.fraction_word in _ORDINAL_FORM_FRACTIONS_NL:
        following = _NEXT_WORD_RE.match(text, match.end())
        allowed = {"van", "daarvan", "ervan", "hiervan", "is", "was", "wordt", "werd", "zijn", "gaat", "ging",
                   "heeft", "had", "kan", "zal", "zou", "deel", "procent", "minder", "meer"}
        return following is not None and following.group(2).lower() not in allowed
    return False


def _decide_kind(parsed: _Parsed, noun_type: str | None, compound: bool, sentence: str,
                 grammar: _Grammar) -> Kind:
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
    return "money" if _money_context(sentence, grammar) else "count"


def _candidate(text: str, pos: int, grammar: _Grammar, urls: list[tuple[int, int]],
               boundaries: list[int]) -> tuple[Amount, _Parsed] | None:
    """The amount starting at pos (and its parse), with all context rules applied, or None."""
    language = grammar.language
    found = _match_at(text, pos, grammar)
    if found is None:
        return None
    match, parsed = found
    start, end = match.start(), match.end()
    while end > start and text[end - 1].isspace():
        end -= 1
    if not _left_boundary_ok(text, start) or _in_url(start, urls):
        return None
    right = _right_context(text, end, parsed)
    if right is None or parsed.article_only or parsed.plural_after_article:
        return None
    if _word_numeral_exclusion(text, match, parsed, language) or _fraction_exclusion(text, match, parsed, language):
        return None
    noun_type, unit, noun_period, noun_end = _following_noun(text, end, language)
    if parsed.bare and _bare_exclusion(text, start, end, parsed, language, noun_type):
        return None
    sentence_start, sentence_end = _sentence_bounds(text, boundaries, start)
    kind = _decide_kind(parsed, noun_type, right == "compound", text[sentence_start:sentence_end], grammar)
    period = _period(text, start, noun_end if noun_type == "unit" else end, grammar) or noun_period
    amount: Amount = {
        "start": start, "end": end, "kind": kind, "value": _as_number(parsed.value),
        "currency": parsed.currency if kind == "money" else None,
        "unit": unit if kind == "count" else None,
        "qualifier": _qualifier(text, start, end, grammar, parsed.value_high is not None),
        "per": period,
    }
    if parsed.value_high is not None:
        amount["value_high"] = _as_number(parsed.value_high)
    return amount, parsed


def _inherit_from_target(text: str, found: list[tuple[Amount, _Parsed]], language: str) -> None:
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
        amount["value"] = _as_number(parsed.value * target_parsed.scale)
        amount["kind"], amount["currency"], amount["unit"] = target["kind"], target["currency"], target["unit"]


# The words between a bare start value and the amount it shares scale and currency with.
_SHARED_SCALE_LINK = {
    "de": re.compile(rf"{_WS1}(?i:auf|zu|und|bzw\.|beziehungsweise|respektive){_WS1}"
                     rf"(?:(?i:über|rund|etwa|knapp|fast|mehr{_WS1}als){_WS1})?"),
    "nl": re.compile(rf"{_WS1}(?i:naar|tot|op|en|resp\.|respectievelijk){_WS1}"
                     rf"(?:(?i:ruim|ongeveer|bijna|meer{_WS1}dan|zo['’]n){_WS1})?"),
}


def find_amounts(text: str, language: str, *, value_high: bool = False) -> list[Amount]:
    """All amounts in text, in text order, non-overlapping, with offsets, normalised value and context.

    A range's value is its lower bound; with value_high=True its upper bound is added as "value_high"
    (off by default, so that the dicts validate as predicted amount spans).
    """
    grammar = _grammar(language)
    urls = [(m.start(), m.end()) for m in _URL_RE.finditer(text)]
    boundaries = _sentence_boundaries(text)
    found: list[tuple[Amount, _Parsed]] = []
    covered = 0
    for candidate in _CANDIDATE_RE.finditer(text):
        pos = candidate.start()
        if pos < covered:
            continue
        result = _candidate(text, pos, grammar, urls, boundaries)
        if result is not None:
            found.append(result)
            covered = result[0]["end"]
    _inherit_from_target(text, found, language)
    if not value_high:
        for amount, _ in found:
            amount.pop("value_high", None)
    return [amount for amount, _ in found]
