"""Functions typed: how many functions in src/ and hooks/ have every argument and the return
annotated (`self` and `cls` need none). ruff's ANN rules keep the number whole; this says how
whole, for benchmarks/README.md and the issue's measures.

    .venv/bin/python benchmarks/typed_functions.py
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = ("src", "hooks")


def fully_annotated(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    args = function.args
    every = [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]
    needing = [a for a in every if a is not None and a.arg not in ("self", "cls")]
    return function.returns is not None and all(a.annotation is not None for a in needing)


def count(root: Path = ROOT) -> tuple[int, int, list[str]]:
    """(fully annotated, all functions, where the others are)."""
    typed, total, untyped = 0, 0, []
    for folder in FOLDERS:
        for path in sorted((root / folder).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                    total += 1
                    if fully_annotated(node):
                        typed += 1
                    else:
                        untyped.append(f"{path.relative_to(root)}:{node.lineno} {node.name}")
    return typed, total, untyped


def main() -> int:
    typed, total, untyped = count()
    print(f"functions typed: {typed} of {total} in {' and '.join(FOLDERS)}")
    for where in untyped:
        print(f"  not fully annotated: {where}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
