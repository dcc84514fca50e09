"""Fill `{{name}}` placeholders in the Markdown templates of the generated documents."""

from __future__ import annotations

import re
from importlib.resources import files

PLACEHOLDER = re.compile(r"\{\{([a-z0-9_]+)\}\}")


def read_template(name: str) -> str:
    """The text of src/kiwi_bench/templates/<name>."""
    return (files("kiwi_bench") / "templates" / name).read_text(encoding="utf-8")


def render(template: str, values: dict[str, str]) -> str:
    """Replace every {{name}}; a placeholder without a value is a programming error, not a blank."""
    def substitute(match: re.Match) -> str:
        key = match.group(1)
        if key not in values:
            raise KeyError(f"template placeholder {{{{{key}}}}} has no value")
        return values[key]
    return PLACEHOLDER.sub(substitute, template)
