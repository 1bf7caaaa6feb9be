"""Drafts: the bind form's content per profile, on disk, without secrets."""

from __future__ import annotations

import json
from pathlib import Path

from b24admin.core.bind_request import BindRequest, LangRow
from b24admin.core.drafts import DraftStore

SIDEBAR = BindRequest(
    placement="IM_SIDEBAR",
    handler="https://app.example.com/sidebar?x=1",
    title="Helper",
    lang_rows=(LangRow("en", "Helper", "Opens the helper"), LangRow("de", "Helfer")),
    options={"iconName": "fa-rocket", "color": "AQUA", "context": "USER;CHAT", "width": 50},
    user_id=None,
)


def test_saved_draft_loads_back_equal(config_dir: Path) -> None:
    store = DraftStore()
    store.save("Production", SIDEBAR)
    assert DraftStore().load("Production") == SIDEBAR
    assert store.path_for("Production").parent == config_dir / "drafts"


def test_draft_keeps_what_the_wire_form_would_drop(tmp_path: Path) -> None:
    messy = BindRequest(
        placement="im_sidebar ",
        lang_rows=(LangRow("en", ""), LangRow("en", "Twice")),
        options={"iconName": ""},
        user_id=7,
    )
    store = DraftStore(tmp_path)
    store.save("p", messy)
    assert store.load("p") == messy


def test_drafts_are_per_profile(tmp_path: Path) -> None:
    store = DraftStore(tmp_path)
    store.save("a", SIDEBAR)
    store.save("b", BindRequest(placement="LEFT_MENU"))
    assert store.load("a") == SIDEBAR
    loaded_b = store.load("b")
    assert loaded_b is not None and loaded_b.placement == "LEFT_MENU"
    assert store.load("c") is None


def test_any_profile_name_is_a_safe_file_name(tmp_path: Path) -> None:
    store = DraftStore(tmp_path)
    name = "../../etc/passwd: Prod/éé"
    store.save(name, SIDEBAR)
    assert store.path_for(name).parent == tmp_path
    assert store.load(name) == SIDEBAR


def test_remove_forgets_the_draft_and_tolerates_absence(tmp_path: Path) -> None:
    store = DraftStore(tmp_path)
    store.save("a", SIDEBAR)
    store.remove("a")
    store.remove("a")
    assert store.load("a") is None


def test_corrupt_or_foreign_draft_loads_as_none(tmp_path: Path) -> None:
    store = DraftStore(tmp_path)
    store.path_for("x").write_text("{not json", encoding="utf-8")
    store.path_for("y").write_text(json.dumps({"schema": 99, "request": {}}), encoding="utf-8")
    store.path_for("z").write_text(json.dumps({"schema": 1, "request": []}), encoding="utf-8")
    assert store.load("x") is None
    assert store.load("y") is None
    assert store.load("z") is None


def test_draft_file_holds_only_form_fields(tmp_path: Path) -> None:
    store = DraftStore(tmp_path)
    store.save("a", SIDEBAR)
    saved = json.loads(store.path_for("a").read_text(encoding="utf-8"))
    assert set(saved) == {"schema", "profile", "request"}
    assert set(saved["request"]) == {
        "placement",
        "handler",
        "title",
        "description",
        "group_name",
        "lang_rows",
        "options",
        "user_id",
    }
    assert not list(tmp_path.glob("*.tmp"))


def test_a_user_id_that_is_not_a_whole_number_loads_as_empty(tmp_path: Path) -> None:
    store = DraftStore(tmp_path)
    for name, user_id in (("bool", True), ("text", "7"), ("number", 7)):
        body = {"schema": 1, "request": {"placement": "PAGE_BACKGROUND_WORKER", "user_id": user_id}}
        store.path_for(name).write_text(json.dumps(body), encoding="utf-8")
    loaded = [store.load(name) for name in ("bool", "text", "number")]
    assert [draft.user_id if draft else "missing" for draft in loaded] == [None, None, 7]


def test_the_form_draft_is_one_file_whatever_the_profile(tmp_path: Path) -> None:
    store = DraftStore(tmp_path / "drafts")
    assert store.load_form() is None
    store.save_form(SIDEBAR)
    assert DraftStore(tmp_path / "drafts").load_form() == SIDEBAR
    assert [p.name for p in (tmp_path / "drafts").iterdir()] == ["form.json"]


def test_an_old_per_profile_draft_is_read_only_while_there_is_no_form_draft(
    tmp_path: Path,
) -> None:
    store = DraftStore(tmp_path)
    store.save("Production", SIDEBAR)
    assert store.load_form(legacy_profile="Production") == SIDEBAR
    assert store.load_form() is None
    newer = BindRequest(placement="LEFT_MENU")
    store.save_form(newer)
    assert store.load_form(legacy_profile="Production") == newer
