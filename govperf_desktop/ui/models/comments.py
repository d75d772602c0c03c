"""The comment thread of a task as a tree: replies under what they answer, earlier versions
of an edited comment under it (greyed), so evidence that was corrected stays visible."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from govperf_desktop.services.comments import CommentView, ThreadView
from govperf_desktop.ui.models.base import format_moment

_NO_INDEX = QModelIndex()
EARLIER_COLOUR = QColor("#757575")
PROBLEM_COLOUR = QColor("#c62828")
RESOLVED_COLOUR = QColor("#2e7d32")


class _Node:
    __slots__ = ("children", "comment", "earlier", "parent", "row")

    def __init__(self, comment: CommentView | None, parent: _Node | None, earlier: bool) -> None:
        self.comment = comment
        self.parent = parent
        self.earlier = earlier
        self.children: list[_Node] = []
        self.row = 0

    def add(self, child: _Node) -> None:
        child.row = len(self.children)
        self.children.append(child)


class CommentThreadModel(QAbstractItemModel):
    """Latest versions of a task's comments, oldest first, replies indented beneath."""

    COL_AUTHOR = 0
    COL_TIME = 1
    COL_TEXT = 2
    COL_MARKS = 3
    COLUMNS = 4

    # The CommentView of an item.
    CommentRole = Qt.ItemDataRole.UserRole + 1
    # True for an earlier (superseded) version.
    EarlierRole = Qt.ItemDataRole.UserRole + 2

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._root = _Node(None, None, False)
        self._by_id: dict[str, _Node] = {}

    def set_rows(self, thread: ThreadView | None) -> None:
        """Show `thread` (read with include_earlier=True to show earlier versions)."""
        self.beginResetModel()
        self._root = _Node(None, None, False)
        self._by_id = {}
        if thread is not None:
            self._build(thread)
        self.endResetModel()

    def _build(self, thread: ThreadView) -> None:
        latest = {comment.thread_id: comment for comment in thread.comments}
        thread_of = {c.id: c.thread_id for c in (*thread.comments, *thread.earlier)}
        nodes: dict[str, _Node] = {}
        for comment in thread.comments:
            nodes[comment.thread_id] = _Node(comment, None, False)
        for comment in thread.comments:
            node = nodes[comment.thread_id]
            answered = thread_of.get(comment.reply_to_id or "")
            parent = nodes.get(answered) if answered in latest else None
            node.parent = parent or self._root
            for earlier in (e for e in thread.earlier if e.thread_id == comment.thread_id):
                child = _Node(earlier, node, True)
                node.add(child)
                self._by_id[earlier.id] = child
            self._by_id[comment.id] = node
        for comment in thread.comments:  # oldest first, so replies follow in time order
            node = nodes[comment.thread_id]
            assert node.parent is not None
            node.parent.add(node)

    def comment_index(self, comment_id: str) -> QModelIndex:
        """The index (column 0) of a comment version, or an invalid index."""
        node = self._by_id.get(comment_id)
        if node is None:
            return QModelIndex()
        return self.createIndex(node.row, 0, node)

    def comments(self) -> list[CommentView]:
        """Every comment shown, depth first."""
        found: list[CommentView] = []

        def walk(node: _Node) -> None:
            for child in node.children:
                assert child.comment is not None
                found.append(child.comment)
                walk(child)

        walk(self._root)
        return found

    # -- structure

    def _node(self, index: QModelIndex | QPersistentModelIndex) -> _Node:
        return index.internalPointer() if index.isValid() else self._root

    def index(
        self, row: int, column: int, parent: QModelIndex | QPersistentModelIndex = _NO_INDEX
    ) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        return self.createIndex(row, column, self._node(parent).children[row])

    def parent(self, index: QModelIndex | QPersistentModelIndex = _NO_INDEX) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        parent = self._node(index).parent
        if parent is None or parent is self._root:
            return QModelIndex()
        return self.createIndex(parent.row, 0, parent)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_INDEX) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._node(parent).children)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_INDEX) -> int:
        return self.COLUMNS

    def data(
        self,
        index: QModelIndex | QPersistentModelIndex,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if not index.isValid():
            return None
        node = self._node(index)
        comment = node.comment
        assert comment is not None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(comment, node.earlier, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.COL_TEXT:
            return comment.body
        if role == self.CommentRole:
            return comment
        if role == self.EarlierRole:
            return node.earlier
        if role == Qt.ItemDataRole.ForegroundRole:
            if node.earlier:
                return QBrush(EARLIER_COLOUR)
            if column == self.COL_MARKS and comment.is_problem:
                colour = RESOLVED_COLOUR if comment.resolved_by_id else PROBLEM_COLOUR
                return QBrush(colour)
        if role == Qt.ItemDataRole.FontRole and node.earlier:
            font = QFont()
            font.setItalic(True)
            return font
        return None

    def _display(self, comment: CommentView, earlier: bool, column: int) -> str:
        if column == self.COL_AUTHOR:
            return f"{comment.author}（{comment.department}）"
        if column == self.COL_TIME:
            return format_moment(comment.created_at)
        if column == self.COL_TEXT:
            return " ".join(comment.body.split())
        if column == self.COL_MARKS:
            marks = []
            if earlier:
                marks.append(
                    self.tr("earlier version {version} of {versions}").format(
                        version=comment.version, versions=comment.versions
                    )
                )
            elif comment.versions > 1:
                marks.append(self.tr("edited (version {version})").format(version=comment.version))
            if comment.is_problem and not earlier:
                if comment.resolved_by_id:
                    marks.append(
                        self.tr("problem resolved by {department}").format(
                            department=comment.resolved_by_department or "?"
                        )
                    )
                else:
                    marks.append(self.tr("problem, open"))
            return "; ".join(marks)
        return ""

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        headers = (self.tr("Author"), self.tr("Written"), self.tr("Comment"), self.tr("Marks"))
        return headers[section] if 0 <= section < len(headers) else None
