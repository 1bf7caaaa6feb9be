"""The seams between the window and its parts: the manage views run on a small services object
(no main window needed), the bind flow takes its interceptor at construction, and every part
that talks to a portal gets its client from the window's one client factory."""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow, QPushButton
from pytestqt.qtbot import QtBot

import b24admin.gui.manage
from b24admin.core.bind_request import BindRequest
from b24admin.core.catalogue import Catalogue
from b24admin.core.client import PortalClient
from b24admin.core.profile_service import ProfileService
from b24admin.core.profiles import Profile
from b24admin.gui.bind_flow import BindFlow
from b24admin.gui.dialogs import RecordingDialogs
from b24admin.gui.form.bind_form import BindForm
from b24admin.gui.manage import attach_manage_views
from b24admin.gui.manage.services import ManageServices
from b24admin.gui.workers import JobRunner
from b24admin.sandbox import SandboxApp, SandboxPortal, TokenPair
from tests.gui.conftest import WindowFactory, fast_client_factory
from tests.gui.form_filling import bind, child
from tests.gui.manage_support import refresh, seed, shown_widgets

MENU = BindRequest(placement="LEFT_MENU", handler="https://app.example.com/menu", title="Menu")
SEEDED_FIRST = BindRequest(placement="LEFT_MENU", handler="https://app.example.com/first")
CALL_TIMEOUT_MS = 20_000


class RecordingFactory:
    """A real client factory that notes whom each client was made for."""

    def __init__(self) -> None:
        self.made_for: list[str] = []
        self._real = fast_client_factory()

    def __call__(self, profile: Profile, service: ProfileService, /) -> PortalClient:
        self.made_for.append(profile.name)
        client = self._real(profile, service)
        assert isinstance(client, PortalClient)
        return client


class HostSignals(QObject):
    """What a host other than the main window would emit."""

    profileChanged = Signal()
    bindFinished = Signal(object)


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[JobRunner]:
    jobs = JobRunner()
    yield jobs
    assert jobs.wait_for_done(CALL_TIMEOUT_MS), "a job outlived its test"


def test_gui_manage_imports_nothing_from_the_main_window() -> None:
    package = Path(b24admin.gui.manage.__file__).parent
    imported: set[str] = set()
    for module in package.glob("*.py"):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                imported.add(node.module)
            elif isinstance(node, ast.Import):
                imported.update(alias.name for alias in node.names)
    assert "b24admin.gui.bind_flow" not in imported
    assert not any(name.startswith("b24admin.gui.main_window") for name in imported)


def test_manage_views_list_the_portal_in_a_bare_main_window(
    qtbot: QtBot,
    runner: JobRunner,
    service: ProfileService,
    sandbox_profile: Profile,
    sandbox: SandboxPortal,
    sandbox_app: SandboxApp,
    sandbox_tokens: TokenPair,
    catalogue: Catalogue,
) -> None:
    seed(sandbox, sandbox_app, sandbox_tokens, [MENU])
    host = QMainWindow()
    qtbot.addWidget(host)
    signals = HostSignals()
    current: list[Profile | None] = [sandbox_profile]
    factory = RecordingFactory()
    services = ManageServices(
        host=host,
        runner=runner,
        dialogs=RecordingDialogs(),
        service=service,
        client_factory=factory,
        current_profile=lambda: current[0],
        catalogue=lambda: catalogue,
        form=lambda: BindForm(catalogue, host),
        profile_changed=(signals.profileChanged,),
        bind_finished=signals.bindFinished,
    )

    views = attach_manage_views(services)
    views.build()
    refresh(views, qtbot)

    assert [w.handler for w in shown_widgets(views)] == [MENU.handler]
    assert set(factory.made_for) == {sandbox_profile.name}
    assert views.installed_dock.parent() is host

    current[0] = None  # the host says its profile went away: the list empties
    signals.profileChanged.emit()
    assert shown_widgets(views) == []
    assert not child(views.panel, QPushButton, "refreshButton").isEnabled()


class Decider:
    """A bind decider that records what placement.get showed it and takes over or not."""

    def __init__(self, taken: bool) -> None:
        self.taken = taken
        self.offered: list[tuple[BindRequest, list[Mapping[str, Any]]]] = []

    def decide(
        self,
        form: BindForm,
        profile: Profile,
        service: ProfileService,
        request: BindRequest,
        entries: list[Mapping[str, Any]],
    ) -> bool:
        self.offered.append((request, entries))
        return self.taken

    def replace(
        self, form: BindForm, profile: Profile, service: ProfileService, request: BindRequest
    ) -> None:
        raise AssertionError("not offered here")


@pytest.mark.parametrize("taken", [True, False])
def test_the_bind_flow_shows_its_decider_what_the_portal_has_first(
    taken: bool,
    qtbot: QtBot,
    runner: JobRunner,
    service: ProfileService,
    sandbox_profile: Profile,
    sandbox: SandboxPortal,
    sandbox_app: SandboxApp,
    sandbox_tokens: TokenPair,
    catalogue: Catalogue,
) -> None:
    seed(sandbox, sandbox_app, sandbox_tokens, [SEEDED_FIRST])
    host = QMainWindow()
    qtbot.addWidget(host)
    form = BindForm(catalogue, host)
    decider = Decider(taken)
    flow = BindFlow(
        host,
        runner,
        RecordingDialogs(),
        fast_client_factory(),
        lambda _profile: None,
        decider=decider,
    )
    if taken:
        flow.start(form, sandbox_profile, service, MENU)
        qtbot.waitUntil(lambda: bool(decider.offered), timeout=CALL_TIMEOUT_MS)
        assert not flow.running  # taken over: the flow sent nothing and holds nothing
    else:
        with qtbot.waitSignal(flow.finished, timeout=CALL_TIMEOUT_MS):
            flow.start(form, sandbox_profile, service, MENU)

    ((request, entries),) = decider.offered
    assert request == MENU and [e["handler"] for e in entries] == [SEEDED_FIRST.handler]
    bound = sorted(b["handler"] for b in sandbox.bindings(sandbox_app.client_id))
    assert bound == sorted([SEEDED_FIRST.handler, *([] if taken else [MENU.handler])])


def test_bind_refresh_check_and_curl_all_get_their_client_from_the_window_factory(
    make_window: WindowFactory, sandbox_profile: Profile, qtbot: QtBot
) -> None:
    factory = RecordingFactory()
    window = make_window(client_factory=factory, dialogs=RecordingDialogs(confirm_answer=True))
    window.form.set_request(MENU)

    qtbot.waitUntil(lambda: window.manage.model.loaded)  # the list loads itself
    made = len(factory.made_for)
    with qtbot.waitSignal(window.manage.refreshed, timeout=CALL_TIMEOUT_MS):
        bind(window, qtbot)  # placement.get, the bind, and the list read again
    assert len(factory.made_for) == made + 3
    made = len(factory.made_for)

    refresh(window.manage, qtbot)
    assert len(factory.made_for) == made + 1

    child(window, QPushButton, "testConnectionButton").click()
    qtbot.waitUntil(lambda: window.findChild(QObject, "connectionReport") is not None)
    assert len(factory.made_for) == made + 2

    QGuiApplication.clipboard().clear()
    window.form.preview.copy_secrets_action.trigger()
    qtbot.waitUntil(lambda: "curl" in QGuiApplication.clipboard().text())
    assert len(factory.made_for) == made + 3
    assert set(factory.made_for) == {sandbox_profile.name}
