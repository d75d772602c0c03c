"""The login dialog: account name and password, checked off the UI thread.

Shown at start on an installation that has accounts, and again by the idle lock (then with
the account fixed: only its own user unlocks). A refusal (wrong password, locked, disabled)
is shown inside the dialog; the name stays, the password field is cleared. The password is
never kept after the check: it lives only in the field and the background call.

At start the dialog may be shown while the store is still opening (`ui/startup.PendingStore`):
the check then waits for it in the background. The account services are imported there too,
so showing the dialog does not wait for SQLAlchemy.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from govperf_desktop.domain.errors import GovperfError
from govperf_desktop.ui.feedback import error_message
from govperf_desktop.ui.operations import run_in_background
from govperf_desktop.ui.startup import PendingStore, open_store_of

if TYPE_CHECKING:
    from govperf_desktop.services.accounts import LoggedIn
    from govperf_desktop.services.admin import Store


def _login(store: Store | PendingStore, name: str, password: str) -> LoggedIn:
    """The login check, run in the background (after the store has opened, if it is opening)."""
    from govperf_desktop.services.accounts import login

    return login(open_store_of(store), name, password, now=datetime.now(UTC))


class LoginDialog(QDialog):
    """Asks for an account and its password; `logged_in` holds the result once accepted."""

    def __init__(
        self,
        store: Store | PendingStore,
        parent: QWidget | None = None,
        *,
        account: str | None = None,
        node_name: str | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self.logged_in: LoggedIn | None = None
        self._busy = False
        self.setObjectName("loginDialog")
        locked = account is not None
        self.setWindowTitle(self.tr("Locked") if locked else self.tr("Log in"))
        intro = QLabel(
            self.tr("The window was locked after a time without use. Enter your password.")
            if locked
            else self.tr("Log in to {0}.").format(node_name)
            if node_name
            else self.tr("Log in.")
        )
        intro.setWordWrap(True)
        self.account = QLineEdit(account or "")
        self.account.setObjectName("loginAccount")
        self.account.setReadOnly(locked)
        self.password = QLineEdit()
        self.password.setObjectName("loginPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel()
        self.message.setObjectName("loginMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form = QFormLayout()
        form.addRow(self.tr("Account"), self.account)
        form.addRow(self.tr("Password"), self.password)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("Unlock") if locked else self.tr("Log in")
        )
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Quit"))
        self.buttons.accepted.connect(self.try_login)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        (self.password if locked or account else self.account).setFocus()
        self.setMinimumWidth(360)

    def try_login(self) -> None:
        """Check the name and password in the background; accept on success."""
        if self._busy:
            return
        name, password = self.account.text().strip(), self.password.text()
        if not name or not password:
            self.message.setText(self.tr("Enter the account name and the password."))
            return
        self._busy = True
        self.buttons.setEnabled(False)
        self.message.setText(self.tr("Checking…"))
        store = self._store
        run_in_background(
            lambda: _login(store, name, password),
            parent=self,
            on_success=self._on_success,
            on_failure=self._on_failure,
            on_finished=self._on_finished,
        )

    def _on_finished(self) -> None:
        self._busy = False
        self.buttons.setEnabled(True)

    def _on_success(self, result: LoggedIn) -> None:
        if self.account.isReadOnly() and result.account != self.account.text().strip():
            return
        self.logged_in = result
        self.password.clear()
        self.message.clear()
        self.accept()

    def _on_failure(self, error: GovperfError) -> None:
        self.password.clear()
        self.password.setFocus()
        self.message.setText(error_message(error))


class ChangePasswordDialog(QDialog):
    """The logged-in user changes their own password (the old one is checked like a login)."""

    def __init__(
        self, store: Store | PendingStore, account: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._account = account
        self.setObjectName("changePasswordDialog")
        self.setWindowTitle(self.tr("Change password"))
        self.old = QLineEdit()
        self.new = QLineEdit()
        self.repeat = QLineEdit()
        for field in (self.old, self.new, self.repeat):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        form = QFormLayout()
        form.addRow(self.tr("Account"), QLabel(account))
        form.addRow(self.tr("Current password"), self.old)
        form.addRow(self.tr("New password"), self.new)
        form.addRow(self.tr("New password again"), self.repeat)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.change)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(360)

    def change(self) -> None:
        if self.new.text() != self.repeat.text():
            self.message.setText(self.tr("The two new passwords differ."))
            return
        store, name = self._store, self._account
        old, new = self.old.text(), self.new.text()
        self.buttons.setEnabled(False)

        def change() -> None:
            from govperf_desktop.services.accounts import change_own_password

            change_own_password(
                open_store_of(store),
                name=name,
                old_password=old,
                new_password=new,
                now=datetime.now(UTC),
            )

        run_in_background(
            change,
            parent=self,
            on_success=self._on_changed,
            on_failure=self._on_refused,
            on_finished=self._on_finished,
        )

    def _on_changed(self, _result: object) -> None:
        self.accept()

    def _on_refused(self, error: GovperfError) -> None:
        self.old.clear()
        self.message.setText(error_message(error))

    def _on_finished(self) -> None:
        self.buttons.setEnabled(True)
