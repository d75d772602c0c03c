"""The task page: output-standard checklist, task-flow buttons, events, submissions, comments
and support given.

The flow buttons follow the task-flow rules (`domain.taskflow`) for the acting person: a
button a person may not use is disabled, its tooltip says why. Whatever the services still
refuse is shown as its one sentence; the typed reason, ticks and comment stay as they were.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from govperf_desktop.domain import taskflow as flow
from govperf_desktop.domain.calendar import office_date
from govperf_desktop.domain.errors import GovperfError
from govperf_desktop.services.admin import Store
from govperf_desktop.services.comments import ThreadView, comment_thread
from govperf_desktop.services.directory import PersonEntry
from govperf_desktop.services.support import (
    SupportView,
    add_support,
    confirm_support,
    task_support,
)
from govperf_desktop.services.task_views import TaskDetail, show_task
from govperf_desktop.services.taskflow import (
    StepResult,
    accept_output,
    complete_task,
    return_output,
    start_task,
    submit_output,
)
from govperf_desktop.ui import feedback, operations
from govperf_desktop.ui.models import labels
from govperf_desktop.ui.models.base import RowTableModel, format_date
from govperf_desktop.ui.models.task import ChecklistModel, EventModel, SubmissionModel, SupportModel
from govperf_desktop.ui.pages.task_comments import CommentsPanel

FLOW_ACTIONS = ("start", "submit", "accept", "return", "complete")


def _table(model: RowTableModel[Any], name: str) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    return view


def flow_refusal(action: str, task: TaskDetail, person: PersonEntry) -> str | None:
    """Why `person` may not take `action` on `task` now (the rules' sentence), or None.

    Departments are compared by name, which is unique, as the detail carries names.
    """
    facts = flow.TaskFacts(
        code=task.code,
        status=task.status,
        department_id=task.department,
        department=task.department,
        indicator=task.indicator,
        indicator_status=task.indicator_status,
        lead_department_id=task.lead_department,
        lead_department=task.lead_department,
        submissions=task.revision_count,
    )
    actor = flow.Actor(person.name, person.department, person.department, frozenset(person.roles))
    try:
        flow.check_actor(action, facts, actor)
        flow.check_step(action, facts)
    except GovperfError as refusal:
        return str(refusal)
    return None


class TaskView(QWidget):
    """One task, its flow and its communication; `back_requested` returns to the indicator."""

    back_requested = Signal()
    loaded = Signal()  # the task's data has been shown

    def __init__(
        self,
        store: Store,
        parent: QWidget | None = None,
        *,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._clock = clock or store.clock
        self._task_id: str | None = None
        self._person: PersonEntry | None = None
        self._departments: list[str] = []
        self.detail: TaskDetail | None = None
        self.setObjectName("taskView")

        self.back_button = QPushButton(self.tr("← Back to the indicator"))
        self.back_button.clicked.connect(self.back_requested)
        self.heading = QLabel()
        self.heading.setObjectName("taskHeading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.heading.setFont(font)
        self.heading.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.facts = QLabel()
        self.facts.setObjectName("taskFacts")
        self.facts.setTextFormat(Qt.TextFormat.PlainText)
        self.facts.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("taskMessage")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addWidget(self.heading, stretch=1)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self._build_flow())
        splitter.addWidget(self._build_communication())
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.facts)
        layout.addWidget(self.message)
        layout.addWidget(splitter, stretch=1)

    def _build_flow(self) -> QWidget:
        self.checklist = ChecklistModel(self)
        self.checklist_view = QListView()
        self.checklist_view.setObjectName("checklist")
        self.checklist_view.setModel(self.checklist)
        self.checklist_view.setMaximumHeight(self.fontMetrics().height() * 8)
        self.checklist_view.setToolTip(self.tr("Tick what the output provides, then submit it"))
        standard = QGroupBox(self.tr("Output standard"))
        QVBoxLayout(standard).addWidget(self.checklist_view)

        self.start_button = QPushButton(self.tr("Start work"))
        self.submit_button = QPushButton(self.tr("Submit output"))
        self.accept_button = QPushButton(self.tr("Accept output"))
        self.return_button = QPushButton(self.tr("Return for revision"))
        self.complete_button = QPushButton(self.tr("Complete task"))
        self.reason = QLineEdit()
        self.reason.setObjectName("returnReason")
        self.reason.setPlaceholderText(self.tr("Reason for returning the output"))
        self.flow_buttons = {
            "start": self.start_button,
            "submit": self.submit_button,
            "accept": self.accept_button,
            "return": self.return_button,
            "complete": self.complete_button,
        }
        for action, button in self.flow_buttons.items():
            button.setObjectName(f"{action}Button")
            button.clicked.connect(lambda _=False, a=action: self.take_step(a))
        steps = QGridLayout()  # two by two, so a narrow window still shows every step
        for place, action in enumerate(("start", "submit", "accept", "complete")):
            steps.addWidget(self.flow_buttons[action], place // 2, place % 2)
        returning = QHBoxLayout()
        returning.addWidget(self.reason, stretch=1)
        returning.addWidget(self.return_button)

        self.events = EventModel(self)
        self.events_view = _table(self.events, "taskEvents")
        self.submissions = SubmissionModel(self)
        self.submissions_view = _table(self.submissions, "taskSubmissions")
        self.flow_tabs = QTabWidget()
        self.flow_tabs.addTab(self.events_view, self.tr("Events"))
        self.flow_tabs.addTab(self.submissions_view, self.tr("Submissions"))

        panel = QWidget()
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(standard)
        layout.addLayout(steps)
        layout.addLayout(returning)
        layout.addWidget(self.flow_tabs, stretch=1)
        return panel

    def _build_communication(self) -> QWidget:
        self.comments = CommentsPanel(self._store, self._clock)
        self.comments.changed.connect(self.reload)

        self.support = SupportModel(self)
        self.support_view = _table(self.support, "taskSupport")
        self.support_view.selectionModel().currentRowChanged.connect(self._update_support)
        self.record_support_button = QPushButton(self.tr("Record support…"))
        self.record_support_button.setToolTip(
            self.tr("Record support your department gave another department on this task")
        )
        self.record_support_button.clicked.connect(self.record_support)
        self.confirm_support_button = QPushButton(self.tr("Confirm received"))
        self.confirm_support_button.setToolTip(
            self.tr("Confirm, for your department, that the chosen support was received")
        )
        self.confirm_support_button.clicked.connect(self.confirm_support)
        support_actions = QHBoxLayout()
        support_actions.addWidget(self.record_support_button)
        support_actions.addWidget(self.confirm_support_button)
        support_actions.addStretch(1)
        support_panel = QWidget()
        support_layout = QVBoxLayout(support_panel)
        support_layout.addWidget(self.support_view, stretch=1)
        support_layout.addLayout(support_actions)

        self.communication_tabs = QTabWidget()
        self.communication_tabs.addTab(self.comments, self.tr("Comments"))
        self.communication_tabs.addTab(support_panel, self.tr("Support given"))
        return self.communication_tabs

    # -- what is shown

    def set_person(self, person: PersonEntry | None) -> None:
        self._person = person
        self.comments.set_person(person)
        self._update_actions()

    def set_departments(self, names: list[str]) -> None:
        self._departments = list(names)

    def open_task(self, task_id: str) -> None:
        if task_id != self._task_id:
            self.reason.clear()
            self.message.clear()
            self.detail = None
            self.heading.setText(self.tr("Loading…"))
        self._task_id = task_id
        self.comments.set_task(task_id)
        self.reload()

    def reload(self) -> None:
        task_id = self._task_id
        if task_id is None:
            return
        today = office_date(self._clock())

        def read() -> tuple[TaskDetail, ThreadView, list[SupportView]]:
            return (
                show_task(self._store, task_id, today=today),
                comment_thread(self._store, task_id, include_earlier=True),
                task_support(self._store, task_id),
            )

        operations.run_in_background(
            read, parent=self, on_success=self._show, on_failure=self._refused
        )

    def _show(self, data: tuple[TaskDetail, ThreadView, list[SupportView]]) -> None:
        detail, thread, support = data
        if detail.id != self._task_id:
            return
        keep_ticks = self.detail is not None and self.detail.id == detail.id
        ticked = self.checklist.ticked_items() if keep_ticks else []
        if self.detail is not None and self.detail.status != detail.status:
            ticked = []  # a new step: start from the latest submission again
        self.detail = detail
        self.heading.setText(f"{detail.code}  {detail.content}")
        self.heading.setToolTip(self.heading.text())
        self.facts.setText(self._facts_text(detail))
        latest = detail.submissions[-1] if detail.submissions else None
        self.checklist.set_rows(
            detail.checklist,
            ticked=ticked or (latest.provided if latest else ()),
            missing=latest.missing if latest else (),
        )
        self.events.set_rows(detail.events)
        self.submissions.set_rows(detail.submissions)
        self.comments.show_thread(thread)
        self.support.set_rows(support)
        self._update_actions()
        self.loaded.emit()

    def _facts_text(self, detail: TaskDetail) -> str:
        parts = [
            self.tr("Indicator: {name}").format(name=detail.indicator),
            self.tr("Department: {name}").format(name=detail.department),
            self.tr("Deadline: {day}").format(day=format_date(detail.deadline) or "—"),
            self.tr("Status: {status}").format(status=labels.task_status(detail.status)),
            self.tr("Revisions: {count}").format(count=detail.revision_count),
        ]
        if detail.days_overdue:
            parts.append(self.tr("Days overdue: {days}").format(days=detail.days_overdue))
        if detail.response_hours is not None:
            parts.append(self.tr("Response time: {hours} h").format(hours=detail.response_hours))
        return "    ".join(parts)

    def _update_actions(self) -> None:
        detail, person = self.detail, self._person
        for action, button in self.flow_buttons.items():
            if detail is None:
                refusal: str | None = ""
            elif person is None:
                refusal = self.tr("Choose who is acting first.")
            else:
                refusal = flow_refusal(action, detail, person)
            button.setEnabled(refusal is None)
            button.setToolTip(refusal or "")
        self.reason.setEnabled(self.return_button.isEnabled())
        self.checklist.set_editable(self.submit_button.isEnabled())
        self.record_support_button.setEnabled(detail is not None and person is not None)
        self._update_support()

    def _update_support(self, *_: object) -> None:
        record = self.selected_support()
        person = self._person
        self.confirm_support_button.setEnabled(
            record is not None
            and record.confirmed_by is None
            and person is not None
            and person.department == record.to_department
        )

    def selected_support(self) -> SupportView | None:
        index = self.support_view.currentIndex()
        return index.data(SupportModel.RowRole) if index.isValid() else None

    # -- actions

    def take_step(self, action: str) -> None:
        """Take a task-flow step as the acting person; a refusal keeps the reason and ticks."""
        detail, person = self.detail, self._person
        if detail is None or person is None:
            return
        task_id, now = detail.id, self._clock()
        store = self._store
        steps: dict[str, Callable[[], StepResult]] = {
            "start": lambda: start_task(store, task_id, person=person.id, now=now),
            "accept": lambda: accept_output(store, task_id, person=person.id, now=now),
            "complete": lambda: complete_task(store, task_id, person=person.id, now=now),
        }
        if action == "submit":
            items = self.checklist.ticked_items()
            steps["submit"] = lambda: submit_output(
                store, task_id, person=person.id, items=items, now=now
            )
        elif action == "return":
            reason = self.reason.text()
            steps["return"] = lambda: return_output(
                store, task_id, person=person.id, reason=reason, now=now
            )
        operations.run_in_background(
            steps[action],
            parent=self,
            on_success=self._on_step,
            on_failure=self._refused,
            mutates=True,
        )

    def _on_step(self, result: StepResult) -> None:
        if "returned" in result.events and result.missing:
            self.message.setText(
                self.tr("Revision {revision} lacks: {items}; it was returned for revision.").format(
                    revision=result.revision, items="；".join(result.missing)
                )
            )
        else:
            self.message.setText(
                self.tr("Done: {events}.").format(
                    events="、".join(labels.event_kind(kind) for kind in result.events)
                )
            )
        if "returned" in result.events and not result.missing:
            self.reason.clear()
        self.reload()

    def record_support(self) -> None:
        """Record support the acting person's department gave another department on this task."""
        detail, person = self.detail, self._person
        if detail is None or person is None:
            return
        others = [name for name in self._departments if name != person.department]
        chosen = feedback.choose(
            self, self.tr("Support given"), self.tr("Support given to which department?"), others
        )
        if chosen is None:
            return
        text = feedback.ask_text(self, self.tr("Support given"), self.tr("What support was given?"))
        if text is None:
            return
        to_department, now = others[chosen], self._clock()
        operations.run_in_background(
            lambda: add_support(
                self._store,
                person=person.id,
                task=detail.id,
                to_department=to_department,
                text=text,
                now=now,
            ),
            parent=self,
            on_success=lambda _view: self.reload(),
            on_failure=self._refused,
            mutates=True,
        )

    def confirm_support(self) -> None:
        record, person = self.selected_support(), self._person
        if record is None or person is None:
            return
        now = self._clock()
        operations.run_in_background(
            lambda: confirm_support(self._store, record.id, person=person.id, now=now),
            parent=self,
            on_success=lambda _view: self.reload(),
            on_failure=self._refused,
            mutates=True,
        )

    def _refused(self, error: GovperfError) -> None:
        feedback.show_error(self, feedback.error_message(error))
