"""One bad entry in the profiles file does not lock out the others: the good ones load, the bad
one is listed as broken with its reason, ``profile remove`` removes it, and no write of the file
ever drops it silently."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from b24admin.cli import CliContext, main
from b24admin.core.profile_service import ProfileService
from b24admin.core.profiles import AuthKind, Profile, ProfileStore
from b24admin.core.secrets import SecretKind, SessionSecretStore

GOOD = {"name": "good", "auth": "webhook", "portal_url": "https://a.bitrix24.com"}
BAD_ENTRIES: list[tuple[Any, str, str]] = [
    ({**GOOD, "name": "bad-url", "portal_url": "ftp://a.bitrix24.com"}, "bad-url", "bad-url"),
    ({**GOOD, "name": "wrong-type", "session_only": "yes"}, "wrong-type", "session_only"),
    ({**GOOD, "name": "no-portal", "portal_url": None}, "no-portal", "portal_url"),
    (42, "", "#2"),
    ({"name": "half", "auth": "oauth"}, "half", "portal_url"),
    ({**GOOD, "name": "odd-auth", "auth": "password"}, "odd-auth", "password"),
    ({**GOOD, "name": "good"}, "good", "#1"),  # a duplicate of the first entry's name
]


def write_file(config_dir: Path, *entries: Any) -> Path:
    path = config_dir / "profiles.json"
    path.write_text(json.dumps({"schema_version": 1, "profiles": list(entries)}), "utf-8")
    return path


@pytest.mark.parametrize(("entry", "name", "said"), BAD_ENTRIES)
def test_the_good_profile_loads_and_the_bad_one_is_listed_with_its_reason(
    config_dir: Path, entry: Any, name: str, said: str
) -> None:
    write_file(config_dir, GOOD, entry)
    inventory = ProfileStore().inventory()
    assert [p.name for p in inventory.profiles] == ["good"]
    [broken] = inventory.broken
    assert (broken.number, broken.name) == (2, name)
    assert said in broken.reason
    assert broken.error.code == "PROFILE_BROKEN"
    assert ProfileStore().load() == inventory.profiles


def test_saving_and_removing_others_keeps_the_broken_entry_as_it_was(config_dir: Path) -> None:
    bad = {**GOOD, "name": "bad", "portal_url": "ftp://x", "future_key": [1, 2]}
    path = write_file(config_dir, GOOD, bad)
    store = ProfileStore()
    store.save_profile(Profile("new", AuthKind.WEBHOOK, "https://b.bitrix24.com"))
    store.remove("good")
    entries = json.loads(path.read_text("utf-8"))["profiles"]
    assert entries[0] == bad  # verbatim, unknown key included
    assert [p.name for p in store.load()] == ["new"]


def test_a_broken_entry_keeps_its_name_taken(config_dir: Path) -> None:
    write_file(config_dir, {**GOOD, "name": "taken", "rate_plan": "gold"})
    service = ProfileService(ProfileStore(), SessionSecretStore(), SessionSecretStore())
    with pytest.raises(Exception) as caught:
        service.save(
            Profile("taken", AuthKind.WEBHOOK, "https://a.bitrix24.com"),
            {SecretKind.WEBHOOK_URL: "https://a.bitrix24.com/rest/1/abcdef123456/"},
        )
    assert getattr(caught.value, "code", "") == "PROFILE_EXISTS"
    assert service.secrets.get("taken", SecretKind.WEBHOOK_URL) is None


def run(config_dir: Path, *argv: str, service: ProfileService | None = None) -> tuple[int, str]:
    out = io.StringIO()
    ctx = CliContext(
        stdin=io.StringIO(""),
        stdout=out,
        stderr=out,
        service=service or ProfileService(ProfileStore(config_dir), SessionSecretStore()),
    )
    return main(list(argv), ctx), out.getvalue()


def test_cli_lists_the_broken_entries_and_removes_them(config_dir: Path) -> None:
    path = write_file(config_dir, GOOD, {**GOOD, "name": "bad", "auth": 7}, ["not", "an", "object"])
    secrets = SessionSecretStore()
    secrets.set("bad", SecretKind.WEBHOOK_URL, "https://a.bitrix24.com/rest/1/leftover00/")
    service = ProfileService(ProfileStore(config_dir), secrets)

    code, text = run(config_dir, "profile", "list", service=service)
    assert code == 0
    assert "good\thttps://a.bitrix24.com" in text
    assert "bad\tBROKEN\tThe profile bad has a wrong value for “auth”." in text
    assert "#3\tBROKEN" in text
    assert "--entry N" in text

    code, text = run(config_dir, "list", "--profile", "bad", service=service)
    assert code == 2
    assert "wrong value for “auth”" in text and "profile remove bad" in text

    assert run(config_dir, "profile", "remove", "bad", service=service)[0] == 0
    assert secrets.get("bad", SecretKind.WEBHOOK_URL) is None  # its keyring entries went too
    code, text = run(config_dir, "profile", "remove", "--entry", "2", service=service)
    assert code == 0, text
    assert json.loads(path.read_text("utf-8"))["profiles"] == [GOOD]
    assert run(config_dir, "profile", "remove", "--entry", "5", service=service)[0] == 2
