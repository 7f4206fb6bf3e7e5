"""The structure holds: the engine stays pure, and features meet through services and events, not each other's views."""
import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "matchmaker"
# What the engine may import besides itself and the standard library: the scientific stack it runs on.
SCIENTIFIC = {"numpy", "scipy", "sklearn", "numba", "Stemmer", "py3langid"}


def _imports(path: Path) -> set[str]:
    """Every module a file imports, as absolute dotted names (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def _features() -> list[str]:
    return sorted(p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()
                  and p.name not in {"engine", "translations"})


def test_the_engine_imports_nothing_but_itself_the_standard_library_and_the_scientific_stack():
    strays = []
    for path in sorted((PACKAGE / "engine").rglob("*.py")):
        for module in _imports(path):
            top = module.split(".")[0]
            if module.startswith("matchmaker.engine") or top in SCIENTIFIC or top in sys.stdlib_module_names:
                continue
            strays.append(f"{path.relative_to(ROOT)} imports {module}")
    assert not strays, "\n".join(strays)


def test_no_feature_s_views_import_another_feature_s_views():
    crossings = []
    for feature in _features():
        views = PACKAGE / feature / "views.py"
        if not views.exists():
            continue
        for module in _imports(views):
            parts = module.split(".")
            if len(parts) >= 3 and parts[0] == "matchmaker" and parts[1] != feature and parts[2] == "views":
                crossings.append(f"matchmaker/{feature}/views.py imports {module}")
    assert not crossings, "\n".join(crossings)


def test_the_rules_see_real_imports():
    """A guard on the guard: the walker finds the imports it is meant to judge."""
    assert "matchmaker.engine.analysis.Analyzer" in _imports(PACKAGE / "engine" / "index.py")
    assert "challenges" in _features() and "engine" not in _features()
