"""The one jinja2 set-up for the package's templates (src/kiwi_bench/templates/: the card, the viewer page).

A missing value is an error (`StrictUndefined`), never a blank; trailing newlines are kept, so a
generated file ends exactly as its template does; a line holding only a block tag leaves no line.
`.html` templates escape every value unless it is marked safe (`markupsafe.Markup`); Markdown ones
escape nothing.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

import jinja2


def read_template(name: str) -> str:
    """The raw text of src/kiwi_bench/templates/<name> (for files that are shipped as they are)."""
    return (files("kiwi_bench") / "templates" / name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The environment that loads src/kiwi_bench/templates/."""
    return jinja2.Environment(loader=jinja2.PackageLoader("kiwi_bench", "templates"),
                              autoescape=jinja2.select_autoescape(enabled_extensions=("html",)),
                              undefined=jinja2.StrictUndefined, keep_trailing_newline=True, trim_blocks=True,
                              lstrip_blocks=True)


def render(name: str, **values: object) -> str:
    """Template `name` rendered with `values`."""
    return environment().get_template(name).render(**values)
