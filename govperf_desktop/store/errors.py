"""Turn database constraint failures into messages a clerk can act on.

The schema names every constraint (models.NAMING_CONVENTION), so the name in the driver's
message tells which rule was broken. Services check the common rules first with better
wording; this is the safety net for everything else (e.g. a duplicate id in an import).
"""

from __future__ import annotations

import re

from sqlalchemy.exc import IntegrityError

from govperf_desktop.domain.errors import ConflictError, GovperfError, ValidationError

_UNIQUE_MESSAGES = {
    "departments.name": "A department with this name already exists.",
    "people.department_id, people.name": "This department already has a person of that name.",
    "nodes.name": "An installation with this name already exists.",
    "indicators.name, indicators.period": "This indicator already exists for that period.",
    "tasks.indicator_id, tasks.code": "This indicator already has a task with that code.",
}

_CHECK_MESSAGES = {
    "hours_range": "Hours must be more than 0 and at most 24.",
    "overtime_range": "Overtime must be between 0 and the hours worked.",
    "not_self": "A task cannot depend on itself.",
    "period_ordered": "The period must start before it ends.",
    "percent_range": "A percentage must be between 0 and 100.",
}


def translate_integrity_error(error: IntegrityError) -> GovperfError:
    text = str(error.orig)
    unique = re.search(r"UNIQUE constraint failed: (.+)$", text, re.MULTILINE)
    if unique:
        columns = unique.group(1).strip()
        if columns.endswith(".id"):
            table = columns.split(".")[0]
            return ConflictError(f"A {table} record with this id already exists (duplicate id).")
        return ConflictError(_UNIQUE_MESSAGES.get(columns, f"Duplicate value for {columns}."))
    check = re.search(r"CHECK constraint failed: (\S+)", text)
    if check:
        name = check.group(1)
        for suffix, message in _CHECK_MESSAGES.items():
            if name.endswith(suffix):
                return ValidationError(message)
        return ValidationError(f"The value breaks the rule {name}.")
    if "FOREIGN KEY constraint failed" in text:
        return ValidationError("The change refers to a record that does not exist.")
    if "NOT NULL constraint failed" in text:
        column = text.rsplit(":", 1)[-1].strip()
        return ValidationError(f"A required value is missing ({column}).")
    return ConflictError(f"The change was refused by the store ({text.splitlines()[0]}).")
