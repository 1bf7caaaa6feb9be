"""``b24admin export`` and ``b24admin sync`` in-process against the sandbox over real HTTP."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest

from b24admin.cli_sync import describe_result, exit_code
from b24admin.core.bind_request import BindRequest
from b24admin.core.errors import B24Error
from b24admin.core.manifest import Manifest
from b24admin.core.sync import Action, ItemResult, Outcome, PlanItem, SyncReport
from b24admin.sandbox import Fault, SandboxPortal
from tests.integration.cli_support import Cli, demo_app_secrets
from tests.integration.sync_support import APP, manifest_of, menu_items, varied_bindings


class Terminal(io.StringIO):
    """Standard input that is a terminal: sync may ask there."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def cli(config_dir: Path) -> Cli:
    return Cli(config_dir)


@pytest.fixture
def profile(cli: Cli, sandbox: SandboxPortal) -> str:
    return cli.add_profile("sbx", sandbox, demo_app_secrets(sandbox))


@pytest.fixture
def manifest_file(tmp_path: Path) -> Path:
    path = tmp_path / "widgets.json"
    manifest_of(menu_items(3)).save(path)
    return path


def sent_batches(sandbox: SandboxPortal) -> int:
    return sum(1 for c in sandbox.received if c.method == "batch")


def handlers(sandbox: SandboxPortal) -> list[str]:
    return [b["handler"] for b in sandbox.bindings(sandbox.app().client_id)]


def test_sync_with_yes_applies_and_prints_every_outcome(
    cli: Cli, profile: str, manifest_file: Path, sandbox: SandboxPortal
) -> None:
    assert cli("sync", "--profile", profile, str(manifest_file), "--yes") == 0, cli.stderr
    assert f"+ LEFT_MENU → {APP}/menu?n=1" in cli.stdout
    assert "Plan: 3 to add, 0 to change, 0 to remove, 0 unchanged." in cli.stdout
    assert f"applied   add    LEFT_MENU → {APP}/menu?n=3" in cli.stdout
    assert "Result: 3 applied." in cli.stdout
    assert handlers(sandbox) == [f"{APP}/menu?n={n}" for n in (1, 2, 3)]

    assert cli("sync", "--profile", profile, str(manifest_file), "--yes") == 0
    assert "Nothing to do" in cli.stdout and "3 unchanged" in cli.stdout
    assert sent_batches(sandbox) == 1


def test_dry_run_prints_the_plan_and_sends_nothing(
    cli: Cli, profile: str, manifest_file: Path, sandbox: SandboxPortal
) -> None:
    assert cli("sync", "--profile", profile, str(manifest_file), "--dry-run") == 0
    assert sum(line.startswith("+ LEFT_MENU") for line in cli.stdout.splitlines()) == 3
    assert "Dry run: nothing was sent." in cli.stdout
    assert sent_batches(sandbox) == 0 and handlers(sandbox) == []


def test_without_yes_and_without_a_terminal_sync_refuses_with_exit_2(
    cli: Cli, profile: str, manifest_file: Path, sandbox: SandboxPortal
) -> None:
    assert cli("sync", "--profile", profile, str(manifest_file)) == 2
    assert "--yes" in cli.stderr
    assert sent_batches(sandbox) == 0


def test_on_a_terminal_sync_asks_and_sends_only_after_yes(
    cli: Cli, profile: str, manifest_file: Path, sandbox: SandboxPortal
) -> None:
    assert cli("sync", "--profile", profile, str(manifest_file), stdin=Terminal("n\n")) == 0
    assert "Send 3 changes to “sbx”? [y/N]" in cli.stdout
    assert "Nothing was sent." in cli.stdout
    assert sent_batches(sandbox) == 0

    assert cli("sync", "--profile", profile, str(manifest_file), stdin=Terminal("y\n")) == 0
    assert "Result: 3 applied." in cli.stdout
    assert len(handlers(sandbox)) == 3


def test_prune_removes_only_what_the_manifest_lacks(
    cli: Cli, profile: str, sandbox: SandboxPortal, tmp_path: Path
) -> None:
    everything, fewer = tmp_path / "all.json", tmp_path / "fewer.json"
    manifest_of(menu_items(3)).save(everything)
    manifest_of(menu_items(3)[:1]).save(fewer)
    assert cli("sync", "--profile", profile, str(everything), "--yes") == 0

    assert cli("sync", "--profile", profile, str(fewer), "--yes") == 0
    assert "2 not in the manifest (kept; --prune removes)" in cli.stdout
    assert len(handlers(sandbox)) == 3

    assert cli("sync", "--profile", profile, str(fewer), "--prune", "--yes") == 0
    assert f"- LEFT_MENU → {APP}/menu?n=2" in cli.stdout
    assert handlers(sandbox) == [f"{APP}/menu?n=1"]


def test_an_item_the_portal_refuses_is_exit_1_with_its_reason(
    cli: Cli, profile: str, sandbox: SandboxPortal, tmp_path: Path
) -> None:
    # REST_APP_URI keeps one handler per app (universal/app-url.md): the second bind is refused.
    path = tmp_path / "two.json"
    two = [
        BindRequest(placement="REST_APP_URI", handler=f"{APP}/a", title="A"),
        BindRequest(placement="REST_APP_URI", handler=f"{APP}/b", title="B"),
    ]
    manifest_of(two).save(path)
    assert cli("sync", "--profile", profile, str(path), "--yes") == 1
    assert f"applied   add    REST_APP_URI → {APP}/a" in cli.stdout
    assert f"failed    add    REST_APP_URI → {APP}/b" in cli.stdout
    assert "[ERROR_PLACEMENT_MAX_COUNT]" in cli.stdout
    assert "Result: 1 applied, 1 failed." in cli.stdout


def test_restored_and_lost_changes_are_exit_1_and_say_where_the_original_is() -> None:
    # The portal's refusal of a change's bind is driven over HTTP in test_sync.py; client-side
    # validation stops such a manifest before the CLI sends it, so the wording is checked here.
    item = PlanItem(Action.CHANGE, ("IM_SIDEBAR", f"{APP}/sidebar", 0))
    refused = B24Error(code="INVALID_ERROR_COLOR", summary="The colour is not allowed.")
    denied = B24Error(code="ACCESS_DENIED", summary="Access denied.")
    restored = ItemResult(item, Outcome.RESTORED, refused)
    lost = ItemResult(item, Outcome.LOST, refused, restore_error=denied)

    assert describe_result(restored) == (
        f"restored  change IM_SIDEBAR → {APP}/sidebar: The colour is not allowed. "
        "[INVALID_ERROR_COLOR]; the original was bound again"
    )
    assert describe_result(lost).endswith(
        "binding the original again failed (Access denied. [ACCESS_DENIED]): it is gone"
    )
    assert exit_code(SyncReport([restored])) == 1
    assert exit_code(SyncReport([lost])) == 1
    assert exit_code(SyncReport([ItemResult(item, Outcome.APPLIED)])) == 0
    assert exit_code(SyncReport([ItemResult(item, Outcome.NOT_SENT)], cancelled=True)) == 3


def test_invalid_input_is_exit_2_and_nothing_is_sent(
    cli: Cli, profile: str, sandbox: SandboxPortal, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "b24admin-manifest", "version": 1, "bindings": [{}]}')
    assert cli("sync", "--profile", profile, str(broken), "--yes") == 2
    assert "Binding 1" in cli.stderr and "docs/manifest.md" in cli.stderr

    bad_option = tmp_path / "bad.json"
    sidebar = varied_bindings()[0]
    manifest_of([sidebar.with_changes(options={"iconName": "fa-rocket", "color": "azure"})]).save(
        bad_option
    )
    assert cli("sync", "--profile", profile, str(bad_option), "--yes") == 2
    assert "OPTIONS.color" in cli.stderr and "Nothing was sent" in cli.stderr

    assert cli("sync", "--profile", profile, str(tmp_path / "missing.json"), "--yes") == 2
    assert len(sandbox.received) == 0


def test_an_unreachable_portal_is_exit_3(
    cli: Cli, profile: str, manifest_file: Path, sandbox: SandboxPortal
) -> None:
    sandbox.stop()
    assert cli("sync", "--profile", profile, str(manifest_file), "--yes") == 3
    assert "Error:" in cli.stderr


def test_a_dropped_batch_is_exit_3_and_says_to_run_the_sync_again(
    cli: Cli, profile: str, manifest_file: Path, sandbox: SandboxPortal
) -> None:
    sandbox.inject(Fault.drop(), method="batch")
    assert cli("sync", "--profile", profile, str(manifest_file), "--yes") == 3
    assert "unknown   add" in cli.stdout
    assert "run the same sync again" in cli.stderr
    assert cli("sync", "--profile", profile, str(manifest_file), "--yes") == 0
    assert "3 unchanged" in cli.stdout  # the dropped batch had run


def test_export_writes_a_manifest_of_all_or_selected_placements(
    cli: Cli, profile: str, sandbox: SandboxPortal, tmp_path: Path
) -> None:
    source = tmp_path / "source.json"
    manifest_of(varied_bindings()).save(source)
    assert cli("sync", "--profile", profile, str(source), "--yes") == 0, cli.stdout

    out = tmp_path / "export.json"
    assert cli("export", "--profile", profile, "-o", str(out)) == 0
    assert f"Exported {len(varied_bindings())} widgets to {out}." in cli.stdout
    assert len(Manifest.load(out).bindings) == len(varied_bindings())

    assert (
        cli("export", "--profile", profile, "--placement", "im_sidebar", "--placement", "LEFT_MENU")
        == 0
    )
    selected = Manifest.parse(cli.stdout)
    assert [b.placement for b in selected.bindings] == ["IM_SIDEBAR", "LEFT_MENU"]
    assert "Exported 2 widgets." in cli.stderr


def test_round_trip_export_sync_to_an_empty_portal_export_is_identical(
    cli: Cli, profile: str, sandbox: SandboxPortal, tmp_path: Path
) -> None:
    source, first, second = (tmp_path / n for n in ("source.json", "first.json", "second.json"))
    manifest_of(varied_bindings() + menu_items(2)).save(source)
    assert cli("sync", "--profile", profile, str(source), "--yes") == 0
    assert cli("export", "--profile", profile, "-o", str(first)) == 0

    with SandboxPortal() as empty:
        empty.register_app()
        other = cli.add_profile("empty", empty, demo_app_secrets(empty))
        assert cli("sync", "--profile", other, str(first), "--yes") == 0, cli.stdout
        assert cli("export", "--profile", other, "-o", str(second)) == 0

    assert second.read_text(encoding="utf-8") == first.read_text(encoding="utf-8")


def test_unknown_profile_is_exit_2(cli: Cli, manifest_file: Path) -> None:
    assert cli("sync", "--profile", "nope", str(manifest_file), "--yes") == 2
    assert cli("export", "--profile", "nope") == 2


@pytest.mark.parametrize(
    ("code", "letters", "yes"),
    [
        ("de", "[j/N]", "j"),
        ("de", "[j/N]", "Ja"),
        ("de", "[j/N]", "yes"),  # English always counts too
        ("ru", "[д/Н]", "да"),
        ("ru", "[д/Н]", "Д"),
        ("pt_BR", "[s/N]", "sim"),
        ("es", "[s/N]", "sí"),
        ("es", "[s/N]", "si"),
        ("pl", "[t/N]", "tak"),
    ],
)
def test_sync_asks_in_the_chosen_language_and_takes_its_yes(
    cli: Cli,
    profile: str,
    manifest_file: Path,
    sandbox: SandboxPortal,
    monkeypatch: pytest.MonkeyPatch,
    language: Callable[[str], str],
    code: str,
    letters: str,
    yes: str,
) -> None:
    monkeypatch.setenv("B24ADMIN_LANGUAGE", code)
    assert cli("sync", "--profile", profile, str(manifest_file), stdin=Terminal(f"{yes}\n")) == 0
    assert f"? {letters} " in cli.stdout
    assert len(handlers(sandbox)) == 3


@pytest.mark.parametrize(("code", "no"), [("de", "nein"), ("de", "n"), ("ru", "нет"), ("pl", "")])
def test_anything_but_the_languages_yes_sends_nothing(
    cli: Cli,
    profile: str,
    manifest_file: Path,
    sandbox: SandboxPortal,
    monkeypatch: pytest.MonkeyPatch,
    language: Callable[[str], str],
    code: str,
    no: str,
) -> None:
    monkeypatch.setenv("B24ADMIN_LANGUAGE", code)
    assert cli("sync", "--profile", profile, str(manifest_file), stdin=Terminal(f"{no}\n")) == 0
    assert sent_batches(sandbox) == 0


def test_the_plan_and_the_outcomes_read_in_german(
    cli: Cli,
    profile: str,
    manifest_file: Path,
    monkeypatch: pytest.MonkeyPatch,
    language: Callable[[str], str],
) -> None:
    monkeypatch.setenv("B24ADMIN_LANGUAGE", "de")
    assert cli("sync", "--profile", profile, str(manifest_file), stdin=Terminal("ja\n")) == 0
    assert "Plan: 3 hinzuzufügen, 0 zu ändern, 0 zu entfernen, 0 unverändert." in cli.stdout
    assert "3 Änderungen an „sbx“ senden? [j/N] " in cli.stdout
    # The columns are as wide as the longest German words ("wiederhergestellt", "hinzufügen").
    assert f"angewendet         hinzufügen LEFT_MENU → {APP}/menu?n=1" in cli.stdout
    assert "Ergebnis: 3 angewendet." in cli.stdout

    assert cli("sync", "--profile", profile, str(manifest_file), "--dry-run") == 0
    assert "Probelauf: Es wurde nichts gesendet." in cli.stdout
