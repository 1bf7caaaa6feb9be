"""The activity log: one line per call in a rotating file, live subscribers, secrets scrubbed."""

from __future__ import annotations

from pathlib import Path

import pytest

from b24admin.core.activity_log import (
    ActivityEntry,
    ActivityLog,
    default_activity_log,
    secret_values,
)
from b24admin.core.credentials import OAuthCredentials, WebhookCredentials
from b24admin.core.transport import CallRecord

T0 = 1_790_000_000.25  # 2026-09-21T14:13:20.250Z


def call(method: str = "placement.get", outcome: str = "ok", url: str = "") -> CallRecord:
    return CallRecord(
        method=method,
        started_at=T0,
        duration=0.0423,
        outcome=outcome,
        http_status=200 if outcome == "ok" else 400,
        url=url or f"https://portal.example.com/rest/{method}.json",
    )


def test_each_call_is_one_line_with_time_method_outcome_status_and_duration(tmp_path: Path) -> None:
    log = ActivityLog(tmp_path / "logs" / "activity.log")
    log.record(call())
    log.record(call("placement.bind", "ERROR_CORE"))
    log.close()
    lines = (tmp_path / "logs" / "activity.log").read_text(encoding="utf-8").splitlines()
    assert lines == [
        "2026-09-21T14:13:20.250Z placement.get ok HTTP 200 42 ms "
        "https://portal.example.com/rest/placement.get.json",
        "2026-09-21T14:13:20.250Z placement.bind ERROR_CORE HTTP 400 42 ms "
        "https://portal.example.com/rest/placement.bind.json",
    ]


def test_a_call_without_an_answer_shows_no_status() -> None:
    entry = ActivityEntry(
        T0, "batch", "NETWORK_ERROR", 1.5, None, "https://p.example.com/rest/batch.json"
    )
    assert " HTTP - 1500 ms " in entry.line()
    assert not entry.ok


def test_the_file_rotates_by_size(tmp_path: Path) -> None:
    path = tmp_path / "activity.log"
    log = ActivityLog(path, max_bytes=400, backup_count=2)
    for _ in range(20):
        log.record(call())
    log.close()
    assert path.exists() and (tmp_path / "activity.log.1").exists()
    assert not (tmp_path / "activity.log.3").exists()
    assert path.stat().st_size <= 400


def test_subscribers_get_entries_until_they_unsubscribe() -> None:
    log = ActivityLog(None)
    seen: list[ActivityEntry] = []
    unsubscribe = log.subscribe(seen.append)
    log.record(call())
    unsubscribe()
    log.record(call("app.info"))
    assert [e.method for e in seen] == ["placement.get"]
    assert seen[0].ok and seen[0].http_status == 200


def test_known_secret_values_are_scrubbed_from_file_and_subscribers(tmp_path: Path) -> None:
    credentials = OAuthCredentials(
        portal_url="https://portal.example.com",
        client_id="local.a.b",
        client_secret="client-secret-value",
        access_token="access-token-value",
        refresh_token="refresh-token-value",
    )
    log = ActivityLog(tmp_path / "activity.log")
    log.add_credentials(credentials)
    seen: list[ActivityEntry] = []
    log.subscribe(seen.append)
    # A bug upstream that leaks a token into the outcome or an unusual spot of the URL.
    log.record(
        call(outcome="access-token-value", url="https://p.example.com/x/refresh-token-value")
    )
    log.record(call(method="oauth/token client-secret-value"))
    log.close()
    text = (tmp_path / "activity.log").read_text(encoding="utf-8")
    shown = text + "".join(e.line() for e in seen)
    for secret in secret_values(credentials):
        assert secret not in shown
    assert "placement.get <redacted> HTTP 400" in text
    assert "/x/<redacted>" in text
    assert "client-secret-value" not in repr(log)


def test_a_webhook_url_and_its_secret_segment_are_both_secrets() -> None:
    url = "https://portal.example.com/rest/1/s3cr3tw3bh00k/"
    assert secret_values(WebhookCredentials(url)) == [url, "s3cr3tw3bh00k"]
    log = ActivityLog(None)
    log.add_credentials(WebhookCredentials(url))
    seen: list[ActivityEntry] = []
    log.subscribe(seen.append)
    log.record(call(url="https://portal.example.com/other/s3cr3tw3bh00k/profile.json"))
    assert "s3cr3tw3bh00k" not in seen[0].url


def test_the_default_log_lives_in_the_config_dir(config_dir: Path) -> None:
    log = default_activity_log()
    assert log.path == config_dir / "logs" / "activity.log"
    assert default_activity_log() is log
    log.record(call())
    log.close()
    assert "placement.get ok" in log.path.read_text(encoding="utf-8")


def test_a_failing_subscriber_does_not_break_the_call_or_the_others(
    caplog: pytest.LogCaptureFixture,
) -> None:
    log = ActivityLog(None)
    seen: list[ActivityEntry] = []

    def broken(entry: ActivityEntry) -> None:
        raise RuntimeError("pane gone")

    log.subscribe(broken)
    log.subscribe(seen.append)
    log.record(call())
    assert [e.method for e in seen] == ["placement.get"]
    assert "subscriber" in caplog.text


def test_without_a_writable_config_dir_the_log_still_feeds_subscribers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    not_a_folder = tmp_path / "config-file"
    not_a_folder.write_text("")
    monkeypatch.setenv("B24ADMIN_CONFIG_DIR", str(not_a_folder))
    log = default_activity_log()
    seen: list[ActivityEntry] = []
    log.subscribe(seen.append)
    log.record(call())
    assert log.path is None and len(seen) == 1
