"""First run: the data folder has no store yet. Create one for this installation, or join an
organisation (write an enrolment request, then import the node certificate the central office
sends back). Either way the administrator account is created and logged in.

Every step runs off the UI thread (init hashes the password with scrypt; enrolment makes
keys). A refusal is shown in the dialog and nothing typed is lost.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from govperf_desktop.domain.errors import GovperfError, ValidationError
from govperf_desktop.services.accounts import LoggedIn, login
from govperf_desktop.services.admin import AdminSetup, init_installation, open_installation
from govperf_desktop.services.enrolment import accept_certificate, request_enrolment
from govperf_desktop.ui.feedback import error_message
from govperf_desktop.ui.operations import run_in_background

ROLES = ("central", "department", "evaluator")


def choose_folder(parent: QWidget, title: str) -> str:
    """Where to write the enrolment request (a hook tests replace)."""
    return QFileDialog.getExistingDirectory(parent, title)


def choose_certificate(parent: QWidget, title: str) -> str:
    """The node certificate file from the central office (a hook tests replace)."""
    path, _ = QFileDialog.getOpenFileName(parent, title, "", "JSON (*.json);;* (*)")
    return path


def _password_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


class FirstRunDialog(QDialog):
    """Creates the store in `directory`; `logged_in` is the administrator once accepted."""

    def __init__(self, directory: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.directory = directory
        self.logged_in: LoggedIn | None = None
        self.created = False
        self.setObjectName("firstRunDialog")
        self.setWindowTitle(self.tr("Set up this installation"))
        intro = QLabel(
            self.tr(
                "There is no store in {0} yet. Create one for this installation, or join an "
                "organisation whose central office will send you a node certificate."
            ).format(str(directory))
        )
        intro.setWordWrap(True)
        self.create_mode = QRadioButton(self.tr("Create a store for this installation"))
        self.join_mode = QRadioButton(self.tr("Join an organisation"))
        self.create_mode.setChecked(True)
        modes = QButtonGroup(self)
        modes.addButton(self.create_mode)
        modes.addButton(self.join_mode)
        self.join_mode.toggled.connect(self._on_mode)

        self.node_name = QLineEdit()
        self.node_name.setObjectName("nodeName")
        self.role = QComboBox()
        for role, label in zip(
            ROLES,
            (self.tr("central office"), self.tr("department"), self.tr("evaluator")),
            strict=True,
        ):
            self.role.addItem(label, role)
        self.department = QLineEdit()
        self.department.setObjectName("department")
        installation = QGroupBox(self.tr("Installation"))
        form = QFormLayout(installation)
        form.addRow(self.tr("Name"), self.node_name)
        form.addRow(self.tr("Role"), self.role)
        form.addRow(self.tr("Department"), self.department)

        self.admin_account = QLineEdit()
        self.admin_account.setObjectName("adminAccount")
        self.admin_person = QLineEdit()
        self.admin_person.setObjectName("adminPerson")
        self.admin_password = _password_field()
        self.admin_password.setObjectName("adminPassword")
        self.admin_repeat = _password_field()
        self.admin_repeat.setObjectName("adminRepeat")
        admin = QGroupBox(self.tr("Administrator account"))
        form = QFormLayout(admin)
        self._admin_form = form
        form.addRow(self.tr("Account name"), self.admin_account)
        form.addRow(self.tr("Your name"), self.admin_person)
        self.admin_person.setToolTip(
            self.tr("At the central office the administrator is also a person of the store.")
        )
        form.addRow(self.tr("Password"), self.admin_password)
        form.addRow(self.tr("Password again"), self.admin_repeat)

        self.key_passphrase = _password_field()
        self.key_passphrase.setObjectName("keyPassphrase")
        self.request_button = QPushButton(self.tr("1. Write the enrolment request…"))
        self.request_button.setObjectName("writeRequest")
        self.certificate_button = QPushButton(self.tr("2. Import the node certificate…"))
        self.certificate_button.setObjectName("importCertificate")
        self.certificate_button.setEnabled(False)
        self.request_button.clicked.connect(self.write_request)
        self.certificate_button.clicked.connect(self.import_certificate)
        self.join_box = QGroupBox(self.tr("Enrolment"))
        form = QFormLayout(self.join_box)
        form.addRow(self.tr("Key passphrase"), self.key_passphrase)
        steps = QHBoxLayout()
        steps.addWidget(self.request_button)
        steps.addWidget(self.certificate_button)
        form.addRow(steps)
        self.join_box.setVisible(False)

        self.message = QLabel()
        self.message.setObjectName("firstRunMessage")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Create"))
        self.buttons.accepted.connect(self.finish)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.create_mode)
        layout.addWidget(self.join_mode)
        layout.addWidget(installation)
        layout.addWidget(admin)
        layout.addWidget(self.join_box)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)
        self.role.currentIndexChanged.connect(self._on_role)

    def _on_role(self, _index: int = 0) -> None:
        """Only the central office makes its administrator a person: elsewhere the people
        come from the central office and the account is linked to one later."""
        self._admin_form.setRowVisible(self.admin_person, self.role.currentData() == "central")

    # --- input -----------------------------------------------------------------------------

    def _on_mode(self, joining: bool) -> None:
        self.join_box.setVisible(joining)
        self.ok_button.setText(self.tr("Finish") if joining else self.tr("Create"))
        self.ok_button.setEnabled(not joining or self.created)
        if joining and self.role.currentData() == "central":
            self.role.setCurrentIndex(ROLES.index("department"))

    def _setup(self) -> tuple[str, str, str | None, AdminSetup]:
        if self.admin_password.text() != self.admin_repeat.text():
            raise ValidationError(self.tr("The two passwords differ."))
        role = str(self.role.currentData())
        if self.join_mode.isChecked() and role == "central":
            raise ValidationError(
                self.tr("The central office creates the organisation; it does not join one.")
            )
        department = self.department.text().strip() or None
        admin = AdminSetup(
            self.admin_account.text().strip(),
            self.admin_password.text(),
            self.admin_person.text().strip() if role == "central" else None,
            department,
        )
        return self.node_name.text().strip(), role, department, admin

    def _busy(self, busy: bool, text: str = "") -> None:
        for widget in (self.buttons, self.request_button, self.create_mode, self.join_mode):
            widget.setEnabled(not busy)
        if not busy:
            self.certificate_button.setEnabled(self.created)
            self.request_button.setEnabled(not self.created)
            self.ok_button.setEnabled(self.create_mode.isChecked() or self.created)
        self.message.setText(text)

    def _refused(self, error: GovperfError) -> None:
        self.message.setText(error_message(error))

    def _done(self) -> None:
        self._busy(False, self.message.text())

    # --- steps -----------------------------------------------------------------------------

    def _create(self, setup: tuple[str, str, str | None, AdminSetup]) -> LoggedIn:
        """On the worker: the store with its administrator, then log the administrator in."""
        node_name, role, department, admin = setup
        now = datetime.now(UTC)
        init_installation(
            self.directory, node_name=node_name, role=role, department=department, admin=admin
        )
        store = open_installation(self.directory)
        try:
            return login(store, admin.account, admin.password, now=now)
        finally:
            store.close()

    def finish(self) -> None:
        """Create mode: make the store; join mode: done (the certificate may come later)."""
        if self.created:
            self.accept()
            return
        try:
            setup = self._setup()
        except GovperfError as error:
            self._refused(error)
            return
        self._busy(True, self.tr("Creating the store…"))
        run_in_background(
            lambda: self._create(setup),
            parent=self,
            on_success=self._on_created_and_accept,
            on_failure=self._refused,
            on_finished=self._done,
        )

    def _on_created_and_accept(self, user: LoggedIn) -> None:
        self.created = True
        self.logged_in = user
        self.accept()

    def write_request(self) -> None:
        """Join mode, step 1: create the store and keys, write the request file."""
        try:
            setup = self._setup()
        except GovperfError as error:
            self._refused(error)
            return
        passphrase = self.key_passphrase.text()
        folder = choose_folder(self, self.tr("Where to write the enrolment request"))
        if not folder:
            return

        def work() -> tuple[LoggedIn, Path]:
            user = self._create(setup)
            store = open_installation(self.directory)
            try:
                path = request_enrolment(
                    store, Path(folder), passphrase=passphrase, now=datetime.now(UTC)
                )
            finally:
                store.close()
            return user, path

        self._busy(True, self.tr("Creating the store and this installation's keys…"))
        run_in_background(
            work,
            parent=self,
            on_success=self._on_request,
            on_failure=self._refused,
            on_finished=self._done,
        )

    def _on_request(self, outcome: tuple[LoggedIn, Path]) -> None:
        self.logged_in, path = outcome
        self.created = True
        self.message.setText(
            self.tr(
                "Request written to {0}. Send it to the central office; import the node "
                "certificate it sends back (now or later)."
            ).format(str(path))
        )

    def import_certificate(self) -> None:
        """Join mode, step 2: install the certificate the central office signed."""
        path = choose_certificate(self, self.tr("The node certificate"))
        if not path:
            return
        passphrase = self.key_passphrase.text()

        def work():  # type: ignore[no-untyped-def]
            store = open_installation(self.directory)
            try:
                return accept_certificate(
                    store, Path(path), passphrase=passphrase, now=datetime.now(UTC)
                )
            finally:
                store.close()

        self._busy(True, self.tr("Checking the certificate…"))
        run_in_background(
            work,
            parent=self,
            on_success=self._on_enrolled,
            on_failure=self._refused,
            on_finished=self._done,
        )

    def _on_enrolled(self, view) -> None:  # type: ignore[no-untyped-def]
        self.message.setText(
            self.tr("Enrolled as {0}; the organisation's root key is {1}.").format(
                view.node_name, view.root_fingerprint
            )
        )
