"""List functions longer than a limit (default 80 lines), for ``make lint``.

Usage: ``python scripts/check_function_length.py [--max 80] [paths …]`` (default: the three
apps, ``site`` and ``scripts``). Counts a function from its ``def`` (decorators excluded) to its
last line, docstring included; nested functions count inside their parent and on their own.
Skips migrations, data and demo modules and tests: their length is data, not logic. Exits 1
when it lists any function.
"""

import argparse
import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PATHS = ("calculators", "cems_pages", "cems_registers", "site", "scripts")
#: Path parts and file names whose functions are data, not logic.
SKIP_PARTS = {"migrations", "demo", "demo_content", "tests", ".venv", "node_modules"}
SKIP_NAMES = {"demo.py", "demo_data.py", "conftest.py", "factories.py"}


def skipped(path: Path) -> bool:
    return (
        bool(SKIP_PARTS & set(path.parts))
        or path.name in SKIP_NAMES
        or path.name.startswith("test_")
    )


def long_functions(path: Path, limit: int) -> list[tuple[int, str, int]]:
    """(line, qualified name, length) of each function of ``path`` longer than ``limit``."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []

    def visit(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                name = f"{prefix}{child.name}"
                length = child.end_lineno - child.lineno + 1
                if length > limit:
                    found.append((child.lineno, name, length))
                visit(child, name + ".")
            elif isinstance(child, ast.ClassDef):
                visit(child, f"{prefix}{child.name}.")
            else:
                visit(child, prefix)

    visit(tree, "")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max", type=int, default=80, help="longest allowed function (lines)")
    parser.add_argument("paths", nargs="*", default=DEFAULT_PATHS)
    args = parser.parse_args(argv)
    failures = 0
    for root in args.paths:
        base = Path(root) if Path(root).is_absolute() else ROOT / root
        files = [base] if base.is_file() else sorted(base.rglob("*.py"))
        for path in files:
            if skipped(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path):
                continue
            for line, name, length in long_functions(path, args.max):
                shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
                print(f"{shown}:{line}: {name} is {length} lines (max {args.max})")
                failures += 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
