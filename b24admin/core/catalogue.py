"""The placement catalogue: every placement code, its scope, where it shows, its OPTIONS schema,
the IM colour palette and the interface languages. The data is in ``resources/`` (JSON); this
module only types and loads it.

CONTRACT (implemented by the catalogue work; names are fixed, the GUI and validation use them).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class OptionType(str, Enum):
    """How an OPTIONS value is edited and checked."""

    TEXT = "text"  # free text, maybe max_length (iconName, newUserNotificationTitle)
    URL = "url"  # an http(s) URL (errorHandlerUrl)
    ENUM = "enum"  # exactly one of ``allowed`` (extranet N/Y, role USER/ADMIN, useBuiltInInterface)
    MULTI = "multi"  # tokens of ``allowed`` joined by ``separator`` with no spaces (context)
    COLOR = "color"  # one of the IM palette names, or empty
    INT = "int"  # a whole number >= ``minimum`` (width, height)
    ID_LIST = "id_list"  # comma-separated positive ids, no spaces (countries, groupId)


@dataclass(frozen=True)
class OptionSpec:
    """One OPTIONS key of one placement."""

    key: str
    type: OptionType
    required: bool = False
    default: str | int | None = None  # what placement.get reports when the key was not sent
    allowed: tuple[str, ...] = ()  # ENUM and MULTI tokens
    allowed_labels: tuple[str, ...] = ()  # readable text for each of ``allowed`` (same order)
    separator: str = ""  # MULTI: ";" for context
    max_length: int | None = None
    minimum: int | None = None
    label: str = ""  # short readable label for a form ("Icon name")
    rule: str = ""  # the rule in words, for tooltips and messages
    description: str = ""  # what the option does
    error_code: str = ""  # the server's error code when the value is wrong (INVALID_ERROR_ROLE)


@dataclass(frozen=True)
class PlacementSpec:
    """One placement code (or one expansion of a CRM template)."""

    code: str  # e.g. IM_SIDEBAR, CRM_DEAL_DETAIL_TAB, CRM_DYNAMIC_183_DETAIL_TAB
    scope: str  # tool scope needed to register, "" for the global placement scope
    group: str  # UI grouping: "Messenger", "CRM", "Tasks", "Workgroups", "Telephony", ...
    title: str  # readable name: "Chat sidebar"
    where: str  # where it appears in Bitrix24, one sentence
    options: tuple[OptionSpec, ...] = ()
    bindable: bool = True  # False: registered by another method (reason says which)
    deprecated: bool = False
    reason: str = ""  # why not bindable / what deprecated means
    max_handlers: int | None = None  # 1 for REST_APP_URI, PAGE_BACKGROUND_WORKER
    user_mode: bool = False  # USER_ID allowed (PAGE_BACKGROUND_WORKER only)
    uses_group_name: bool = False  # GROUP_NAME has an effect here
    doc_page: str = ""  # path in bitrix24/b24restdocs
    template: str = ""  # CRM template this came from, e.g. "CRM_{ENTITY}_DETAIL_TAB"
    entity_type: str = ""  # LEAD, DEAL, ..., DYNAMIC_<id> for template expansions

    def option(self, key: str) -> OptionSpec | None:
        return next((o for o in self.options if o.key == key), None)


@dataclass(frozen=True)
class CrmTemplate:
    """A CRM placement template such as ``CRM_{ENTITY}_DETAIL_TAB``."""

    pattern: str  # "CRM_{ENTITY}_DETAIL_TAB"
    entity_types: tuple[str, ...]  # allowed entity types; "DYNAMIC" means DYNAMIC_<typeId>
    spec: PlacementSpec  # the shared fields; code/entity_type filled on expansion

    def expand(self, entity_type: str) -> PlacementSpec:  # pragma: no cover - contract
        raise NotImplementedError


@dataclass(frozen=True)
class ImColor:
    name: str  # wire value, e.g. LIGHT_BLUE
    hex: str  # "#4ba5c3"
    label: str  # "Light blue"
    note: str = ""  # ORANGE: only in the server source


@dataclass(frozen=True)
class Language:
    code: str  # "en", "ua", "la"
    name: str  # "English", "Ukrainian", "Spanish"


class Catalogue:  # pragma: no cover - contract, implemented by the catalogue work
    """Loaded catalogue. Use :func:`load_catalogue` (cached)."""

    placements: tuple[PlacementSpec, ...]  # every concrete code (templates expanded for fixed types)
    templates: tuple[CrmTemplate, ...]
    palette: tuple[ImColor, ...]
    languages: tuple[Language, ...]

    def get(self, code: str) -> PlacementSpec | None:
        """Look a code up, case-insensitively, expanding CRM templates (CRM_DYNAMIC_183_...)."""
        raise NotImplementedError


def load_catalogue() -> Catalogue:  # pragma: no cover - contract
    raise NotImplementedError
