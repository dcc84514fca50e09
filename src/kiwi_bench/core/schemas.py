"""Locate and load the JSON Schemas (shipped in the wheel, or read from the source tree)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

_PACKAGE_SCHEMAS = Path(__file__).resolve().parents[1] / "schema"
_SOURCE_SCHEMAS = Path(__file__).resolve().parents[3] / "schema"


def schema_path(name: str) -> Path:
    """Path of `schema/<name>.schema.json`, from the installed wheel or the source tree."""
    for folder in (_PACKAGE_SCHEMAS, _SOURCE_SCHEMAS):
        path = folder / f"{name}.schema.json"
        if path.is_file():
            return path
    raise FileNotFoundError(f"schema {name!r} not found in {_PACKAGE_SCHEMAS} or {_SOURCE_SCHEMAS}")


@cache
def load_schema(name: str) -> dict[str, Any]:
    """The parsed schema `name` ("document" or "predictions")."""
    return json.loads(schema_path(name).read_text(encoding="utf-8"))


@cache
def validator(name: str) -> Draft202012Validator:
    """A draft 2020-12 validator for schema `name`."""
    return Draft202012Validator(load_schema(name))
