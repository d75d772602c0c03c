"""Translations: choosing the UI language, compiling `.ts` sources and installing translators.

Source strings are English; `resources/i18n/govperf_<lang>.ts` holds the translations. Compiled
`.qm` files are not committed. The build runs `compile_translations(resources_dir() / "i18n")`
so an installed or frozen application ships them; a source checkout has none, so on first start
the `.ts` is compiled into `<data dir>/cache/i18n` and reused while it is newer than the source.
Without lrelease the application falls back to English and logs one warning.

After adding or changing a UI string, refresh the source and translate what is new:

    .venv/bin/pyside6-lupdate $(find govperf_desktop/ui -name '*.py') -locations none \
        -no-obsolete -ts resources/i18n/govperf_zh_CN.ts

(lupdate needs the Python files named: it does not scan a folder for them.)

Strings reach lupdate only as literal `self.tr("...")` or `QCoreApplication.translate(...)`
calls (not inside f-strings); comments starting with `#:` become notes to the translator.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

import PySide6
from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from govperf_desktop.paths import resources_dir

log = logging.getLogger(__name__)

# UI languages offered; the source strings are English.
LANGUAGES: tuple[str, ...] = ("zh_CN", "en")
DEFAULT_LANGUAGE = "zh_CN"
SOURCE_LANGUAGE = "en"
# QSettings key under which the language menu stores the user's choice.
LANGUAGE_SETTING = "ui/language"

TRANSLATION_PREFIX = "govperf_"
LRELEASE_TIMEOUT_S = 120


class TranslationBuildError(RuntimeError):
    """lrelease is missing or failed; the caller decides whether English will do."""


def i18n_dir() -> Path:
    """Where the `.ts` sources (and, in a build, the compiled `.qm` files) live."""
    return resources_dir() / "i18n"


def system_language(locale: QLocale | None = None) -> str:
    """zh_CN when the system locale is Chinese or not set (C/POSIX), else English."""
    locale = locale or QLocale.system()
    if locale.language() in (
        QLocale.Language.Chinese,
        QLocale.Language.C,
        QLocale.Language.AnyLanguage,
    ):
        return DEFAULT_LANGUAGE
    return SOURCE_LANGUAGE


def resolve_language(requested: str | None, stored: object, locale: QLocale | None = None) -> str:
    """The language to use: the command line's, else the stored choice, else the system's."""
    for candidate in (requested, stored):
        if isinstance(candidate, str) and candidate in LANGUAGES:
            return candidate
    return system_language(locale)


def find_lrelease() -> Path | None:
    """lrelease: PySide6's wrapper next to the interpreter, its bundled binary, or on PATH."""
    exe = ".exe" if sys.platform == "win32" else ""
    candidates = [
        Path(sys.executable).parent / f"pyside6-lrelease{exe}",
        Path(PySide6.__file__).resolve().parent / f"lrelease{exe}",
    ]
    for candidate in candidates:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return candidate
    for name in ("pyside6-lrelease", "lrelease", "lrelease-qt6"):
        found = shutil.which(name)
        if found:
            return Path(found)
    return None


def ts_sources() -> list[Path]:
    """The translation sources shipped with the application."""
    folder = i18n_dir()
    return sorted(folder.glob(f"{TRANSLATION_PREFIX}*.ts")) if folder.is_dir() else []


def compile_translations(target_dir: Path) -> list[Path]:
    """Compile every `.ts` source into `target_dir`; returns the `.qm` files written.

    Each file is written under a temporary name and renamed, so a second process starting at
    the same moment never loads a half-written file. Raises TranslationBuildError when lrelease
    cannot be found or fails.
    """
    lrelease = find_lrelease()
    if lrelease is None:
        raise TranslationBuildError("lrelease not found (install PySide6 with its tools)")
    try:
        target_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise TranslationBuildError(f"cannot create {target_dir}: {error}") from error
    written: list[Path] = []
    for source in ts_sources():
        target = target_dir / f"{source.stem}.qm"
        partial = target.with_name(f"{target.name}.{os.getpid()}.tmp")
        try:
            result = subprocess.run(
                [str(lrelease), "-silent", str(source), "-qm", str(partial)],
                capture_output=True,
                text=True,
                timeout=LRELEASE_TIMEOUT_S,
                check=False,
            )
            if result.returncode != 0 or not partial.is_file():
                output = (result.stderr or result.stdout).strip().splitlines()
                detail = output[-1] if output else f"exit code {result.returncode}"
                raise TranslationBuildError(f"lrelease failed on {source.name}: {detail}")
            os.replace(partial, target)
        except (OSError, subprocess.SubprocessError) as error:
            raise TranslationBuildError(f"lrelease failed on {source.name}: {error}") from error
        finally:
            partial.unlink(missing_ok=True)
        written.append(target)
    return written


def _is_current(compiled: Path, source: Path) -> bool:
    if not compiled.is_file():
        return False
    return not source.is_file() or compiled.stat().st_mtime >= source.stat().st_mtime


def find_translation(language: str, cache_dir: Path | None) -> Path | None:
    """The compiled `.qm` for `language`, compiling it into `cache_dir` if none is current.

    A shipped `.qm` older than its `.ts` (an edited checkout) is recompiled into the cache, but
    still used when compiling is impossible. Returns None (after one warning) when there is no
    translation to be had.
    """
    name = f"{TRANSLATION_PREFIX}{language}"
    source = i18n_dir() / f"{name}.ts"
    shipped = i18n_dir() / f"{name}.qm"
    if _is_current(shipped, source):
        return shipped
    if cache_dir is None:
        problem = "no folder to compile it into"
    elif not source.is_file():
        problem = f"{source} is missing"
    else:
        cached = cache_dir / f"{name}.qm"
        if _is_current(cached, source):
            return cached
        try:
            compile_translations(cache_dir)
        except TranslationBuildError as error:
            problem = str(error)
        else:
            if cached.is_file():
                return cached
            problem = "lrelease wrote nothing"
    if shipped.is_file():
        return shipped
    log.warning("Cannot compile the %s translation (%s); using English.", name, problem)
    return None


def install_translators(
    app: QApplication, language: str, cache_dir: Path | None
) -> list[QTranslator]:
    """Install Qt's own and the application's translators for `language`.

    Returns the installed translators (parented to `app`) so a caller can remove them again.
    English needs none: it is the source language.
    """
    _current.update(language=language, cache_dir=cache_dir, translators=[])
    QLocale.setDefault(QLocale(language))
    if language == SOURCE_LANGUAGE:
        return []
    installed: list[QTranslator] = _current["translators"]
    qt_translator = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_translator.load(f"qtbase_{language}", qt_dir) and app.installTranslator(qt_translator):
        installed.append(qt_translator)
    else:
        log.warning("Qt's own %s translation was not found in %s.", language, qt_dir)
    compiled = find_translation(language, cache_dir)
    if compiled is not None:
        app_translator = QTranslator(app)
        if app_translator.load(str(compiled)) and app.installTranslator(app_translator):
            installed.append(app_translator)
        else:
            log.warning("Could not load the translation %s; using English.", compiled)
    return installed


def remove_translators(app: QApplication, translators: list[QTranslator]) -> None:
    for translator in translators:
        app.removeTranslator(translator)
        translator.deleteLater()


# What install_translators last installed, so that the language can change at run time.
_current: dict = {"language": SOURCE_LANGUAGE, "cache_dir": None, "translators": []}


def current_language() -> str:
    """The language of the translators installed last (English before any)."""
    return str(_current["language"])


def switch_language(app: QApplication, language: str) -> bool:
    """Replace the installed translators by those of `language`, now.

    Widgets built afterwards speak `language`; the caller rebuilds what is on screen. False
    (and nothing changed) when `language` is not offered or its translation cannot be had.
    The translators replaced are only uninstalled: whoever installed them still owns them.
    """
    if language not in LANGUAGES:
        return False
    if language != SOURCE_LANGUAGE and find_translation(language, _current["cache_dir"]) is None:
        return False
    for translator in _current["translators"]:
        app.removeTranslator(translator)
    install_translators(app, language, _current["cache_dir"])
    return True


if __name__ == "__main__":
    # The build step (run.sh, installer/): compile the shipped .ts files next to them, so a
    # wheel or a frozen application carries the .qm files. They are never committed.
    for compiled in compile_translations(i18n_dir()):
        print(compiled)
