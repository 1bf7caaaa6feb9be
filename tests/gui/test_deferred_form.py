"""The app's start-up order: the window's first frame first, the bind form right after it."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from b24admin.core.bind_request import BindRequest
from b24admin.core.drafts import DraftStore
from b24admin.core.profile_service import ProfileService
from b24admin.core.profiles import AuthKind, Profile
from b24admin.core.secrets import SecretKind
from b24admin.gui.dialogs import RecordingDialogs
from b24admin.gui.form.bind_form import BindForm
from b24admin.gui.main_window import MainWindow

DRAFT = BindRequest(placement="LEFT_MENU", handler="https://app.example.com/menu", title="Desk")


def _saved_profile_with_draft(service: ProfileService) -> None:
    profile = Profile(
        name="Prod", auth=AuthKind.OAUTH, portal_url="https://x.bitrix24.com", client_id="local.1.2"
    )
    service.save(
        profile,
        {
            SecretKind.CLIENT_SECRET: "s",
            SecretKind.ACCESS_TOKEN: "a",
            SecretKind.REFRESH_TOKEN: "r",
        },
    )
    DraftStore().save("Prod", DRAFT)


def test_form_is_built_after_the_first_frame_with_the_profile_draft_in_it(
    qtbot: QtBot, service: ProfileService
) -> None:
    _saved_profile_with_draft(service)
    window = MainWindow(service=service, dialogs=RecordingDialogs(), defer_form=True)
    qtbot.addWidget(window)
    assert window.findChild(BindForm) is None  # nothing built before the window is up
    assert window.connection.current_profile_name() == "Prod"
    with qtbot.waitSignal(window.formReady, timeout=10_000):
        window.show()
    assert window.findChild(BindForm) is window.form
    assert window.form.request().handler == DRAFT.handler
    assert window.form.request().title == "Desk"


def test_asking_for_the_form_before_the_first_frame_builds_it_at_once(
    qtbot: QtBot, service: ProfileService
) -> None:
    _saved_profile_with_draft(service)
    window = MainWindow(service=service, dialogs=RecordingDialogs(), defer_form=True)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.formReady, timeout=1_000):
        form = window.form
    assert form.request().placement == "LEFT_MENU"  # the pending draft was applied
    with qtbot.assertNotEmitted(window.formReady):  # the first frame builds nothing more
        window.show()
        qtbot.waitExposed(window)
