"""The README documents the import template (the contract of issue 4): every column and method."""

from pathlib import Path

from calculators.core import template

README = Path(__file__).resolve().parents[2] / "README.md"


def test_readme_names_every_template_column_and_method():
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## The activity-data import template") :]
    section = section[: section.index("\n## ", 5)]
    for column in template.COLUMNS:
        assert f"`{column.key}`" in section, column.key
    for key in template.METHODS:
        assert f"`{key}`" in section, key
