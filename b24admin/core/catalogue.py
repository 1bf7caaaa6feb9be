"""The placement catalogue: every placement code, its scope, where it shows, its OPTIONS schema,
the IM colour palette and the interface languages. The data is in ``resources/`` (JSON); this
module only types and loads it.

Facts come from the Bitrix24 docs: api-reference/widgets/placements.md and each placement's page
(catalogue and OPTIONS), api-reference/widgets/im/sidebar.md (palette) and
sdk/bx24-js-sdk/additional-functions/bx24-get-lang.md (languages).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import Enum
from functools import cache
from typing import Any

from b24admin.core.i18n import _
from b24admin.core.resources import read_json, resource

DYNAMIC = "DYNAMIC"  # the entity type of smart processes: DYNAMIC_<typeId>
_DYNAMIC_ENTITY = re.compile(r"DYNAMIC_([1-9][0-9]*)")


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
    missing_error_code: str = ""  # the server's error code when a required key is missing


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
        """The OPTIONS key ``key`` (case-sensitive, as the server compares), or None."""
        return next((o for o in self.options if o.key == key), None)


@dataclass(frozen=True)
class CrmTemplate:
    """A CRM placement template such as ``CRM_{ENTITY}_DETAIL_TAB``.

    ``spec`` holds the shared fields; its ``title`` and ``where`` may contain ``{entity}`` and
    ``{entity_lower}``, filled with the entity's readable name on expansion. ``codes`` lists
    entity types whose code does not follow the pattern (deals: ``CRM_FUNNELS_TOOLBAR``).
    """

    pattern: str  # "CRM_{ENTITY}_DETAIL_TAB"
    entity_types: tuple[str, ...]  # allowed entity types; "DYNAMIC" means DYNAMIC_<typeId>
    spec: PlacementSpec  # the shared fields; code/entity_type filled on expansion
    entity_labels: tuple[tuple[str, str], ...] = ()  # (entity type, readable name)
    codes: tuple[tuple[str, str], ...] = ()  # (entity type, code) where the pattern does not apply

    def expand(self, entity_type: str) -> PlacementSpec:
        """The concrete spec for one entity type (``DEAL``, ``DYNAMIC_183``).

        Raises ``ValueError`` when this template does not allow the entity type, or for a bare
        ``DYNAMIC`` (a smart process needs its positive type id).
        """
        entity = entity_type.strip().upper()
        dynamic = _DYNAMIC_ENTITY.fullmatch(entity)
        base = DYNAMIC if dynamic else entity
        if base not in self.entity_types or entity == DYNAMIC:
            allowed = ", ".join(
                "DYNAMIC_<typeId>" if t == DYNAMIC else t for t in self.entity_types
            )
            raise ValueError(
                f"{self.pattern} does not exist for entity type {entity_type!r}; allowed: {allowed}"
            )
        labels = dict(self.entity_labels)
        label = labels.get(base, base.replace("_", " ").capitalize())
        if dynamic:
            label = f"{label} {dynamic.group(1)}"
        code = dict(self.codes).get(entity) or self.pattern.replace("{ENTITY}", entity)
        return replace(
            self.spec,
            code=code,
            title=_fill(self.spec.title, label),
            where=_fill(self.spec.where, label),
            template=self.pattern,
            entity_type=entity,
        )

    def match_dynamic(self, code: str) -> PlacementSpec | None:
        """Expand an upper-case smart-process code such as ``CRM_DYNAMIC_183_DETAIL_TAB``."""
        if DYNAMIC not in self.entity_types:
            return None
        prefix, _, suffix = self.pattern.partition("{ENTITY}")
        if not (code.startswith(prefix) and code.endswith(suffix)):
            return None
        entity = code[len(prefix) : len(code) - len(suffix)]
        if not _DYNAMIC_ENTITY.fullmatch(entity):
            return None
        return self.expand(entity)

    def fixed_expansions(self) -> tuple[PlacementSpec, ...]:
        """The expansions for every entity type except smart processes."""
        return tuple(self.expand(t) for t in self.entity_types if t != DYNAMIC)


def _fill(text: str, label: str) -> str:
    # str.format would choke on other braces in prose; only the two placeholders are ours.
    return text.replace("{entity}", label).replace("{entity_lower}", label.lower())


@dataclass(frozen=True)
class ImColor:
    """One messenger colour (im/sidebar.md): the upper-case wire name and its hex value."""

    name: str  # wire value, e.g. LIGHT_BLUE
    hex: str  # "#4ba5c3"
    label: str  # "Light blue"
    note: str = ""  # ORANGE: only in the server source


@dataclass(frozen=True)
class Language:
    """One interface language code usable as a LANG_ALL key (bx24-get-lang.md)."""

    code: str  # "en", "ua", "la"
    name: str  # "English", "Ukrainian", "Spanish"


class Catalogue:
    """Loaded catalogue. Use :func:`load_catalogue` (cached)."""

    placements: tuple[PlacementSpec, ...]  # every concrete code; templates expanded for fixed types
    templates: tuple[CrmTemplate, ...]
    palette: tuple[ImColor, ...]
    languages: tuple[Language, ...]

    def __init__(
        self,
        placements: tuple[PlacementSpec, ...],
        templates: tuple[CrmTemplate, ...],
        palette: tuple[ImColor, ...],
        languages: tuple[Language, ...],
        prefixes: tuple[tuple[str, PlacementSpec], ...] = (),
    ) -> None:
        self.placements = placements
        self.templates = templates
        self.palette = palette
        self.languages = languages
        # (prefix, spec): codes such as LANDING_BLOCK_<CODE> that stand for a whole family.
        self._prefixes = prefixes
        self._by_code = {spec.code: spec for spec in placements}
        self._colors = {color.name: color for color in palette}
        self._languages = {language.code: language for language in languages}

    def get(self, code: str) -> PlacementSpec | None:
        """Look a code up, case-insensitively, expanding CRM templates (CRM_DYNAMIC_183_...)."""
        key = code.strip().upper()
        if not key:
            return None
        spec = self._by_code.get(key)
        if spec is not None:
            return spec
        for template in self.templates:
            spec = template.match_dynamic(key)
            if spec is not None:
                return spec
        for prefix, family in self._prefixes:
            if key.startswith(prefix):
                return family
        return None

    @property
    def groups(self) -> tuple[str, ...]:
        """The UI groups in catalogue order ("CRM", "Messenger", ...)."""
        return tuple(dict.fromkeys(spec.group for spec in self.placements))

    def in_group(self, group: str) -> tuple[PlacementSpec, ...]:
        """The placements of one UI group, in catalogue order."""
        return tuple(spec for spec in self.placements if spec.group == group)

    @property
    def color_names(self) -> tuple[str, ...]:
        """The 17 wire names of the messenger palette."""
        return tuple(self._colors)

    def color(self, name: str) -> ImColor | None:
        """The palette entry for an exact (upper-case) wire name."""
        return self._colors.get(name)

    @property
    def language_codes(self) -> tuple[str, ...]:
        """The 21 known interface language codes."""
        return tuple(self._languages)

    def language(self, code: str) -> Language | None:
        """The language for an exact (lower-case) code."""
        return self._languages.get(code)

    @property
    def fa4_icons(self) -> tuple[str, ...]:
        """Font Awesome 4.7 icon names (``fa-rocket``), read on first use, not at start-up."""
        return load_fa4_icons()


@cache
def load_fa4_icons() -> tuple[str, ...]:
    """The Font Awesome 4.7 icon names of resources/fa4_icons.txt, one per line."""
    text = resource("fa4_icons.txt").read_text(encoding="utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip())


@cache
def load_catalogue() -> Catalogue:
    """Load the catalogue from resources/ once per process (it is on the GUI start-up path)."""
    data = read_json("placements.json")
    option_defs: dict[str, dict[str, Any]] = data["option_defs"]
    # The readable fields are translated as they are read (the language is chosen before the
    # catalogue loads; b24admin/i18n_tools.py extracts the same fields for the translators).
    labels = tuple((k, _(str(v))) for k, v in data["crm_entities"].items())
    placements: list[PlacementSpec] = []
    templates: list[CrmTemplate] = []
    prefixes: list[tuple[str, PlacementSpec]] = []
    for entry in data["placements"]:
        if "pattern" in entry:
            template = _template_from(entry, option_defs, labels)
            templates.append(template)
            placements.extend(template.fixed_expansions())
            continue
        spec = _spec_from(entry, option_defs, code=entry["code"])
        placements.append(spec)
        if "prefix" in entry:
            prefixes.append((entry["prefix"], spec))
    colors = read_json("im_palette.json")["colors"]
    palette = tuple(ImColor(**{**color, "label": _(color["label"])}) for color in colors)
    languages = tuple(
        Language(**{**lang, "name": _(lang["name"])})
        for lang in read_json("languages.json")["languages"]
    )
    return Catalogue(tuple(placements), tuple(templates), palette, languages, tuple(prefixes))


_SPEC_TEXTS = ("title", "where", "reason", "group")  # the readable ones, translated
_OPTION_TEXTS = ("label", "rule", "description")
_SPEC_KEYS = (
    "scope",
    "group",
    "title",
    "where",
    "bindable",
    "deprecated",
    "reason",
    "max_handlers",
    "user_mode",
    "uses_group_name",
    "doc_page",
)


def _spec_from(
    entry: Mapping[str, Any], option_defs: Mapping[str, Mapping[str, Any]], code: str
) -> PlacementSpec:
    options = tuple(_option_from(use, option_defs) for use in entry.get("options", ()))
    fields = {key: entry[key] for key in _SPEC_KEYS if key in entry}
    for key in _SPEC_TEXTS:
        if fields.get(key):
            fields[key] = _(fields[key])
    return PlacementSpec(code=code, options=options, **fields)


def _template_from(
    entry: Mapping[str, Any],
    option_defs: Mapping[str, Mapping[str, Any]],
    labels: tuple[tuple[str, str], ...],
) -> CrmTemplate:
    pattern = entry["pattern"]
    spec = replace(_spec_from(entry, option_defs, code=pattern), template=pattern)
    return CrmTemplate(
        pattern=pattern,
        entity_types=tuple(entry["entity_types"]),
        spec=spec,
        entity_labels=labels,
        codes=tuple(entry.get("codes", {}).items()),
    )


def _option_from(
    use: Mapping[str, Any], option_defs: Mapping[str, Mapping[str, Any]]
) -> OptionSpec:
    # A placement's entry names a shared definition ("im.iconName") and may override fields
    # of it (``required``), so the messenger keys are described once for six placements.
    fields = {**option_defs[use["use"]], **{k: v for k, v in use.items() if k != "use"}}
    fields["type"] = OptionType(fields["type"])
    for key in _OPTION_TEXTS:
        if fields.get(key):
            fields[key] = _(fields[key])
    if "allowed_labels" in fields:
        fields["allowed_labels"] = [_(label) for label in fields["allowed_labels"]]
    for key in ("allowed", "allowed_labels"):
        if key in fields:
            fields[key] = tuple(fields[key])
    return OptionSpec(**fields)
