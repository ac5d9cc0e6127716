"""loaders/ and db/ never import Textual: they are plain functions, and `kamerlezer load`
never pays Textual's import time."""

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def imported_modules(path: Path, depth: int = 1) -> set[str]:
    """The modules a file imports, named by their first ``depth`` parts."""
    tree = ast.parse(path.read_text())
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(".".join(alias.name.split(".")[:depth]) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(".".join(node.module.split(".")[:depth]))
    return names


def test_loaders_and_db_do_not_import_textual_or_the_tui() -> None:
    for package in ("loaders", "db"):
        for path in (ROOT / package).rglob("*.py"):
            imports = imported_modules(path)
            assert "textual" not in imports, path
            assert "tui" not in imports, path


def test_loaders_do_not_touch_sqlite() -> None:
    for path in (ROOT / "loaders").rglob("*.py"):
        assert not {"sqlite3", "sqlite_utils", "db"} & imported_modules(path), path


def test_the_reader_does_not_borrow_from_the_command_line() -> None:
    """Widgets, screens and pages share their labels through tui/text/, never through the
    command line's printer: a change to what ``show`` prints cannot change the reader."""
    for room in ("widgets", "screens", "pages", "text"):
        for path in (ROOT / "tui" / room).rglob("*.py"):
            assert "tui.cli" not in imported_modules(path, depth=2), path


def test_the_command_line_loads_without_textual() -> None:
    code = "import sys, tui.cli.main; print('textual' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.stdout.strip() == "False"


def test_the_command_line_writes_only_through_its_output_boundary() -> None:
    """print, json.dumps and a plain Rich Console would write a document's controls or
    markup as they are; tui/cli/terminal_output.py is the one place that writes."""
    boundary = ROOT / "tui" / "cli" / "terminal_output.py"
    assert boundary.exists()
    settings_file = ROOT / "tui" / "side_widths.py"  # JSON to a file of its own
    assert settings_file.exists()
    for path in (ROOT / "tui").rglob("*.py"):
        if path == boundary:
            continue
        writes: tuple[str, ...] = ("print", "Console", "sys.stdout.write", "sys.stderr.write")
        if path != settings_file:
            writes += ("json.dumps",)
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Call):
                continue
            called = ast.unparse(node.func)
            assert called not in writes, f"{path.relative_to(ROOT)}:{node.lineno}: {called}"
