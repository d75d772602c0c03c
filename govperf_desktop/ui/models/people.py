"""The people one may act as, for the 'acting as' chooser."""

from __future__ import annotations

from collections.abc import Sequence

from govperf_desktop.services.directory import PersonEntry
from govperf_desktop.ui.models import labels
from govperf_desktop.ui.models.base import RowTableModel


class PeopleModel(RowTableModel[PersonEntry]):
    """People as 'NAME@DEPARTMENT', with title and roles."""

    COL_PERSON = 0
    COL_ROLES = 1

    def headers(self) -> Sequence[str]:
        return (self.tr("Person"), self.tr("Roles"))

    def display(self, row: PersonEntry, column: int) -> str:
        if column == self.COL_PERSON:
            return row.label
        if column == self.COL_ROLES:
            return "、".join(labels.role(role) for role in row.roles)
        return ""

    def tooltip(self, row: PersonEntry, column: int) -> str | None:
        roles = "、".join(labels.role(role) for role in row.roles)
        return f"{row.name}（{row.title or ''}，{row.department}）{roles}"

    def row_of(self, person_id: str) -> int:
        """The row of the person with `person_id`, or -1."""
        for row, person in enumerate(self._rows):
            if person.id == person_id:
                return row
        return -1
