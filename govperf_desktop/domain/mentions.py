"""@mentions (@提及) in comment text: where they are and whom they name. Pure Python.

Syntax (Chinese names have no spaces, so a mention ends where the longest known name ends):

* `@卫健委` mentions a department; `@张伟` mentions a person. After the sign, the LONGEST known
  department or person name that the text starts with is taken, so "@卫健委的医院数据" mentions
  卫健委 and "@张伟华" mentions 张伟华 rather than 张伟 when both exist.
* `@张伟@财政局` names the person 张伟 of 财政局; it is needed when several people share a name.
  If 张伟 is not a member of the department after the second sign, the text is read as two
  mentions (the person, then the department).
* A name that is both a department's and a person's means the department.
* The full-width sign `＠` works like `@`.
* An `@` is plain text when it follows an ASCII letter or digit (an e-mail address such as
  zhang@gov.cn) or when no letter follows it ("@ 3点", "价格@5元", a sign at the end).

Anything else after a sign must be a known name: the caller refuses the comment and lists the
unknown or ambiguous mentions (`require_resolved`), because an unresolved mention would leave a
department un-notified and its reply time unmeasured while the author believes they asked.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from govperf_desktop.domain.errors import ValidationError

MENTION_SIGNS = frozenset("@＠")
MAX_NAME_LENGTH = 64  # longest name looked for after a sign (names in the store are <= 100)
_SHOWN_TOKEN_LENGTH = 20  # how much of an unknown mention an error message repeats
_EMAIL_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-+")


@dataclass(frozen=True)
class MentionRef:
    """One mention found in the text: a department, or a person with their department."""

    kind: str  # "department" | "person"
    name: str  # the department's or the person's name
    department: str  # the department mentioned, or the person's department
    start: int  # span of the mention in the text, sign included
    end: int

    @property
    def label(self) -> str:
        """How the mention reads back: '卫健委' or '魏红@卫健委'."""
        return self.name if self.kind == "department" else f"{self.name}@{self.department}"


@dataclass(frozen=True)
class AmbiguousMention:
    name: str
    departments: tuple[str, ...]  # the departments that have a person of that name


@dataclass(frozen=True)
class ParsedMentions:
    mentions: tuple[MentionRef, ...]  # in text order, repeats included
    unknown: tuple[str, ...]  # what followed a sign, for signs followed by no known name
    ambiguous: tuple[AmbiguousMention, ...]

    def targets(self) -> tuple[MentionRef, ...]:
        """The mentions without repeats (first occurrence of each target kept)."""
        seen: dict[tuple[str, str, str], MentionRef] = {}
        for mention in self.mentions:
            seen.setdefault((mention.kind, mention.name, mention.department), mention)
        return tuple(seen.values())


def _is_sign(text: str, index: int) -> bool:
    return 0 <= index < len(text) and text[index] in MENTION_SIGNS


def _starts_name(char: str) -> bool:
    return unicodedata.category(char).startswith("L")


def _is_mention_start(text: str, index: int) -> bool:
    """A sign followed by a letter and not preceded by an e-mail address's local part."""
    if not _is_sign(text, index) or index + 1 >= len(text) or not _starts_name(text[index + 1]):
        return False
    return index == 0 or text[index - 1] not in _EMAIL_CHARS


def _run_after(text: str, sign: int) -> str:
    """The text after a sign that a name could occupy: up to a line break or the next sign."""
    end = sign + 1
    limit = min(len(text), sign + 1 + MAX_NAME_LENGTH)
    while end < limit and text[end] not in MENTION_SIGNS and text[end] not in "\r\n":
        end += 1
    return text[sign + 1 : end]


def _shown_token(text: str, sign: int) -> str:
    """What followed an unknown mention's sign, up to a space or punctuation, for messages."""
    end = sign + 1
    while end < len(text) and end - sign <= _SHOWN_TOKEN_LENGTH:
        category = unicodedata.category(text[end])
        if text[end] in MENTION_SIGNS or category[0] in "PZC":
            break
        end += 1
    return text[sign + 1 : end]


def candidate_names(text: str) -> frozenset[str]:
    """Every string that could be a mentioned name: each prefix of the text after each sign.

    A service looks these up (an indexed `name IN (...)`) instead of loading every name.
    """
    names: set[str] = set()
    for index, char in enumerate(text):
        if char in MENTION_SIGNS and index + 1 < len(text) and _starts_name(text[index + 1]):
            run = _run_after(text, index).rstrip()
            names.update(run[:length] for length in range(1, len(run) + 1))
    return frozenset(names)


def parse_mentions(
    text: str, departments: Iterable[str], people: Iterable[tuple[str, str]]
) -> ParsedMentions:
    """Find the mentions in `text` given the known department names and (person, department)
    name pairs; the candidates may be a superset, e.g. those found for `candidate_names`."""
    department_names = frozenset(departments)
    people_departments: dict[str, list[str]] = {}
    for name, department in people:
        people_departments.setdefault(name, []).append(department)
    mentions: list[MentionRef] = []
    unknown: list[str] = []
    ambiguous: list[AmbiguousMention] = []
    index = 0
    while index < len(text):
        if not _is_mention_start(text, index):
            index += 1
            continue
        found = _match_at(text, index, department_names, people_departments)
        if isinstance(found, MentionRef):
            mentions.append(found)
            index = found.end
        elif isinstance(found, AmbiguousMention):
            ambiguous.append(found)
            index += 1 + len(found.name)
        else:
            unknown.append(_shown_token(text, index))
            index += 1
    return ParsedMentions(tuple(mentions), tuple(dict.fromkeys(unknown)), tuple(ambiguous))


def _match_at(
    text: str,
    sign: int,
    departments: frozenset[str],
    people: dict[str, list[str]],
) -> MentionRef | AmbiguousMention | None:
    run = _run_after(text, sign)
    for length in range(len(run), 0, -1):
        name = run[:length]
        owners = people.get(name, [])
        if name not in departments and not owners:
            continue
        end = sign + 1 + length
        if owners and length == len(run) and _is_sign(text, end):
            qualifier = _longest_prefix(_run_after(text, end), set(owners))
            if qualifier is not None:
                return MentionRef("person", name, qualifier, sign, end + 1 + len(qualifier))
        if name in departments:
            return MentionRef("department", name, name, sign, end)
        if len(owners) == 1:
            return MentionRef("person", name, owners[0], sign, end)
        return AmbiguousMention(name, tuple(sorted(set(owners))))
    return None


def _longest_prefix(run: str, names: set[str]) -> str | None:
    for length in range(len(run), 0, -1):
        if run[:length] in names:
            return run[:length]
    return None


def require_resolved(parsed: ParsedMentions) -> None:
    """Refuse text whose mentions do not all name exactly one department or person."""
    if parsed.unknown:
        listed = ", ".join(f"@{token}" for token in parsed.unknown)
        noun = "mention" if len(parsed.unknown) == 1 else "mentions"
        raise ValidationError(
            f"Unknown {noun} {listed}: no department or person has that name; write the name "
            "as it appears in the lists (e.g. @卫健委 or @张伟@财政局) or leave out the @."
        )
    if parsed.ambiguous:
        first = parsed.ambiguous[0]
        raise ValidationError(
            f"@{first.name} could be the {first.name} of {' or of '.join(first.departments)}; "
            f"write @{first.name}@{first.departments[0]} (name@department) to say which."
        )
