"""Roles enforced in services: every role × action on a real store, and department scoping.

Every person of the matrix belongs to 民政局, the department every action is for, so a refusal
comes from the role alone; the scoping tests then act across departments. A refused action
raises PermissionDeniedError naming the person, their roles and what they tried, and leaves
the store file byte-for-byte unchanged; an allowed one succeeds and writes.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from conftest import NOW, checkpoint, file_digest

from govperf_desktop.domain.errors import PermissionDeniedError
from govperf_desktop.domain.permissions import (
    ADMIN_ACTIONS,
    POLICY,
    ROLE_ORDER,
    Action,
    Actor,
    matrix,
    permitted,
    require,
)
from govperf_desktop.paths import store_path
from govperf_desktop.services.admin import init_installation
from govperf_desktop.services.alerts import acknowledge_alert
from govperf_desktop.services.comments import add_comment
from govperf_desktop.services.enrolment import init_root
from govperf_desktop.services.history import restore
from govperf_desktop.services.indicators import (
    IndicatorDraft,
    TaskDraft,
    add_dependency,
    create_indicator,
)
from govperf_desktop.services.org import add_department, add_person
from govperf_desktop.services.scoring_config import save_config
from govperf_desktop.services.support import add_support, confirm_support
from govperf_desktop.services.taskflow import notify_indicator, start_task
from govperf_desktop.services.timesheet_io import ImportRefused, import_timesheets
from govperf_desktop.services.timesheet_periods import approve_period, submit_period
from govperf_desktop.services.timesheets import add_entry, set_standard_day
from govperf_desktop.services.workdays import set_reminder_days
from govperf_desktop.store.models import Department
from govperf_desktop.store.store import Store, open_store

# The issue's rules, written out independently of the table they check.
CLERK_HEAD = {"clerk", "head"}
CENTRAL = {"central", "admin"}
EXPECTED: dict[Action, set[str]] = {
    Action.RECORD_HOURS: CLERK_HEAD,
    Action.RECORD_HOURS_FOR_OTHERS: {"head"},
    Action.IMPORT_HOURS: {"head"} | CENTRAL,
    Action.APPROVE_TIMESHEET_PERIODS: {"head"},
    Action.COMMENT: CLERK_HEAD,
    Action.RECORD_SUPPORT: CLERK_HEAD,
    Action.TASK_STEP: CLERK_HEAD,
    Action.START_INDICATOR: CLERK_HEAD | CENTRAL,
    Action.ACKNOWLEDGE_WARNINGS: {"head"},
    Action.DEPARTMENT_OUTPUT: {"head"},
    Action.DEFINE_INDICATORS: CENTRAL,
    Action.DEFINE_RULES: CENTRAL,
    Action.DEFINE_ORGANISATION: CENTRAL,
    Action.MANAGE_ACCOUNTS: CENTRAL,
    Action.MANAGE_NODE_CERTIFICATES: CENTRAL,
    Action.COMPUTE_SCORES: {"evaluator"},
    Action.PUBLISH_SCORES: {"evaluator"},
    Action.RESTORE_HISTORY: CENTRAL,
    Action.READ_AUDIT_LOG: {"auditor"},
}
# One person per role, all of 民政局.
ACTING = {
    "clerk": "朱丽华",
    "head": "杨帆",
    "evaluator": "钱评",
    "central": "周文博",
    "admin": "管理员",
    "auditor": "审计员",
}
INDICATOR, DRAFT_INDICATOR = "政务服务跨省通办", "医保异地结算"
TUESDAY = date(2026, 11, 17)


def _draft(name: str, code: str) -> IndicatorDraft:
    return IndicatorDraft(
        name=name,
        lead_department="民政局",
        target="全部上线",
        period="2026-11",
        period_start=date(2026, 11, 1),
        period_end=date(2026, 11, 30),
        cooperating=("公安局",),
        tasks=(
            TaskDraft(f"{code}-1", "民政局", "收集事项清单", deadline=date(2026, 11, 10)),
            TaskDraft(f"{code}-2", "公安局", "对接异地系统", deadline=date(2026, 11, 25)),
        ),
    )


def _build(directory: Path) -> None:
    """民政局 leads a started indicator (MZ-1 overdue) and a draft one; 李娜's week is
    submitted; 公安局 gave 民政局 support; the department 考核办 was renamed once."""
    init_installation(directory, node_name="考核办", role="central", now=NOW)
    store = open_store(directory)
    for name in ("民政局", "公安局", "考核办"):
        add_department(store, name, now=NOW)
    for role, name in ACTING.items():
        add_person(store, department="民政局", name=name, roles=(role,), now=NOW)
    for name in ("李娜", "张伟"):
        add_person(store, department="民政局", name=name, roles=("clerk",), now=NOW)
    add_person(store, department="公安局", name="宋志刚", roles=("head",), now=NOW)
    add_person(store, department="公安局", name="董明", roles=("clerk",), now=NOW)
    create_indicator(store, _draft(INDICATOR, "MZ"), now=NOW)
    create_indicator(store, _draft(DRAFT_INDICATOR, "YB"), now=NOW)
    notify_indicator(store, INDICATOR, person="杨帆", now=NOW)
    for person, code in (("李娜", "MZ-1"), ("董明", "MZ-2")):
        add_entry(
            store,
            person=person,
            task_id=code,
            indicator=INDICATOR,
            work_date=TUESDAY,
            hours=8,
            now=NOW,
        )
    submit_period(store, actor="李娜", kind="week", day=TUESDAY, now=NOW)
    add_support(
        store,
        person="董明",
        task="MZ-2",
        indicator=INDICATOR,
        to_department="民政局",
        text="提供接口文档",
        now=NOW,
    )
    with store.write() as session:
        next(iter(session.query(Department).filter_by(name="考核办"))).name = "考核办公室"
    checkpoint(store)
    store.close()


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("roles") / "store"
    _build(directory)
    return directory


@pytest.fixture
def office(template: Path, tmp_path: Path) -> Iterator[Store]:
    directory = tmp_path / "store"
    shutil.copytree(template, directory)
    store = open_store(directory)
    yield store
    store.close()


def _department_id(store: Store, name: str) -> str:
    with store.read() as session:
        return next(iter(session.query(Department).filter_by(name=name))).id


def _hours_file(directory: Path) -> Path:
    path = directory / "hours.csv"
    path.write_text(
        "姓名,部门,指标,任务编号,日期,工时,加班,备注\n"
        f"张伟,民政局,{INDICATOR},MZ-1,2026-11-18,2,,\n",
        encoding="utf-8",
    )
    return path


# Each service a role may or may not perform: (action, name, call(store, person)).
Call = Callable[[Store, str], object]
SERVICES: tuple[tuple[Action, str, Call], ...] = (
    (
        Action.RECORD_HOURS,
        "add own hours",
        lambda s, who: add_entry(
            s,
            person=who,
            task_id="MZ-1",
            indicator=INDICATOR,
            work_date=date(2026, 11, 18),
            hours=2,
            now=NOW,
        ),
    ),
    (
        Action.RECORD_HOURS,
        "submit own week",
        lambda s, who: submit_period(s, actor=who, kind="week", day=TUESDAY, now=NOW),
    ),
    (
        Action.RECORD_HOURS_FOR_OTHERS,
        "add a colleague's hours",
        lambda s, who: add_entry(
            s,
            person="张伟",
            actor=who,
            task_id="MZ-1",
            indicator=INDICATOR,
            work_date=date(2026, 11, 18),
            hours=2,
            now=NOW,
        ),
    ),
    (
        Action.IMPORT_HOURS,
        "import a colleague's hours",
        lambda s, who: import_timesheets(s, _hours_file(s.path.parent.parent), actor=who, now=NOW),
    ),
    (
        Action.APPROVE_TIMESHEET_PERIODS,
        "approve a week",
        lambda s, who: approve_period(
            s, actor=who, person="李娜", kind="week", day=TUESDAY, now=NOW
        ),
    ),
    (
        Action.COMMENT,
        "comment",
        lambda s, who: add_comment(
            s, person=who, task="MZ-1", indicator=INDICATOR, text="请补充身份证信息", now=NOW
        ),
    ),
    (
        Action.RECORD_SUPPORT,
        "record support given",
        lambda s, who: add_support(
            s,
            person=who,
            task="MZ-1",
            indicator=INDICATOR,
            to_department="公安局",
            text="提供事项清单",
            now=NOW,
        ),
    ),
    (
        Action.RECORD_SUPPORT,
        "confirm support received",
        lambda s, who: confirm_support(s, _support_id(s), person=who, now=NOW),
    ),
    (
        Action.TASK_STEP,
        "start a task",
        lambda s, who: start_task(s, "MZ-1", indicator=INDICATOR, person=who, now=NOW),
    ),
    (
        Action.START_INDICATOR,
        "start an indicator",
        lambda s, who: notify_indicator(s, DRAFT_INDICATOR, person=who, now=NOW),
    ),
    (
        Action.ACKNOWLEDGE_WARNINGS,
        "acknowledge a warning",
        lambda s, who: acknowledge_alert(
            s, "MZ-1", indicator=INDICATOR, kind="overdue", person=who, now=NOW
        ),
    ),
    (
        Action.DEFINE_INDICATORS,
        "define an indicator",
        lambda s, who: create_indicator(s, _draft("营商环境优化", "YS"), now=NOW, actor=who),
    ),
    (
        Action.DEFINE_INDICATORS,
        "add a task dependency",
        lambda s, who: add_dependency(
            s,
            _task_id(s, DRAFT_INDICATOR, "YB-2"),
            _task_id(s, DRAFT_INDICATOR, "YB-1"),
            actor=who,
        ),
    ),
    (
        Action.DEFINE_RULES,
        "save scoring weights",
        lambda s, who: save_config(
            s, actor=who, now=NOW, weights="input=40,response=20,quality=20,collaboration=20"
        ),
    ),
    (
        Action.DEFINE_RULES,
        "set the standard day",
        lambda s, who: set_standard_day(s, 7.5, actor=who, now=NOW),
    ),
    (
        Action.DEFINE_RULES,
        "change the alert settings",
        lambda s, who: set_reminder_days(s, 5, actor=who),
    ),
    (
        Action.DEFINE_ORGANISATION,
        "add a department",
        lambda s, who: add_department(s, "水利局", now=NOW, actor=who),
    ),
    (
        Action.DEFINE_ORGANISATION,
        "add a person",
        lambda s, who: add_person(s, department="公安局", name="林涛", now=NOW, actor=who),
    ),
    (
        Action.MANAGE_NODE_CERTIFICATES,
        "create the root key",
        lambda s, who: init_root(s, passphrase="root pass 2026", now=NOW, actor=who),
    ),
    (
        Action.RESTORE_HISTORY,
        "restore a renamed department",
        lambda s, who: restore(s, _department_id(s, "考核办公室"), version=1, actor_id=who),
    ),
)


def _support_id(store: Store) -> str:
    from govperf_desktop.services.support import task_support

    return task_support(store, "MZ-2", indicator=INDICATOR)[0].id


def _task_id(store: Store, indicator: str, code: str) -> str:
    from govperf_desktop.services import lookup

    with store.read() as session:
        return lookup.task_in(session, code, indicator).id


def _files(directory: Path) -> dict[str, str]:
    """Every file of the data directory but the store (key files, exports) with its digest."""
    checked = {store_path(directory).name, f"{store_path(directory).name}-wal"}
    return {
        str(path.relative_to(directory)): file_digest(path)
        for path in sorted(directory.rglob("*"))
        if path.is_file() and path.name not in checked and not path.name.endswith("-shm")
    }


def test_the_policy_table_is_the_issues() -> None:
    assert set(POLICY) == set(Action) == set(EXPECTED)
    for action, grants in POLICY.items():
        assert set(grants) == EXPECTED[action], action
    assert not ADMIN_ACTIONS & {a for a, grants in POLICY.items() if "auditor" in grants}
    assert [action for action, _ in matrix()] == list(Action)


@pytest.mark.parametrize("role", ROLE_ORDER)
@pytest.mark.parametrize(("action", "service", "call"), SERVICES, ids=[s[1] for s in SERVICES])
def test_every_role_and_action(
    office: Store, role: str, action: Action, service: str, call: Call
) -> None:
    person = ACTING[role]
    path = store_path(office.path.parent)
    checkpoint(office)
    before, files = file_digest(path), _files(office.path.parent)
    if role in EXPECTED[action]:
        call(office, person)
        checkpoint(office)
        assert file_digest(path) != before, f"{service} by the {role} wrote nothing"
        return
    error = ImportRefused if action is Action.IMPORT_HOURS else PermissionDeniedError
    with pytest.raises(error, match=rf"{person} \({role}, 民政局\) may not "):
        call(office, person)
    checkpoint(office)
    assert file_digest(path) == before
    assert _files(office.path.parent) == files  # no key file written either


@pytest.mark.parametrize("role", ROLE_ORDER)
@pytest.mark.parametrize("action", list(Action))
def test_the_domain_check_follows_the_table(role: str, action: Action) -> None:
    """Every action, those without a service yet included (publishing scores, reading the
    audit log, accounts, department outputs), in the person's own department."""
    actor = Actor(ACTING[role], "mz", "民政局", frozenset({role}))
    assert permitted(actor, action, department_id="mz") == (role in EXPECTED[action])
    if role in EXPECTED[action]:
        require(actor, action, department_id="mz", department="民政局")
    else:
        with pytest.raises(PermissionDeniedError, match=rf"^{ACTING[role]} \({role}, 民政局\)"):
            require(actor, action, department_id="mz", department="民政局")


def test_a_refusal_is_one_sentence_naming_person_roles_and_what_was_needed() -> None:
    clerk = Actor("王芳", "mz", "民政局", frozenset({"clerk"}))
    with pytest.raises(PermissionDeniedError) as refused:
        require(clerk, Action.APPROVE_TIMESHEET_PERIODS)
    assert str(refused.value) == (
        "王芳 (clerk, 民政局) may not approve timesheet periods: that needs a department head "
        "of 民政局."
    )
    nobody = Actor("赵敏", "ga", "公安局", frozenset())
    with pytest.raises(PermissionDeniedError) as refused:
        require(nobody, Action.DEFINE_ORGANISATION)
    assert str(refused.value) == (
        "赵敏 (no role, 公安局) may not add departments or people: that needs the central "
        "office (role central or admin)."
    )
    both = Actor("周文博", "kb", "考核办", frozenset({"central", "head"}))
    with pytest.raises(PermissionDeniedError) as refused:
        require(both, Action.ACKNOWLEDGE_WARNINGS, department_id="mz", department="民政局")
    assert str(refused.value) == (
        "周文博 (head, central, 考核办) may not acknowledge warnings: that needs a department "
        "head of 民政局."
    )


def test_an_inactive_person_may_do_nothing() -> None:
    head = Actor("杨帆", "mz", "民政局", frozenset({"head"}))
    require(head, Action.APPROVE_TIMESHEET_PERIODS)
    gone = replace(head, active=False)
    assert not any(permitted(gone, action) for action in Action)
    with pytest.raises(PermissionDeniedError, match=r"杨帆 .* is no longer active and may not"):
        require(gone, Action.APPROVE_TIMESHEET_PERIODS)


# --- department scoping -----------------------------------------------------------------------


def _refused(store: Store, action: Callable[[], object], match: str) -> None:
    path = store_path(store.path.parent)
    checkpoint(store)
    before = file_digest(path)
    with pytest.raises(PermissionDeniedError, match=match):
        action()
    checkpoint(store)
    assert file_digest(path) == before


def test_a_clerk_acts_only_for_their_own_department(office: Store) -> None:
    _refused(
        office,
        lambda: add_entry(
            office,
            person="董明",
            actor="朱丽华",
            task_id="MZ-2",
            indicator=INDICATOR,
            work_date=date(2026, 11, 18),
            hours=1,
            now=NOW,
        ),
        r"朱丽华 \(clerk, 民政局\) may not change 董明's hours: that needs a department head "
        "of 公安局",
    )
    _refused(
        office,
        lambda: start_task(office, "MZ-2", indicator=INDICATOR, person="朱丽华", now=NOW),
        r"朱丽华 \(clerk, 民政局\) may not start task MZ-2 of 公安局: that needs a clerk or "
        "department head of 公安局",
    )
    _refused(
        office,
        lambda: confirm_support(office, _support_id(office), person="董明", now=NOW),
        r"董明 \(clerk, 公安局\) may not confirm support record .* that needs a clerk or "
        "department head of 民政局",
    )
    # a comment is written for the author's own department, on any department's task
    add_comment(
        office, person="董明", task="MZ-1", indicator=INDICATOR, text="清单何时提供?", now=NOW
    )
    start_task(office, "MZ-2", indicator=INDICATOR, person="董明", now=NOW)


def test_a_head_approves_and_acknowledges_only_for_their_own_department(office: Store) -> None:
    _refused(
        office,
        lambda: approve_period(
            office, actor="宋志刚", person="李娜", kind="week", day=TUESDAY, now=NOW
        ),
        r"宋志刚 \(head, 公安局\) may not approve 李娜's timesheet: that needs a department "
        "head of 民政局",
    )
    _refused(
        office,
        lambda: acknowledge_alert(
            office, "MZ-1", indicator=INDICATOR, kind="overdue", person="宋志刚", now=NOW
        ),
        r"宋志刚 \(head, 公安局\) may not acknowledge alerts about task MZ-1: that needs a "
        "department head of 民政局",
    )
    _refused(
        office,
        lambda: notify_indicator(office, DRAFT_INDICATOR, person="宋志刚", now=NOW),
        r"宋志刚 \(head, 公安局\) may not start indicator 医保异地结算",
    )
    _refused(
        office,
        lambda: approve_period(
            office, actor="杨帆", person="杨帆", kind="week", day=TUESDAY, now=NOW
        ),
        r"杨帆 \(head, 民政局\) may not approve their own timesheet",
    )
    report = import_timesheets(
        office, _hours_file(office.path.parent.parent), actor="宋志刚", now=NOW, dry_run=True
    )
    assert [bad.reason for bad in report.bad_rows] == [
        "宋志刚 (head, 公安局) may not import hours of 张伟 (民政局): that needs a department "
        "head of 民政局, or the central office (role central or admin)"
    ]
    approve_period(office, actor="杨帆", person="李娜", kind="week", day=TUESDAY, now=NOW)


def test_restoring_needs_a_person(office: Store) -> None:
    with pytest.raises(Exception, match="Say who restores the record"):
        restore(office, _department_id(office, "考核办公室"), version=1)
