"""Lines for the end of the test run: what a person should read, that does not fail a test (the
Welsh checks' flags for a human). A test adds lines under a heading; conftest.py prints them."""

from __future__ import annotations

import pytest

SECTIONS: pytest.StashKey[dict[str, list[str]]] = pytest.StashKey()


def report(config: pytest.Config, heading: str, lines: list[str]) -> None:
    config.stash.setdefault(SECTIONS, {})[heading] = lines


def print_sections(terminalreporter, config: pytest.Config) -> None:
    for heading, lines in config.stash.get(SECTIONS, {}).items():
        terminalreporter.section(heading)
        for line in lines:
            terminalreporter.write_line(line)
