"""The what-if weights panel of the scores page: one spin box per dimension, nothing saved.

The boxes start at the saved configuration's weights. When the four add up to 100 the panel
asks (after a short pause, so typing 35 does not recompute at 3) for the scores with those
weights through `weights_changed`; otherwise it says what they add up to and waits. "Reset"
puts the saved weights back.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from govperf_desktop.services.score_views import DIMENSIONS
from govperf_desktop.ui.pages.scores_models import dimension_label

DEBOUNCE_MS = 300
TOTAL = 100.0


class WeightsPanel(QGroupBox):
    """Spin boxes for the dimension weights; emits the weights to score with."""

    weights_changed = Signal(object)  # dict[str, float]: the weights to score with

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("weightsPanel")
        self.setTitle(self.tr("What-if weights"))
        self._saved: dict[str, float] = {}
        self.boxes: dict[str, QDoubleSpinBox] = {}
        form = QFormLayout()
        for code in DIMENSIONS:
            box = QDoubleSpinBox()
            box.setObjectName(f"weight_{code}")
            box.setRange(0.0, TOTAL)
            box.setDecimals(1)
            box.setSingleStep(5.0)
            box.setEnabled(False)
            box.valueChanged.connect(self._on_value_changed)
            self.boxes[code] = box
            form.addRow(dimension_label(code), box)
        self.sum_label = QLabel()
        self.sum_label.setObjectName("weightsSum")
        self.sum_label.setWordWrap(True)
        self.state_label = QLabel()
        self.state_label.setObjectName("weightsState")
        self.state_label.setWordWrap(True)
        self.reset_button = QPushButton(self.tr("Reset to saved weights"))
        self.reset_button.setObjectName("weightsReset")
        self.reset_button.setEnabled(False)
        self.reset_button.clicked.connect(self.reset)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.sum_label)
        layout.addWidget(self.state_label)
        layout.addWidget(self.reset_button)
        layout.addStretch(1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._emit)

    # -- state

    def set_saved(self, weights: Mapping[str, float], *, keep_what_if: bool = False) -> None:
        """The saved configuration's weights; the boxes show them unless `keep_what_if`."""
        self._saved = {code: float(weights.get(code, 0.0)) for code in DIMENSIONS}
        if not keep_what_if:
            self._set_values(self._saved)
        for box in self.boxes.values():
            box.setEnabled(True)
        self._describe()

    def weights(self) -> dict[str, float]:
        return {code: box.value() for code, box in self.boxes.items()}

    def saved_weights(self) -> dict[str, float]:
        return dict(self._saved)

    def is_what_if(self) -> bool:
        return bool(self._saved) and any(
            abs(value - self._saved[code]) > 1e-9 for code, value in self.weights().items()
        )

    def reset(self) -> None:
        """Put the saved weights back and score with them."""
        if not self._saved:
            return
        self._set_values(self._saved)
        self._describe()
        self._timer.stop()
        self.weights_changed.emit(dict(self._saved))

    def _set_values(self, weights: Mapping[str, float]) -> None:
        for code, box in self.boxes.items():
            box.blockSignals(True)
            box.setValue(weights[code])
            box.blockSignals(False)

    def _sum(self) -> float:
        return round(sum(self.weights().values()), 6)

    def _describe(self) -> None:
        total = self._sum()
        if abs(total - TOTAL) > 1e-6:
            self.sum_label.setText(
                self.tr("The weights add up to {total}; they must add up to 100.").format(
                    total=f"{total:g}"
                )
            )
            self.sum_label.setStyleSheet("color: #c62828;")
        else:
            self.sum_label.setText(self.tr("The weights add up to 100."))
            self.sum_label.setStyleSheet("")
        what_if = self.is_what_if()
        self.reset_button.setEnabled(what_if)
        saved = " / ".join(f"{self._saved[code]:g}" for code in DIMENSIONS) if self._saved else ""
        if what_if:
            self.state_label.setText(
                self.tr(
                    "What-if: not saved. Differences are against the saved weights ({saved})."
                ).format(saved=saved)
            )
        else:
            self.state_label.setText(
                self.tr("The saved configuration's weights ({saved}).").format(saved=saved)
            )

    def _on_value_changed(self, _value: float) -> None:
        self._describe()
        if abs(self._sum() - TOTAL) <= 1e-6:
            self._timer.start()
        else:
            self._timer.stop()

    def _emit(self) -> None:
        self.weights_changed.emit(self.weights())
