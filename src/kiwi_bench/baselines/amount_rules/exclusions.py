"""What is not an amount although the grammar matches it: years, versions, dates, ordinals, durations, glued digits.

Rules (numbered as in `kiwi_bench.baselines.amounts`; the word lists are in `lexicon`)
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
"""

from __future__ import annotations

import re

from kiwi_bench.baselines.amount_rules.context import NEXT_WORD_RE, QUALIFIERS, is_sentence_initial, previous_word
from kiwi_bench.baselines.amount_rules.grammar import Parsed
from kiwi_bench.baselines.amount_rules.lexicon import (
    DUTCH_OBJECTS,
    DUTCH_VERB_NUMERALS,
    FUNCTION_WORDS,
    MONTHS,
    ORDINAL_NOUNS,
    REFERENCE_WORDS,
)
from kiwi_bench.baselines.amount_rules.numerals import ORDINAL_FORM_FRACTIONS_NL
from kiwi_bench.baselines.amount_rules.patterns import WS1

# "Hälfte/helft" after an ordinal, and before a year or "des Jahres": periods, not fractions (X5).
_HALF_ORDINALS = re.compile(r"(?i)(?:erste[nr]?|zweite[nr]?|letzte[nr]?|andere[nr]?|eerste|tweede|laatste|"
                            r"andere)" + WS1 + r"$")
_HALF_PERIOD_AFTER = re.compile(rf"(?i){WS1}(?:des{WS1}Jahres|dieses{WS1}Jahres|des{WS1}Jahrzehnts|"
                                rf"van{WS1}het{WS1}jaar|van{WS1}dit{WS1}jaar|(?:van{WS1})?(?:19|20)\d\d)")
# URLs and e-mail addresses (X1).
_URL_RE = re.compile(
    r"(?:https?://|www\.)\S+|\S+@\S+\.\w+|"
    r"\b[\w-]+(?:\.[\w-]+)*\.(?:com|de|nl|org|net|io|ai|eu|be|ch|at|co|uk|fr|vn|info|news|tech)\b(?:/\S*)?",
    re.IGNORECASE,
)
# A list number at the start of a line, and the word after an ordinal's dot (X1).
_LINE_START_RE = re.compile(r"(?:^|\n)[^\S\n]*$")
_AFTER_DOT_RE = re.compile(r"([^\S\n]*)([^\W\d_]+|\d)?")


def url_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every URL and e-mail address in text (X1: no amount inside them)."""
    return [(m.start(), m.end()) for m in _URL_RE.finditer(text)]


def left_boundary_ok(text: str, start: int) -> bool:
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


def right_context(text: str, end: int, parsed: Parsed) -> str | None:
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


def in_url(start: int, urls: list[tuple[int, int]]) -> bool:
    """Whether offset start lies inside one of the URL spans."""
    return any(a <= start < b for a, b in urls)


def _is_version_number(text: str, start: int, language: str) -> bool:
    """Whether a bare numeral follows a product-like word ('Sora 2', 'iOS 26') or 'versie'."""
    previous = previous_word(text, start)
    if previous is None or previous[-1] in ",;:.!?)\"'“”»«-–":
        return False
    low = previous.lower().strip("„“\"'(")
    if low in FUNCTION_WORDS or low in QUALIFIERS[language]:
        return False
    if low in REFERENCE_WORDS:
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
    return word[0].islower() or word.lower() in MONTHS or word.lower() in ORDINAL_NOUNS or word.isdigit()


def bare_exclusion(text: str, start: int, end: int, parsed: Parsed, language: str,
                    noun_type: str | None) -> bool:
    """Exclusions that apply to bare numerals only: years, versions, ordinals, dates, durations."""
    if noun_type == "time":
        return True
    if parsed.year_like and noun_type != "unit":
        return True
    if parsed.dot_decimal:
        return True
    if parsed.word_numeral:
        return (previous_word(text, start) or "").lower() in REFERENCE_WORDS
    if _is_ordinal_or_list(text, start, end):
        return True
    next_word = NEXT_WORD_RE.match(text, end)
    if next_word and next_word.group(2).lower().rstrip(".") in MONTHS:
        return True
    if start > 0 and text[start - 1] == "(" and text[end:end + 1] == ")":
        return True
    previous = (previous_word(text, start) or "").lower()
    if previous in ("nr.", "no.", "nr", "no", "art.", "abs.", "§"):
        return True
    return noun_type != "unit" and _is_version_number(text, start, language)


def word_numeral_exclusion(text: str, match: re.Match[str], parsed: Parsed, language: str) -> bool:
    """Exclusions of number words: capitalised inside a sentence, Dutch verbs 'acht'/'vier'."""
    word = match.groupdict().get("n1_w") or match.groupdict().get("fnum") or ""
    if not word:
        return False
    start = match.start("n1_w") if match.groupdict().get("n1_w") else match.start("fnum")
    if word[0].isupper() and not is_sentence_initial(text, start):
        return True
    if language == "nl" and parsed.bare and word.lower() in DUTCH_VERB_NUMERALS:
        following = NEXT_WORD_RE.match(text, match.end())
        if following and following.group(2).lower() in DUTCH_OBJECTS:
            return True
    return False


def fraction_exclusion(text: str, match: re.Match[str], parsed: Parsed, language: str) -> bool:
    """'een derde partij' is an ordinal; 'der zweiten Hälfte', 'Hälfte des Jahres' are periods."""
    if parsed.fraction_word == "half":
        if _HALF_ORDINALS.search(text, max(0, match.start() - 30), match.start()):
            return True
        return bool(_HALF_PERIOD_AFTER.match(text, match.end()))
    if parsed.een_numerator and parsed.fraction_word in ORDINAL_FORM_FRACTIONS_NL:
        following = NEXT_WORD_RE.match(text, match.end())
        allowed = {"van", "daarvan", "ervan", "hiervan", "is", "was", "wordt", "werd", "zijn", "gaat", "ging",
                   "heeft", "had", "kan", "zal", "zou", "deel", "procent", "minder", "meer"}
        return following is not None and following.group(2).lower() not in allowed
    return False
