"""The transport is a folder (a USB stick, a share): atomic writes, listing, quarantine.

A file appears under its final name only when complete: it is written to a temporary name
in the same folder, flushed to the device (fsync), renamed, and the folder itself is synced,
so a stick pulled out mid-write leaves at most a `.tmp` file that no reader takes for a bundle.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

BUNDLE_SUFFIX = ".govperf"
TEMP_PREFIX = ".tmp-"
QUARANTINE_FOLDER = "quarantine"


def fsync_folder(folder: Path) -> None:
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:  # some platforms (Windows) cannot open a folder; rename is enough there
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def temp_path(folder: Path, name: str) -> Path:
    return folder / f"{TEMP_PREFIX}{name}"


def write_atomic(folder: Path, name: str, write: Callable[[BinaryIO], None]) -> Path:
    """Write `name` in `folder` through `write(handle)`, atomically."""
    folder.mkdir(parents=True, exist_ok=True)
    temporary = temp_path(folder, name)
    final = folder / name
    try:
        with open(temporary, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, final)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    fsync_folder(folder)
    return final


def write_bytes_atomic(folder: Path, name: str, data: bytes) -> Path:
    return write_atomic(folder, name, lambda handle: handle.write(data))


def bundle_files(paths: list[Path]) -> list[Path]:
    """Bundle files named by `paths` (files, or folders searched one level), sorted by name."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                child
                for child in path.iterdir()
                if child.is_file()
                and child.name.endswith(BUNDLE_SUFFIX)
                and not child.name.startswith(TEMP_PREFIX)
            )
        else:
            found.append(path)
    return sorted(found, key=lambda p: p.name)


def quarantine(bundle: Path, folder: Path, reason: str) -> Path:
    """Move a rejected bundle into `folder` with a `.reason.txt` beside it; returns its path."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / bundle.name
    counter = 1
    while target.exists():
        target = folder / f"{bundle.stem}.{counter}{bundle.suffix}"
        counter += 1
    try:
        os.replace(bundle, target)
    except OSError:  # another device (a stick): copy, then remove
        shutil.copy2(bundle, target)
        bundle.unlink(missing_ok=True)
    write_bytes_atomic(folder, target.name + ".reason.txt", (reason + "\n").encode("utf-8"))
    fsync_folder(folder)
    return target
