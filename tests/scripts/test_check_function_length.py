"""scripts/check_function_length.py lists functions over the limit and skips data modules."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location(
    "check_function_length", ROOT / "scripts" / "check_function_length.py"
)
check = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(check)


def _function(name: str, body_lines: int, indent: str = "") -> str:
    body = "".join(f"{indent}    x = {i}\n" for i in range(body_lines))
    return f"{indent}def {name}():\n{body}"


def test_lists_long_functions_and_methods_with_their_length(tmp_path):
    path = tmp_path / "mod.py"
    path.write_text(
        _function("short", 10)
        + _function("long", 85)
        + "class Thing:\n"
        + _function("method", 81, indent="    ")
    )
    found = check.long_functions(path, 80)
    assert [(name, length) for _line, name, length in found] == [
        ("long", 86),
        ("Thing.method", 82),
    ]


def test_main_skips_migrations_tests_and_demo_data(tmp_path, capsys):
    for folder in ("migrations", "tests", "demo"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "m.py").write_text(_function("long", 100))
    (tmp_path / "demo_data.py").write_text(_function("long", 100))
    assert check.main([str(tmp_path)]) == 0
    (tmp_path / "logic.py").write_text(_function("long", 100))
    assert check.main([str(tmp_path)]) == 1
    assert "logic.py:1: long is 101 lines (max 80)" in capsys.readouterr().out
