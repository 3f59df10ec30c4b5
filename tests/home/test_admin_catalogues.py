"""Our own strings in Wagtail's admin are all translated: every message of our admin hooks (each app's
wagtail_hooks.py and the project's modules it imports) and of our admin templates has a translation in el, cs,
de and es (ours, or Wagtail's own for the strings of its templates that we override)."""

import ast
import io
from pathlib import Path

import pytest
from babel.messages.extract import extract_python
from django.conf import settings
from django.utils.translation import trans_real
from django.utils.translation.template import templatize

BASE = Path(settings.BASE_DIR)
APPS = ["qser_site", "home", "forms_library", "mentoring", "practices"]
LANGUAGES = ["el", "cs", "de", "es"]
KEYWORDS = {
    "_": None,
    "gettext": None,
    "gettext_lazy": None,
    "gettext_noop": None,
    "ngettext": (1, 2),
    "ngettext_lazy": (1, 2),
    "pgettext": ((1, "c"), 2),
    "pgettext_lazy": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
    "npgettext_lazy": ((1, "c"), 2, 3),
}


def _module_path(name):
    path = BASE / Path(*name.split("."))
    for candidate in (path.with_suffix(".py"), path / "__init__.py"):
        if candidate.exists():
            return candidate
    return None


def _project_imports(path):
    """The project's modules a module imports (absolute or relative)."""
    package = ".".join(path.relative_to(BASE).with_suffix("").parts[:-1])
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package if node.level else ""
            module = ".".join(filter(None, [base, node.module or ""]))
            for alias in node.names:
                yield from filter(None, [_module_path(f"{module}.{alias.name}"), _module_path(module)])
        elif isinstance(node, ast.Import):
            yield from filter(None, (_module_path(alias.name) for alias in node.names))


def admin_modules():
    hooks = [BASE / app / "wagtail_hooks.py" for app in APPS if (BASE / app / "wagtail_hooks.py").exists()]
    modules = set(hooks)
    for path in hooks:
        modules |= {module for module in _project_imports(path) if module.parts[len(BASE.parts)] in APPS}
    return sorted(modules)


def admin_templates():
    ours = [path for app in APPS for path in (BASE / app / "templates").glob("*/admin/**/*.html")]
    return sorted(ours + list((BASE / "templates" / "wagtailadmin").glob("**/*.html")))


def _messages(source):
    """(function, arguments) of each call of a translation function, as Babel's Python extractor finds them."""
    for _lineno, function, arguments, _comments in extract_python(source, KEYWORDS, [], {}):
        arguments = arguments if isinstance(arguments, tuple) else (arguments,)
        if all(isinstance(argument, str) for argument in arguments[: _ARITY[function.removesuffix("_lazy")]]):
            yield function.removesuffix("_lazy"), arguments[: _ARITY[function.removesuffix("_lazy")]]


_ARITY = {"_": 1, "gettext": 1, "gettext_noop": 1, "ngettext": 2, "pgettext": 2, "npgettext": 3}


def admin_messages():
    found = {}
    for path in admin_modules():
        with path.open("rb") as source:
            for message in _messages(source):
                found.setdefault(message, path.relative_to(BASE))
    for path in admin_templates():
        # Django's own conversion for makemessages, each line unindented so that Python's tokenizer reads it.
        code = "\n".join(
            line.strip() for line in templatize(path.read_text(encoding="utf-8"), origin=str(path)).splitlines()
        )
        for message in _messages(io.BytesIO(code.encode())):
            found.setdefault(message, path.relative_to(BASE))
    return found


def catalogue_keys(function, arguments):
    """The keys of a message in a gettext catalogue: its text (after its context), each plural form."""
    if function in ("_", "gettext", "gettext_noop"):
        return [arguments[0]]
    if function == "pgettext":
        return ["\x04".join(arguments)]
    if function == "ngettext":
        return [(arguments[0], 0)]
    return [("\x04".join(arguments[:2]), 0)]


MESSAGES = admin_messages()


def test_the_admin_has_messages_to_check():
    assert len(MESSAGES) > 10, MESSAGES
    assert any(str(where).endswith("wagtail_hooks.py") for where in MESSAGES.values())
    assert any(str(where).endswith(".html") for where in MESSAGES.values())


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_admin_message_is_translated(code):
    # The catalogue Django reads for the language: ours merged with Wagtail's and the other apps'. A translation
    # may be spelled as its source ("Mentoring" in German), so it is looked up rather than compared.
    catalogue = trans_real.translation(code)._catalog
    untranslated = [
        f"{where}: {arguments!r}"
        for (function, arguments), where in MESSAGES.items()
        for key in catalogue_keys(function, arguments)
        if not catalogue.get(key)
    ]
    assert not untranslated, f"Admin strings without a {code} translation: {untranslated}"
