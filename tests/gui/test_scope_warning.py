"""After “Test connection” found the token's scopes, a placement whose scope is missing gets a
warning beside the placement before anything is sent."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QLabel
from pytestqt.qtbot import QtBot

from b24admin.core.profile_service import ProfileService
from b24admin.core.profiles import Profile
from b24admin.gui.dialogs import RecordingDialogs
from b24admin.gui.error_dialog import ErrorDialog
from b24admin.gui.form.placement_combo import CODE_ROLE
from b24admin.sandbox import SandboxPortal
from tests.gui.conftest import WindowFactory, save_sandbox_profile
from tests.gui.form_filling import child, fill_minimal_sidebar


def profile_without_im(sandbox: SandboxPortal, service: ProfileService) -> Profile:
    app = sandbox.register_app("local.noim.1", scopes=("placement", "crm", "user"))
    tokens = sandbox.issue_tokens(app.client_id)
    return save_sandbox_profile(service, sandbox, "no-im", app, tokens)


def test_a_placement_whose_scope_the_check_found_missing_is_warned_before_sending(
    qtbot: QtBot, sandbox: SandboxPortal, service: ProfileService, make_window: WindowFactory
) -> None:
    profile = profile_without_im(sandbox, service)
    window = make_window()
    assert window.connection.current_profile_name() == profile.name
    form = window.form
    combo = child(form, QComboBox, "placementCombo")
    combo.setCurrentIndex(combo.findData("IM_SIDEBAR", CODE_ROLE))
    label = child(form, QLabel, "problem_placementCombo")
    assert not any(p.field == "PLACEMENT" for p in form.problems())  # scopes not known yet

    window.connection.test_button.click()
    qtbot.waitUntil(
        lambda: window.findChild(QDialog, "connectionReport") is not None, timeout=10_000
    )
    qtbot.waitUntil(label.isVisible)
    assert label.property("severity") == "warning"
    assert "“im”" in label.text() and "Local application" in label.text()
    methods = [c.method for c in sandbox.received]
    assert "placement.bind" not in methods

    # A placement of a granted scope, or a global one, says nothing.
    combo.setCurrentIndex(combo.findData("LEFT_MENU", CODE_ROLE))
    qtbot.waitUntil(lambda: not any(p.field == "PLACEMENT" for p in form.problems()))


def test_a_refused_bind_names_the_missing_scope_in_the_error_dialog(
    qtbot: QtBot,
    sandbox: SandboxPortal,
    service: ProfileService,
    make_window: WindowFactory,
    dialogs: RecordingDialogs,
) -> None:
    profile_without_im(sandbox, service)
    window = make_window()
    window.connection.test_button.click()
    qtbot.waitUntil(
        lambda: window.findChild(QDialog, "connectionReport") is not None, timeout=10_000
    )
    qtbot.waitUntil(lambda: window.form.granted_scopes is not None)
    fill_minimal_sidebar(window.form)
    qtbot.waitUntil(window.form.bind_button.isEnabled)  # a warning does not block Bind
    window.form.bind_button.click()
    qtbot.waitUntil(lambda: bool(dialogs.of_type(ErrorDialog)), timeout=10_000)
    [dialog] = dialogs.of_type(ErrorDialog)
    assert isinstance(dialog, ErrorDialog)
    assert dialog.error.code == "ERROR_PLACEMENT_NOT_FOUND"  # the sandbox refused it, as portals do
    assert "“im”" in dialog.error.summary and "IM_SIDEBAR" in dialog.error.summary
    assert "Local application" in dialog.error.advice
