"""The scores page's publishing bar (发布评分): who acts, the publish button, and whether the
indicator's scores for the period shown were published, when and by whom.

The button is enabled only for a person whose roles allow publishing (an evaluator,
`domain.permissions.permitted`); publishing asks for confirmation, then runs off the UI thread
(services.score_publication.publish_scores) with the saved configuration — what-if weights
are never published. Refusals (the identical result already published, …) are shown in a
message box through ui/feedback.py.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from govperf_desktop.domain.calendar import OFFICE_ZONE
from govperf_desktop.domain.errors import GovperfError
from govperf_desktop.domain.permissions import Action, Actor, permitted
from govperf_desktop.services.admin import Store
from govperf_desktop.services.directory import PersonEntry
from govperf_desktop.services.score_publication import (
    PublicationDetail,
    current_publication,
    publish_scores,
)
from govperf_desktop.ui import feedback, operations
from govperf_desktop.ui.acting_person import ActingPersonBox


def may_publish(person: PersonEntry | None) -> bool:
    """True when `person` may publish scores (the policy table decides, not the UI)."""
    if person is None:
        return False
    actor = Actor(
        person.name, person.department_id, person.department, frozenset(person.roles), id=person.id
    )
    return permitted(actor, Action.PUBLISH_SCORES)


def office_time(moment: datetime) -> str:
    """A stored (naive UTC) time as office time, to the minute."""
    return moment.replace(tzinfo=UTC).astimezone(OFFICE_ZONE).strftime("%Y-%m-%d %H:%M")


class PublishBar(QWidget):
    """Acting as … [Publish scores] Published on … by …; emits `published` (PublicationDetail)."""

    published = Signal(object)

    def __init__(
        self, store: Store, *, clock: Callable[[], datetime], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("scoresPublishBar")
        self._store = store
        self._clock = clock
        self._indicator_id: str | None = None
        self._indicator = ""
        self._period: str | None = None
        self._request = 0
        self._busy = False
        self.current: PublicationDetail | None = None

        self.acting = ActingPersonBox(store)
        self.publish_button = QPushButton(self.tr("Publish scores"))
        self.publish_button.setObjectName("scoresPublish")
        self.publish_button.setEnabled(False)
        self.status = QLabel()
        self.status.setObjectName("scoresPublication")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("Acting as:")))
        layout.addWidget(self.acting)
        layout.addWidget(self.publish_button)
        layout.addWidget(self.status, stretch=1)

        self.acting.person_changed.connect(lambda _person: self._update_button())
        self.publish_button.clicked.connect(self.publish)

    def load(self) -> None:
        self.acting.load()

    def set_target(self, indicator_id: str, indicator: str, period: str | None) -> None:
        """The indicator and period the page shows: read whether they were published."""
        self._indicator_id, self._indicator, self._period = indicator_id, indicator, period
        self._update_button()
        self._request += 1
        request, store = self._request, self._store
        operations.run_in_background(
            lambda: current_publication(store, indicator_id, period),
            parent=self,
            on_success=lambda detail: self._on_current(request, detail),
            on_failure=lambda error: self._on_current_failed(request, error),
        )

    def _on_current(self, request: int, detail: PublicationDetail | None) -> None:
        if request != self._request:
            return
        self.current = detail
        if detail is None:
            self.status.setText(self.tr("These scores have not been published."))
            return
        view = detail.publication
        text = self.tr("Published on {when} by {person} (period {period})").format(
            when=office_time(view.published_at), person=view.published_by, period=view.period
        )
        if view.supersedes_id:
            text += self.tr(", correcting an earlier publication")
        self.status.setText(text)

    def _on_current_failed(self, request: int, _error: GovperfError) -> None:
        if request == self._request:
            self.current = None
            self.status.setText("")  # e.g. a period typed wrong: the page already says so

    def _update_button(self) -> None:
        person = self.acting.current_person()
        allowed = may_publish(person)
        self.publish_button.setEnabled(
            allowed and self._indicator_id is not None and not self._busy
        )
        if person is not None and not allowed:
            self.publish_button.setToolTip(self.tr("Only an evaluator may publish scores"))
        else:
            self.publish_button.setToolTip(
                self.tr("Publish these scores, computed with the saved configuration")
            )

    def publish(self) -> None:
        """Ask, then publish the shown indicator's scores as the acting person."""
        person = self.acting.current_person()
        if self._indicator_id is None or not may_publish(person) or self._busy:
            return
        assert person is not None
        period = self._period or self.tr("the indicator's period")
        question = self.tr(
            "Publish the scores of {indicator} for {period} as {person}? Every department "
            "will receive them. They are computed with the saved configuration (what-if "
            "weights are not published) and cannot be changed afterwards, only corrected by "
            "a new publication."
        ).format(indicator=self._indicator, period=period, person=person.label)
        if not feedback.confirm(self, self.tr("Publish scores"), question):
            return
        self._busy = True
        self._update_button()
        self.status.setText(self.tr("Publishing…"))
        store, indicator_id, chosen, now = (
            self._store,
            self._indicator_id,
            self._period,
            self._clock(),
        )
        operations.run_in_background(
            lambda: publish_scores(store, indicator_id, chosen, actor=person.id, now=now),
            parent=self,
            on_success=self._on_published,
            on_failure=self._on_refused,
            on_finished=self._on_finished,
            mutates=True,
        )

    def _on_published(self, detail: PublicationDetail) -> None:
        self._request += 1  # an earlier read must not overwrite this
        self._on_current(self._request, detail)
        self.published.emit(detail)

    def _on_refused(self, error: GovperfError) -> None:
        self._on_current(self._request, self.current)
        feedback.show_error(self, feedback.error_message(error))

    def _on_finished(self) -> None:
        self._busy = False
        self._update_button()
