"""Scoring configurations (weights and normalisation), versioned per indicator (scoring_configs).

Which configuration scores an indicator: its own latest version, else the organisation's
latest default (indicator_id NULL), else the built-in `resources/scoring/default.json`. A
stored configuration is laid over the organisation default and the built-in one (the seed
stores only the weights), then checked as a whole. Saving makes a new version — versions are
never overwritten — and is the central office's action (role central or admin). Saved
configurations are always complete, so a later change of the default does not change them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from govperf_desktop.domain.clock import to_utc_naive
from govperf_desktop.domain.errors import ValidationError
from govperf_desktop.domain.permissions import Action
from govperf_desktop.domain.scoring_config import (
    ScoringConfig,
    merge,
    parse_config,
    parse_weights,
)
from govperf_desktop.paths import resources_dir
from govperf_desktop.services import lookup
from govperf_desktop.services.indicators import central_person
from govperf_desktop.store.ids import new_id
from govperf_desktop.store.models import ScoringConfig as ConfigRow
from govperf_desktop.store.store import Store


@cache
def builtin_json() -> dict[str, Any]:
    """The shipped default (resources/scoring/default.json)."""
    path = resources_dir() / "scoring" / "default.json"
    return json.loads(path.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class ConfigSource:
    source: str  # 'indicator', 'organisation' or 'built-in'
    version: int | None
    config_id: str | None
    config: ScoringConfig


@dataclass(frozen=True)
class ConfigSources:
    """The latest stored versions, loaded once for many indicators."""

    organisation: tuple[str, int, Mapping[str, Any]] | None  # id, version, JSON
    indicators: Mapping[str, tuple[str, int, Mapping[str, Any]]]


@dataclass(frozen=True)
class ConfigView:
    id: str | None
    indicator: str | None  # None: the organisation default
    version: int | None
    source: str
    created_by: str | None
    created_at: datetime | None
    config: dict[str, Any]


def _loads(text: str, where: str) -> Mapping[str, Any]:
    try:
        data = json.loads(text)
    except ValueError:
        raise ValidationError(f"The scoring configuration {where} is not valid JSON.") from None
    if not isinstance(data, Mapping):
        raise ValidationError(f"The scoring configuration {where} is not a JSON object.")
    return data


def config_sources(session: Session) -> ConfigSources:
    latest = (
        select(ConfigRow.indicator_id, func.max(ConfigRow.version).label("version"))
        .group_by(ConfigRow.indicator_id)
        .subquery()
    )
    rows = session.execute(
        select(ConfigRow.id, ConfigRow.indicator_id, ConfigRow.version, ConfigRow.config).join(
            latest,
            (func.coalesce(ConfigRow.indicator_id, "") == func.coalesce(latest.c.indicator_id, ""))
            & (ConfigRow.version == latest.c.version),
        )
    ).all()
    organisation, per_indicator = None, {}
    for config_id, indicator_id, version, text in sorted(rows, key=lambda r: (r[2], r[0])):
        where = f"v{version} of " + (
            f"indicator {indicator_id}" if indicator_id else "the organisation"
        )
        entry = (config_id, version, _loads(text, where))
        if indicator_id is None:
            organisation = entry
        else:
            per_indicator[indicator_id] = entry
    return ConfigSources(organisation, per_indicator)


def _organisation_json(sources: ConfigSources) -> dict[str, Any]:
    base = builtin_json()
    return merge(base, sources.organisation[2]) if sources.organisation else dict(base)


def effective_config(sources: ConfigSources, indicator_id: str | None) -> ConfigSource:
    """The configuration that scores `indicator_id` (None: the organisation default)."""
    own = sources.indicators.get(indicator_id) if indicator_id else None
    if own is not None:
        config_id, version, data = own
        return ConfigSource(
            "indicator", version, config_id,
            _parsed(json.dumps(merge(_organisation_json(sources), data), sort_keys=True),
                    f"v{version} of indicator {indicator_id}"),
        )  # fmt: skip
    if sources.organisation is not None:
        config_id, version, _ = sources.organisation
        return ConfigSource(
            "organisation", version, config_id,
            _parsed(json.dumps(_organisation_json(sources), sort_keys=True),
                    f"v{version} of the organisation"),
        )  # fmt: skip
    return ConfigSource("built-in", None, None, _parsed(json.dumps(builtin_json()), "built-in"))


@cache
def _parsed(text: str, where: str) -> ScoringConfig:
    try:
        return parse_config(json.loads(text))
    except ValidationError as error:
        raise ValidationError(f"The scoring configuration {where} is invalid: {error}") from None


def show_config(store: Store, indicator: str | None = None) -> ConfigView:
    """The configuration in force for an indicator (or the organisation), complete."""
    with store.read() as session:
        indicator_row = lookup.indicator(session, indicator) if indicator else None
        sources = config_sources(session)
        source = effective_config(sources, indicator_row.id if indicator_row else None)
        row = session.get(ConfigRow, source.config_id) if source.config_id else None
        author = lookup.person(session, row.created_by).name if row and row.created_by else None
    return ConfigView(
        id=source.config_id,
        indicator=indicator_row.name if indicator_row else None,
        version=source.version,
        source=source.source,
        created_by=author,
        created_at=row.created_at if row else None,
        config=source.config.as_json(),
    )


def save_config(
    store: Store,
    *,
    actor: str,
    now: datetime,
    indicator: str | None = None,
    weights: str | None = None,
    config: Mapping[str, Any] | None = None,
) -> ConfigView:
    """Save a new version for an indicator (or the organisation default).

    `config` (JSON, may be partial) is laid over the configuration in force; `weights`
    ('input=40,...', adding up to 100) then changes the dimension weights. Refused, with
    nothing written, unless the result is a valid configuration.
    """
    if weights is None and config is None:
        raise ValidationError("Give new weights (--weights) or a configuration file (--file).")
    person = central_person(store, actor, Action.DEFINE_RULES, "change scoring configurations")
    with store.write(actor_id=person.id) as session:
        target = lookup.indicator(session, indicator) if indicator else None
        current = effective_config(config_sources(session), target.id if target else None)
        data = merge(current.config.as_json(), config or {})
        if weights is not None:
            data["weights"] = parse_weights(weights, current.config.weights)
        checked = parse_config(data)
        owner = target.id if target else None
        condition = ConfigRow.indicator_id == owner if owner else ConfigRow.indicator_id.is_(None)
        last = session.scalar(select(func.max(ConfigRow.version)).where(condition)) or 0
        row = ConfigRow(
            id=new_id(),
            indicator_id=owner,
            version=last + 1,
            config=json.dumps(checked.as_json(), ensure_ascii=False, sort_keys=True),
            created_by=person.id,
            created_at=to_utc_naive(now),
        )
        session.add(row)
    return ConfigView(
        id=row.id,
        indicator=target.name if target else None,
        version=row.version,
        source="indicator" if target else "organisation",
        created_by=person.name,
        created_at=row.created_at,
        config=checked.as_json(),
    )
