"""The `govperf` command line as a user and a script see it: output, exit codes, --json."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import file_digest

from govperf_desktop.cli.main import main
from govperf_desktop.paths import store_path


def run(capsys, *args: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_init_info_check_migrate(tmp_path: Path, capsys) -> None:
    d = str(tmp_path / "office")
    code, out, _ = run(
        capsys, "--data-dir", d, "init", "--node-name", "财政局办公室", "--department", "财政局"
    )
    assert code == 0 and "财政局办公室" in out

    code, out, _ = run(capsys, "--data-dir", d, "--json", "info")
    info = json.loads(out)
    assert code == 0
    assert info["node"]["name"] == "财政局办公室"
    assert info["node"]["role"] == "department" and info["node"]["department"] == "财政局"
    assert info["counts"]["departments"] == 1 and info["counts"]["nodes"] == 1
    assert info["schema_revision"] == info["head_revision"]

    code, out, _ = run(capsys, "--data-dir", d, "check")
    assert code == 0 and "integrity_check: ok" in out and out.strip().endswith("OK")

    code, out, _ = run(capsys, "--data-dir", d, "--json", "migrate")
    assert code == 0 and json.loads(out)["from"] == json.loads(out)["to"]


def test_data_dir_from_environment(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("GOVPERF_DATA_DIR", str(tmp_path / "env"))
    assert run(capsys, "init", "--node-name", "中心", "--role", "central")[0] == 0
    assert store_path(tmp_path / "env").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["info"], "No store in"),
        (["init", "--node-name", "x"], "needs its department"),
        (["init", "--node-name", "  ", "--role", "central"], "needs a name"),
    ],
)
def test_user_errors_are_one_line_with_exit_2(tmp_path: Path, capsys, args, message) -> None:
    code, out, err = run(capsys, "--data-dir", str(tmp_path / "none"), *args)
    assert code == 2
    assert message in err and err.count("\n") == 1 and "Traceback" not in err
    assert out == ""


def test_second_init_is_refused_and_leaves_the_store_unchanged(tmp_path: Path, capsys) -> None:
    d = str(tmp_path)
    run(capsys, "--data-dir", d, "init", "--node-name", "中心", "--role", "central")
    before = file_digest(store_path(tmp_path))
    code, _, err = run(
        capsys, "--data-dir", d, "init", "--node-name", "另一个", "--role", "central"
    )
    assert code == 2 and "already holds" in err
    assert file_digest(store_path(tmp_path)) == before


def test_check_reports_a_broken_reference_with_exit_1(tmp_path: Path, capsys) -> None:
    import sqlite3

    run(capsys, "--data-dir", str(tmp_path), "init", "--node-name", "中心", "--role", "central")
    connection = sqlite3.connect(store_path(tmp_path))  # foreign keys off: damage from outside
    with connection:
        connection.execute(
            "INSERT INTO people VALUES ('p1', 'no-such-department', '王五', NULL, 1, "
            "'2026-01-01 00:00:00.000000')"
        )
    connection.close()
    code, out, _ = run(capsys, "--data-dir", str(tmp_path), "check")
    assert code == 1 and "1 broken references" in out and "PROBLEMS FOUND" in out


def test_not_a_store_is_refused_by_every_command(tmp_path: Path, capsys) -> None:
    path = store_path(tmp_path)
    path.write_text("姓名,工时\n张伟,8\n", encoding="utf-8")
    before = file_digest(path)
    for command in ("info", "check", "migrate"):
        code, _, err = run(capsys, "--data-dir", str(tmp_path), command)
        assert code == 2 and "not a govperf store" in err
    assert file_digest(path) == before


def test_command_line_never_loads_qt(tmp_path: Path) -> None:
    script = (
        "import sys; from govperf_desktop.cli.main import main; "
        f"main(['--data-dir', {str(tmp_path)!r}, 'init', '--node-name', 'n', '--role', 'central']);"
        f"main(['--data-dir', {str(tmp_path)!r}, 'info']);"
        "assert not [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))], 'Qt loaded'"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_version(capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.startswith("govperf ")
