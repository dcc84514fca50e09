"""Baseline configuration: the TOML files in baselines/<name>/config.toml and their parameters.

A config file has a `[params]` table, which the baseline reads, and documentary tables
(`[selection]`, `[seeds]`, ...) which record what was chosen on validation and why. Every
baseline also has the same parameters in code (`DEFAULTS`), so that it runs without a file (from
an installed wheel); a test keeps the two equal. Unknown or mistyped parameters are errors, never
silently ignored.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from pathlib import Path
from typing import Any

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10: the `tomli` backport (same API)
    import tomli as tomllib  # type: ignore[no-redef]

from kiwi_bench.core.errors import KiwiError, Problem

_SOURCE_TREE_BASELINES = Path(__file__).resolve().parents[3] / "baselines"


def default_baselines_dir() -> Path:
    """./baselines when it exists, else the one in the source tree."""
    local = Path("baselines")
    return local if local.is_dir() else _SOURCE_TREE_BASELINES


def config_path(name: str, baselines_dir: Path | None = None) -> Path:
    """baselines/<name>/config.toml."""
    return (baselines_dir or default_baselines_dir()) / name / "config.toml"


def load_config(path: Path) -> dict[str, Any]:
    """The parsed TOML file; a missing or malformed file is a one-line KiwiError."""
    try:
        with path.open("rb") as stream:
            return tomllib.load(stream)
    except FileNotFoundError:
        raise KiwiError([Problem(str(path), "-", "config file not found")]) from None
    except tomllib.TOMLDecodeError as error:
        raise KiwiError([Problem(str(path), "-", f"invalid TOML: {error}")]) from None


def _same_type(default: Any, value: Any) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, (int, float)):
        return isinstance(value, (int, float))
    return isinstance(value, type(default))


def _merge(defaults: Mapping[str, Any], given: Mapping[str, Any], path: str, who: str) -> dict[str, Any]:
    merged = copy.deepcopy(dict(defaults))
    for key, value in given.items():
        where = f"{path}.{key}"
        if key not in defaults:
            raise KiwiError([Problem(who, where, f"unknown parameter (known: {', '.join(sorted(defaults))})")])
        if isinstance(defaults[key], Mapping):
            if not isinstance(value, Mapping):
                raise KiwiError([Problem(who, where, "must be a table")])
            merged[key] = _merge(defaults[key], value, where, who)
        elif not _same_type(defaults[key], value):
            raise KiwiError([Problem(who, where, f"must be {type(defaults[key]).__name__}, got {value!r}")])
        else:
            merged[key] = value
    return merged


def resolve_params(config: Mapping[str, Any] | None, defaults: Mapping[str, Any], who: str) -> dict[str, Any]:
    """`defaults` overridden by the config's `[params]` table (deep merge, checked)."""
    if config is None:
        return copy.deepcopy(dict(defaults))
    params = config.get("params", {})
    if not isinstance(params, Mapping):
        raise KiwiError([Problem(who, "params", "must be a table")])
    return _merge(defaults, params, "params", who)


def with_params(config: Mapping[str, Any] | None, part: str, overrides: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of `config` whose `[params.<part>]` table has `overrides` applied (for tuning)."""
    result = copy.deepcopy(dict(config or {}))
    params = result.setdefault("params", {})
    params[part] = {**params.get(part, {}), **overrides}
    return result
