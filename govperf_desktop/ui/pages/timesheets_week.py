"""The week tab of the timesheets page: one person's week, typed into a grid.

Who acts is chosen in "Acting as" (ui/acting_person.py, shared by every page, until login
arrives); whose week is shown is chosen among the people of the acting person's department.
Every store access runs off the UI thread (ui/operations.py): loading the people, the week
and the tasks one may book on, saving a cell, copying last week, submitting, approving and
reopening. A saved cell reloads the week (totals and overtime are the service's, never
computed here); a refused cell keeps the typed value in red with the service's sentence as
tooltip. Refused buttons show the sentence in a message box (`ui/feedback.py`).
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from govperf_desktop.domain.errors import GovperfError
from govperf_desktop.services.admin import Store
from govperf_desktop.services.directory import PersonEntry
from govperf_desktop.services.timesheet_grid import BookableTask, bookable_tasks, set_cell_hours
from govperf_desktop.services.timesheet_periods import (
    approve_period,
    reopen_period,
    submit_period,
)
from govperf_desktop.services.timesheet_week import CopyWeekResult, WeekView, copy_last_week, week
from govperf_desktop.ui import feedback
from govperf_desktop.ui.acting_person import ActingPersonBox
from govperf_desktop.ui.operations import run_in_background
from govperf_desktop.ui.pages import timesheets_common as common
from govperf_desktop.ui.pages.timesheets_common import PersonCombo
from govperf_desktop.ui.week_grid import GridTask, WeekGridModel, period_status_label
from govperf_desktop.ui.week_grid_view import WeekGridView


class WeekPanel(QWidget):
    """Acting person, person, week navigation, the grid and the week's actions."""

    # The week shown was (re)loaded.
    week_loaded = Signal(object)
    # Something was written (a cell, a copy, an import): other views may refresh.
    changed = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._day = common.office_today()
        self._loaded_once = False
        self._tasks: list[BookableTask] = []

        self.acting = ActingPersonBox(store)
        self.person = PersonCombo()
        self.person.setObjectName("weekPerson")
        self.previous_week = QPushButton(self.tr("◀ Previous week"))
        self.this_week = QPushButton(self.tr("This week"))
        self.next_week = QPushButton(self.tr("Next week ▶"))
        self.week_label = QLabel()
        self.status_label = QLabel()
        self.status_label.setObjectName("weekStatus")

        self.model = WeekGridModel(self)
        self.grid = WeekGridView()
        self.grid.setModel(self.model)

        self.task_choice = QComboBox()
        self.task_choice.setObjectName("bookableTasks")
        self.task_choice.setMinimumContentsLength(16)
        self.task_choice.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.add_task = QPushButton(self.tr("Add task row"))
        self.copy_week = QPushButton(self.tr("Copy last week"))
        self.submit_week = QPushButton(self.tr("Submit week"))
        self.approve_week = QPushButton(self.tr("Approve week"))
        self.reopen_week = QPushButton(self.tr("Reopen week"))
        self.message = QLabel()
        self.message.setObjectName("weekMessage")
        self.message.setWordWrap(True)

        # Short rows, so the page fits a narrow window (the main window may be ~700 px wide).
        who = QHBoxLayout()
        who.addWidget(QLabel(self.tr("Acting as:")))
        who.addWidget(self.acting, 1)
        who.addSpacing(12)
        who.addWidget(QLabel(self.tr("Person:")))
        who.addWidget(self.person, 1)
        navigation = QHBoxLayout()
        navigation.addWidget(self.previous_week)
        navigation.addWidget(self.this_week)
        navigation.addWidget(self.next_week)
        navigation.addSpacing(12)
        navigation.addWidget(self.week_label, 1)
        rows = QHBoxLayout()
        rows.addWidget(self.task_choice, 1)
        rows.addWidget(self.add_task)
        rows.addSpacing(12)
        rows.addWidget(self.status_label)
        actions = QHBoxLayout()
        actions.addStretch(1)
        actions.addWidget(self.copy_week)
        actions.addWidget(self.submit_week)
        actions.addWidget(self.approve_week)
        actions.addWidget(self.reopen_week)
        layout = QVBoxLayout(self)
        layout.addLayout(who)
        layout.addLayout(navigation)
        layout.addWidget(self.grid, 1)
        layout.addLayout(rows)
        layout.addLayout(actions)
        layout.addWidget(self.message)

        self.acting.person_changed.connect(lambda _person: self._acting_changed())
        self.person.currentIndexChanged.connect(lambda _index: self._person_changed())
        self.previous_week.clicked.connect(lambda: self.show_week(self._day - timedelta(days=7)))
        self.next_week.clicked.connect(lambda: self.show_week(self._day + timedelta(days=7)))
        self.this_week.clicked.connect(lambda: self.show_week(common.office_today()))
        self.add_task.clicked.connect(self._add_task_row)
        self.copy_week.clicked.connect(self._copy_last_week)
        self.submit_week.clicked.connect(self._submit)
        self.approve_week.clicked.connect(lambda: self._period_action("approve"))
        self.reopen_week.clicked.connect(lambda: self._period_action("reopen"))
        self.model.cell_edited.connect(self._save_cell)
        self._update_buttons()

    # -- loading

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._loaded_once:
            self.load()

    def load(self, day: date | None = None) -> None:
        """Load the people (then the acting person's week) in the background."""
        self._loaded_once = True
        if day is not None:
            self._day = day
        self.acting.load()

    def acting_person(self) -> PersonEntry | None:
        return self.acting.current_person()

    def shown_person(self) -> PersonEntry | None:
        return self.person.current_person()

    def select_acting(self, label: str) -> bool:
        """Act as the person shown as `label` ('NAME@DEPARTMENT' or a unique name)."""
        return self.acting.select_person(label)

    def select_person(self, person_id: str) -> bool:
        return self.person.select_person(person_id)

    def _acting_changed(self) -> None:
        acting = self.acting_person()
        if acting is None:
            self.person.set_people([])
            self.model.clear()
            self._update_buttons()
            self.message.setText(self.tr("Choose who is acting (above) to see and enter a week."))
            return
        colleagues = [
            p for p in self.acting.people.rows() if p.department_id == acting.department_id
        ]
        self.person.set_people(colleagues, acting.id)
        self._person_changed()

    def _person_changed(self) -> None:
        self.message.clear()
        self.model.clear()
        self.reload()
        person = self.shown_person()
        if person is None:
            return
        store = self._store
        run_in_background(
            lambda: bookable_tasks(store, person=person.id),
            parent=self,
            on_success=self._tasks_loaded,
        )

    def _tasks_loaded(self, tasks: tuple[BookableTask, ...]) -> None:
        self._tasks = list(tasks)
        self.task_choice.clear()
        for task in tasks:
            self.task_choice.addItem(f"{task.code} {task.content} · {task.indicator}", task.id)
        self._update_buttons()

    def show_week(self, day: date) -> None:
        """Show the week holding `day` for the chosen person."""
        self._day = day
        self.message.clear()
        self.reload()

    def reload(self) -> None:
        person = self.shown_person()
        self._update_buttons()
        if person is None:
            return
        store, day = self._store, self._day
        run_in_background(
            lambda: week(store, person=person.id, day=day),
            parent=self,
            on_success=self._week_arrived,
            on_failure=lambda error: feedback.show_error(self, feedback.error_message(error)),
        )

    def _week_arrived(self, view: WeekView) -> None:
        person = self.shown_person()
        if person is None or view.person != person.name:
            return  # an answer for a person no longer shown
        if view.week_start != self._day - timedelta(days=self._day.weekday()):
            return  # an answer for a week no longer shown
        self.model.set_week(view)
        end = view.days[-1]
        self.week_label.setText(
            self.tr("Week of %1 – %2")
            .replace("%1", f"{view.week_start:%Y-%m-%d}")
            .replace("%2", f"{end:%m-%d}")
        )
        statuses = sorted(set(view.status))
        self.status_label.setText(
            self.tr("Status: %1").replace(
                "%1", " / ".join(period_status_label(status) for status in statuses)
            )
        )
        self._update_buttons()
        self.week_loaded.emit(view)

    # -- writing

    def _save_cell(self, task_id: str, day: date, hours: float | None, typed: str) -> None:
        acting, person = self.acting_person(), self.shown_person()
        if acting is None or person is None:
            return
        store, now = self._store, common.utc_now()

        def failed(error: GovperfError) -> None:
            text = feedback.error_message(error)
            self.model.set_cell_error(task_id, day, typed, text)
            self.message.setText(text)  # also below the grid: a tooltip needs a mouse

        run_in_background(
            lambda: set_cell_hours(
                store,
                actor=acting.id,
                person=person.id,
                task_id=task_id,
                day=day,
                hours=hours,
                now=now,
            ),
            parent=self,
            on_success=lambda _change: self._cell_saved(task_id, day),
            on_failure=failed,
            mutates=True,
        )

    def _cell_saved(self, task_id: str, day: date) -> None:
        self.model.mark_saved(task_id, day)
        self.message.clear()
        self._written()

    def _written(self) -> None:
        self.reload()
        self.changed.emit()

    def _add_task_row(self) -> None:
        index = self.task_choice.currentIndex()
        if index < 0 or self.model.week is None:
            return
        task = self._tasks[index]
        row = self.model.add_task(GridTask(task.id, task.code, task.content, task.indicator))
        self.grid.setCurrentIndex(self.model.index(row, WeekGridModel.COL_FIRST_DAY))
        self.grid.setFocus()

    def _copy_last_week(self) -> None:
        acting, person = self.acting_person(), self.shown_person()
        if acting is None or person is None:
            return
        store, day, now = self._store, self._day, common.utc_now()

        def copied(result: CopyWeekResult) -> None:
            text = self.tr("Copied %1 entries from last week.").replace(
                "%1", str(len(result.copied))
            )
            if result.skipped:
                skipped = "; ".join(
                    f"{item.work_date:%m-%d}{' ' + item.task_code if item.task_code else ''}: "
                    f"{item.reason}"
                    for item in result.skipped
                )
                text += " " + self.tr("Skipped: %1").replace("%1", skipped)
            self.message.setText(text)
            self._written()

        run_in_background(
            lambda: copy_last_week(store, actor=acting.id, day=day, person=person.id, now=now),
            parent=self,
            on_success=copied,
            on_failure=lambda error: feedback.show_error(self, feedback.error_message(error)),
            mutates=True,
        )

    def _submit(self) -> None:
        acting = self.acting_person()
        if acting is None:
            return
        store, day, now = self._store, self._day, common.utc_now()
        run_in_background(
            lambda: submit_period(store, actor=acting.id, kind="week", day=day, now=now),
            parent=self,
            on_success=lambda _view: self._period_done(self.tr("The week was submitted.")),
            on_failure=lambda error: feedback.show_error(self, feedback.error_message(error)),
            mutates=True,
        )

    def _period_action(self, action: str) -> None:
        acting, person = self.acting_person(), self.shown_person()
        if acting is None or person is None:
            return
        store, day, now = self._store, self._day, common.utc_now()
        service = approve_period if action == "approve" else reopen_period
        done = (
            self.tr("The week was approved and is now locked.")
            if action == "approve"
            else self.tr("The week was reopened.")
        )
        run_in_background(
            lambda: service(
                store, actor=acting.id, person=person.id, kind="week", day=day, now=now
            ),
            parent=self,
            on_success=lambda _view: self._period_done(done),
            on_failure=lambda error: feedback.show_error(self, feedback.error_message(error)),
            mutates=True,
        )

    def _period_done(self, text: str) -> None:
        self.message.setText(text)
        self._written()

    def _update_buttons(self) -> None:
        acting, person = self.acting_person(), self.shown_person()
        shown = self.model.week is not None and acting is not None and person is not None
        own = shown and acting.id == person.id  # type: ignore[union-attr]
        head = (
            shown
            and "head" in acting.roles  # type: ignore[union-attr]
            and acting.department_id == person.department_id  # type: ignore[union-attr]
        )
        statuses = set(self.model.week.status) if self.model.week else set()
        self.copy_week.setEnabled(bool(own or head))
        self.add_task.setEnabled(bool(shown and self.task_choice.count()))
        self.submit_week.setEnabled(bool(own and "draft" in statuses))
        self.approve_week.setEnabled(bool(head and not own and "submitted" in statuses))
        self.reopen_week.setEnabled(
            bool(head and not own and statuses & {"submitted", "approved", "locked"})
        )
        for button, tip in (
            (self.submit_week, self.tr("A person submits their own week.")),
            (self.approve_week, self.tr("A head of the person's department approves.")),
            (self.reopen_week, self.tr("A head of the person's department reopens.")),
        ):
            button.setToolTip(tip)
