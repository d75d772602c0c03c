"""The communication log's results: a table model of search hits and how matches are drawn.

The search service marks every match in a snippet as 【like this】. The marks are drawn as
bold coloured text; a 【】 pair in the comment itself (common in Chinese writing) stays as
written, because only a marked text that is one of the query's words counts as a match.
`SnippetDelegate` paints the snippet column as rich text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from govperf_desktop.domain.search_terms import MARK_CLOSE, MARK_OPEN
from govperf_desktop.services.comment_search import CommentHit
from govperf_desktop.ui.models.base import RowTableModel, format_moment

MATCH_COLOUR = "#c62828"
_MARKED = re.compile(
    re.escape(MARK_OPEN) + "([^" + MARK_OPEN + MARK_CLOSE + "]*)" + re.escape(MARK_CLOSE)
)


def _span(text: str) -> str:
    return f'<b style="color:{MATCH_COLOUR}">{escape(text)}</b>'


def snippet_html(snippet: str, terms: Sequence[str]) -> str:
    """A snippet as HTML: marked matches bold and coloured, everything else escaped."""
    wanted = {term.casefold() for term in terms}
    parts: list[str] = []
    position = 0
    for match in _MARKED.finditer(snippet):
        parts.append(escape(snippet[position : match.start()]))
        inner = match.group(1)
        parts.append(_span(inner) if inner.casefold() in wanted else escape(match.group(0)))
        position = match.end()
    parts.append(escape(snippet[position:]))
    return "".join(parts)


def body_html(body: str, terms: Sequence[str]) -> str:
    """A whole comment as HTML with every occurrence of a query word highlighted."""
    if not terms:
        return escape(body).replace("\n", "<br>")
    pattern = re.compile(
        "|".join(re.escape(term) for term in sorted(terms, key=len, reverse=True)),
        re.IGNORECASE,
    )
    parts: list[str] = []
    position = 0
    for match in pattern.finditer(body):
        parts.append(escape(body[position : match.start()]))
        parts.append(_span(match.group(0)))
        position = match.end()
    parts.append(escape(body[position:]))
    return "".join(parts).replace("\n", "<br>")


class CommentHitModel(RowTableModel[CommentHit]):
    """Search hits, newest first; the snippet column carries its HTML in `HtmlRole`."""

    COL_TIME = 0
    COL_AUTHOR = 1
    COL_DEPARTMENT = 2
    COL_TASK = 3
    COL_SNIPPET = 4

    HtmlRole = Qt.ItemDataRole.UserRole + 1
    TaskIdRole = Qt.ItemDataRole.UserRole + 2

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.terms: tuple[str, ...] = ()

    def headers(self) -> Sequence[str]:
        return (
            self.tr("Time"),
            self.tr("Author"),
            self.tr("Department"),
            self.tr("Task"),
            self.tr("Comment"),
        )

    def display(self, row: CommentHit, column: int) -> str:
        if column == self.COL_TIME:
            return format_moment(row.created_at)
        if column == self.COL_AUTHOR:
            return row.author
        if column == self.COL_DEPARTMENT:
            return row.department
        if column == self.COL_TASK:
            return f"{row.task_code} · {row.indicator}"
        if column == self.COL_SNIPPET:
            return " ".join([*self._flags(row), row.snippet])
        return ""

    def _flags(self, row: CommentHit) -> list[str]:
        flags = []
        if row.is_problem:
            flags.append(self.tr("[problem, resolved]") if row.resolved else self.tr("[problem]"))
        if row.version != "latest":
            flags.append(self.tr("[earlier version]"))
        return flags

    def tooltip(self, row: CommentHit, column: int) -> str | None:
        if column == self.COL_SNIPPET:
            return row.body
        if column == self.COL_TASK:
            return f"{row.task_code} · {row.indicator}"
        return None

    def data(
        self,
        index: QModelIndex | QPersistentModelIndex,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if role in (self.HtmlRole, self.TaskIdRole) and index.isValid():
            row = self.row_at(index.row())
            if row is None:
                return None
            if role == self.TaskIdRole:
                return row.task_id
            if index.column() != self.COL_SNIPPET:
                return None
            prefix = "".join(f"{escape(flag)} " for flag in self._flags(row))
            return prefix + snippet_html(row.snippet, self.terms)
        return super().data(index, role)


class SnippetDelegate(QStyledItemDelegate):
    """Paints a column's `HtmlRole` as one line of rich text (the matches in colour)."""

    def __init__(self, html_role: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._role = html_role

    def _document(self, option: QStyleOptionViewItem, html: str) -> QTextDocument:
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setDocumentMargin(2)
        document.setHtml(html)
        return document

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        html = index.data(self._role)
        if not html:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else QApplication.style()
        option.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        document = self._document(option, html)
        context = QAbstractTextDocumentLayout.PaintContext()
        if option.state & QStyle.StateFlag.State_Selected:
            context.palette.setColor(
                QPalette.ColorRole.Text, option.palette.color(QPalette.ColorRole.HighlightedText)
            )
        text_rect = style.subElementRect(
            QStyle.SubElement.SE_ItemViewItemText, option, option.widget
        )
        painter.save()
        painter.translate(text_rect.topLeft())
        clip = QRectF(0, 0, text_rect.width(), text_rect.height())
        painter.setClipRect(clip)
        offset = max(0.0, (text_rect.height() - document.size().height()) / 2)
        painter.translate(0, offset)
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        html = index.data(self._role)
        if not html:
            return super().sizeHint(option, index)
        document = self._document(option, html)
        return QSize(int(document.idealWidth()), int(document.size().height()))
