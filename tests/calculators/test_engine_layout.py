"""The engine package's layout (issue 14): one public surface, one way of importing, no Django,
a formula for every emitting method, and no second per-gas split in the Django layer."""

import ast
import subprocess
import sys
from pathlib import Path

from calculators.core import engine, template

ROOT = Path(__file__).resolve().parents[2]
ENGINE = ROOT / "calculators" / "core" / "engine"


def _imports(path: Path) -> set[str]:
    """The absolute modules ``path`` imports from (``from x import y`` gives x: ``y`` may be a
    re-exported name that shares a submodule's name, e.g. ``engine.compute``)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
    return found


def test_code_outside_the_engine_imports_only_its_public_names():
    submodules = {f"calculators.core.engine.{p.stem}" for p in ENGINE.glob("*.py")}
    submodules.discard("calculators.core.engine.__init__")
    offenders = []
    for folder in ("calculators", "cems_pages", "cems_registers", "site", "bench", "tests"):
        for path in (ROOT / folder).rglob("*.py"):
            if ENGINE in path.parents:
                continue
            if _imports(path) & submodules:
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_every_public_name_is_re_exported():
    for name in engine.__all__:
        assert getattr(engine, name) is not None, name
    assert {"compute", "gas_rows", "input_hash", "EngineError", "Options"} <= set(engine.__all__)


def test_the_engine_and_the_intake_import_no_django():
    code = (
        "import sys\n"
        "from calculators.core import engine, intake\n"
        "print(sorted(m for m in sys.modules if m == 'django' or m.startswith('django.')))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def test_a_formula_for_every_method_that_emits_and_a_need_list_only_for_those():
    emitting = {k for k, m in template.METHODS.items() if m.category != template.PRODUCTION}
    assert set(engine.FORMULAS) == emitting
    assert set(engine.NEEDS) <= set(engine.FORMULAS)
    for needs in engine.NEEDS.values():
        for need in needs:
            assert need.slot in engine.PARAM_INDEX
            assert need.required or need.default is not None or need.slot.startswith("ef_")


def test_the_run_writes_do_not_shadow_the_engine_and_keep_no_per_gas_split():
    from calculators.services import runs

    assert not hasattr(runs, "compute")
    assert not hasattr(runs, "long_results")
    assert "calculators.core.engine" not in _imports(Path(runs.__file__))


def test_the_template_names_the_library_parameters_each_method_reads():
    """template.METHODS[m].parameters (the contract, read by the reports) and engine.NEEDS
    agree: the template may leave out only optional parameters that have a default."""
    for key, method in template.METHODS.items():
        needs = engine.NEEDS.get(key, [])
        read = {n.parameter for n in needs}
        optional = {n.parameter for n in needs if not n.required and n.default is not None}
        assert set(method.parameters) <= read, key
        assert read - set(method.parameters) <= optional, key
