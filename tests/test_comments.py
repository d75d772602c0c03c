"""The communication log (沟通日志): mentions, replies, reply times, problems resolved, support
given, versions, and every refusal leaving the store file byte-for-byte unchanged."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest
from conftest import NOW, checkpoint, file_digest
from sqlalchemy import func, select

from govperf_desktop.cli.main import main
from govperf_desktop.domain.errors import (
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
)
from govperf_desktop.domain.mentions import candidate_names, parse_mentions, require_resolved
from govperf_desktop.paths import store_path
from govperf_desktop.services.comment_evidence import collaboration_counts, reply_times
from govperf_desktop.services.comments import (
    add_comment,
    comment_thread,
    comment_versions,
    edit_comment,
    resolve_problem,
)
from govperf_desktop.services.history import history
from govperf_desktop.services.indicators import IndicatorDraft, TaskDraft, create_indicator
from govperf_desktop.services.org import add_department, add_person
from govperf_desktop.services.support import add_support, confirm_support
from govperf_desktop.store.models import Comment, Mention, SupportRecord

SEED_ASK = "卫健委的医院数据未接入医保系统,请在3天内完成对接 @卫健委"
T0 = datetime(2026, 11, 16, 2, 0, tzinfo=UTC)  # 10:00 in Beijing


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


# --- mentions, pure --------------------------------------------------------------------------

DEPARTMENTS = ("卫健委", "医保局", "财政局", "民政局", "市场监管局(知识产权局)")
PEOPLE = (
    ("魏红", "卫健委"),
    ("张伟", "财政局"),
    ("张伟", "民政局"),
    ("张伟华", "医保局"),
    ("李娜", "民政局"),
    ("Mary Smith", "医保局"),
)


def _parse(text: str):  # type: ignore[no-untyped-def]
    return parse_mentions(text, DEPARTMENTS, PEOPLE)


def _labels(text: str) -> list[str]:
    parsed = _parse(text)
    require_resolved(parsed)
    return [mention.label for mention in parsed.mentions]


def test_the_seeds_mention_of_a_department() -> None:
    parsed = _parse(SEED_ASK)
    assert [(m.kind, m.name) for m in parsed.mentions] == [("department", "卫健委")]
    mention = parsed.mentions[0]
    assert SEED_ASK[mention.start : mention.end] == "@卫健委"


def test_mentions_take_the_longest_known_name() -> None:
    assert _labels("@卫健委的医院数据") == ["卫健委"]  # no space needed after a name
    assert _labels("请@张伟华确认") == ["张伟华@医保局"]  # not 张伟
    assert _labels("@市场监管局(知识产权局)请回复") == ["市场监管局(知识产权局)"]
    assert _labels("@Mary Smith please reply") == ["Mary Smith@医保局"]
    assert _labels("＠魏红 全角符号也可以") == ["魏红@卫健委"]
    assert _labels("@卫健委@魏红 请") == ["卫健委", "魏红@卫健委"]


def test_a_repeated_person_name_needs_the_department() -> None:
    assert _labels("@张伟@财政局 请核对") == ["张伟@财政局"]
    assert _labels("@张伟＠民政局") == ["张伟@民政局"]
    assert _labels("@李娜@卫健委") == ["李娜@民政局", "卫健委"]  # 李娜 is not of 卫健委: two
    parsed = _parse("@张伟 请核对")
    assert parsed.ambiguous[0].departments == ("民政局", "财政局")
    with pytest.raises(ValidationError, match=r"@张伟 could be .* write @张伟@民政局"):
        require_resolved(parsed)


def test_signs_that_are_not_mentions() -> None:
    for text in ("发送至 zhang@gov.cn", "@ 3点开会", "价格@5元", "结尾@", "@@"):
        parsed = _parse(text)
        assert parsed.mentions == () and parsed.unknown == (), text


def test_unknown_mentions_are_listed() -> None:
    parsed = _parse("@水利局 请回复,@卫健委 @赵六。")
    assert parsed.unknown == ("水利局", "赵六")
    with pytest.raises(ValidationError, match=r"Unknown mentions @水利局, @赵六: no department"):
        require_resolved(parsed)


def test_candidate_names_are_the_prefixes_after_each_sign() -> None:
    names = candidate_names("@卫健委 请 @魏红看")
    assert {"卫", "卫健", "卫健委", "魏红", "魏红看"} <= names
    assert "请" not in names
    assert candidate_names("没有提及") == frozenset()


# --- an office on a real store ---------------------------------------------------------------


@pytest.fixture
def office(store):  # type: ignore[no-untyped-def]
    """The seed's 医保异地结算: 医保局 leads, 卫健委 and 社保局 cooperate."""
    for name in ("医保局", "卫健委", "社保局", "财政局", "民政局"):
        add_department(store, name, now=NOW)
    for department, name in (
        ("医保局", "苏晴"),
        ("医保局", "程刚"),
        ("医保局", "卢伟"),
        ("卫健委", "崔浩然"),
        ("卫健委", "魏红"),
        ("社保局", "贾蓉"),
        ("财政局", "张伟"),
        ("民政局", "张伟"),
    ):
        add_person(store, department=department, name=name, now=NOW)
    view = create_indicator(
        store,
        IndicatorDraft(
            name="医保异地结算",
            lead_department="医保局",
            target="结算成功率98%以上",
            period="2026-11",
            period_start=date(2026, 11, 1),
            period_end=date(2026, 11, 30),
            cooperating=("卫健委", "社保局"),
            tasks=(
                TaskDraft("YB-02", "卫健委", "医院数据接入医保系统", deadline=date(2026, 11, 20)),
                TaskDraft("YB-03", "社保局", "测试异地结算流程", deadline=date(2026, 11, 25)),
            ),
        ),
        now=NOW,
    )
    checkpoint(store)
    return store, view.task_ids


def _unchanged(store, action, error, match: str) -> None:  # type: ignore[no-untyped-def]
    checkpoint(store)
    path = store_path(store.path.parent)
    before = file_digest(path)
    with pytest.raises(error, match=match):
        action()
    checkpoint(store)
    assert file_digest(path) == before


def _say(store, who: str, text: str, minutes: float, task: str = "YB-02", **extra):  # type: ignore[no-untyped-def]
    return add_comment(
        store,
        person=who,
        task=task,
        indicator="医保异地结算",
        text=text,
        now=at(minutes),
        **extra,
    )


def _count(store, model) -> int:  # type: ignore[no-untyped-def]
    with store.read() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_a_comment_records_its_mentions_of_departments_and_people(office) -> None:
    store, tasks = office
    view = _say(store, "苏晴", "@卫健委 @魏红 " + SEED_ASK, 0, problem=True)
    assert view.author == "苏晴" and view.department == "医保局" and view.task_id == tasks["YB-02"]
    assert view.mentions == ("卫健委", "魏红@卫健委")  # the repeated @卫健委 is one mention
    assert view.is_problem and view.version == 1 and view.versions == 1
    with store.read() as session:
        rows = session.execute(
            select(Mention.person_id.is_not(None), Mention.department_id.is_not(None)).where(
                Mention.comment_id == view.id
            )
        ).all()
    assert sorted(rows) == [(False, True), (True, False)]
    assert history(store, view.id)[0].actor == "苏晴"  # captured, attributed


def test_mentions_that_name_nobody_or_several_people_are_refused(office) -> None:
    store, _ = office
    _unchanged(
        store,
        lambda: _say(store, "苏晴", "@水利局 请配合", 0),
        ValidationError,
        "Unknown mention @水利局",
    )
    _unchanged(
        store,
        lambda: _say(store, "苏晴", "@张伟 请核对预算", 0),
        ValidationError,
        "write @张伟@民政局",
    )
    view = _say(store, "苏晴", "@张伟@财政局 请核对预算", 0)
    assert view.mentions == ("张伟@财政局",)


def test_comment_refusals_leave_the_store_unchanged(office) -> None:
    store, _ = office
    asked = _say(store, "苏晴", SEED_ASK, 0)
    cases = [
        (lambda: _say(store, "苏晴", "   ", 1), ValidationError, "needs some text"),
        (lambda: _say(store, "苏晴", "x" * 10_001, 1), ValidationError, "at most 10,000"),
        (lambda: _say(store, "无名氏", "好", 1), NotFoundError, "Unknown person '无名氏'"),
        (lambda: _say(store, "苏晴", "好", 1, task="YB-99"), NotFoundError, "has no task 'YB-99'"),
        (
            lambda: _say(store, "贾蓉", "收到", 1, task="YB-03", reply_to=asked.id),
            ValidationError,
            r"on another task; a reply must be on the same task \(YB-03\)",
        ),
        (
            lambda: _say(store, "崔浩然", "收到", 1, reply_to="f" * 32),
            NotFoundError,
            "Unknown comment",
        ),
        (
            lambda: _say(store, "崔浩然", "收到", -5, reply_to=asked.id),
            ValidationError,
            "cannot be dated before the comment it answers",
        ),
    ]
    for action, error, match in cases:
        _unchanged(store, action, error, match)
    assert _count(store, Comment) == 1


def test_reply_time_runs_from_a_mention_to_the_first_answer(office) -> None:
    store, tasks = office
    asked = _say(store, "苏晴", "@卫健委 @魏红 " + SEED_ASK, 0, problem=True)
    _say(store, "贾蓉", "若卫健委完成对接,我们将在1天内测试结算流程。", 30)  # not 卫健委
    _say(store, "崔浩然", "@程刚 已联系技术部门,预计2天内完成对接。", 90, reply_to=asked.id)
    _say(store, "魏红", "技术部门已开始对接。", 180)  # a later comment on the task answers too
    _say(store, "苏晴", "@苏晴 备忘", 200)  # a mention of oneself is not counted

    times = reply_times(store, task="YB-02", indicator="医保异地结算", department="卫健委")
    assert (times.mentions, times.answered) == (2, 2)
    by_target = {row.mentioned: row for row in times.rows}
    assert by_target["卫健委"].replied_by == "崔浩然" and by_target["卫健委"].seconds == 5400
    assert (
        by_target["魏红@卫健委"].replied_by == "魏红" and by_target["魏红@卫健委"].seconds == 10800
    )
    assert times.average_seconds == 8100 and times.longest_seconds == 10800
    assert all(row.comment_id == asked.id for row in times.rows)

    everyone = reply_times(store, indicator="医保异地结算")
    assert (everyone.mentions, everyone.answered) == (3, 2)  # @程刚 not answered yet
    open_mention = next(row for row in everyone.rows if row.mentioned == "程刚@医保局")
    assert open_mention.reply_id is None and open_mention.seconds is None
    assert reply_times(store, department="社保局").mentions == 0
    assert reply_times(store, task=tasks["YB-03"]).mentions == 0
    assert reply_times(store, department="卫健委", since=at(60)).mentions == 0


def test_an_edit_keeps_a_mention_timed_from_its_first_version(office) -> None:
    store, _ = office
    old = _say(store, "崔浩然", "数据接口已就绪。", -60)  # written before anyone asked
    asked = _say(store, "苏晴", "@卫健委 请确认接口。", 0)
    edit_comment(store, asked.id, person="苏晴", text="@卫健委 请今天确认接口。", now=at(10))
    edit_comment(store, old.id, person="崔浩然", text="数据接口已就绪(v2)。", now=at(20))
    times = reply_times(store, department="卫健委")
    assert (times.mentions, times.answered) == (1, 0)  # one mention; an edit is no answer
    _say(store, "魏红", "已确认。", 60)
    times = reply_times(store, department="卫健委")
    assert (times.mentions, times.answered) == (1, 1) and times.rows[0].seconds == 3600


def test_problem_resolved_credits_the_replying_department(office) -> None:
    store, _ = office
    problem = _say(store, "苏晴", SEED_ASK, 0, problem=True)
    answer = _say(store, "崔浩然", "对接已完成。", 120, reply_to=problem.id)
    note = _say(store, "贾蓉", "我们明天测试。", 130)
    own = _say(store, "苏晴", "谢谢。", 140)
    plain = _say(store, "卢伟", "这不是问题。", 150)
    elsewhere = _say(store, "贾蓉", "测试用例已备好。", 160, task="YB-03")
    cases = [
        (lambda: resolve_problem(store, plain.id, person="卢伟", by_reply=note.id, now=at(200)),
         ValidationError, "was not raised as a problem"),
        (lambda: resolve_problem(store, problem.id, person="程刚", by_reply=answer.id, now=at(200)),
         ValidationError, "Only 苏晴, who raised problem"),
        (lambda: resolve_problem(store, problem.id, person="苏晴", by_reply=own.id, now=at(200)),
         ValidationError, "who raised the problem; credit the reply"),
        (lambda: resolve_problem(store, problem.id, person="苏晴", by_reply=problem.id,
                                 now=at(200)),
         ValidationError, "cannot be resolved by itself"),
        (lambda: resolve_problem(store, problem.id, person="苏晴", by_reply=elsewhere.id,
                                 now=at(200)),
         ValidationError, "is on another task"),
    ]  # fmt: skip
    for action, error, match in cases:
        _unchanged(store, action, error, match)

    resolved = resolve_problem(store, problem.id, person="苏晴", by_reply=answer.id, now=at(200))
    assert resolved.resolved_by_id == answer.id and resolved.resolved_by_department == "卫健委"
    assert resolved.resolved_at == at(200).replace(tzinfo=None)
    _unchanged(
        store,
        lambda: resolve_problem(store, problem.id, person="苏晴", by_reply=note.id, now=at(300)),
        ConflictError,
        f"already marked resolved by comment {answer.id}",
    )
    counts = {c.department: c for c in collaboration_counts(store, indicator="医保异地结算")}
    assert counts["卫健委"].problems_resolved == 1 and "医保局" not in counts

    # Editing the problem keeps it resolved, and it still counts once.
    edit_comment(store, problem.id, person="苏晴", text=SEED_ASK + "(补充)", now=at(400))
    counts = {c.department: c for c in collaboration_counts(store)}
    assert counts["卫健委"].problems_resolved == 1


def test_a_reply_written_before_the_problem_cannot_resolve_it(office) -> None:
    store, _ = office
    early = _say(store, "崔浩然", "接口文档在此。", -30)
    problem = _say(store, "苏晴", SEED_ASK, 0, problem=True)
    _unchanged(
        store,
        lambda: resolve_problem(store, problem.id, person="苏晴", by_reply=early.id, now=at(60)),
        ValidationError,
        "was written before problem",
    )


def test_support_is_confirmed_once_by_the_receiving_department(office) -> None:
    store, _ = office
    shown = _say(store, "卢伟", "@崔浩然 医保系统接口规范文档和测试账号已发送。", 0)
    support = add_support(
        store,
        person="卢伟",
        task="YB-02",
        indicator="医保异地结算",
        to_department="卫健委",
        text="提供医保系统接口规范文档和测试账号",
        comment=shown.id,
        now=at(1),
    )
    assert (support.from_department, support.to_department) == ("医保局", "卫健委")
    assert support.comment_id == shown.id and support.confirmed_by is None
    assert collaboration_counts(store)[0].support_given == 0  # not confirmed yet

    def give(**overrides):  # type: ignore[no-untyped-def]
        values = {
            "person": "卢伟",
            "task": "YB-02",
            "indicator": "医保异地结算",
            "to_department": "卫健委",
            "text": "数据支持",
            "now": at(2),
        } | overrides
        return lambda: add_support(store, **values)

    _unchanged(store, give(to_department="医保局"), ValidationError, "cannot record support to")
    _unchanged(store, give(to_department="水利局"), NotFoundError, "Unknown department")
    _unchanged(store, give(text="  "), ValidationError, "Describe the support")
    _unchanged(store, give(person="贾蓉", comment=shown.id), ValidationError, "must be a comment")
    for who in ("程刚", "贾蓉"):
        _unchanged(
            store,
            lambda who=who: confirm_support(store, support.id, person=who, now=at(5)),
            PermissionDeniedError,
            r"may not confirm support record .* \(received by 卫健委\): that needs a clerk or "
            "department head of 卫健委",
        )
    _unchanged(
        store,
        lambda: confirm_support(store, "a" * 32, person="魏红", now=at(5)),
        NotFoundError,
        "Unknown support record",
    )
    confirmed = confirm_support(store, support.id, person="魏红", now=at(5))
    assert confirmed.confirmed_by == "魏红" and confirmed.confirmed_at == at(5).replace(tzinfo=None)
    _unchanged(
        store,
        lambda: confirm_support(store, support.id, person="崔浩然", now=at(6)),
        ConflictError,
        "already confirmed by 魏红",
    )
    [counted] = collaboration_counts(store, department="医保局")
    assert (counted.department, counted.support_given, counted.support_unconfirmed) == (
        "医保局",
        1,
        0,
    )
    assert _count(store, SupportRecord) == 1


def test_an_edit_is_a_new_version_and_the_old_one_stays(office) -> None:
    store, _ = office
    asked = _say(store, "苏晴", SEED_ASK, 0, problem=True)
    first = _say(store, "崔浩然", "@苏晴 已联系技术部门,预计3天内完成对接。", 90, reply_to=asked.id)
    second = edit_comment(
        store, first.id, person="崔浩然", text="@苏晴 已联系技术部门,预计2天内完成对接。",
        now=at(102),
    )  # fmt: skip
    assert second.id != first.id and second.thread_id == first.id
    assert (second.version, second.versions) == (2, 2)
    assert second.reply_to_id == asked.id and second.mentions == ("苏晴@医保局",)

    thread = comment_thread(store, "YB-02", indicator="医保异地结算")
    assert [(c.id, c.versions) for c in thread.comments] == [(asked.id, 1), (second.id, 2)]
    assert thread.earlier == ()
    thread = comment_thread(store, "YB-02", indicator="医保异地结算", include_earlier=True)
    [earlier] = thread.earlier
    assert (
        earlier.id == first.id and "3天" in earlier.body and earlier.superseded_by_id == second.id
    )
    assert [v.body[-10:] for v in comment_versions(store, second.id)] == [
        "预计3天内完成对接。",
        "预计2天内完成对接。",
    ]
    assert _count(store, Comment) == 3  # nothing was overwritten

    cases = [
        (lambda: edit_comment(store, second.id, person="魏红", text="改", now=at(200)),
         ValidationError, "Only 崔浩然 can edit comment"),
        (lambda: edit_comment(store, first.id, person="崔浩然", text="改", now=at(200)),
         ValidationError, f"has been edited since; use its latest version {second.id}"),
        (lambda: edit_comment(store, second.id, person="崔浩然", text=second.body, now=at(200)),
         ConflictError, "already says that"),
        (lambda: edit_comment(store, second.id, person="崔浩然", text="@水利局 改", now=at(200)),
         ValidationError, "Unknown mention @水利局"),
        (lambda: _say(store, "苏晴", "好的", 300, reply_to=first.id),
         ValidationError, f"use its latest version {second.id}"),
        (lambda: edit_comment(store, "0" * 32, person="崔浩然", text="改", now=at(200)),
         NotFoundError, "Unknown comment"),
    ]  # fmt: skip
    for action, error, match in cases:
        _unchanged(store, action, error, match)


# --- command line ------------------------------------------------------------------------------


def test_the_command_line_for_comments_and_support(office, capsys) -> None:
    store, _ = office
    task = ("YB-02", "--indicator", "医保异地结算")

    def cli(*args: str, who: str | None = None) -> tuple[int, str, str]:
        actor = ("--as", who) if who else ()
        code = main(["--data-dir", str(store.path.parent), *actor, *args])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    def cli_json(*args: str, who: str | None = None):  # type: ignore[no-untyped-def]
        code, out, err = cli("--json", *args, who=who)
        assert code == 0, err
        return json.loads(out)

    asked = cli_json(
        "comment", "add", *task, "--text", "@卫健委 " + SEED_ASK, "--problem", who="苏晴"
    )
    assert asked["mentions"] == ["卫健委"] and asked["is_problem"]
    reply = ("--reply-to", asked["id"])
    answer = cli_json("comment", "add", *task, "--text", "已联系技术部门", *reply, who="崔浩然")
    code, out, _ = cli("comment", "resolve", asked["id"], "--by-reply", answer["id"], who="苏晴")
    assert code == 0 and "credited to 卫健委" in out
    code, out, _ = cli("comment", "edit", answer["id"], "--text", "2天内完成", who="崔浩然")
    assert code == 0 and "earlier versions are kept" in out

    support = cli_json(
        "support", "add", *task, "--to", "卫健委", "--text", "提供接口文档", who="卢伟"
    )
    code, out, err = cli("support", "confirm", support["id"], who="卢伟")
    assert code == 2 and "needs a clerk or department head of 卫健委" in err and out == ""
    code, out, _ = cli("support", "confirm", support["id"], who="魏红")
    assert code == 0 and "confirmed by 魏红" in out

    code, out, _ = cli("comment", "thread", *task, "--versions")
    assert code == 0 and "v2 of 2" in out and "已联系技术部门" in out and "2天内完成" in out
    assert "problem: resolved by" in out and "医保局 → 卫健委: 提供接口文档" in out
    thread = cli_json("comment", "thread", *task)
    assert [c["versions"] for c in thread["thread"]["comments"]] == [1, 2]
    assert thread["support"][0]["confirmed_by"] == "魏红"

    since = ("--since", "2020-01-01", "--until", "2099-12-31")
    code, out, _ = cli("comment", "search", "医保系统", "--department", "医保局", *since)
    assert code == 0 and "【医保系统】" in out and "苏晴" in out
    assert cli_json("comment", "reply-times", "--department", "卫健委")["answered"] == 1

    code, _, err = cli("comment", "add", *task, "--text", "好")
    assert code == 2 and "--as PERSON" in err
    code, _, err = cli("comment", "search", "--since", "昨天")
    assert code == 2 and "is not a date" in err
