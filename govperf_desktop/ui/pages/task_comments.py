"""The comment thread of the task page: read, post (with @mention completion), reply, edit as
a new version, and mark a problem resolved.

A refused comment keeps its text in the input; the thread is read again after every change.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from govperf_desktop.domain.errors import GovperfError
from govperf_desktop.services.admin import Store
from govperf_desktop.services.comments import (
    CommentView,
    ThreadView,
    add_comment,
    edit_comment,
    resolve_problem,
)
from govperf_desktop.services.directory import PersonEntry
from govperf_desktop.ui import feedback, operations
from govperf_desktop.ui.mention_edit import MentionLineEdit
from govperf_desktop.ui.models.base import format_moment
from govperf_desktop.ui.models.comments import CommentThreadModel

QUOTE_LENGTH = 40


def _quote(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= QUOTE_LENGTH else flat[: QUOTE_LENGTH - 1] + "…"


class CommentsPanel(QWidget):
    """A task's comments; `changed` fires after a comment was posted, edited or resolved."""

    changed = Signal()

    def __init__(
        self, store: Store, clock: Callable[[], datetime], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._clock = clock
        self._task_id: str | None = None
        self._person: PersonEntry | None = None
        self._reply_to: CommentView | None = None
        self._editing: CommentView | None = None
        self._select_after_reload: str | None = None

        self.thread = CommentThreadModel(self)
        self.thread_view = QTreeView()
        self.thread_view.setObjectName("commentThread")
        self.thread_view.setModel(self.thread)
        self.thread_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.thread_view.setWordWrap(True)
        self.thread_view.setAlternatingRowColors(True)
        header = self.thread_view.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(CommentThreadModel.COL_TEXT, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.thread_view.selectionModel().currentChanged.connect(self._on_current_changed)
        self.full_text = QLabel()
        self.full_text.setObjectName("commentFullText")
        self.full_text.setTextFormat(Qt.TextFormat.PlainText)
        self.full_text.setWordWrap(True)
        self.full_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.reply_button = QPushButton(self.tr("Reply"))
        self.reply_button.clicked.connect(self.start_reply)
        self.edit_button = QPushButton(self.tr("Edit"))
        self.edit_button.setToolTip(
            self.tr("Write a new version of your comment; the earlier one stays visible")
        )
        self.edit_button.clicked.connect(self.start_edit)
        self.resolve_button = QPushButton(self.tr("Resolved…"))
        self.resolve_button.setToolTip(
            self.tr("Mark the problem you raised as resolved, crediting the reply that solved it")
        )
        self.resolve_button.clicked.connect(self.mark_resolved)
        actions = QHBoxLayout()
        for button in (self.reply_button, self.edit_button, self.resolve_button):
            actions.addWidget(button)
        actions.addStretch(1)

        self.mode = QLabel()
        self.mode.setObjectName("commentMode")
        self.mode.setTextFormat(Qt.TextFormat.PlainText)
        self.mode.setWordWrap(True)
        self.cancel_mode = QPushButton(self.tr("Cancel"))
        self.cancel_mode.clicked.connect(self.reset_mode)
        mode_row = QHBoxLayout()
        mode_row.addWidget(self.mode, stretch=1)
        mode_row.addWidget(self.cancel_mode)

        self.input = MentionLineEdit(store)
        self.input.setObjectName("commentInput")
        self.input.setPlaceholderText(
            self.tr("Write a comment; type @ to mention a person or department")
        )
        self.input.returnPressed.connect(self._on_return_pressed)
        self.problem = QCheckBox(self.tr("Problem"))
        self.problem.setToolTip(
            self.tr("Raise the comment as a problem; you mark it resolved when it is solved")
        )
        self.post_button = QPushButton(self.tr("Post"))
        self.post_button.setObjectName("postComment")
        self.post_button.clicked.connect(self.post)
        entry = QHBoxLayout()
        entry.addWidget(self.input, stretch=1)
        entry.addWidget(self.problem)
        entry.addWidget(self.post_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.thread_view, stretch=1)
        layout.addWidget(self.full_text)
        layout.addLayout(actions)
        layout.addLayout(mode_row)
        layout.addLayout(entry)
        self.reset_mode()

    # -- state

    def set_task(self, task_id: str | None) -> None:
        if task_id != self._task_id:
            self.input.clear()
            self.problem.setChecked(False)
            self.reset_mode()
        self._task_id = task_id

    def set_person(self, person: PersonEntry | None) -> None:
        self._person = person
        self._update_buttons()

    def show_thread(self, thread: ThreadView) -> None:
        selected = self.selected_comment()
        wanted = self._select_after_reload or (selected.id if selected else None)
        self._select_after_reload = None
        self.thread.set_rows(thread)
        self.thread_view.expandAll()
        if wanted is not None:
            self.select_comment(wanted)
        self._on_current_changed()

    def _on_current_changed(self, *_: object) -> None:
        index = self.thread_view.currentIndex()
        comment = index.data(CommentThreadModel.CommentRole) if index.isValid() else None
        if comment is None:
            self.full_text.clear()
        else:
            mentions = "、".join(comment.mentions)
            lines = [f"{comment.author}（{comment.department}）{format_moment(comment.created_at)}"]
            lines.append(comment.body)
            if mentions:
                lines.append(self.tr("Mentions: {names}").format(names=mentions))
            self.full_text.setText("\n".join(lines))
        self._update_buttons()

    def selected_comment(self) -> CommentView | None:
        index = self.thread_view.currentIndex()
        if not index.isValid() or index.data(CommentThreadModel.EarlierRole):
            return None
        return index.data(CommentThreadModel.CommentRole)

    def select_comment(self, comment_id: str) -> bool:
        index = self.thread.comment_index(comment_id)
        if index.isValid():
            self.thread_view.setCurrentIndex(index)
        return index.isValid()

    def _is_mine(self, comment: CommentView | None) -> bool:
        person = self._person
        return (
            comment is not None
            and person is not None
            and (comment.author, comment.department) == (person.name, person.department)
        )

    def _update_buttons(self, *_: object) -> None:
        comment = self.selected_comment()
        has_person = self._person is not None
        self.reply_button.setEnabled(comment is not None and has_person)
        self.edit_button.setEnabled(self._is_mine(comment))
        resolvable = comment is not None and comment.is_problem and comment.resolved_by_id is None
        self.resolve_button.setEnabled(resolvable and self._is_mine(comment))
        self.post_button.setEnabled(has_person and self._task_id is not None)

    # -- modes

    def reset_mode(self) -> None:
        self._reply_to = None
        self._editing = None
        self.mode.clear()
        self.mode.hide()
        self.cancel_mode.hide()
        self.problem.setEnabled(True)

    def start_reply(self) -> None:
        comment = self.selected_comment()
        if comment is None:
            return
        self.reset_mode()
        self._reply_to = comment
        self.mode.setText(
            self.tr("Replying to {author}: {text}").format(
                author=comment.author, text=_quote(comment.body)
            )
        )
        self.mode.show()
        self.cancel_mode.show()
        self.input.setFocus()

    def start_edit(self) -> None:
        comment = self.selected_comment()
        if comment is None or not self._is_mine(comment):
            return
        self.reset_mode()
        self._editing = comment
        self.mode.setText(
            self.tr("Editing your comment of {moment}; the earlier version stays visible.").format(
                moment=format_moment(comment.created_at)
            )
        )
        self.mode.show()
        self.cancel_mode.show()
        self.problem.setEnabled(False)
        self.input.setText(comment.body)
        self.input.setFocus()

    # -- writing

    def _on_return_pressed(self) -> None:
        if not self.input.completer_popup.popup().isVisible():
            self.post()

    def post(self) -> None:
        """Post the typed comment (or reply, or new version); a refusal keeps the text."""
        person, task_id = self._person, self._task_id
        if task_id is None:
            return
        if person is None:
            feedback.show_error(self, self.tr("Choose who is acting first."))
            return
        text = self.input.text()
        now = self._clock()
        editing, reply_to, problem = self._editing, self._reply_to, self.problem.isChecked()
        if editing is not None:

            def write() -> CommentView:
                return edit_comment(self._store, editing.id, person=person.id, text=text, now=now)
        else:

            def write() -> CommentView:
                return add_comment(
                    self._store,
                    person=person.id,
                    task=task_id,
                    text=text,
                    reply_to=reply_to.id if reply_to else None,
                    problem=problem,
                    now=now,
                )

        operations.run_in_background(
            write, parent=self, on_success=self._on_posted, on_failure=self._refused, mutates=True
        )

    def _on_posted(self, comment: CommentView) -> None:
        self.input.clear()
        self.problem.setChecked(False)
        self.reset_mode()
        self._select_after_reload = comment.id
        self.changed.emit()

    def mark_resolved(self) -> None:
        """Choose the later reply that resolved the selected problem, and record it."""
        problem, person = self.selected_comment(), self._person
        if problem is None or person is None:
            return
        replies = [
            comment
            for comment in self.thread.comments()
            if comment.superseded_by_id is None
            and comment.thread_id != problem.thread_id
            and comment.created_at >= problem.first_created_at
            and not self._is_mine(comment)
        ]
        if not replies:
            feedback.show_error(
                self, self.tr("No later comment by someone else can be credited with solving it.")
            )
            return
        choices = [
            f"{reply.author}（{reply.department}）{format_moment(reply.created_at)}: "
            f"{_quote(reply.body)}"
            for reply in replies
        ]
        chosen = feedback.choose(
            self, self.tr("Problem resolved"), self.tr("Which comment resolved it?"), choices
        )
        if chosen is None:
            return
        reply = replies[chosen]
        now = self._clock()
        operations.run_in_background(
            lambda: resolve_problem(
                self._store, problem.id, person=person.id, by_reply=reply.id, now=now
            ),
            parent=self,
            on_success=lambda _view: self.changed.emit(),
            on_failure=self._refused,
            mutates=True,
        )

    def _refused(self, error: GovperfError) -> None:
        feedback.show_error(self, feedback.error_message(error))
