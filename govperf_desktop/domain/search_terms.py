"""Full-text search of the communication log (沟通日志): query terms and highlighted snippets.

A query is split on white space (ASCII or the full-width 　) into terms; a comment matches
when its text contains every term as a plain substring, case aside for Latin letters. Nothing
in a term is syntax: quotes, `*`, `AND`, parentheses and `%`/`_` are just characters.
Pure Python; the store turns the terms into SQL (`store/search.py`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from govperf_desktop.domain.errors import ValidationError

MAX_TERMS = 8
MAX_TERM_LENGTH = 100
SNIPPET_WIDTH = 60  # characters of the body shown around the first match
MARK_OPEN, MARK_CLOSE = "【", "】"


def search_terms(query: str | None) -> tuple[str, ...]:
    """The distinct terms of a query, in order; () for no query."""
    if query is None:
        return ()
    terms = tuple(dict.fromkeys(query.split()))  # str.split() also splits on U+3000
    if len(terms) > MAX_TERMS:
        raise ValidationError(
            f"A search takes at most {MAX_TERMS} words; this one has {len(terms)}."
        )
    for term in terms:
        if len(term) > MAX_TERM_LENGTH:
            raise ValidationError(
                f"Search word {term[:20]}… is {len(term)} characters long; the limit is "
                f"{MAX_TERM_LENGTH}."
            )
    return terms


def _pattern(terms: Sequence[str]) -> re.Pattern[str] | None:
    if not terms:
        return None
    alternatives = sorted(terms, key=len, reverse=True)  # longest first: overlapping terms
    return re.compile("|".join(re.escape(term) for term in alternatives), re.IGNORECASE)


def snippet(body: str, terms: Sequence[str], width: int = SNIPPET_WIDTH) -> str:
    """A one-line excerpt of `body` around its first match, every match marked 【like this】.

    Without terms (or without a match) it is the start of the body.
    """
    flat = " ".join(body.split())
    pattern = _pattern(terms)
    first = pattern.search(flat) if pattern else None
    if first is None:
        start, end = 0, width
    else:
        start = max(0, first.start() - width // 3)
        end = max(start + width, first.end())
    excerpt = flat[start:end]
    if pattern is not None:
        excerpt = pattern.sub(lambda match: f"{MARK_OPEN}{match.group(0)}{MARK_CLOSE}", excerpt)
    return ("…" if start > 0 else "") + excerpt + ("…" if end < len(flat) else "")
