"""Keep the translation catalogues in step with the sources (a developer's tool, needs Babel).

    python -m b24admin.i18n_tools extract            # sources → resources/locale/b24admin.pot
    python -m b24admin.i18n_tools update [--lang de] # .pot → each language's .po (merged), + .mo
    python -m b24admin.i18n_tools compile [--lang de]  # .po → .mo beside it
    python -m b24admin.i18n_tools check [--lang de] [--complete]   # what make test checks
    python -m b24admin.i18n_tools init fr            # a new language: one new .po (and .mo)

Texts are found in the Python sources (``_``, ``N_``, ``ngettext``, ``tr``/``self.tr``,
``QCoreApplication.translate``) and in the resource files' readable fields (placement titles,
option labels, colour and language names). Locations are written without line numbers so an
edit elsewhere in a file does not change every catalogue.
"""

from __future__ import annotations

import argparse
import ast
import io
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "b24admin"
LOCALE = ROOT / "resources" / "locale"
POT = LOCALE / "b24admin.pot"
DOMAIN = "b24admin"
# A fixed date keeps the headers from changing on every run (the .po files live in git).
FIXED_DATE = datetime(2026, 1, 1, tzinfo=timezone.utc)

# First argument is the text. `_tr` is the module-level helper of widget-free GUI text builders
# (QCoreApplication.translate with a fixed context), e.g. gui/profile/profile_status.py.
SIMPLE_MARKERS = {"_", "N_", "tr", "_tr"}
# Readable fields of the resource files: (file, field names whose string values are texts).
RESOURCE_FIELDS: dict[str, tuple[str, ...]] = {
    "placements.json": ("title", "where", "reason", "group", "label", "rule", "description"),
    "im_palette.json": ("label",),
    "languages.json": ("name",),
}
RESOURCE_LISTS = ("allowed_labels",)  # fields whose value is a list of texts
RESOURCE_MAPS = ("crm_entities",)  # fields whose values (not keys) are texts

# {name}, {name!r:>3}, %(name)s, %s: what must survive translation unchanged.
PLACEHOLDER = re.compile(
    r"\{[A-Za-z_0-9][^{}]*\}|%\([A-Za-z_]+\)[sdrfi]|%[sdrfivmp]"  # %v %m %p: QProgressBar's
)
# German and Polish capitalise nouns differently: a translation may use either of these names.
INTERCHANGEABLE = {"{entity_lower}": "{entity}"}


@dataclass
class Message:
    msgid: str
    plural: str | None = None
    locations: set[str] = field(default_factory=set)


@dataclass
class Bypass:
    """A call that hands the catalogue something it can never contain (an f-string, a sum)."""

    location: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.location}:{self.line}: {self.reason}"


# --- extraction ---------------------------------------------------------------------------


def _call_name(node: ast.Call) -> str | None:
    func = node.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _text_args(node: ast.Call, name: str) -> list[ast.expr] | None:
    if name in SIMPLE_MARKERS:
        return node.args[:1]
    if name == "ngettext":
        return node.args[:2]
    if name == "translate" and len(node.args) >= 2:
        return node.args[1:2]  # QCoreApplication.translate(context, text)
    return None


def extract_python(path: Path, found: dict[str, Message], bypasses: list[Bypass]) -> None:
    location = path.relative_to(ROOT).as_posix()
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = _call_name(node)
        args = _text_args(node, name) if name else None
        if not args:
            continue
        texts: list[str] = []
        for arg in args:
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                texts.append(arg.value)
            elif isinstance(arg, ast.JoinedStr):
                bypasses.append(Bypass(location, node.lineno, f"f-string inside {name}()"))
            elif isinstance(arg, ast.BinOp):
                bypasses.append(Bypass(location, node.lineno, f"text built inside {name}()"))
        if len(texts) != len(args) or not texts[0]:
            continue  # a variable: its text is marked where it is defined (N_)
        key = texts[0]
        message = found.setdefault(key, Message(key, texts[1] if len(texts) > 1 else None))
        if len(texts) > 1:
            message.plural = texts[1]
        message.locations.add(location)


def _walk_json(value: Any, fields: tuple[str, ...]) -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            if key.startswith("_"):
                continue
            if key in fields and isinstance(item, str) and item:
                yield item
            elif key in RESOURCE_LISTS and isinstance(item, list):
                yield from (text for text in item if isinstance(text, str) and text)
            elif key in RESOURCE_MAPS and isinstance(item, dict):
                yield from (text for text in item.values() if isinstance(text, str) and text)
            else:
                yield from _walk_json(item, fields)
    elif isinstance(value, list):
        for item in value:
            yield from _walk_json(item, fields)


def extract(root: Path = ROOT) -> tuple[dict[str, Message], list[Bypass]]:
    """Every text in the sources and resources, and every call that bypasses the catalogue."""
    found: dict[str, Message] = {}
    bypasses: list[Bypass] = []
    for path in sorted((root / "b24admin").rglob("*.py")):
        if path.name != "i18n_tools.py":
            extract_python(path, found, bypasses)
    for name, fields in RESOURCE_FIELDS.items():
        data = json.loads((root / "resources" / name).read_text(encoding="utf-8"))
        for text in _walk_json(data, fields):
            found.setdefault(text, Message(text)).locations.add(f"resources/{name}")
    return found, bypasses


# --- catalogues (Babel) ---------------------------------------------------------------------


def template_catalogue(found: dict[str, Message]) -> Any:
    from babel.messages.catalog import Catalog

    catalog = Catalog(
        domain=DOMAIN,
        project="b24admin",
        creation_date=FIXED_DATE,
        revision_date=FIXED_DATE,
        fuzzy=False,
    )
    for key in sorted(found):
        message = found[key]
        msgid = (message.msgid, message.plural) if message.plural else message.msgid
        locations: list[Any] = [(loc, None) for loc in sorted(message.locations)]
        catalog.add(msgid, locations=locations)
    return catalog


def write_po(path: Path, catalog: Any) -> None:
    from babel.messages.pofile import write_po as babel_write_po

    buffer = io.BytesIO()
    babel_write_po(buffer, catalog, width=100, include_lineno=False, sort_output=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue())


def read_po(path: Path, locale: str | None = None) -> Any:
    from babel.messages.pofile import read_po as babel_read_po

    with path.open("rb") as handle:
        return babel_read_po(handle, locale=locale, domain=DOMAIN)


def compiled(catalog: Any) -> bytes:
    from babel.messages.mofile import write_mo

    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def mo_messages(data: bytes) -> dict[Any, str]:
    """A compiled catalogue's messages without its header (which names the Babel version)."""
    import gettext

    messages = dict(gettext.GNUTranslations(io.BytesIO(data))._catalog)  # type: ignore[attr-defined]
    messages.pop("", None)
    return messages


def po_path(code: str) -> Path:
    return LOCALE / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def languages() -> list[str]:
    """The language codes that have a .po file."""
    return sorted(path.parent.parent.name for path in LOCALE.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def update_language(code: str, template: Any) -> None:
    from babel.messages.catalog import Catalog

    path = po_path(code)
    if path.exists():
        catalog = read_po(path, locale=code)
    else:
        catalog = Catalog(locale=code, domain=DOMAIN, project="b24admin", fuzzy=False)
        catalog.creation_date = FIXED_DATE
    catalog.revision_date = FIXED_DATE
    catalog.update(template, update_header_comment=False, update_creation_date=False)
    catalog.obsolete.clear()  # a removed text is gone; git keeps its history
    write_po(path, catalog)
    path.with_suffix(".mo").write_bytes(compiled(read_po(path, locale=code)))  # as git has it


# --- the checks make test runs ------------------------------------------------------------


def placeholders(text: str) -> list[str]:
    return sorted(INTERCHANGEABLE.get(p, p) for p in PLACEHOLDER.findall(text))


def _translations(message: Any) -> list[str]:
    strings = message.string if isinstance(message.string, (tuple, list)) else [message.string]
    return [s for s in strings if s]


def check_language(
    code: str, found: dict[str, Message], *, complete: bool, path: Path | None = None
) -> list[str]:
    """Problems with one language's .po and .mo; completeness only when ``complete``."""
    problems: list[str] = []
    path = path or po_path(code)
    catalog = read_po(path, locale=code)
    name = path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else path.name
    mo = path.with_suffix(".mo")
    if not mo.is_file() or mo_messages(mo.read_bytes()) != mo_messages(compiled(catalog)):
        problems.append(f"{name}: the compiled {mo.name} does not match (run compile)")
    for message in catalog:
        if not message.id:
            continue
        msgid = message.id[0] if isinstance(message.id, (tuple, list)) else message.id
        sources = list(message.id) if isinstance(message.id, (tuple, list)) else [message.id]
        strings = _translations(message)
        if strings and not message.fuzzy:
            wanted = placeholders(sources[-1])
            for text in strings:
                if placeholders(text) != wanted and placeholders(text) != placeholders(sources[0]):
                    problems.append(f"{name}: placeholders differ in {msgid!r}: {text!r}")
            plural_count = catalog.num_plurals
            if len(sources) > 1 and len(strings) != plural_count and complete:
                problems.append(f"{name}: {msgid!r} needs {plural_count} plural forms")
        if not complete:
            continue
        if message.fuzzy:
            problems.append(f"{name}: fuzzy (check and clear the flag): {msgid!r}")
        elif not strings:
            problems.append(f"{name}: not translated: {msgid!r}")
        if msgid not in found:
            problems.append(f"{name}: stale, no longer in the sources: {msgid!r}")
    if complete:
        present = {m.id[0] if isinstance(m.id, (tuple, list)) else m.id for m in catalog}
        for msgid in sorted(set(found) - present):
            problems.append(f"{name}: missing (run update): {msgid!r}")
    return problems


def check(codes: list[str], *, complete: bool) -> list[str]:
    found, bypasses = extract()
    problems = [f"bypasses the catalogue: {b}" for b in bypasses]
    if complete:
        pot_ids = {
            m.id[0] if isinstance(m.id, (tuple, list)) else m.id for m in read_po(POT) if m.id
        }
        if pot_ids != set(found):
            problems.append(f"{POT.name} is out of date (run extract)")
    for code in codes:
        problems.extend(check_language(code, found, complete=complete))
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m b24admin.i18n_tools")
    parser.add_argument("command", choices=["extract", "update", "compile", "check", "init"])
    parser.add_argument("code", nargs="?", help="init: the new language's code (fr, pt_PT)")
    parser.add_argument("--lang", action="append", help="only this language (repeatable)")
    parser.add_argument("--complete", action="store_true", help="check: demand 100 %%")
    args = parser.parse_args(argv)
    codes = args.lang or languages()
    if args.command in ("extract", "update", "init"):
        found, bypasses = extract()
        for bypass in bypasses:
            print(f"warning: bypasses the catalogue: {bypass}", file=sys.stderr)
        template = template_catalogue(found)
        write_po(POT, template)
        print(f"{POT.relative_to(ROOT)}: {len(found)} texts")
        if args.command == "init":
            if not args.code:
                parser.error("init needs the new language's code")
            codes = [args.code]
        if args.command in ("update", "init"):
            for code in codes:
                update_language(code, template)
                print(f"updated {po_path(code).relative_to(ROOT)}")
        return 0
    if args.command == "compile":
        for code in codes:
            po_path(code).with_suffix(".mo").write_bytes(compiled(read_po(po_path(code), code)))
        return 0
    problems = check(codes, complete=args.complete)
    for problem in problems:
        print(problem)
    for code in codes:
        catalog = read_po(po_path(code), locale=code)
        done = sum(1 for m in catalog if m.id and _translations(m) and not m.fuzzy)
        total = sum(1 for m in catalog if m.id)
        print(f"{code}: {done}/{total} translated")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
