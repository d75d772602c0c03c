"""Collect the English refusal messages of the code into the Chinese catalog of error texts.

Every message a user can meet is a GovperfError subclass raised with one English sentence,
usually an f-string. This tool walks govperf_desktop/ with `ast`, turns each such sentence into
a template (literal text kept, each `{expression}` replaced by a numbered placeholder `{0}`,
`{1}`, ... in order of appearance; literal braces doubled) and updates
resources/i18n/errors_zh_CN.json, a JSON object of English template -> Chinese template:
existing translations are kept, new templates get an empty translation, and templates no
longer in the code are dropped. govperf_desktop/error_text.py uses the catalog at run time.

Where a message is found:
- the first argument (or `message=`) of a call of a GovperfError subclass, and of
  `super().__init__(...)` inside such a class;
- the first argument of `Problem(...)` and of `<...>.problems.append(...)` (table problems);
- for such an argument: a string constant, an f-string, implicit or `+` concatenation of
  them, `"...".format(...)`, `a if c else b`, a module-level string constant, the values of a
  module-level dict (`MESSAGES[key]`, `MESSAGES.get(key, default)`), or a call of a function
  whose name ends in `_message` (its returned strings);
- the returned strings of `__str__` of Problem and of the error classes.

Usage:  .venv/bin/python scripts/error_catalog.py           # update the catalog
        .venv/bin/python scripts/error_catalog.py --check   # exit 1 if it is out of date or
                                                            # has an empty translation
Then fill in every empty "" with the Chinese sentence, keeping the placeholders. Phrases the
code splices into messages (actions, statuses) are kept by hand in error_values_zh_CN.json.
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import string
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "govperf_desktop"
CATALOG = ROOT / "resources" / "i18n" / "errors_zh_CN.json"

BASE_ERRORS = frozenset(
    {
        "GovperfError",
        "ValidationError",
        "NotFoundError",
        "ConflictError",
        "StoreError",
        "PermissionDeniedError",
    }
)
# Other constructors whose first argument is a sentence shown to the user.
MESSAGE_BUILDERS = frozenset({"Problem"})
MESSAGE_FUNCTION_SUFFIX = "_message"


def _escape(text: str) -> str:
    return text.replace("{", "{{").replace("}", "}}")


def _name_of(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


class _Module:
    """One parsed file: its module-level string constants, dicts and message functions."""

    def __init__(self, path: Path, tree: ast.Module) -> None:
        self.path = path
        self.tree = tree
        self.strings: dict[str, ast.expr] = {}
        self.dicts: dict[str, ast.Dict] = {}
        for node in tree.body:
            targets: list[ast.expr] = []
            value: ast.expr | None = None
            if isinstance(node, ast.Assign):
                targets, value = node.targets, node.value
            elif isinstance(node, ast.AnnAssign) and node.value is not None:
                targets, value = [node.target], node.value
            for target in targets:
                if not isinstance(target, ast.Name) or value is None:
                    continue
                if isinstance(value, ast.Dict):
                    self.dicts[target.id] = value
                elif isinstance(value, (ast.Constant, ast.JoinedStr, ast.BinOp)):
                    self.strings[target.id] = value


class Collector:
    """Walks the package and gathers templates with the places they come from."""

    def __init__(self, package: Path = PACKAGE) -> None:
        self.package = package
        self.modules = [
            _Module(path, ast.parse(path.read_text(encoding="utf-8"), str(path)))
            for path in sorted(package.rglob("*.py"))
        ]
        self.errors = self._error_classes()
        self.functions = self._message_functions()
        self.templates: dict[str, set[str]] = {}

    def _error_classes(self) -> set[str]:
        names = set(BASE_ERRORS)
        grown = True
        while grown:
            grown = False
            for module in self.modules:
                for node in ast.walk(module.tree):
                    if (
                        isinstance(node, ast.ClassDef)
                        and node.name not in names
                        and any(_name_of(base) in names for base in node.bases)
                    ):
                        names.add(node.name)
                        grown = True
        return names

    def _message_functions(self) -> dict[str, list[tuple[_Module, ast.expr]]]:
        found: dict[str, list[tuple[_Module, ast.expr]]] = {}
        for module in self.modules:
            for node in ast.walk(module.tree):
                if isinstance(node, ast.FunctionDef) and node.name.endswith(
                    MESSAGE_FUNCTION_SUFFIX
                ):
                    for inner in ast.walk(node):
                        if isinstance(inner, ast.Return) and inner.value is not None:
                            found.setdefault(node.name, []).append((module, inner.value))
        return found

    # --- turning an expression into templates ------------------------------------------------

    def _constant(self, module: _Module, name: str) -> ast.expr | None:
        if name in module.strings:
            return module.strings[name]
        for other in self.modules:  # imported from another module of the package
            if name in other.strings and name.isupper():
                return other.strings[name]
        return None

    def _dict(self, module: _Module, name: str) -> ast.Dict | None:
        if name in module.dicts:
            return module.dicts[name]
        for other in self.modules:
            if name in other.dicts and name.lstrip("_").isupper():
                return other.dicts[name]
        return None

    def templates_of(self, module: _Module, node: ast.expr, depth: int = 0) -> list[str]:
        """The templates an expression can produce; [] when it is not a literal message."""
        if depth > 4:
            return []
        if isinstance(node, ast.Constant):
            return [_escape(node.value)] if isinstance(node.value, str) else []
        if isinstance(node, ast.JoinedStr):
            return [self._joined(node)]
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            lefts = self._parts(module, node.left, depth)
            rights = self._parts(module, node.right, depth)
            return [left + right for left in lefts for right in rights]
        if isinstance(node, ast.IfExp):
            return self.templates_of(module, node.body, depth + 1) + self.templates_of(
                module, node.orelse, depth + 1
            )
        if isinstance(node, ast.Name):
            value = self._constant(module, node.id)
            return self.templates_of(module, value, depth + 1) if value is not None else []
        if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name):
            return self._dict_values(module, node.value.id, depth)
        if isinstance(node, ast.Call):
            return self._call(module, node, depth)
        return []

    def _parts(self, module: _Module, node: ast.expr, depth: int) -> list[str]:
        """Pieces of a `+` concatenation: anything that is not literal becomes a placeholder."""
        found = self.templates_of(module, node, depth + 1)
        return found or ["{}"]

    def _dict_values(self, module: _Module, name: str, depth: int) -> list[str]:
        table = self._dict(module, name)
        if table is None:
            return []
        return [t for value in table.values for t in self.templates_of(module, value, depth + 1)]

    def _call(self, module: _Module, node: ast.Call, depth: int) -> list[str]:
        func = node.func
        if (
            isinstance(func, ast.Attribute)
            and func.attr == "format"
            and isinstance(func.value, ast.Constant)
            and isinstance(func.value.value, str)
        ):
            return [self._format(func.value.value)]
        if (
            isinstance(func, ast.Attribute)
            and func.attr == "get"
            and node.args
            and isinstance(func.value, ast.Name)
        ):
            found = self._dict_values(module, func.value.id, depth)
            if len(node.args) > 1:
                found += self.templates_of(module, node.args[1], depth + 1)
            return found
        name = _name_of(func)
        if name and name in self.functions:
            return [
                t
                for where, value in self.functions[name]
                for t in self.templates_of(where, value, depth + 1)
            ]
        return []

    @staticmethod
    def _joined(node: ast.JoinedStr) -> str:
        pieces = []
        for value in node.values:
            if isinstance(value, ast.Constant):
                pieces.append(_escape(str(value.value)))
            else:
                pieces.append("{}")
        return "".join(pieces)

    @staticmethod
    def _format(text: str) -> str:
        pieces = []
        for literal, field, _spec, _conversion in string.Formatter().parse(text):
            pieces.append(_escape(literal))
            if field is not None:
                pieces.append("{}")
        return "".join(pieces)

    # --- where messages are --------------------------------------------------------------------

    def _message_args(self, node: ast.Call, in_error_class: bool) -> Iterator[ast.expr]:
        name = _name_of(node.func)
        is_super_init = (
            in_error_class
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "__init__"
            and isinstance(node.func.value, ast.Call)
            and _name_of(node.func.value.func) == "super"
        )
        is_problems_append = (
            isinstance(node.func, ast.Attribute)
            and node.func.attr == "append"
            and _name_of(node.func.value) == "problems"
        )
        if name in self.errors or name in MESSAGE_BUILDERS or is_super_init or is_problems_append:
            if node.args:
                yield node.args[0]
            for keyword in node.keywords:
                if keyword.arg == "message":
                    yield keyword.value

    def collect(self) -> dict[str, set[str]]:
        """English template -> the files (relative to the repository) it comes from."""
        for module in self.modules:
            where = module.path.relative_to(self.package.parent).as_posix()
            self._walk(module, module.tree, where, in_error_class=False)
        return self.templates

    def _walk(self, module: _Module, node: ast.AST, where: str, in_error_class: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inside = in_error_class
            if isinstance(child, ast.ClassDef):
                inside = child.name in self.errors or child.name in MESSAGE_BUILDERS
            if isinstance(child, ast.Call):
                for arg in self._message_args(child, in_error_class):
                    self._add(module, arg, where)
            if inside and isinstance(child, ast.FunctionDef) and child.name == "__str__":
                for inner in ast.walk(child):
                    if isinstance(inner, ast.Return) and inner.value is not None:
                        self._add(module, inner.value, where)
            self._walk(module, child, where, inside)

    def _add(self, module: _Module, node: ast.expr, where: str) -> None:
        for template in self.templates_of(module, node):
            numbered = number_placeholders(template)
            if literal_length(numbered) > 0:
                self.templates.setdefault(numbered, set()).add(where)


def number_placeholders(template: str) -> str:
    """`{}` in order -> `{0}`, `{1}`, ...; doubled braces stay literal."""
    out = []
    count = 0
    i = 0
    while i < len(template):
        if template.startswith("{{", i) or template.startswith("}}", i):
            out.append(template[i : i + 2])
            i += 2
        elif template.startswith("{}", i):
            out.append(f"{{{count}}}")
            count += 1
            i += 2
        else:
            out.append(template[i])
            i += 1
    return "".join(out)


def literal_length(template: str) -> int:
    """Characters of literal text (ignoring spaces and punctuation-only templates)."""
    text = re.sub(r"\{\d+\}", "", template).replace("{{", "{").replace("}}", "}")
    return sum(1 for char in text if char.isalnum())


def load_catalog(path: Path = CATALOG) -> dict[str, str]:
    if not path.is_file():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {str(key): str(value) for key, value in data.items()}


def updated_catalog(found: dict[str, set[str]], old: dict[str, str]) -> dict[str, str]:
    """The templates in the code, with their existing translation or ""."""
    return {template: old.get(template, "") for template in sorted(found)}


def write_catalog(catalog: dict[str, str], path: Path = CATALOG) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(catalog, ensure_ascii=False, indent=1, sort_keys=True)
    path.write_text(text + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report; exit 1 if stale")
    args = parser.parse_args(argv)
    found = Collector().collect()
    old = load_catalog()
    new = updated_catalog(found, old)
    added = [t for t in new if t not in old]
    dropped = [t for t in old if t not in new]
    missing = [t for t, zh in new.items() if not zh.strip()]
    if args.check:
        for template in missing:
            print(f"untranslated: {template}  ({', '.join(sorted(found[template]))})")
        for template in dropped:
            print(f"no longer in the code: {template}")
        return 1 if missing or dropped else 0
    write_catalog(new)
    print(
        f"{CATALOG.relative_to(ROOT)}: {len(new)} templates, {len(added)} new, "
        f"{len(dropped)} dropped, {len(missing)} to translate"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
