"""Task comments (任务评论): adding, replying, editing as new versions, problems resolved.

Comments are evidence. One is never changed in place: an edit adds a new comment that
supersedes the previous version (only its author may edit, and only the latest version), and
every version stays visible. The one update a comment receives is its resolution: the person
who raised a problem marks which later comment resolved it, crediting that comment's
department (协作贡献度: problems resolved). Scores count the latest version of a problem.

@mentions follow `domain.mentions`; a comment naming an unknown or ambiguous department or
person is refused with the names listed, so every mention is a row the reply times can use.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from govperf_desktop.domain.clock import to_utc_naive
from govperf_desktop.domain.errors import ConflictError, NotFoundError, ValidationError
from govperf_desktop.domain.mentions import candidate_names, parse_mentions, require_resolved
from govperf_desktop.domain.permissions import Action
from govperf_desktop.services import lookup, roles
from govperf_desktop.store.ids import new_id
from govperf_desktop.store.models import Comment, Department, Indicator, Mention, Person
from govperf_desktop.store.store import Store

MAX_BODY_LENGTH = 10_000
_IN_CHUNK = 500  # names per `IN (...)` when resolving mentions


@dataclass(frozen=True)
class Actor:
    """The person performing an action, with their department."""

    id: str
    name: str
    department_id: str
    department: str


@dataclass(frozen=True)
class CommentView:
    id: str  # this version
    thread_id: str  # the first version's id: the comment's identity across edits
    task_id: str
    author: str
    department: str
    body: str
    created_at: datetime  # when this version was written (naive UTC)
    first_created_at: datetime  # when the first version was written
    version: int  # 1 = the original
    versions: int  # how many versions the comment has
    superseded_by_id: str | None  # the next version, if this one was edited
    reply_to_id: str | None
    mentions: tuple[str, ...]  # '卫健委', '魏红@卫健委'
    is_problem: bool
    resolved_by_id: str | None
    resolved_by_department: str | None  # the department credited with solving the problem
    resolved_at: datetime | None


@dataclass(frozen=True)
class ThreadView:
    task_id: str
    task_code: str
    task_content: str
    indicator: str
    comments: tuple[CommentView, ...]  # latest versions, oldest comment first
    earlier: tuple[CommentView, ...]  # earlier versions, when asked for


def acting_person(store: Store, person: str) -> Actor:
    """The acting person named by name, 'NAME@DEPARTMENT' or id."""
    with store.read() as session:
        found = lookup.person(session, person)
        department = session.get(Department, found.department_id)
        assert department is not None  # foreign key
        return Actor(found.id, found.name, department.id, department.name)


def _require(session: Session, actor: Actor, attempt: str) -> None:
    """Comments are written for the person's own department by its clerks and heads."""
    roles.require(session, session.get(Person, actor.id), Action.COMMENT, attempt=attempt)


def checked_body(text: str) -> str:
    body = text.strip()
    if not body:
        raise ValidationError("A comment needs some text.")
    if len(body) > MAX_BODY_LENGTH:
        raise ValidationError(
            f"A comment can be at most {MAX_BODY_LENGTH:,} characters long; this one has "
            f"{len(body):,}."
        )
    return body


def comment_row(session: Session, comment_id: str) -> Comment:
    found = session.get(Comment, comment_id.strip())
    if found is None:
        raise NotFoundError(f"Unknown comment {comment_id!r}.")
    return found


def _next_version_id(session: Session, comment_id: str) -> str | None:
    return session.scalar(select(Comment.id).where(Comment.supersedes_id == comment_id))


def require_latest(session: Session, comment: Comment) -> None:
    """Refuse acting on a version that has been edited since."""
    newest = _next_version_id(session, comment.id)
    if newest is None:
        return
    while (following := _next_version_id(session, newest)) is not None:
        newest = following
    raise ValidationError(
        f"Comment {comment.id} has been edited since; use its latest version {newest}."
    )


def _chain_back(session: Session, comment: Comment) -> list[Comment]:
    """This version and every earlier one, newest first."""
    chain = [comment]
    while chain[-1].supersedes_id is not None:
        chain.append(comment_row(session, chain[-1].supersedes_id))
    return chain


@dataclass(frozen=True)
class _Target:
    person_id: str | None
    department_id: str | None


def _mention_targets(session: Session, body: str) -> list[_Target]:
    """The distinct departments and people the body mentions; refuses unknown names."""
    names = sorted(candidate_names(body))
    if not names:
        return []
    departments: dict[str, str] = {}
    people: dict[tuple[str, str], str] = {}
    for start in range(0, len(names), _IN_CHUNK):
        chunk = names[start : start + _IN_CHUNK]
        for department_name, department_id in session.execute(
            select(Department.name, Department.id).where(Department.name.in_(chunk))
        ):
            departments[department_name] = department_id
        for person_name, department_name, person_id in session.execute(
            select(Person.name, Department.name, Person.id)
            .join(Department, Department.id == Person.department_id)
            .where(Person.name.in_(chunk))
        ):
            people[(person_name, department_name)] = person_id
    parsed = parse_mentions(body, departments, people)
    require_resolved(parsed)
    return [
        _Target(None, departments[ref.name])
        if ref.kind == "department"
        else _Target(people[(ref.name, ref.department)], None)
        for ref in parsed.targets()
    ]


def _add_mentions(session: Session, comment_id: str, targets: list[_Target]) -> None:
    # Ids made in one millisecond differ only in random bits; sorted, they keep text order.
    ids = sorted(new_id() for _ in targets)
    session.add_all(
        Mention(
            id=mention_id,
            comment_id=comment_id,
            person_id=target.person_id,
            department_id=target.department_id,
        )
        for mention_id, target in zip(ids, targets, strict=True)
    )


def add_comment(
    store: Store,
    *,
    person: str,
    task: str,
    text: str,
    indicator: str | None = None,
    reply_to: str | None = None,
    problem: bool = False,
    now: datetime,
) -> CommentView:
    """Comment on a task (or reply to a comment of it) as `person`, for their department."""
    body = checked_body(text)
    actor = acting_person(store, person)
    moment = to_utc_naive(now)
    with store.write(actor_id=actor.id) as session:
        on_task = lookup.task_in(session, task, indicator)
        _require(session, actor, f"comment on task {on_task.code}")
        answered = None
        if reply_to is not None:
            answered = comment_row(session, reply_to)
            if answered.task_id != on_task.id:
                raise ValidationError(
                    f"Comment {answered.id} is on another task; a reply must be on the same "
                    f"task ({on_task.code})."
                )
            require_latest(session, answered)
            if moment < answered.created_at:
                raise ValidationError(
                    f"A reply cannot be dated before the comment it answers "
                    f"({answered.created_at:%Y-%m-%d %H:%M} UTC); check this computer's clock."
                )
        targets = _mention_targets(session, body)
        comment = Comment(
            id=new_id(),
            task_id=on_task.id,
            author_id=actor.id,
            department_id=actor.department_id,
            body=body,
            reply_to_id=answered.id if answered else None,
            supersedes_id=None,
            is_problem=problem,
            created_at=moment,
        )
        session.add(comment)
        session.flush()
        _add_mentions(session, comment.id, targets)
        session.flush()
        return _single_view(session, comment)


def edit_comment(
    store: Store, comment_id: str, *, person: str, text: str, now: datetime
) -> CommentView:
    """A new version of a comment by its author; the earlier version is kept and visible."""
    body = checked_body(text)
    actor = acting_person(store, person)
    moment = to_utc_naive(now)
    with store.write(actor_id=actor.id) as session:
        previous = comment_row(session, comment_id)
        _require(session, actor, f"edit comment {previous.id}")
        if previous.author_id != actor.id:
            author = session.get(Person, previous.author_id)
            raise ValidationError(
                f"Only {author.name if author else 'its author'} can edit comment "
                f"{previous.id}; reply to it instead."
            )
        require_latest(session, previous)
        if previous.body == body:
            raise ConflictError(f"Comment {previous.id} already says that; nothing to change.")
        if moment < previous.created_at:
            raise ValidationError(
                f"An edit cannot be dated before the version it replaces "
                f"({previous.created_at:%Y-%m-%d %H:%M} UTC); check this computer's clock."
            )
        targets = _mention_targets(session, body)
        comment = Comment(
            id=new_id(),
            task_id=previous.task_id,
            author_id=previous.author_id,
            department_id=previous.department_id,
            body=body,
            reply_to_id=previous.reply_to_id,
            supersedes_id=previous.id,
            is_problem=previous.is_problem,
            resolved_by_id=previous.resolved_by_id,
            resolved_at=previous.resolved_at,
            created_at=moment,
        )
        session.add(comment)
        session.flush()
        _add_mentions(session, comment.id, targets)
        session.flush()
        return _single_view(session, comment)


def resolve_problem(
    store: Store, comment_id: str, *, person: str, by_reply: str, now: datetime
) -> CommentView:
    """Mark which later comment resolved a problem; only the person who raised it may."""
    actor = acting_person(store, person)
    moment = to_utc_naive(now)
    with store.write(actor_id=actor.id) as session:
        problem = comment_row(session, comment_id)
        _require(session, actor, f"mark problem {problem.id} resolved")
        require_latest(session, problem)
        if not problem.is_problem:
            raise ValidationError(
                f"Comment {problem.id} was not raised as a problem, so it cannot be resolved."
            )
        if problem.resolved_by_id is not None:
            raise ConflictError(
                f"Problem {problem.id} was already marked resolved by comment "
                f"{problem.resolved_by_id} on {problem.resolved_at:%Y-%m-%d}."
            )
        if problem.author_id != actor.id:
            author = session.get(Person, problem.author_id)
            raise ValidationError(
                f"Only {author.name if author else 'its author'}, who raised problem "
                f"{problem.id}, can mark it resolved."
            )
        reply = comment_row(session, by_reply)
        versions = _chain_back(session, problem)
        if reply.id in {version.id for version in versions}:
            raise ValidationError(f"Problem {problem.id} cannot be resolved by itself.")
        if reply.task_id != problem.task_id:
            raise ValidationError(
                f"Comment {reply.id} is on another task; the reply that resolved problem "
                f"{problem.id} must be on the same task."
            )
        require_latest(session, reply)
        raised_at = versions[-1].created_at
        if reply.created_at < raised_at:
            raise ValidationError(
                f"Comment {reply.id} was written before problem {problem.id} was raised "
                f"({raised_at:%Y-%m-%d %H:%M} UTC); choose a later reply."
            )
        if reply.author_id == problem.author_id:
            raise ValidationError(
                f"Comment {reply.id} is by {actor.name}, who raised the problem; credit the "
                "reply of whoever resolved it."
            )
        problem.resolved_by_id = reply.id
        problem.resolved_at = moment
        session.flush()
        return _single_view(session, problem)


# --- reading -------------------------------------------------------------------------------


def _mention_labels(session: Session, comment_ids: list[str]) -> dict[str, list[str]]:
    if not comment_ids:
        return {}
    mentioned_department = aliased(Department)
    person_department = aliased(Department)
    rows = session.execute(
        select(Mention.comment_id, Person.name, person_department.name, mentioned_department.name)
        .outerjoin(Person, Person.id == Mention.person_id)
        .outerjoin(person_department, person_department.id == Person.department_id)
        .outerjoin(mentioned_department, mentioned_department.id == Mention.department_id)
        .where(Mention.comment_id.in_(comment_ids))
        .order_by(Mention.comment_id, Mention.id)
    )
    labels: dict[str, list[str]] = {}
    for comment_id, person_name, home, department_name in rows:
        label = department_name if person_name is None else f"{person_name}@{home}"
        labels.setdefault(comment_id, []).append(label)
    return labels


def _views(
    session: Session, rows: list[tuple[Comment, str, str]], wanted: set[str] | None = None
) -> list[CommentView]:
    """Views of the `wanted` comments (default: all) among `rows`, which must hold every
    version of their chains (e.g. all comments of one task)."""
    by_id = {comment.id: comment for comment, _, _ in rows}
    names = {comment.id: (author, department) for comment, author, department in rows}
    next_version = {c.supersedes_id: c.id for c in by_id.values() if c.supersedes_id}
    chosen = [c for c in by_id.values() if wanted is None or c.id in wanted]
    labels = _mention_labels(session, [comment.id for comment in chosen])
    views = []
    for comment in chosen:
        chain = [comment]
        while chain[-1].supersedes_id in by_id:
            chain.append(by_id[chain[-1].supersedes_id])
        newest, later = comment, 0
        while newest.id in next_version:
            newest, later = by_id[next_version[newest.id]], later + 1
        resolver = None
        if comment.resolved_by_id is not None:
            resolver = by_id.get(comment.resolved_by_id) or session.get(
                Comment, comment.resolved_by_id
            )
        resolver_department = (
            session.get(Department, resolver.department_id).name if resolver else None
        )
        author, department = names[comment.id]
        views.append(
            CommentView(
                id=comment.id,
                thread_id=chain[-1].id,
                task_id=comment.task_id,
                author=author,
                department=department,
                body=comment.body,
                created_at=comment.created_at,
                first_created_at=chain[-1].created_at,
                version=len(chain),
                versions=len(chain) + later,
                superseded_by_id=next_version.get(comment.id),
                reply_to_id=comment.reply_to_id,
                mentions=tuple(labels.get(comment.id, ())),
                is_problem=comment.is_problem,
                resolved_by_id=comment.resolved_by_id,
                resolved_by_department=resolver_department,
                resolved_at=comment.resolved_at,
            )
        )
    return views


def _with_names(session: Session, query) -> list[tuple[Comment, str, str]]:  # type: ignore[no-untyped-def]
    return [
        (comment, author, department)
        for comment, author, department in session.execute(
            query.add_columns(Person.name, Department.name)
            .join(Person, Person.id == Comment.author_id)
            .join(Department, Department.id == Comment.department_id)
        )
    ]


def _task_comments(session: Session, task_id: str) -> list[tuple[Comment, str, str]]:
    return _with_names(
        session,
        select(Comment).where(Comment.task_id == task_id).order_by(Comment.created_at, Comment.id),
    )


def _single_view(session: Session, comment: Comment) -> CommentView:
    return _views(session, _task_comments(session, comment.task_id), {comment.id})[0]


def comment_thread(
    store: Store, task: str, *, indicator: str | None = None, include_earlier: bool = False
) -> ThreadView:
    """A task's comments: the latest version of each, oldest first, with version counts;
    with `include_earlier`, the earlier versions as well."""
    with store.read() as session:
        on_task = lookup.task_in(session, task, indicator)
        parent = session.get(Indicator, on_task.indicator_id)
        views = _views(session, _task_comments(session, on_task.id))
    latest = sorted(
        (view for view in views if view.superseded_by_id is None),
        key=lambda view: (view.first_created_at, view.thread_id),
    )
    earlier = sorted(
        (view for view in views if view.superseded_by_id is not None),
        key=lambda view: (view.first_created_at, view.thread_id, view.version),
    )
    return ThreadView(
        task_id=on_task.id,
        task_code=on_task.code,
        task_content=on_task.content,
        indicator=parent.name if parent else "",
        comments=tuple(latest),
        earlier=tuple(earlier) if include_earlier else (),
    )


def comment_versions(store: Store, comment_id: str) -> tuple[CommentView, ...]:
    """Every version of a comment (given any of its versions' ids), oldest first."""
    with store.read() as session:
        comment = comment_row(session, comment_id)
        views = _views(session, _task_comments(session, comment.task_id))
    thread = next(view.thread_id for view in views if view.id == comment.id)
    return tuple(
        sorted((view for view in views if view.thread_id == thread), key=lambda v: v.version)
    )
