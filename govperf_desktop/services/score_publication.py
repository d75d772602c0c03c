"""Publishing scores (发布评分): an evaluator fixes an indicator's scores for a period.

    publish_scores(store, "企业开办时间压缩", "2026-11", actor="林雪", now=...)
    list_publications(store, indicator="企业开办时间压缩")
    publication_detail(store, publication_id)
    current_publication(store, indicator_id, "2026-11")   # the one in force, or None

Publishing scores the indicator with its saved configuration (never what-if weights) and
stores a snapshot: each department's total, dimensions and deductions as canonical JSON with
its SHA-256 (over everything but the moment it was computed, `as_of`: the same scores
computed a minute later are the same result), the configuration version used, who
published and when. The snapshot is
shared data (captured, carried in bundles to every department) and never changes: later
hours or tasks change the live scores, not what was published. Publishing the identical
result again is refused; a different result supersedes the publication in force, which
stays readable. Only a person with role evaluator may publish (Action.PUBLISH_SCORES).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from govperf_desktop.domain.clock import to_utc_naive
from govperf_desktop.domain.errors import ConflictError, NotFoundError, ValidationError
from govperf_desktop.domain.permissions import Action
from govperf_desktop.services import lookup, roles
from govperf_desktop.services.scoring import IndicatorScores, score_indicator
from govperf_desktop.store.ids import new_id
from govperf_desktop.store.models import Indicator, Person
from govperf_desktop.store.models import ScorePublication as Row
from govperf_desktop.store.store import Store

DEFAULT_LIST_LIMIT = 200
NOTE_LIMIT = 2000


@dataclass(frozen=True)
class PublishedDimension:
    dimension: str
    weight: float
    points_available: float
    points: float
    applicable: bool


@dataclass(frozen=True)
class PublishedDeduction:
    kind: str
    percent: float
    points: float
    reason_en: str
    reason_zh: str
    task_ids: tuple[str, ...]
    capped: bool


@dataclass(frozen=True)
class PublishedDepartment:
    department_id: str
    department: str
    role: str
    total: float
    total_before_deductions: float
    dimensions: tuple[PublishedDimension, ...]
    deductions: tuple[PublishedDeduction, ...]


@dataclass(frozen=True)
class Publication:
    """One publication as listed: who published which indicator's scores, and its status."""

    id: str
    indicator_id: str
    indicator: str
    period: str
    config_id: str | None
    inputs_sha256: str
    published_by: str  # the person's name
    published_by_id: str
    published_at: datetime  # naive UTC
    supersedes_id: str | None
    superseded_by_id: str | None  # None: the publication in force
    note: str | None

    @property
    def in_force(self) -> bool:
        return self.superseded_by_id is None


@dataclass(frozen=True)
class PublicationDetail:
    """A publication with its snapshot of every department's result."""

    publication: Publication
    window: str
    window_start: date | None
    window_end: date | None
    as_of: datetime | None  # naive UTC: open tasks and mentions were counted up to it
    config: dict[str, Any]  # source, version, sha256 and weights of the configuration used
    departments: tuple[PublishedDepartment, ...]  # highest total first, as published


def snapshot(scores: IndicatorScores) -> dict[str, Any]:
    """The published content of a score result: totals, dimensions and deductions per
    department, the window and the configuration; nothing that depends on the clock alone."""
    config = scores.config
    weights = dict(sorted(config.weights.items()))
    return {
        "indicator_id": scores.indicator_id,
        "window": {
            "label": scores.window.label,
            "start": scores.window.start.isoformat() if scores.window.start else None,
            "end": scores.window.end.isoformat() if scores.window.end else None,
        },
        "config": {
            "source": config.source,
            "version": config.version,
            "id": config.config_id,
            "sha256": digest({"source": config.source, "weights": weights}),
            "weights": weights,
        },
        "departments": [
            {
                "department_id": result.department_id,
                "department": result.department,
                "role": result.role,
                "total": result.total,
                "total_before_deductions": result.total_before_deductions,
                "dimensions": [
                    {
                        "dimension": d.dimension,
                        "weight": d.weight,
                        "points_available": d.points_available,
                        "points": d.points,
                        "applicable": d.applicable,
                    }
                    for d in result.dimensions
                ],
                "deductions": [
                    {
                        "kind": x.kind,
                        "percent": x.percent,
                        "points": x.points,
                        "reason_en": x.reason_en,
                        "reason_zh": x.reason_zh,
                        "task_ids": list(x.task_ids),
                        "capped": x.capped,
                    }
                    for x in result.deductions
                ],
            }
            for result in scores.departments
        ],
    }


def canonical(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def digest(data: Any) -> str:
    return hashlib.sha256(canonical(data).encode("utf-8")).hexdigest()


def _period(indicator: Indicator, period: str | None) -> str:
    text = (period or "").strip()
    return text or indicator.period


def _in_force(session: Session, indicator_id: str, period: str) -> Row | None:
    """The newest publication of the indicator and period that no other one supersedes."""
    later = aliased(Row)
    superseded = select(later.id).where(later.supersedes_id == Row.id).exists()
    return session.scalars(
        select(Row)
        .where(Row.indicator_id == indicator_id, Row.period == period, ~superseded)
        .order_by(Row.published_at.desc(), Row.id.desc())
        .limit(1)
    ).first()


def publish_scores(
    store: Store,
    indicator: str,
    period: str | None = None,
    *,
    actor: str,
    now: datetime,
    note: str | None = None,
) -> PublicationDetail:
    """Score `indicator` (name or id) for `period` (None: the indicator's own period) with
    the saved configuration and publish the result as `actor`, an evaluator.

    Refused (nothing written) for a person without role evaluator, for the result already
    in force, and for an unknown indicator or period. A different result supersedes the
    publication in force for that indicator and period.
    """
    note = (note or "").strip() or None
    if note is not None and len(note) > NOTE_LIMIT:
        raise ValidationError(f"The note is {len(note)} characters long; at most {NOTE_LIMIT}.")
    with store.read() as session:
        person = roles.acting(session, actor)
        roles.require(session, person, Action.PUBLISH_SCORES)
        found = lookup.indicator(session, indicator)
        indicator_id, label = found.id, _period(found, period)
    scores = score_indicator(store, indicator_id, now=now, period=label, evidence_limit=0)
    content = snapshot(scores)
    inputs = digest(content)
    with store.write(actor_id=person.id) as session:
        roles.require(session, lookup.person(session, person.id), Action.PUBLISH_SCORES)
        current = _in_force(session, indicator_id, label)
        if current is not None and current.inputs_sha256 == inputs:
            by = session.get(Person, current.published_by)
            raise ConflictError(
                f"These scores of {scores.indicator} for {label} were already published on "
                f"{current.published_at:%Y-%m-%d %H:%M} UTC by {by.name if by else '?'}; "
                "nothing has changed since."
            )
        row = Row(
            id=new_id(),
            indicator_id=indicator_id,
            period=label,
            config_id=scores.config.config_id,
            inputs_sha256=inputs,
            result_json=canonical({**content, "as_of": scores.as_of.isoformat()}),
            published_by=person.id,
            published_at=to_utc_naive(now),
            supersedes_id=current.id if current is not None else None,
            note=note,
        )
        session.add(row)
        session.flush()
        view = _view(row, scores.indicator, person.name, None)
    return _detail(view, {**content, "as_of": scores.as_of.isoformat()})


def _view(row: Row, indicator: str, person: str, superseded_by: str | None) -> Publication:
    return Publication(
        id=row.id,
        indicator_id=row.indicator_id,
        indicator=indicator,
        period=row.period,
        config_id=row.config_id,
        inputs_sha256=row.inputs_sha256,
        published_by=person,
        published_by_id=row.published_by,
        published_at=row.published_at,
        supersedes_id=row.supersedes_id,
        superseded_by_id=superseded_by,
        note=row.note,
    )


def _query():  # type: ignore[no-untyped-def]
    later = aliased(Row)
    successor = select(func.max(later.id)).where(later.supersedes_id == Row.id).scalar_subquery()
    return (
        select(Row, Indicator.name, Person.name, successor)
        .join(Indicator, Indicator.id == Row.indicator_id)
        .join(Person, Person.id == Row.published_by)
    )


def list_publications(
    store: Store,
    indicator: str | None = None,
    *,
    period: str | None = None,
    limit: int = DEFAULT_LIST_LIMIT,
) -> list[Publication]:
    """Publications, newest first (of one indicator and period, if given), at most `limit`."""
    if limit < 1:
        raise ValidationError("The number of publications to list must be at least 1.")
    with store.read() as session:
        query = _query()
        if indicator:
            query = query.where(Row.indicator_id == lookup.indicator(session, indicator).id)
        if period and period.strip():
            query = query.where(Row.period == period.strip())
        rows = session.execute(
            query.order_by(Row.published_at.desc(), Row.id.desc()).limit(limit)
        ).all()
        return [_view(row, name, person, successor) for row, name, person, successor in rows]


def publication_detail(store: Store, publication_id: str) -> PublicationDetail:
    """One publication with the departments' results as published."""
    with store.read() as session:
        found = session.execute(_query().where(Row.id == publication_id.strip())).first()
        if found is None:
            raise NotFoundError(
                f"No score publication {publication_id.strip()!r}; list them with "
                "'govperf score publications'."
            )
        row, name, person, successor = found
        view = _view(row, name, person, successor)
        content = json.loads(row.result_json)
    return _detail(view, content)


def current_publication(
    store: Store, indicator: str, period: str | None = None
) -> PublicationDetail | None:
    """The publication in force for an indicator and period (None: the indicator's own
    period), or None if its scores were never published."""
    with store.read() as session:
        found = lookup.indicator(session, indicator)
        row = _in_force(session, found.id, _period(found, period))
        if row is None:
            return None
        person = session.get(Person, row.published_by)
        view = _view(row, found.name, person.name if person else "?", None)
        content = json.loads(row.result_json)
    return _detail(view, content)


def _detail(view: Publication, content: dict[str, Any]) -> PublicationDetail:
    window = content.get("window", {})
    departments = tuple(
        PublishedDepartment(
            department_id=d["department_id"],
            department=d["department"],
            role=d["role"],
            total=d["total"],
            total_before_deductions=d["total_before_deductions"],
            dimensions=tuple(PublishedDimension(**x) for x in d["dimensions"]),
            deductions=tuple(
                PublishedDeduction(**{**x, "task_ids": tuple(x["task_ids"])})
                for x in d["deductions"]
            ),
        )
        for d in content.get("departments", [])
    )
    return PublicationDetail(
        publication=view,
        window=window.get("label", view.period),
        window_start=date.fromisoformat(window["start"]) if window.get("start") else None,
        window_end=date.fromisoformat(window["end"]) if window.get("end") else None,
        as_of=datetime.fromisoformat(content["as_of"]) if content.get("as_of") else None,
        config=dict(content.get("config", {})),
        departments=departments,
    )
