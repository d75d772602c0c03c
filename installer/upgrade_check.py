"""Check that the new package upgraded an older store in place (installer/build.sh).

    python installer/upgrade_check.py OLD_INFO_JSON NEW_INFO_JSON
        `govperf --json info` before and after: same installation, no row lost, schema at head.
    python installer/upgrade_check.py --from-revision REV NEW_INFO_JSON DATA_DIR
        a store made at schema REV by installer/old_store.py: now at head, node kept, and the
        backup taken before the upgrade is in DATA_DIR/backups.
Prints one line and exits 0, or names what is wrong and exits 1.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

OLD_STORE_NODE = "老版本考核办"


def _at_head(info: dict) -> None:
    if info["schema_revision"] != info["head_revision"]:
        raise SystemExit(f"schema {info['schema_revision']} is not at {info['head_revision']}")


def compare(old: dict, new: dict) -> str:
    _at_head(new)
    if old["node"] != new["node"]:
        raise SystemExit(f"installation changed: {old['node']} -> {new['node']}")
    lost = {
        table: (count, new["counts"].get(table, 0))
        for table, count in old["counts"].items()
        if new["counts"].get(table, 0) < count
    }
    if lost:
        raise SystemExit(f"rows lost in the upgrade: {lost}")
    rows = sum(old["counts"].values())
    return (
        f"upgrade from the previous package: schema {old['schema_revision']} -> "
        f"{new['schema_revision']}, {rows} rows kept"
    )


def from_revision(revision: str, new: dict, directory: Path) -> str:
    _at_head(new)
    node = new.get("node") or {}
    name = node.get("name") if isinstance(node, dict) else node[1]
    if name != OLD_STORE_NODE:
        raise SystemExit(f"installation {OLD_STORE_NODE} lost: {node}")
    backups = sorted((directory / "backups").glob(f"*-{revision}-*.sqlite3"))
    if not backups:
        raise SystemExit(f"no backup of the schema-{revision} store in {directory / 'backups'}")
    return f"upgrade of a schema-{revision} store: now {new['schema_revision']}, backup kept"


def main(argv: list[str]) -> int:
    if argv[0] == "--from-revision":
        print(from_revision(argv[1], json.loads(argv[2]), Path(argv[3])))
    else:
        print(compare(json.loads(argv[0]), json.loads(argv[1])))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
