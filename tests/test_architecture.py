"""The shape of the house (README, "Architecture"): apps in layers, no import cycles inside an app, and
imports inside function bodies only where Django or a library requires them, each saying why."""

import ast
import io
from contextlib import redirect_stdout
from pathlib import Path

from importlinter import cli

ROOT = Path(__file__).resolve().parent.parent
APPS = ["qser_site", "practices", "mentoring", "forms_library", "home"]


def test_import_linter_contracts_are_kept(monkeypatch):
    """The contracts of `.importlinter`: `make lint` runs the same check in CI."""
    monkeypatch.chdir(ROOT)
    output = io.StringIO()
    with redirect_stdout(output):
        exit_code = cli.lint_imports(no_cache=True)
    assert exit_code == cli.EXIT_STATUS_SUCCESS, output.getvalue()


def function_body_imports(path):
    """(line, statement) of each import inside a function that no comment explains: a comment on the import,
    or on the line above the run of imports it belongs to."""
    lines = path.read_text().splitlines()
    tree = ast.parse("\n".join(lines))
    imports = sorted(
        {
            node.lineno: node
            for function in ast.walk(tree)
            if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef)
            for node in ast.walk(function)
            if isinstance(node, ast.Import | ast.ImportFrom)
        }.items()
    )
    # Imports with nothing but blank lines between them are one run, under the comment above the run.
    runs = []
    for lineno, node in imports:
        if runs and not "".join(lines[runs[-1][-1].end_lineno : lineno - 1]).strip():
            runs[-1].append(node)
        else:
            runs.append([node])
    unexplained = []
    for run in runs:
        above = lines[run[0].lineno - 2].strip()
        if not above.startswith("#") and not any("#" in lines[node.lineno - 1] for node in run):
            unexplained += [(node.lineno, lines[node.lineno - 1].strip()) for node in run]
    return unexplained


def test_function_body_imports_say_why():
    """An import in a function body dodges a cycle or loads late; either way a comment gives the reason."""
    found = {
        f"{path.relative_to(ROOT)}:{line}": statement
        for app in APPS
        for path in sorted((ROOT / app).rglob("*.py"))
        if "migrations" not in path.parts
        for line, statement in function_body_imports(path)
    }
    assert found == {}


def test_the_check_finds_an_unexplained_import(tmp_path):
    module = tmp_path / "module.py"
    module.write_text(
        "def late():\n"
        "    from . import models\n"
        "\n"
        "def ready():\n"
        "    # Receivers connect on import, once the apps are loaded.\n"
        "    from . import signals\n"
        "    from . import checks\n"
        "    if connect():\n"
        "        import json\n"
    )
    assert function_body_imports(module) == [(2, "from . import models"), (9, "import json")]
