"""The scores page (考核评分): an indicator's departments, their points by dimension, a radar
each, the joint-liability deductions, the late tasks' attribution, and what-if weights; an
evaluator publishes the scores from here (scores_publish.py).

Every number in the totals table and in a department's detail is a link: clicking it opens
the rows behind it (`EvidenceDialog`, paged). The what-if panel rescores with other dimension
weights without saving and shows each total's difference from the saved configuration.
Scoring and drawing run off the UI thread (ui/operations.py); matplotlib is imported only
when the first scores arrive.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from govperf_desktop.domain.errors import GovperfError
from govperf_desktop.services.admin import Store
from govperf_desktop.services.indicator_views import IndicatorSummary, list_indicators
from govperf_desktop.services.score_views import (
    DIMENSIONS,
    ChartWords,
    ScoreComparison,
    compare_scores,
    score_figures,
)
from govperf_desktop.services.scoring import DepartmentResult
from govperf_desktop.ui import feedback, operations
from govperf_desktop.ui.models import labels
from govperf_desktop.ui.pages.scores_charts import place_bars, place_radars
from govperf_desktop.ui.pages.scores_evidence import EvidenceDialog
from govperf_desktop.ui.pages.scores_models import (
    DeductionsModel,
    DetailModel,
    LateTasksModel,
    TotalsModel,
    detail_rows,
    dimension_label,
    metric_label,
    points,
    table_view,
)
from govperf_desktop.ui.pages.scores_publish import PublishBar
from govperf_desktop.ui.pages.scores_weights import WeightsPanel

TAB_BARS = 0
TAB_RADAR = 1
TAB_DETAIL = 2
TAB_DEDUCTIONS = 3
TAB_LATE = 4


def create_page(store: Store, parent: QWidget | None = None) -> QWidget:
    return ScoresPage(store, parent)


@dataclass(frozen=True)
class _Outcome:
    comparison: ScoreComparison
    figures: tuple[Any, tuple[Any, ...]]  # the bars figure, one radar per department


class ScoresPage(QWidget):
    """One indicator's scores, charts, deductions, attribution and what-if weights."""

    def __init__(
        self,
        store: Store,
        parent: QWidget | None = None,
        *,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("scoresPage")
        self._store = store
        self._clock = clock or store.clock
        self._loaded = False
        self._stale = False
        self._indicators: list[IndicatorSummary] = []
        self._wanted_indicator: str | None = None
        self._request = 0
        self._now: datetime | None = None
        self.comparison: ScoreComparison | None = None
        self.bars_canvas: QWidget | None = None
        self.radar_canvases: list[QWidget] = []
        self.evidence_dialog: EvidenceDialog | None = None

        self.indicator_box = QComboBox()
        self.indicator_box.setObjectName("scoresIndicator")
        self.indicator_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.indicator_box.setMinimumContentsLength(16)
        self.period_box = QComboBox()
        self.period_box.setObjectName("scoresPeriod")
        self.period_box.setEditable(True)
        self.period_box.setMinimumContentsLength(10)
        self.period_box.setToolTip(
            self.tr("A month (2026-11), a quarter (2026-Q4), a year (2026) or dates (a~b)")
        )
        self.refresh_button = QPushButton(self.tr("Score again"))
        self.refresh_button.setObjectName("scoresRefresh")
        self.message = QLabel()
        self.message.setObjectName("scoresMessage")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Indicator:")))
        top.addWidget(self.indicator_box, stretch=2)
        top.addWidget(QLabel(self.tr("Period:")))
        top.addWidget(self.period_box, stretch=1)
        top.addWidget(self.refresh_button)
        top.addWidget(self.message, stretch=3)

        self.totals = TotalsModel(self)
        self.totals_view = table_view("scoresTotals")
        self.totals_view.setModel(self.totals)
        self.totals_view.horizontalHeader().setStretchLastSection(False)
        for column in (TotalsModel.COL_SAVED, TotalsModel.COL_DIFFERENCE):
            self.totals_view.setColumnHidden(column, True)  # shown with what-if weights
        self.totals_view.setMouseTracking(True)
        self.totals_view.setToolTip(self.tr("Click a number to see the rows behind it"))
        self.weights = WeightsPanel()
        self.weights.setFixedWidth(280)
        upper = QWidget()
        upper_layout = QHBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addWidget(self.totals_view, stretch=1)
        upper_layout.addWidget(self.weights)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("scoresTabs")
        self.bars_area = self._scroll_area("scoresBarsArea")
        self.radar_area = self._scroll_area("scoresRadarArea")
        self.detail = DetailModel(self)
        self.detail_view = table_view("scoresDetail")
        self.detail_view.setModel(self.detail)
        self.detail_title = QLabel()
        self.detail_title.setObjectName("scoresDetailTitle")
        detail_panel = QWidget()
        detail_layout = QVBoxLayout(detail_panel)
        detail_layout.addWidget(self.detail_title)
        detail_layout.addWidget(self.detail_view, stretch=1)
        self.deductions = DeductionsModel(self)
        self.deductions_view = table_view("scoresDeductions")
        self.deductions_view.setModel(self.deductions)
        self.deductions_view.setWordWrap(True)
        self.late = LateTasksModel(self)
        self.late_view = table_view("scoresLateTasks")
        self.late_view.setModel(self.late)
        self.late_view.setWordWrap(True)
        self.tabs.addTab(self.bars_area, self.tr("Points by dimension"))
        self.tabs.addTab(self.radar_area, self.tr("Radar"))
        self.tabs.addTab(detail_panel, self.tr("Department detail"))
        self.tabs.addTab(self.deductions_view, self.tr("Deductions (joint liability)"))
        self.tabs.addTab(self.late_view, self.tr("Attribution of late tasks"))

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(upper)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        self.config_label = QLabel()
        self.config_label.setObjectName("scoresConfig")
        self.config_label.setTextFormat(Qt.TextFormat.PlainText)
        self.config_label.setWordWrap(True)
        self.publish_bar = PublishBar(store, clock=self._clock, parent=self)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.publish_bar)
        layout.addWidget(self.config_label)
        layout.addWidget(splitter, stretch=1)

        self.indicator_box.activated.connect(lambda _i: self.score())
        self.period_box.activated.connect(lambda _i: self.score())
        self.period_box.lineEdit().returnPressed.connect(self.score)
        self.refresh_button.clicked.connect(self.score)
        self.weights.weights_changed.connect(lambda _w: self.score(keep_weights=True))
        self.totals_view.clicked.connect(self._on_totals_clicked)
        self.totals_view.activated.connect(self._on_totals_clicked)
        self.totals_view.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._show_detail(current.row())
        )
        self.detail_view.clicked.connect(self._on_detail_clicked)
        self.detail_view.activated.connect(self._on_detail_clicked)
        operations.signals().data_changed.connect(self._on_data_changed)

    def _scroll_area(self, name: str) -> QScrollArea:
        area = QScrollArea()
        area.setObjectName(name)
        area.setWidgetResizable(True)
        placeholder = QLabel(self.tr("Choose an indicator to see its scores."))
        placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        area.setWidget(placeholder)
        return area

    # -- loading

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._loaded:
            self._loaded = True
            self.publish_bar.load()
            self.reload_indicators()
        elif self._stale:
            self._stale = False
            self.score(keep_weights=True)

    def reload_indicators(self) -> None:
        operations.run_in_background(
            lambda: list_indicators(self._store),
            parent=self,
            on_success=self._on_indicators,
            on_failure=self._refused,
        )

    def _on_indicators(self, indicators: list[IndicatorSummary]) -> None:
        current = self._wanted_indicator or self.indicator_box.currentData()
        self._indicators = list(indicators)
        self.indicator_box.blockSignals(True)
        self.indicator_box.clear()
        for summary in indicators:
            status = labels.indicator_status(summary.status)
            self.indicator_box.addItem(f"{summary.name}（{summary.period}，{status}）", summary.id)
        self.indicator_box.blockSignals(False)
        if not indicators:
            self.message.setText(self.tr("There are no indicators yet."))
            return
        if not (current and self.select_indicator(current)):
            self.select_indicator(indicators[0].id)

    def select_indicator(self, id_or_name: str) -> bool:
        """Choose an indicator (as picking it in the box does) and score it; False if unknown."""
        for row, summary in enumerate(self._indicators):
            if id_or_name in (summary.id, summary.name):
                self._wanted_indicator = None
                self.indicator_box.setCurrentIndex(row)
                self._fill_periods(summary)
                self.score()
                return True
        self._wanted_indicator = id_or_name
        return False

    def _fill_periods(self, summary: IndicatorSummary) -> None:
        self.period_box.blockSignals(True)
        self.period_box.clear()
        self.period_box.addItem(self.tr("All recorded"), "")
        self.period_box.addItem(summary.period, summary.period)
        self.period_box.setCurrentIndex(0)
        self.period_box.blockSignals(False)

    def period(self) -> str | None:
        """The period typed or chosen; None for everything recorded."""
        text = self.period_box.currentText().strip()
        if not text or text == self.period_box.itemText(0):
            return None
        return text

    def current_indicator(self) -> IndicatorSummary | None:
        row = self.indicator_box.currentIndex()
        return self._indicators[row] if 0 <= row < len(self._indicators) else None

    def score(self, keep_weights: bool = False) -> None:
        """Score the chosen indicator and period (with the what-if weights if `keep_weights`)."""
        summary = self.current_indicator()
        if summary is None:
            return
        if self.comparison is None or self.comparison.scores.indicator_id != summary.id:
            keep_weights = False  # another indicator: its own saved weights
            self._fill_periods_if_needed(summary)
        weights = self.weights.weights() if keep_weights and self.weights.is_what_if() else None
        self._request += 1
        request = self._request
        store, period, now = self._store, self.period(), self._clock()
        words = self._chart_words(summary.name)
        from govperf_desktop.ui.fonts import setup_matplotlib_fonts

        setup_matplotlib_fonts()  # imports matplotlib: the first scores need it anyway
        self.message.setText(self.tr("Scoring…"))

        def work() -> _Outcome:
            comparison = compare_scores(store, summary.id, now=now, period=period, weights=weights)
            return _Outcome(comparison, score_figures(comparison, words))

        operations.run_in_background(
            work,
            parent=self,
            on_success=lambda outcome: self._on_scores(request, now, outcome, keep_weights),
            on_failure=lambda error: self._on_refused_scores(request, error),
        )

    def _fill_periods_if_needed(self, summary: IndicatorSummary) -> None:
        if self.period_box.findData(summary.period) < 0:
            self._fill_periods(summary)

    def _chart_words(self, title: str) -> ChartWords:
        return ChartWords(
            title=title,
            value_label=self.tr("Points"),
            dimensions=tuple(dimension_label(code) for code in DIMENSIONS),
            deductions=self.tr("Deductions"),
            radar_title=self.tr("{department}: share of available points"),
        )

    def _on_scores(self, request: int, now: datetime, outcome: _Outcome, kept: bool) -> None:
        if request != self._request:
            return  # a later request is on its way
        comparison = outcome.comparison
        previous = self.comparison
        self.comparison = comparison
        self._now = now
        chosen = self._chosen_department()
        self.weights.set_saved(comparison.saved_weights, keep_what_if=kept)
        self.totals.set_comparison(comparison)
        for column in (TotalsModel.COL_SAVED, TotalsModel.COL_DIFFERENCE):
            self.totals_view.setColumnHidden(column, not comparison.what_if)
        self.deductions.set_results(comparison.scores.departments)
        self.late.set_rows(comparison.scores.late_tasks)
        self.deductions_view.resizeRowsToContents()
        self.late_view.resizeRowsToContents()
        self._show_config(comparison)
        self._show_charts(*outcome.figures)
        row = self._row_of(chosen) if previous is not None else None
        self.totals_view.selectRow(row if row is not None else 0)
        self._show_detail(self.totals_view.currentIndex().row())
        scores = comparison.scores
        self.publish_bar.set_target(scores.indicator_id, scores.indicator, self.period())
        self.message.setText(
            self.tr("{count} department(s) scored; as of {today}.").format(
                count=len(scores.departments), today=scores.today.isoformat()
            )
        )

    def _on_refused_scores(self, request: int, error: GovperfError) -> None:
        if request == self._request:
            self.message.setText("")
            self._refused(error)

    def _show_config(self, comparison: ScoreComparison) -> None:
        scores = comparison.scores
        config = scores.config
        sources = {
            "indicator": self.tr("this indicator's configuration"),
            "organisation": self.tr("the organisation's configuration"),
            "built-in": self.tr("the built-in configuration"),
        }
        source = sources.get(config.source, config.source)
        if config.version:
            source += f" v{config.version}"
        weights = "，".join(
            f"{dimension_label(code)} {config.weights.get(code, 0):g}" for code in DIMENSIONS
        )
        text = self.tr("Window: {window}; status: {status}; weights: {weights} ({source})")
        text = text.format(
            window=scores.window.label if scores.window.start else self.tr("all recorded"),
            status=labels.indicator_status(scores.status),
            weights=weights,
            source=source,
        )
        if comparison.what_if:
            text += self.tr(" — what-if, not saved")
        self.config_label.setText(text)

    def _show_charts(self, bars: Any, radars: tuple[Any, ...]) -> None:
        self.bars_canvas = place_bars(self.bars_area, bars)
        self.radar_canvases = place_radars(self.radar_area, radars, self.tabs.width() - 40)

    # -- a department's detail

    def _chosen_department(self) -> str | None:
        row = self.totals.row_at(self.totals_view.currentIndex().row())
        return row.department_id if row is not None else None

    def _row_of(self, department_id: str | None) -> int | None:
        for row, result in enumerate(self.totals.rows()):
            if result.department_id == department_id:
                return row
        return None

    def _show_detail(self, row: int) -> None:
        result = self.totals.row_at(row)
        if result is None:
            self.detail.set_rows(())
            self.detail_title.setText("")
            return
        self.detail.set_rows(detail_rows(result))
        self.detail_title.setText(
            self.tr("{department}: {total} points (click a number to see its rows)").format(
                department=result.department, total=points(result.total)
            )
        )

    # -- evidence

    def _on_totals_clicked(self, index: QModelIndex) -> None:
        target = index.data(TotalsModel.EvidenceTargetRole)
        result = self.totals.row_at(index.row())
        if target and result is not None:
            self.open_evidence(result, target[0], target[1])

    def _on_detail_clicked(self, index: QModelIndex) -> None:
        target = index.data(DetailModel.EvidenceTargetRole)
        result = self.totals.row_at(self.totals_view.currentIndex().row())
        if target and result is not None:
            self.open_evidence(result, target[0], target[1])

    def open_evidence(self, result: DepartmentResult, kind: str, key: str) -> EvidenceDialog:
        """Show the rows behind a department's total, a dimension or a sub-metric."""
        metrics: list[tuple[str, str]] = []
        value = result.total
        what = self.tr("total")
        for dimension in result.dimensions:
            if kind == "dimension" and dimension.dimension == key:
                value, what = dimension.points, dimension_label(key)
            for metric in dimension.metrics:
                if kind == "metric" and metric.metric == key:
                    value, what = metric.points, metric_label(key)
                if (
                    kind == "total"
                    or (kind == "dimension" and dimension.dimension == key)
                    or (kind == "metric" and metric.metric == key)
                ):
                    label = metric_label(metric.metric)
                    if kind == "total":
                        label = f"{dimension_label(dimension.dimension)} · {label}"
                    metrics.append((metric.metric, label))
        scores = self.comparison.scores if self.comparison else None
        heading = self.tr("{department} — {what}: {value} points ({indicator})").format(
            department=result.department,
            what=what,
            value=points(value),
            indicator=scores.indicator if scores else "",
        )
        if self.evidence_dialog is not None:
            self.evidence_dialog.close()
            self.evidence_dialog.deleteLater()
        dialog = EvidenceDialog(
            self._store,
            indicator_id=scores.indicator_id if scores else "",
            department=result.department_id,
            period=self.period(),
            metrics=metrics,
            heading=heading,
            now=self._now or self._clock(),
            parent=self,
        )
        dialog.setWindowFlag(Qt.WindowType.Window, True)
        self.evidence_dialog = dialog
        dialog.show()
        return dialog

    # -- other pages' changes and refusals

    def _on_data_changed(self, _result: object) -> None:
        self._stale = True
        if self.isVisible():
            self._stale = False
            self.score(keep_weights=True)

    def _refused(self, error: GovperfError) -> None:
        feedback.show_error(self, feedback.error_message(error))

    def what_if_weights(self) -> Mapping[str, float]:
        return self.weights.weights()
