"""Who may write what: a department installation writes only its own department's records.

Checked for every op against its origin's certificate (not the sender's: relayed ops are
judged by who wrote them), with the store's records as they stand inside the import's
transaction, so earlier ops of the same bundle count. One violation rejects the bundle.

The central office writes everything. A department installation writes its department's
timesheet entries, timesheet periods, comments (and their mentions), submissions and files,
support records it gives or receives, acknowledgements, and the status of its own tasks.
The task flow adds exactly this for the LEAD department of an indicator: `accepted` and
`returned` events on other departments' tasks of that indicator, `notified` events on all of
its tasks, the status those steps set, and the indicator's own status when it starts.
Evaluator installations write only published scores (score_publications).
"""

from __future__ import annotations

import json
from typing import Any

from govperf_desktop.sync.bundle import BundleError
from govperf_desktop.sync.certificates import Certificate
from govperf_desktop.sync.schema import table_info

CENTRAL_ONLY = {
    "departments": "departments",
    "people": "people",
    "person_roles": "people's roles",
    "nodes": "installations",
    "node_certificates": "certificates",
    "revocations": "revocations",
    "indicators": "indicators",
    "cooperating_departments": "cooperating departments",
    "tasks": "tasks",
    "task_dependencies": "task dependencies",
    "standard_items": "output standards",
    "liability_rules": "liability rules",
    "scoring_configs": "scoring rules",
}
LEAD_EVENT_KINDS = {"accepted", "returned", "notified"}
LEAD_ON_ANY_TASK = {"notified"}


class Authoriser:
    """Looks records up (this transaction's state) and judges ops; caches central records."""

    def __init__(self, db: Any, bundle_name: str) -> None:
        self.db = db
        self.name = bundle_name
        self.cache: dict[tuple[str, str], dict[str, Any] | None] = {}
        # Rows inserted by ops accepted but not yet written (the applier's current batch).
        self.pending: dict[tuple[str, str], dict[str, Any]] = {}

    def row(self, table: str, record_id: Any) -> dict[str, Any] | None:
        if record_id is None:
            return None
        key = (table, str(record_id))
        if key in self.pending:
            return self.pending[key]
        if key in self.cache:
            return self.cache[key]
        cursor = self.db.execute(f'SELECT * FROM "{table}" WHERE id = ?', (record_id,))
        found = cursor.fetchone()
        row = dict(zip([d[0] for d in cursor.description], found, strict=True)) if found else None
        if table in ("tasks", "indicators", "people", "submissions", "comments") and row:
            self.cache[key] = row  # their owners never change, whatever else does
        return row

    def _refuse(self, certificate: Certificate, op: dict[str, Any], what: str) -> None:
        raise BundleError(
            f"{self.name} refused: installation {certificate.node_name} (department "
            f"{certificate.department_name}) {what} (op {op['seq']}, {op['table']} "
            f"{op['record']}); a department writes only its own department's records."
        )

    def check(self, op: dict[str, Any], certificate: Certificate) -> None:
        if certificate.role == "central":
            return
        table = op["table"]
        if certificate.role == "evaluator" and table == "score_publications":
            return  # an evaluator's installation publishes scores, and writes nothing else
        if certificate.role != "department":
            raise BundleError(
                f"{self.name} refused: installation {certificate.node_name} is an evaluator's "
                f"and may not write shared records (op {op['seq']}, {table})."
            )
        department = certificate.department_id
        after = op["_after"] if "_after" in op else json.loads(op["after"] or "{}")
        before = json.loads(op["before"]) if op["before"] else {}
        stored = None
        if op["action"] != "insert":
            stored = self._stored(table, op["record"]) or before
        current = {**(stored or {}), **after}
        if table in ("tasks", "indicators"):
            self._status_only(op, certificate, table, after, stored or {})
            return
        if table in CENTRAL_ONLY:
            self._refuse(
                certificate,
                op,
                f"wrote {CENTRAL_ONLY[table]}, which only the central office writes",
            )
        owner = self._owner(table, current, op, certificate)
        if owner is None:
            return
        if stored is not None and self._owner(table, stored, op, certificate) not in (
            None,
            department,
        ):
            self._refuse(certificate, op, "changed a record of another department")
        moved = stored is not None and stored.get("department_id") != after.get("department_id")
        if "department_id" in after and op["action"] == "update" and moved:
            self._refuse(certificate, op, "moved a record to another department")

    def _stored(self, table: str, record: str) -> dict[str, Any] | None:
        info = table_info(table)
        if len(info.key) != 1:
            return None
        return self.row(table, record)

    def _task(self, task_id: Any) -> tuple[dict[str, Any] | None, str | None]:
        task = self.row("tasks", task_id)
        if task is None:
            return None, None
        indicator = self.row("indicators", task["indicator_id"])
        return task, indicator["lead_department_id"] if indicator else None

    def _person_department(self, person_id: Any) -> str | None:
        person = self.row("people", person_id)
        return person["department_id"] if person else None

    def _owner(
        self, table: str, row: dict[str, Any], op: dict[str, Any], certificate: Certificate
    ) -> str | None:
        """The department a row belongs to, after checking any lead exception (None: allowed)."""
        department = certificate.department_id
        if table == "timesheet_entries":
            if row.get("department_id") != department:
                self._refuse(certificate, op, "wrote a timesheet entry of another department")
            if (
                op["action"] == "insert"
                and self._person_department(row.get("person_id")) != department
            ):
                self._refuse(certificate, op, "wrote hours of a person of another department")
            return department
        if table == "timesheet_periods":
            if self._person_department(row.get("person_id")) != department:
                self._refuse(
                    certificate, op, "wrote the timesheet period of another department's person"
                )
            return department
        if table == "comments":
            if row.get("department_id") != department or (
                op["action"] == "insert"
                and self._person_department(row.get("author_id")) != department
            ):
                self._refuse(certificate, op, "wrote a comment of another department's person")
            return department
        if table == "mentions":
            comment = self.row("comments", row.get("comment_id"))
            if comment is None or comment["department_id"] != department:
                self._refuse(certificate, op, "wrote a mention in another department's comment")
            return department
        if table == "task_events":
            task, lead = self._task(row.get("task_id"))
            if task is None:
                self._refuse(certificate, op, "wrote an event on an unknown task")
            if task["department_id"] == department:
                return department
            if lead == department and row.get("kind") in LEAD_EVENT_KINDS:
                return None
            self._refuse(certificate, op, "wrote an event on another department's task")
        if table in ("submissions", "alert_acknowledgements"):
            task, lead = self._task(row.get("task_id"))
            if task is None or department not in (
                task["department_id"],
                lead if table == "alert_acknowledgements" else None,
            ):
                self._refuse(certificate, op, "wrote for another department's task")
            return department
        if table == "submission_files":
            submission = self.row("submissions", row.get("submission_id"))
            task, _ = self._task(submission["task_id"]) if submission else (None, None)
            if task is None or task["department_id"] != department:
                self._refuse(certificate, op, "attached a file to another department's submission")
            return department
        if table == "support_records":
            if department not in (row.get("from_department_id"), row.get("to_department_id")):
                self._refuse(certificate, op, "wrote support between other departments")
            return department
        self._refuse(certificate, op, f"wrote {table}")
        return None

    def _status_only(
        self,
        op: dict[str, Any],
        certificate: Certificate,
        table: str,
        after: dict[str, Any],
        stored: dict[str, Any],
    ) -> None:
        department = certificate.department_id
        if op["action"] != "update" or set(after) != {"status"}:
            self._refuse(
                certificate,
                op,
                f"wrote {CENTRAL_ONLY[table]}, which only the central office writes",
            )
        if table == "indicators":
            if stored.get("lead_department_id") != department:
                self._refuse(certificate, op, "changed the status of an indicator it does not lead")
            return
        _, lead = self._task(stored.get("id"))
        if department not in (stored.get("department_id"), lead):
            self._refuse(certificate, op, "changed the status of another department's task")
