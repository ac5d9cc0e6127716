"""config.toml: each kind of bad config is one line naming the file, the line and the
problem (exit 2, never a traceback); --path, --init; the library and theme it names."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.cli.main import main
from tui.config import Config, commented_config, config_path, read_config, remember_theme


def _write(text: str) -> Path:
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


@pytest.mark.parametrize(
    ("text", "line", "problem"),
    [
        ('theme = "nord"\nstart = "welcome\n', 2, "not TOML: "),
        ('theme = "nord"\n\ncolour = "red"\n', 3, "colour: no such setting; there are theme,"),
        ('theme = "gruvbox-dark-ish"\n', 1, "theme: no such theme; there are "),
        ("side_panes = 90\n", 1, "side_panes: a number of columns from -8 to 40"),
        ('start = "yesterday"\n', 1, 'start: "last place" or "welcome"'),
        ('[keys]\nfollow_dossier = "ctrl+g"\nflw = "x"\n', 3, "[keys] flw: no such command"),
        ("[keys]\nfollow_dossier = 7\n", 2, '[keys] follow_dossier: a key in quotes ("ctrl+g")'),
        ('[keys]\nfollow_dossier = "f"\n', 2, "[keys] follow_dossier: f is already find's key"),
        (
            '[keys]\nnote = "ctrl+g"\nbookmark = "ctrl+g"\n',
            3,
            "[keys] bookmark: ctrl+g is already note's key",
        ),
    ],
)
def test_a_bad_config_is_one_line_naming_file_line_and_problem(
    text: str, line: int, problem: str, capsys
) -> None:
    path = _write(text)
    assert main(["--db", "unused.db", "show", "kst-29521-455"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"kamerlezer: {path}:{line}: {problem}")
    assert err.count("\n") == 1 and "Traceback" not in err
    assert main(["config"]) == 2  # the check alone says the same
    assert capsys.readouterr().err == err


def test_config_path_and_a_commented_config_to_start_from(capsys) -> None:
    assert main(["config", "--path"]) == 0
    assert capsys.readouterr().out == f"{config_path()}\n"
    assert main(["config"]) == 0
    assert "no config; the defaults hold" in capsys.readouterr().out
    assert main(["config", "--init"]) == 0
    capsys.readouterr()
    assert config_path().read_text() == commented_config()
    assert read_config() == Config()  # every line a comment: the defaults
    assert '# follow_dossier = "w"  # follow the open dossier' in commented_config()
    assert main(["config", "--init"]) == 1  # never over one
    assert "there is a config already" in capsys.readouterr().err


def test_the_library_it_names_unless_db_says_otherwise(tmp_path, samples_library, capsys) -> None:
    _write(f'library = "{samples_library}"\n')
    assert main(["show", "kst-24138-3", "--json"]) == 0  # only in the samples
    assert '"key": "kst-24138-3"' in capsys.readouterr().out
    assert main(["--db", str(tmp_path / "other.db"), "show", "kst-24138-3"]) == 1


def test_a_theme_picked_is_written_into_the_config_and_its_other_lines_stay() -> None:
    path = _write('# mine\ntheme = "nord"\n\n[keys]\nnote = "ctrl+n"\n')
    remember_theme("dracula")
    assert path.read_text() == '# mine\ntheme = "dracula"\n\n[keys]\nnote = "ctrl+n"\n'
    assert read_config().theme == "dracula"
    path.unlink()
    remember_theme("nord")
    assert read_config() == Config(theme="nord")
