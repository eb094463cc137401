"""policy-trees: lint, list paths, show coverage and draw diagrams of the walkthrough trees,
without MkDocs.

  policy-trees lint                      compile and validate every tree (exit 1 on any error)
  policy-trees paths [TREE] [--write | --check]
                                         print every path; --write updates decision_trees/paths/;
                                         --check fails if a path list is out of date
  policy-trees coverage [TREE]           run the scenarios and show what they leave untested
  policy-trees diagram TREE [--lang cy] [-o FILE]
                                         write the SVG diagram (default: to standard output)
  policy-trees schema [--write | --check]
                                         the JSON Schema for tree files (decision_trees/tree.schema.json)

Options: --trees DIR (default decision_trees), --docs DIR (default docs).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .compiler import compile_all
from .errors import TreeErrors
from .json_schema import schema_text
from .paths import path_list_file, path_list_text
from .render_svg import render_svg
from .scenarios import check_scenarios, coverage, load_scenarios, scenario_file


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="policy-trees",
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__,
    )
    p.add_argument("--trees", type=Path, default=Path("decision_trees"))
    p.add_argument("--docs", type=Path, default=Path("docs"))
    sub = p.add_subparsers(dest="command", required=True)
    sub.add_parser("lint")
    paths = sub.add_parser("paths")
    paths.add_argument("tree", nargs="?")
    mode = paths.add_mutually_exclusive_group()
    mode.add_argument("--write", action="store_true")
    mode.add_argument("--check", action="store_true")
    cov = sub.add_parser("coverage")
    cov.add_argument("tree", nargs="?")
    diagram = sub.add_parser("diagram")
    diagram.add_argument("tree")
    diagram.add_argument("--lang", choices=("en", "cy"), default="en")
    diagram.add_argument("-o", "--output", type=Path)
    schema = sub.add_parser("schema")
    smode = schema.add_mutually_exclusive_group()
    smode.add_argument("--write", action="store_true")
    smode.add_argument("--check", action="store_true")
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "schema":
        return _schema(args)
    try:
        trees = compile_all(args.trees, args.docs if args.docs.is_dir() else None, Path.cwd())
    except TreeErrors as exc:
        print(exc, file=sys.stderr)
        print(f"{len(exc.errors)} error(s)", file=sys.stderr)
        return 1
    chosen = [t for t in trees if getattr(args, "tree", None) in (None, t.id)]
    if getattr(args, "tree", None) and not chosen:
        print(
            f"no tree '{args.tree}' in {args.trees} (trees: {', '.join(t.id for t in trees)})",
            file=sys.stderr,
        )
        return 2
    if args.command == "lint":
        for tree in trees:
            print(f"{tree.file}: ok ({len(tree.questions)} questions, {len(tree.outcomes)} outcomes)")
        return 0
    if args.command == "paths":
        return _paths(args, chosen)
    if args.command == "coverage":
        return _coverage(args, chosen)
    svg = render_svg(chosen[0], args.lang)
    if args.output:
        args.output.write_text(svg, encoding="utf-8")
    else:
        sys.stdout.write(svg)
    return 0


def _paths(args, trees) -> int:
    stale = 0
    for tree in trees:
        text, file = path_list_text(tree), path_list_file(args.trees, tree)
        if args.write:
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_text(text, encoding="utf-8")
            print(f"wrote {file}")
        elif args.check:
            if not file.exists() or file.read_text(encoding="utf-8") != text:
                print(
                    f"{file} is out of date with {tree.file}: run `policy-trees paths --write` and review the diff",
                    file=sys.stderr,
                )
                stale += 1
        else:
            print(text)
    return 1 if stale else 0


def _coverage(args, trees) -> int:
    failed = 0
    for tree in trees:
        file = scenario_file(args.trees, tree)
        if not file.exists():
            print(f"{tree.id}: no scenario file ({file})")
            failed += 1
            continue
        try:
            scenarios = load_scenarios(file)
        except TreeErrors as exc:
            print(exc, file=sys.stderr)
            failed += 1
            continue
        errors = check_scenarios(tree, scenarios, str(file))
        for error in errors:
            print(error, file=sys.stderr)
        cov = coverage(tree, scenarios)
        print(cov.report())
        failed += bool(errors) or not cov.complete
    return 1 if failed else 0


def _schema(args) -> int:
    target = args.trees / "tree.schema.json"
    text = schema_text()
    if args.write:
        target.write_text(text, encoding="utf-8")
        print(f"wrote {target}")
    elif args.check:
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            print(f"{target} is out of date: run `policy-trees schema --write`", file=sys.stderr)
            return 1
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
