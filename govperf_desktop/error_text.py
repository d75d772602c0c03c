"""Refusal messages in the user's language: English sentences matched against a catalog.

Errors are raised with one English sentence (domain/errors.py). The catalog
`resources/i18n/errors_<language>.json`, kept up to date by scripts/error_catalog.py, maps each
English template of the code (`{0}`, `{1}`, ... where the f-string had an expression) to its
translation, whose placeholders may come in any order. Each template is compiled into an
anchored regular expression (placeholders become non-greedy groups); a message is translated
by the most specific template that matches it (the most literal characters), with the captured
values put back. A captured value that is itself a known sentence (e.g. the reason after
"line 5: ") is translated too, and so is a value listed in the hand-kept
`resources/i18n/error_values_<language>.json`: the phrases the code splices into messages (a
permission's action, a timesheet status, "week 2026-11-16 to 2026-11-22"). A message no
template matches is returned unchanged.

Pure Python (no Qt), so the UI and the command line can both use it. The catalog is read on
first use, not at import time.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

SOURCE_LANGUAGE = "en"
CATALOG_PREFIX = "errors_"
VALUES_PREFIX = "error_values_"
# A captured value is translated again only when it matches a template with at least this
# many literal letters, so that names and values are never mistaken for sentences.
NESTED_MIN_LITERAL = 12
NESTED_DEPTH = 2

_TOKEN = re.compile(r"\{\{|\}\}|\{(\d+)\}")


def parse_template(template: str) -> list[str | int]:
    """Literal pieces (braces undoubled) and placeholder numbers, in order."""
    parts: list[str | int] = []
    position = 0
    for match in _TOKEN.finditer(template):
        literal = template[position : match.start()]
        if match.group(1) is None:
            literal += match.group(0)[0]
        if literal:
            if parts and isinstance(parts[-1], str):
                parts[-1] += literal
            else:
                parts.append(literal)
        if match.group(1) is not None:
            parts.append(int(match.group(1)))
        position = match.end()
    rest = template[position:]
    if rest:
        if parts and isinstance(parts[-1], str):
            parts[-1] += rest
        else:
            parts.append(rest)
    return parts


def placeholders(template: str) -> set[int]:
    return {part for part in parse_template(template) if isinstance(part, int)}


def literal_weight(template: str) -> int:
    """Letters and digits of literal text: how specific a template is."""
    return sum(
        1 for part in parse_template(template) if isinstance(part, str) for c in part if c.isalnum()
    )


@dataclass(frozen=True)
class Rule:
    """One compiled catalog entry."""

    english: str
    pattern: re.Pattern[str]
    groups: tuple[int, ...]  # the placeholder number of each regex group, in order
    translation: list[str | int]
    weight: int

    def apply(self, match: re.Match[str], translate_value) -> str:
        values = dict(zip(self.groups, match.groups(), strict=True))
        return "".join(
            part if isinstance(part, str) else translate_value(values.get(part, ""))
            for part in self.translation
        )


def compile_rule(english: str, translation: str) -> Rule | None:
    """The rule for one entry; None when it is untranslated or matches anything."""
    if not translation.strip():
        return None
    parts = parse_template(english)
    weight = literal_weight(english)
    if weight == 0:
        return None
    regex = []
    groups = []
    for part in parts:
        if isinstance(part, str):
            regex.append(re.escape(part))
        else:
            regex.append("(.*?)")
            groups.append(part)
    if len(set(groups)) != len(groups):  # a placeholder twice in English: not a template
        return None
    pattern = re.compile(r"\A" + "".join(regex) + r"\Z", re.DOTALL)
    return Rule(english, pattern, tuple(groups), parse_template(translation), weight)


def _compiled(catalog: dict[str, str]) -> list[Rule]:
    rules = [compile_rule(english, text) for english, text in catalog.items()]
    return sorted((rule for rule in rules if rule is not None), key=lambda rule: -rule.weight)


class Translator:
    """The compiled catalog of one language: messages, and phrases found inside them."""

    def __init__(self, catalog: dict[str, str], values: dict[str, str] | None = None) -> None:
        self.rules = _compiled(catalog)
        self.values = _compiled(values or {})

    def translate(self, message: str, depth: int = 0, min_weight: int = 0) -> str | None:
        """The translation of `message`, or None when no template matches it."""
        return self._first(self.rules, message, depth, min_weight)

    def _first(self, rules: list[Rule], text: str, depth: int, min_weight: int) -> str | None:
        for rule in rules:
            if rule.weight < min_weight:
                break
            match = rule.pattern.match(text)
            if match is not None:
                return rule.apply(match, lambda value: self._value(value, depth))
        return None

    def _value(self, value: str, depth: int) -> str:
        if depth >= NESTED_DEPTH:
            return value
        nested = self._first(self.values, value, depth + 1, 0)
        if nested is None:
            nested = self.translate(value, depth + 1, NESTED_MIN_LITERAL)
        return value if nested is None else nested


def catalog_path(language: str, prefix: str = CATALOG_PREFIX) -> Path:
    from govperf_desktop.paths import resources_dir

    return resources_dir() / "i18n" / f"{prefix}{language}.json"


def _read(path: Path) -> dict[str, str]:
    try:
        catalog = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(catalog, dict):
        return {}
    return {str(key): str(value) for key, value in catalog.items()}


@lru_cache(maxsize=4)
def translator(language: str) -> Translator:
    """The translator of `language`, read and compiled once; empty when there is no catalog."""
    return Translator(_read(catalog_path(language)), _read(catalog_path(language, VALUES_PREFIX)))


def translate_error(message: str, language: str) -> str:
    """`message` in `language`; the English message unchanged when nothing matches."""
    if not message or language == SOURCE_LANGUAGE or language.startswith("en"):
        return message
    found = translator(language).translate(message)
    return message if found is None else found
