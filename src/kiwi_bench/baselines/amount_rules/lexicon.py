"""Word lists of the amount recogniser: currencies, percent and cent words, and the words the context rules consult.

The rules they serve are stated where they are applied (numbered as in `kiwi_bench.baselines.amounts`):
currencies, percent and cent words (S2, S3 in `grammar`), counted nouns (UNITS, C3 in `context`),
time units, months, ordinal and reference words, function words, Dutch verbs (X1-X5 in
`exclusions`), money words and sentence abbreviations (S4 in `context`).
"""

from __future__ import annotations

import re

from kiwi_bench.baselines.amount_rules.patterns import HS, WORD_END, WS1

# (pattern, ISO code); order matters: specific before generic.
CURRENCIES: dict[str, list[tuple[str, str]]] = {
    "de": [
        (rf"US-Dollars?|US{HS}Dollars?|US-\$|US\$", "USD"),
        (rf"(?:[Kk]anadische[nr]?{WS1})Dollars?|CAD|C\$", "CAD"),
        (rf"(?:[Aa]ustralische[nr]?{WS1})Dollars?|AUD|A\$", "AUD"),
        (r"Hongkong-Dollars?|HKD|HK\$", "HKD"),
        (r"Singapur-Dollars?|SGD", "SGD"),
        (r"Dollars?|USD|\$", "USD"),
        (r"Euros?|EUR|€", "EUR"),
        (rf"(?:[Bb]ritische[nr]?{WS1})?Pfund(?:{WS1}Sterling)?|GBP|£", "GBP"),
        (rf"(?:[Jj]apanische[nr]?{WS1})?Yen|JPY|¥", "JPY"),
        (rf"(?:Schweizer{WS1})?Franken|CHF|SFr\.", "CHF"),
        (rf"(?:[Cc]hinesische[nr]?{WS1})?(?:Yuan|Renminbi)|CNY|RMB", "CNY"),
        (rf"(?:[Ii]ndische[nr]?{WS1})?Rupien?|INR|₹", "INR"),
        (rf"(?:[Ss]üdkoreanische[nr]?{WS1})?Won|KRW|₩", "KRW"),
    ],
    "nl": [
        (r"(?i:US-dollars?)|US\$", "USD"),
        (rf"(?i:Canadese{WS1}dollars?)|CAD|C\$", "CAD"),
        (rf"(?i:Australische{WS1}dollars?)|AUD|A\$", "AUD"),
        (rf"(?i:(?:Amerikaanse{WS1})?dollars?)|USD|\$", "USD"),
        (r"(?i:euro's|euros?)|EUR|€", "EUR"),
        (rf"(?i:(?:Britse{WS1})?(?:ponden|pond(?:{WS1}sterling)?))|GBP|£", "GBP"),
        (rf"(?i:(?:Japanse{WS1})?yen)|JPY|¥", "JPY"),
        (rf"(?i:(?:Zwitserse{WS1})?frank(?:en)?)|CHF", "CHF"),
        (rf"(?i:(?:Chinese{WS1})?(?:yuan|renminbi))|CNY|RMB", "CNY"),
        (rf"(?i:(?:Indiase{WS1})?roepies?)|INR|₹", "INR"),
        (rf"(?i:Zuid-Koreaanse{WS1}won)|KRW|₩", "KRW"),
    ],
}
# Currency symbols and ISO codes written before the number ("$70 miljard", "USD 5 Mrd.").
PREFIX_CODES = {"US$": "USD", "US-$": "USD", "C$": "CAD", "A$": "AUD", "HK$": "HKD", "$": "USD",
                "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₩": "KRW"}
PREFIX_ISO_CODES = frozenset({"USD", "EUR", "GBP", "JPY", "CHF", "CNY", "INR", "CAD", "AUD"})
CURRENCY_PREFIX = (r"(?:US\$|US-\$|C\$|A\$|HK\$|\$|€|£|¥|₹|₩|"
                   rf"(?:{'|'.join(sorted(PREFIX_ISO_CODES))})(?={HS}?\d))")
# Any currency in a sentence (S4's money context).
CURRENCY_IN_SENTENCE_RE = re.compile(r"[$€£¥₹₩]|\b(?:US-)?(?:Dollars?|Euros?|dollars?|euros?|USD|EUR)\b")

PERCENT_RE_TEXT = {
    "de": rf"(?:%|(?:Prozentpunkten|Prozentpunkte|Prozentpunkt|Prozent){WORD_END}|v\.{HS}?H\.)",
    "nl": rf"(?:%|(?i:procentpunten|procentpunt|procent){WORD_END}|(?i:pct)\.?{WORD_END})",
}

CENT_RE_TEXT = {"de": rf"(?:Cents?|ct\.|Ct\.){WORD_END}", "nl": rf"(?i:cent(?:en|s)?|ct\.?){WORD_END}"}


# --- word lists of the context rules and exclusions ----------------------------------------------

# Counted nouns (lowercase German/Dutch plural, some singular and dative forms) -> English plural.
UNITS: dict[str, str] = {
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
SUFFIX_UNITS = tuple(sorted((k for k in UNITS if len(k) >= 5 and k not in _NOT_SUFFIXES), key=len, reverse=True))

# Durations and multipliers after a bare numeral (X2).
TIME_UNITS = frozenset({
    "jahr", "jahre", "jahren", "jahres", "monat", "monate", "monaten", "monats", "woche", "wochen", "tag",
    "tage", "tagen", "tages", "stunde", "stunden", "minute", "minuten", "sekunde", "sekunden", "jahrzehnt",
    "jahrzehnte", "jahrzehnten", "quartal", "quartale", "quartalen", "jahrhundert", "jahrhunderte",
    "jahrhunderten", "nächte", "nächten", "uhr", "mal", "lebensjahr", "lebensjahren",
    "jaar", "jaren", "maand", "maanden", "week", "weken", "dag", "dagen", "uur", "uren", "minuut",
    "seconde", "seconden", "decennium", "decennia", "kwartaal", "kwartalen", "eeuw", "eeuwen",
    "nacht", "nachten", "keer", "maal",
})
# A bare numeral before a month is a date (X1).
MONTHS = frozenset({
    "januar", "jänner", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober",
    "november", "dezember", "jan", "feb", "febr", "mär", "apr", "jun", "jul", "aug", "sep", "sept", "okt",
    "nov", "dez", "januari", "februari", "maart", "mei", "augustus", "december", "mrt", "dec",
})
# "3. Platz": digits and a dot before these nouns are an ordinal (X1).
ORDINAL_NOUNS = frozenset({
    "platz", "stelle", "mal", "generation", "quartal", "jahrhundert", "jahrestag", "geburtstag", "runde",
    "ausgabe", "version", "etappe", "liga", "klasse", "stufe", "phase", "welle", "auflage", "kapitel",
})
# A numeral after these words is a version or reference number (X3).
REFERENCE_WORDS = frozenset({
    "versie", "version", "nummer", "nr", "nr.", "no", "no.", "model", "fase", "stap", "hoofdstuk", "platz",
    "plaats", "stufe", "kapitel", "teil", "folge", "runde",
    "artikel", "pagina", "seizoen", "niveau", "level", "editie", "generatie",
})
# Lower-cased words that may stand right before a bare numeral without making it a version number.
FUNCTION_WORDS = frozenset("""
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
# Words that make a sentence talk about money (S4).
MONEY_STEMS = {
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
MONEY_NOUN_STEMS = {
    "de": ("umsatz", "umsätze", "erlös", "einnahmen", "investition", "kapital", "schulden", "verlust",
           "gewinn", "förder", "finanzierung", "budget", "kredit", "bewertung", "ausgaben", "kosten"),
    "nl": ("omzet", "winst", "verlies", "investering", "kapitaal", "schuld", "financiering", "budget",
           "krediet", "waardering", "uitgaven", "kosten", "inkomsten", "opbrengst"),
}
# Dutch words that are not adjectives between a numeral and its noun (C3), the verbs "acht"/"vier" and
# the objects that follow them (X5).
DUTCH_DETERMINERS = frozenset({"de", "die", "deze", "dat", "het", "te", "ze", "we", "je", "me"})
DUTCH_VERB_NUMERALS = frozenset({"acht", "vier"})
DUTCH_OBJECTS = frozenset({"het", "de", "dat", "hem", "haar", "zich", "ze", "dit", "deze", "mij", "me",
                           "je", "u", "ons", "hen", "hun", "zichzelf"})
# A dot after these words does not end a sentence (the sentence of S4's money context).
SENTENCE_ABBREVIATIONS = frozenset({
    "mrd", "mio", "mill", "tsd", "bio", "mia", "ca", "nr", "no", "dr", "prof", "bzw", "z.b", "u.a", "vgl",
    "mln", "mld", "st", "jh", "inkl", "zzgl", "evtl", "ggf", "usw", "etc", "okt", "sept", "dez", "jan", "feb",
    "aug", "nov", "bijv", "o.a", "d.w.z", "m.n", "resp", "mr", "mevr", "drs", "ir", "ing",
})
