"""The installed-widgets table: placement.get's answer as rows of :class:`InstalledWidget`.

placement.get has no ids: a widget is its (placement, handler, userId) (placement-get.md), so that
triple is the row's key, kept across refreshes to restore the selection. Options come back with
defaults filled in and language texts as ``langAll``; the row shows them as the portal has them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt

from b24admin.core.i18n import N_
from b24admin.gui.manage.table_model import ColumnsTableModel, ModelIndex

if TYPE_CHECKING:
    from b24admin.core.bind_request import BindRequest
    from b24admin.core.catalogue import Catalogue

WidgetKey = tuple[str, str, int]  # (PLACEMENT, HANDLER, USER_ID), as core.manifest.binding_key

WIDGET_ROLE = Qt.ItemDataRole.UserRole  # the row's InstalledWidget
SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # what the column sorts by (numbers as numbers)


def _text(value: Any) -> str:
    return "" if value is None or value is False else str(value).strip()


def _user_id(value: Any) -> int:
    try:
        return int(value or 0)
    except (TypeError, ValueError):
        return 0


@dataclass(frozen=True)
class InstalledWidget:
    """One widget as placement.get reports it, with its placement's readable name."""

    placement: str
    placement_title: str  # from the catalogue; "" for a code the catalogue does not know
    handler: str
    user_id: int  # 0: every user
    title: str
    languages: tuple[tuple[str, str], ...]  # (language code, TITLE)
    options: tuple[tuple[str, str], ...]
    entry: Mapping[str, Any] = field(compare=False, repr=False)  # the raw placement.get element

    @classmethod
    def from_entry(cls, entry: Mapping[str, Any], catalogue: Catalogue | None) -> InstalledWidget:
        placement = _text(entry.get("placement")).upper()
        spec = catalogue.get(placement) if catalogue is not None else None
        lang_all = entry.get("langAll")
        languages: list[tuple[str, str]] = []
        if isinstance(lang_all, Mapping):  # PHP sends [] for none
            for lang, texts in lang_all.items():
                title = texts.get("TITLE") if isinstance(texts, Mapping) else ""
                languages.append((_text(lang), _text(title)))
        options = entry.get("options")
        pairs = (
            tuple((str(k), _text(v)) for k, v in options.items())
            if isinstance(options, Mapping)
            else ()
        )
        return cls(
            placement=placement,
            placement_title=spec.title if spec is not None else "",
            handler=_text(entry.get("handler")),
            user_id=_user_id(entry.get("userId")),
            title=_text(entry.get("title")),
            languages=tuple(languages),
            options=pairs,
            entry=dict(entry),
        )

    @property
    def key(self) -> WidgetKey:
        return (self.placement, self.handler, self.user_id)

    def request(self) -> BindRequest:
        """The BindRequest that recreates this widget (for the form, a manifest, an edit)."""
        from b24admin.core.manifest import request_from_portal

        return request_from_portal(self.entry)

    def placement_text(self) -> str:
        """The code first (what the documentation and the form use), then its readable name."""
        if self.placement_title:
            return f"{self.placement} — {self.placement_title}"
        return self.placement

    def user_text(self) -> str:
        return "All users" if self.user_id == 0 else f"User {self.user_id}"

    def shown_title(self) -> str:
        """The title people see: the top-level title, else the first language's."""
        if self.title:
            return self.title
        return next((title for _lang, title in self.languages if title), "")

    def languages_text(self) -> str:
        return ", ".join(lang for lang, _title in self.languages)

    def options_text(self) -> str:
        return "; ".join(f"{key}={value}" for key, value in self.options if value != "")

    def describe(self) -> str:
        """Several lines naming exactly this widget (for confirmations)."""
        return "\n".join(
            (
                f"Placement: {self.placement_text()}",
                f"Handler: {self.handler}",
                f"User: {self.user_text()} (USER_ID {self.user_id})",
            )
        )


def widgets_from_entries(
    entries: Iterable[Mapping[str, Any]], catalogue: Catalogue | None
) -> list[InstalledWidget]:
    """placement.get's answer as rows (elements that are not objects are skipped)."""
    return [InstalledWidget.from_entry(e, catalogue) for e in entries if isinstance(e, Mapping)]


def copy_handler(handler: str, taken: Iterable[str]) -> str:
    """The handler with a ``copy=N`` query parameter that no widget in ``taken`` uses yet.

    A second widget in the same placement needs a different HANDLER (a second bind of the same one
    fails, docs/bitrix24-notes.md); a query parameter keeps the application's page while telling the
    copies apart.
    """
    used = set(taken)
    base, hash_mark, fragment = handler.partition("#")
    path, _question, query = base.partition("?")
    params = [p for p in query.split("&") if p and p.split("=", 1)[0] != "copy"]
    number = 1
    while True:
        candidate = path + "?" + "&".join([*params, f"copy={number}"])
        candidate += hash_mark + fragment
        if candidate not in used:
            return candidate
        number += 1


class InstalledWidgetsModel(ColumnsTableModel):
    """A read-only table model over :class:`InstalledWidget` rows of one profile."""

    COLUMNS = (
        N_("Placement"),
        N_("Handler"),
        N_("User"),
        N_("Title"),
        N_("Languages"),
        N_("Options"),
    )
    PLACEMENT, HANDLER, USER, TITLE, LANGUAGES, OPTIONS = range(6)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._widgets: list[InstalledWidget] = []
        self.profile_name = ""  # whose widgets these are
        self.loaded = False  # False until placement.get answered for this profile

    # -- contents ---------------------------------------------------------------------------

    def set_widgets(self, widgets: Sequence[InstalledWidget], profile_name: str) -> None:
        self.beginResetModel()
        self._widgets = list(widgets)
        self.profile_name = profile_name
        self.loaded = True
        self.endResetModel()

    def clear(self, profile_name: str) -> None:
        """Forget the rows (another profile was chosen: its widgets are not known yet)."""
        self.beginResetModel()
        self._widgets = []
        self.profile_name = profile_name
        self.loaded = False
        self.endResetModel()

    def widgets(self) -> list[InstalledWidget]:
        return list(self._widgets)

    def find(self, key: WidgetKey) -> InstalledWidget | None:
        return next((w for w in self._widgets if w.key == key), None)

    # -- QAbstractTableModel ----------------------------------------------------------------

    def row_total(self) -> int:
        return len(self._widgets)

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._widgets):
            return None
        widget = self._widgets[index.row()]
        column = index.column()
        if role == WIDGET_ROLE:
            return widget
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(widget, column)
        if role == SORT_ROLE:
            if column == self.USER:
                return widget.user_id
            return self._display(widget, column).casefold()
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(widget, column)
        return None

    def _display(self, widget: InstalledWidget, column: int) -> str:
        texts = (
            widget.placement_text(),
            widget.handler,
            self.tr("All users") if widget.user_id == 0 else widget.user_text(),
            widget.shown_title(),
            widget.languages_text(),
            widget.options_text(),
        )
        return texts[column] if 0 <= column < len(texts) else ""

    def _tooltip(self, widget: InstalledWidget, column: int) -> str:
        if column == self.LANGUAGES and widget.languages:
            return "\n".join(f"{lang}: {title}" for lang, title in widget.languages)
        if column == self.OPTIONS and widget.options:
            return "\n".join(f"{key} = {value}" for key, value in widget.options)
        if column == self.PLACEMENT:
            return widget.placement
        return self._display(widget, column)
