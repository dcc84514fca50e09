"""User-facing errors: one line each, `file:location: message`, and exit code 2 from the CLI."""

from __future__ import annotations

from dataclasses import dataclass

EXIT_USER_ERROR = 2


@dataclass(frozen=True)
class Problem:
    """One problem in one input: where it is and what is wrong, printed as a single line."""

    file: str
    location: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.location}: {self.message}"


class KiwiError(Exception):
    """A mistake in the user's input or arguments; the CLI prints its problems and exits with 2."""

    def __init__(self, problems: list[Problem] | str):
        if isinstance(problems, str):
            problems = [Problem("kiwi-bench", "-", problems)]
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))
