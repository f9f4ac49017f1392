"""STYLE.md §1 "Where things live": a package never imports one above it.

Walks every module of the project's packages with `ast` (imports at any depth: inside
functions, `if TYPE_CHECKING:` and `with workflow.unsafe.imports_passed_through():` blocks,
and `importlib.import_module("…")` with a literal name) and fails on a forbidden edge, naming
the file, the line and the rule. Pure: no server, nothing imported.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PACKAGES = ("nareis", "brieven", "workflows", "activities", "client", "api", "cli", "worker", "benchmarks")

_WEB = {"fastapi", "starlette", "uvicorn"}


@dataclass(frozen=True)
class Rule:
    package: str
    forbidden: frozenset[str]  # top-level module names
    why: str


RULES = {
    rule.package: rule
    for rule in (
        Rule(
            "nareis",
            frozenset({"temporalio", "asyncpg", *_WEB, *PACKAGES} - {"nareis"}),
            "the domain imports only the standard library, pydantic and dateutil (STYLE.md §1, §3)",
        ),
        Rule(
            "brieven",
            frozenset({"temporalio", "asyncpg", *_WEB, *PACKAGES} - {"nareis", "brieven"}),
            "the letters' texts: imports the domain and jinja2 only",
        ),
        Rule(
            "workflows",
            frozenset({"asyncpg", *_WEB, "brieven", "client", "api", "cli", "worker", "benchmarks"}),
            "workflows import temporalio.workflow, the domain and activity definitions only",
        ),
        Rule(
            "activities",
            frozenset({"workflows", "client", "api", "cli", "worker", "benchmarks"}),
            "activities import the domain and external libraries only (the workflow imports them, not the reverse)",
        ),
        Rule(
            "client",
            frozenset({"brieven", "workflows", "activities", "api", "cli", "worker", "benchmarks"}),
            "the client imports the domain, temporalio.client and external libraries only",
        ),
        Rule(
            "api",
            frozenset({"workflows", "activities", "cli", "worker", "benchmarks"}),
            "the HTTP API imports the client and the domain; it never runs the rules itself",
        ),
        Rule(
            "cli",
            frozenset({"brieven", "workflows", "activities", "api", "worker", "benchmarks"}),
            "the CLIs import the client and the domain",
        ),
        Rule(
            "worker",
            frozenset({"benchmarks"}),
            "the composition root may import every package of the service; nothing imports it",
        ),
        # The benchmarks build their own stacks with the dev stack's helpers (worker.dev,
        # worker.draaien) and run the API in process: like the tests, they sit on top.
        Rule("benchmarks", frozenset(), "the benchmarks sit on top, like the tests"),
    )
}

#: (file, imported module) edges that exist today and are on their way out: none since the typed
#: effects moved the step messages into the domain
KNOWN_EXCEPTIONS: set[tuple[str, str]] = set()


@dataclass(frozen=True)
class Violation:
    path: str
    line: int
    module: str
    rule: Rule

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: imports {self.module}: {self.rule.why}"


def _package_of(path: str) -> str:
    return path.split("/", 1)[0]


def _imported(tree: ast.AST, path: str) -> Iterator[tuple[int, str]]:
    """(line, absolute module name) of every import in the tree, at any depth."""
    package_parts = path.removesuffix(".py").split("/")[:-1]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the module's package
                basis = package_parts[: len(package_parts) - node.level + 1]
                module = ".".join([*basis, node.module] if node.module else basis)
            else:
                module = node.module or ""
            yield node.lineno, module
            for alias in node.names:  # `from client import visibility` imports client.visibility
                yield node.lineno, f"{module}.{alias.name}"
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            yield node.lineno, node.args[0].value


def _known(path: str, module: str) -> bool:
    return any(path == p and (module == m or module.startswith(m + ".")) for p, m in KNOWN_EXCEPTIONS)


def violations(path: str, source: str) -> list[Violation]:
    """The forbidden edges of one module; `path` relative to the project root ("api/app.py")."""
    rule = RULES[_package_of(path)]
    found = {}
    for line, module in _imported(ast.parse(source, filename=path), path):
        top = module.split(".", 1)[0]
        if top in rule.forbidden and not _known(path, module):
            found.setdefault((line, top), Violation(path, line, module, rule))
    return list(found.values())


def _modules() -> Iterator[Path]:
    for package in PACKAGES:
        yield from sorted((ROOT / package).rglob("*.py"))


def test_style_1_layers_never_import_upward() -> None:
    gevonden = [
        str(v)
        for bestand in _modules()
        for v in violations(bestand.relative_to(ROOT).as_posix(), bestand.read_text(encoding="utf-8"))
    ]
    assert not gevonden, "imports that go upward (STYLE.md §1):\n" + "\n".join(gevonden)


def test_style_1_every_package_is_walked() -> None:
    assert set(RULES) == set(PACKAGES)
    for package in PACKAGES:
        assert (ROOT / package / "__init__.py").is_file(), package
    assert sum(1 for _ in _modules()) > 90


def test_known_exceptions_still_exist() -> None:
    """An exception whose edge is gone must be removed (STYLE.md §1: move it down, no exceptions)."""
    for path, module in KNOWN_EXCEPTIONS:
        tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
        assert module in {m for _, m in _imported(tree, path)}, f"{path} no longer imports {module}: drop it"


def test_a_planted_edge_fails_with_file_line_and_rule() -> None:
    bron = (
        "from nareis import contract\n"
        "\n"
        "def f():\n"
        "    with workflow.unsafe.imports_passed_through():\n"
        "        import temporalio.workflow\n"
    )
    [fout] = violations("nareis/geplant.py", bron)
    assert (fout.path, fout.line, fout.module) == ("nareis/geplant.py", 5, "temporalio.workflow")
    assert str(fout).startswith("nareis/geplant.py:5: imports temporalio.workflow: the domain")


def test_planted_edges_in_every_layer() -> None:
    geplant = {
        "api/geplant.py": "def f():\n    from worker.config import Instellingen\n",
        "cli/geplant.py": "import activities.register\n",
        "client/geplant.py": "from workflows import zoekattributen\n",
        "activities/geplant.py": "from workflows.nareisaanvraag import Nareisaanvraag\n",
        "workflows/geplant.py": "import asyncpg\n",
        "nareis/geplant.py": "from client import visibility\n",
        "nareis/brief.py": "from brieven import Briefschrijver\n",
        "brieven/geplant.py": "from activities.register import Register\n",
        "brieven/tijdelijk.py": "import temporalio.workflow\n",
        "workflows/brief.py": "import brieven\n",
        "api/schermen/geplant.py": "from ...worker import dev\n",  # relative, resolved to worker.dev
        "cli/dynamisch.py": "import importlib\nimportlib.import_module('activities.stappen')\n",
    }
    for pad, bron in geplant.items():
        assert violations(pad, bron), pad
    # allowed edges stay allowed
    assert not violations("api/geplant.py", "from client.zaken import Zaken\nfrom nareis import contract\n")
    assert not violations("worker/geplant.py", "from workflows.nareisaanvraag import Nareisaanvraag\n")
    assert not violations("workflows/geplant.py", "from activities.register import Register\n")
    for pad in ("activities/geplant.py", "api/schermen/geplant.py"):  # the letters' renderer is shared
        assert not violations(pad, "from brieven import Briefschrijver\n"), pad
    assert not violations("brieven/geplant.py", "from jinja2 import Environment\nfrom nareis import effecten\n")
