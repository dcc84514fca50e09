"""CITATION.cff is valid CFF 1.2.0 and cites the current version; the BibTeX entries agree with it.

`cffconvert` (which bundles the official CFF 1.2.0 schema) pins jsonschema<4 and cannot be installed
beside our jsonschema 4, so `make install` puts it in its own venv, .venv/cffconvert (KIWI_CFFCONVERT
may name another binary); the tests below run it to validate CITATION.cff and to convert it, and
skip only when it is absent (a bare `pip install -e .[test]`).

Also a hand-written schema: CFF_SCHEMA below is a minimal subset of the 1.2.0 rules, written after reading the
published 1.2.0 schema (citation-file-format/citation-file-format, schema.json; the list of reference
types is the specification's): the required keys, the types and patterns of every key CITATION.cff uses, persons vs.
entities as authors, and the reference (`preferred-citation`) keys and types. Like the official
schema, it rejects unknown keys, so a typo cannot pass silently. Dates are cast to strings before
validation, as the specification asks of tools reading YAML.
"""

from __future__ import annotations

import datetime
import json
import subprocess
from pathlib import Path

import pytest
import tomllib
import yaml
from jsonschema import Draft7Validator, FormatChecker

from kiwi_bench import __version__
from kiwi_bench.core.metadata import ANNOTATION_LICENSE, AUTHORS, CITATION_TITLE, RELEASE_DATE
from kiwi_bench.release.card import bibtex
from kiwi_test_paths import DATASET, ROOT

_STRING = {"type": "string", "minLength": 1}
_DATE = {"type": "string", "format": "date", "pattern": r"^[0-9]{4}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])$"}
_VERSION = {"anyOf": [_STRING, {"type": "number"}]}
_URL = {"type": "string", "pattern": r"^(https|http|ftp|sftp)://.+"}
_LICENSE = {"anyOf": [
    {"type": "string", "pattern": r"^[A-Za-z0-9.+-]+$"},  # an SPDX identifier
    {"type": "array", "minItems": 1, "uniqueItems": True, "items": {"type": "string", "pattern": r"^[A-Za-z0-9.+-]+$"}},
]}
_STRINGS = {"type": "array", "minItems": 1, "uniqueItems": True, "items": _STRING}
_PERSON = {"type": "object", "additionalProperties": False, "properties": {
    key: _STRING for key in ("family-names", "given-names", "name-particle", "name-suffix", "affiliation", "email", "alias")
} | {"orcid": _URL, "website": _URL}}
_ENTITY = {"type": "object", "additionalProperties": False, "required": ["name"], "properties": {
    key: _STRING for key in ("name", "alias", "email", "location", "address", "city")
} | {"website": _URL, "orcid": _URL}}
_AUTHORS = {"type": "array", "minItems": 1, "uniqueItems": True, "items": {"anyOf": [_ENTITY, _PERSON]}}
# CFF 1.2.0 reference types (a data set is "data"; "dataset" is only a value of the root `type`).
REFERENCE_TYPES = (
    "art", "article", "audiovisual", "bill", "blog", "book", "catalogue", "conference-paper", "conference", "data",
    "database", "dictionary", "edited-work", "encyclopedia", "film-broadcast", "generic", "government-document",
    "grant", "hearing", "historical-work", "legal-case", "legal-rule", "magazine-article", "manual", "map",
    "multimedia", "music", "newspaper-article", "pamphlet", "patent", "personal-communication", "proceedings",
    "report", "serial", "slides", "software-code", "software-container", "software-executable",
    "software-virtual-machine", "software", "sound-recording", "standard", "statute", "thesis", "unpublished",
    "video", "website",
)
_REFERENCE = {"type": "object", "additionalProperties": False, "required": ["authors", "title", "type"], "properties": {
    "type": {"type": "string", "enum": list(REFERENCE_TYPES)},
    "title": _STRING, "authors": _AUTHORS, "abstract": _STRING, "notes": _STRING, "version": _VERSION,
    "date-released": _DATE, "date-published": _DATE, "year": {"type": "integer"}, "license": _LICENSE,
    "keywords": _STRINGS, "url": _URL, "repository-code": _URL, "doi": _STRING, "publisher": _ENTITY,
    "languages": {"type": "array", "minItems": 1, "uniqueItems": True, "items": {"type": "string", "pattern": "^[a-z]{2,3}$"}},
}}
CFF_SCHEMA = {
    "$schema": "http://json-schema.org/draft-07/schema",
    "type": "object",
    "additionalProperties": False,
    "required": ["authors", "cff-version", "message", "title"],
    "properties": {
        "cff-version": {"type": "string", "pattern": r"^1\.2\.0$"},
        "message": _STRING,
        "title": _STRING,
        "authors": _AUTHORS,
        "type": {"type": "string", "enum": ["dataset", "software"]},
        "abstract": _STRING,
        "version": _VERSION,
        "date-released": _DATE,
        "license": _LICENSE,
        "license-url": _URL,
        "keywords": _STRINGS,
        "url": _URL,
        "repository": _URL,
        "repository-code": _URL,
        "repository-artifact": _URL,
        "doi": _STRING,
        "commit": _STRING,
        "contact": _AUTHORS,
        "preferred-citation": _REFERENCE,
        "references": {"type": "array", "minItems": 1, "items": _REFERENCE},
    },
}


def _dates_to_strings(value):
    if isinstance(value, dict):
        return {key: _dates_to_strings(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_dates_to_strings(item) for item in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


@pytest.fixture(scope="module")
def cff() -> dict:
    return _dates_to_strings(yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8")))


def _errors(document: dict) -> list[str]:
    validator = Draft7Validator(CFF_SCHEMA, format_checker=FormatChecker())
    return [f"{'/'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(document)]


def test_citation_cff_is_valid_cff_1_2_0(cff):
    Draft7Validator.check_schema(CFF_SCHEMA)
    assert _errors(cff) == []


def test_the_schema_rejects_what_cff_1_2_0_rejects(cff):
    assert _errors({k: v for k, v in cff.items() if k != "message"})
    assert _errors({**cff, "cff-version": "1.1.0"})
    assert _errors({**cff, "date-released": "22.11.2026"})
    assert _errors({**cff, "titel": "typo"})
    assert _errors({**cff, "authors": [{"nmae": "x"}]})
    assert _errors({**cff, "preferred-citation": {**cff["preferred-citation"], "type": "dataset"}})


def test_version_is_the_package_version(cff):
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert __version__ == project["version"], "reinstall the package (pip install -e .) after a version change"
    assert str(cff["version"]) == __version__
    assert str(cff["preferred-citation"]["version"]) == __version__


def test_citation_cff_agrees_with_the_card_constants(cff):
    assert cff["type"] == "dataset" and cff["preferred-citation"]["type"] == "data"
    for entry in (cff, cff["preferred-citation"]):
        assert entry["title"] == CITATION_TITLE
        assert entry["authors"] == [{"name": AUTHORS}]
        assert entry["date-released"] == RELEASE_DATE
        assert entry["license"] == ANNOTATION_LICENSE
    assert cff["preferred-citation"]["year"] == int(RELEASE_DATE[:4])


def _cffconvert() -> str | None:
    import os
    import shutil

    candidate = os.environ.get("KIWI_CFFCONVERT") or str(ROOT / ".venv" / "cffconvert" / "bin" / "cffconvert")
    return candidate if Path(candidate).exists() else shutil.which("cffconvert")


CFFCONVERT = _cffconvert()
needs_cffconvert = pytest.mark.skipif(CFFCONVERT is None, reason="cffconvert not installed: `make install` puts it "
                                                                 "in .venv/cffconvert (or set KIWI_CFFCONVERT)")


def _convert(*args: str, path: Path = ROOT / "CITATION.cff") -> subprocess.CompletedProcess:
    return subprocess.run([CFFCONVERT, *args, "-i", str(path)], capture_output=True, text=True, timeout=120)


@needs_cffconvert
def test_cffconvert_validates_citation_cff_against_the_official_schema(tmp_path):
    done = _convert("--validate")
    assert done.returncode == 0 and "valid according to schema version 1.2.0" in done.stdout, done.stderr
    broken = tmp_path / "CITATION.cff"
    text = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    broken.write_text(text.replace("  type: data\n", "  type: dataset\n"), encoding="utf-8")
    assert _convert("--validate", path=broken).returncode != 0  # "dataset" is no reference type in CFF 1.2.0


@needs_cffconvert
def test_cffconvert_conversions_cite_title_team_year_and_version():
    year = RELEASE_DATE[:4]
    assert _convert("-f", "apalike").stdout == f"{AUTHORS} ({year}). {CITATION_TITLE} (version {__version__}).\n"
    zenodo = json.loads(_convert("-f", "zenodo").stdout)
    assert zenodo["creators"] == [{"name": AUTHORS}] and zenodo["version"] == __version__
    assert zenodo["publication_date"] == RELEASE_DATE and zenodo["title"] == CITATION_TITLE
    bibtex_entry = _convert("-f", "bibtex").stdout
    assert f"title = {{{CITATION_TITLE}}}" in bibtex_entry and f"year = {{{year}}}" in bibtex_entry
    # cffconvert 2.0.0's BibTeX reads no preferred-citation (README, "Citation", says so and gives our entry).
    assert "version" not in bibtex_entry and "@misc{YourReferenceHere," in bibtex_entry


def test_bibtex_in_readme_and_card_carries_the_same_version():
    entry = bibtex()
    assert f"version      = {{{__version__}}}" in entry and f"year         = {{{RELEASE_DATE[:4]}}}" in entry
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- kiwi:bibtex:begin -->\n", 1)[1].split("<!-- kiwi:bibtex:end -->", 1)[0]
    assert f"```bibtex\n{entry}\n```" in block
    assert readme.rstrip().endswith("<!-- kiwi:bibtex:end -->") and "\n## Citation\n" in readme
    assert f"```bibtex\n{entry}\n```" in (DATASET / "README.md").read_text(encoding="utf-8")
