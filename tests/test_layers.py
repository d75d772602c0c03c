"""The layer rules of STYLE.md, checked on the source: a wrong import fails this test."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "govperf_desktop"

# What each layer may import from the project (besides itself and top-level helper modules).
ALLOWED = {
    "domain": set(),
    "store": {"domain"},
    "sync": {"domain", "store"},
    "reports": {"domain", "store"},
    "services": {"domain", "store", "sync", "reports"},
    "cli": {"domain", "services", "store"},
    "ui": {"domain", "services"},
}
FRAMEWORKS = {
    "PySide6",
    "shiboken6",
    "sqlalchemy",
    "alembic",
    "matplotlib",
    "cryptography",
    "openpyxl",
    "platformdirs",
}


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
    return found


def _violations() -> list[str]:
    problems = []
    for layer, allowed in ALLOWED.items():
        for path in sorted((PACKAGE / layer).rglob("*.py")):
            where = path.relative_to(PACKAGE.parent)
            for name in _imports(path):
                top = name.split(".")[0]
                if layer == "domain" and top in FRAMEWORKS:
                    problems.append(f"{where}: domain imports {name}")
                if layer != "ui" and top in {"PySide6", "shiboken6"}:
                    problems.append(f"{where}: only ui/ may import {name}")
                if top == "govperf_desktop":
                    parts = name.split(".")
                    target = parts[1] if len(parts) > 1 else ""
                    if target in ALLOWED and target != layer and target not in allowed:
                        problems.append(f"{where}: {layer}/ must not import {name}")
                    if layer == "domain" and target not in ("domain", "") and target in ALLOWED:
                        problems.append(f"{where}: domain imports {name}")
    return problems


def test_layers_import_only_downwards() -> None:
    assert _violations() == []


def test_the_check_catches_a_wrong_import(tmp_path, monkeypatch) -> None:
    """The checker itself must be able to fail: plant a Qt import in a copy of domain/."""
    fake = tmp_path / "govperf_desktop"
    (fake / "domain").mkdir(parents=True)
    (fake / "domain" / "bad.py").write_text("import PySide6\nimport sqlalchemy\n")
    (fake / "cli").mkdir()
    (fake / "cli" / "bad.py").write_text("from govperf_desktop.ui import app\n")
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", fake)
    problems = _violations()
    assert any("domain imports PySide6" in p for p in problems)
    assert any("domain imports sqlalchemy" in p for p in problems)
    assert any("cli/ must not import govperf_desktop.ui" in p for p in problems)
