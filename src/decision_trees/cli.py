"""decision-trees: check the decision trees, list their routes, show scenario coverage and draw
their diagrams, without MkDocs.

  decision-trees lint                      compile and check every tree as the build does (exit 1
                                           on any error, or on a warning the strict build refuses)
  decision-trees routes [TREE] [--write | --check]
                                           print how each outcome is reached; --write updates
                                           <trees>/routes/; --check fails if a list is out of date
  decision-trees coverage [TREE]           run the scenarios and show what they leave untested
  decision-trees diagram TREE [--lang cy] [-o FILE]
                                           write the SVG diagram (default: to standard output)
  decision-trees schema [--write | --check]
                                           the JSON Schema for tree files (<trees>/tree.schema.json)
  decision-trees reference [--write | --check]
                                           the field reference, one table per part of a tree file,
                                           in <trees>/README.md (between its two markers)
  decision-trees compare [--comparisons DIR]
                                           check the policy comparison (default ./comparison/*.yml)
                                           and list the topics each policy says nothing on
  decision-trees compare --schema [--write | --check]
                                           the JSON Schema for comparison files
  decision-trees cases [TREE]              check the practice cases (<trees>/cases/*.yml) against
                                           their trees; count cases and outcomes covered
  decision-trees cases --schema [--write | --check]
                                           the JSON Schema for case files (<trees>/case.schema.json)

Every command takes --trees DIR (default ./decision_trees) and --docs DIR (default ./docs, holding
en/ and cy/, for the citation checks). Citations are checked unless --no-citations says not to.
Exit status: 0 ok, 1 a problem in the trees, the cases or the comparison or a stale file, 2 a usage
error (no trees, cases or comparison found, no docs folder, unknown tree).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .cases import CaseErrors, CaseSet, case_files, compile_all_cases
from .comparison import Comparison, ComparisonErrors, comparison_files, compile_comparisons
from .compiler import compile_all, tree_files
from .errors import TreeError, TreeErrors
from .field_reference import FormatError, reference_markdown, with_reference
from .json_schema import case_schema_text, comparison_schema_text, schema_text
from .model import Tree
from .policy_pages import PolicyPages
from .render_svg import render_svg
from .routes import route_list_file, route_list_text
from .scenarios import check_scenarios, coverage, load_scenarios, scenario_file
from .tree_format import LANGUAGES
from .unsure import check_unsure


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="decision-trees",
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__,
    )
    folders = argparse.ArgumentParser(add_help=False)
    folders.add_argument("--trees", type=Path, default=Path("decision_trees"), help="the tree files")
    folders.add_argument("--docs", type=Path, default=Path("docs"), help="the pages, in en/ and cy/")
    folders.add_argument("--no-citations", action="store_true", help="do not check citations")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("lint", parents=[folders])
    routes = sub.add_parser("routes", parents=[folders])
    routes.add_argument("tree", nargs="?")
    _write_or_check(routes)
    sub.add_parser("coverage", parents=[folders]).add_argument("tree", nargs="?")
    diagram = sub.add_parser("diagram", parents=[folders])
    diagram.add_argument("tree")
    diagram.add_argument("--lang", choices=LANGUAGES, default="en")
    diagram.add_argument("-o", "--output", type=Path)
    _write_or_check(sub.add_parser("schema", parents=[folders]))
    _write_or_check(sub.add_parser("reference", parents=[folders]))
    compare = sub.add_parser("compare", parents=[folders])
    compare.add_argument("--comparisons", type=Path, default=Path("comparison"), help="the comparison files")
    compare.add_argument("--schema", action="store_true", help="the JSON Schema for comparison files")
    _write_or_check(compare)
    cases = sub.add_parser("cases", parents=[folders])
    cases.add_argument("tree", nargs="?")
    cases.add_argument("--schema", action="store_true", help="the JSON Schema for case files")
    _write_or_check(cases)
    return parser


def _write_or_check(parser: argparse.ArgumentParser) -> None:
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--write", action="store_true")
    mode.add_argument("--check", action="store_true")


def _fail(message: str) -> int:
    print(f"decision-trees: {message}", file=sys.stderr)
    return 2


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "compare":
        return _compare(args)
    if not args.trees.is_dir() or not tree_files(args.trees):
        return _fail(
            f"no tree files (*.yml) in {args.trees}/: run this in the project folder or pass --trees DIR"
        )
    if args.command == "schema":
        return _generated_file(args, args.trees / "tree.schema.json", schema_text(), "schema")
    if args.command == "reference":
        return _reference(args)
    if args.command == "cases" and args.schema:
        return _generated_file(args, args.trees / "case.schema.json", case_schema_text(), "cases --schema")
    if args.command == "cases" and (args.write or args.check):
        return _fail("--write and --check go with --schema")
    missing = [lang for lang in LANGUAGES if not (args.docs / lang).is_dir()]
    if missing and not args.no_citations:
        return _fail(
            f"cannot check citations: no {', '.join(f'{args.docs}/{lang}/' for lang in missing)} "
            "(pass --docs DIR, or --no-citations to skip the citation checks)"
        )
    warnings: list[TreeError] = []
    try:
        trees = compile_all(
            args.trees, None if args.no_citations else args.docs, Path.cwd(), warnings=warnings
        )
    except TreeErrors as exc:
        print(exc, file=sys.stderr)
        _print_warnings(warnings)
        counts = f"{len(exc.errors)} error(s)" + (f", {len(warnings)} warning(s)" if warnings else "")
        print(counts, file=sys.stderr)
        return 1
    _print_warnings(warnings)
    chosen = [t for t in trees if getattr(args, "tree", None) in (None, t.id)]
    if not chosen:
        return _fail(f"no tree '{args.tree}' in {args.trees} (trees: {', '.join(t.id for t in trees)})")
    if args.command == "lint":
        for tree in trees:
            print(f"{tree.file}: ok ({len(tree.questions)} questions, {len(tree.outcomes)} outcomes)")
            for problem in check_unsure(tree):
                print(f"  warning: {problem}")
        if args.no_citations:
            print("citations were not checked (--no-citations)")
        if warnings:
            print(f"{len(warnings)} warning(s): the strict build refuses them", file=sys.stderr)
            return 1
        return 0
    if args.command == "routes":
        results = [
            _generated_file(args, route_list_file(args.trees, t), route_list_text(t), "routes")
            for t in chosen
        ]
        return max(results)
    if args.command == "coverage":
        return max(_coverage(args.trees, tree) for tree in chosen)
    if args.command == "cases":
        return _cases(args, trees, chosen)
    svg = render_svg(chosen[0], args.lang)
    if args.output:
        args.output.write_text(svg, encoding="utf-8")
    else:
        sys.stdout.write(svg)
    return 0


def _print_warnings(warnings: list[TreeError]) -> None:
    for warning in warnings:
        print(f"{warning} (warning)", file=sys.stderr)


def _generated_file(args: argparse.Namespace, file: Path, text: str, command: str) -> int:
    """Print a generated file, write it (--write), or fail if the committed copy differs (--check)."""
    if args.write:
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(text, encoding="utf-8")
        print(f"wrote {file}")
    elif args.check:
        if not file.exists() or file.read_text(encoding="utf-8") != text:
            print(
                f"{file} is out of date: run `decision-trees {command} --write` and review the diff",
                file=sys.stderr,
            )
            return 1
    else:
        print(text)
    return 0


def _reference(args: argparse.Namespace) -> int:
    """The field reference in the trees' README: print it, write it into the README (--write), or
    fail if the README's copy is out of date (--check)."""
    if not (args.write or args.check):
        print(reference_markdown(), end="")
        return 0
    readme = args.trees / "README.md"
    try:
        text = with_reference(readme.read_text(encoding="utf-8"))
    except (OSError, FormatError) as exc:
        return _fail(f"{readme}: {exc}")
    return _generated_file(args, readme, text, "reference")


def _compare(args: argparse.Namespace) -> int:
    """Check the comparison files; list, per organisation, the topics its policy says nothing on."""
    if args.schema:
        schema_file = args.comparisons / "comparison.schema.json"
        return _generated_file(args, schema_file, comparison_schema_text(), "compare --schema")
    if args.write or args.check:
        return _fail("--write and --check go with --schema")
    if not args.comparisons.is_dir() or not comparison_files(args.comparisons):
        return _fail(
            f"no comparison files (*.yml) in {args.comparisons}/: run this in the project folder "
            "or pass --comparisons DIR"
        )
    missing = [lang for lang in LANGUAGES if not (args.docs / lang).is_dir()]
    if missing and not args.no_citations:
        return _fail(
            f"cannot check citations: no {', '.join(f'{args.docs}/{lang}/' for lang in missing)} "
            "(pass --docs DIR, or --no-citations to skip the citation checks)"
        )
    pages = None if args.no_citations else PolicyPages(args.docs)
    try:
        comparisons = compile_comparisons(args.comparisons, pages, Path.cwd())
    except ComparisonErrors as exc:
        print(exc, file=sys.stderr)
        print(f"{len(exc.errors)} error(s)", file=sys.stderr)
        return 1
    for comparison in comparisons:
        print(_silences(comparison))
    if args.no_citations:
        print("citations were not checked (--no-citations)")
    return 0


def _silences(comparison: Comparison) -> str:
    cells = len(comparison.topics) * len(comparison.organisations)
    silent = sum(len(comparison.silent_topics(o.id)) for o in comparison.organisations)
    lines = [
        f"{comparison.file}: ok ({len(comparison.topics)} topics, {len(comparison.organisations)} "
        f"organisations, {cells} cells, {silent} of them where the policy says nothing)"
    ]
    for org in comparison.organisations:
        topics = [t.id for t in comparison.silent_topics(org.id)]
        said = f"says nothing on {', '.join(topics)}" if topics else "says something on every topic"
        lines.append(f"  {org.id}: {said}")
    return "\n".join(lines)


def _coverage(trees_dir: Path, tree: Tree) -> int:
    file = scenario_file(trees_dir, tree)
    if not file.exists():
        print(f"{tree.id}: no scenario file ({file})")
        return 1
    try:
        scenarios = load_scenarios(file)
    except TreeErrors as exc:
        print(exc, file=sys.stderr)
        return 1
    errors = check_scenarios(tree, scenarios, str(file))
    for error in errors:
        print(error, file=sys.stderr)
    report = coverage(tree, scenarios)
    print(report.report())
    return 1 if errors or not report.complete else 0


def _cases(args: argparse.Namespace, trees: list[Tree], chosen: list[Tree]) -> int:
    """Check the case files against the trees; per walkthrough, the cases and the outcomes they cover."""
    folder = args.trees / "cases"
    if not case_files(folder):
        return _fail(f"no case files (*.yml) in {folder}/: practice cases live beside the trees")
    pages = None if args.no_citations else PolicyPages(args.docs)
    try:
        case_sets = compile_all_cases(folder, {t.id: t for t in trees}, pages, Path.cwd())
    except CaseErrors as exc:
        print(exc, file=sys.stderr)
        print(f"{len(exc.errors)} error(s)", file=sys.stderr)
        return 1
    for tree in chosen:
        case_set = case_sets.get(tree.id)
        print(_case_report(tree, case_set) if case_set else f"{tree.id}: no practice cases")
    if args.no_citations:
        print("citations were not checked (--no-citations)")
    return 0


def _case_report(tree: Tree, case_set: CaseSet) -> str:
    covered = case_set.outcomes_covered()
    lines = [
        f"{case_set.file}: ok ({len(case_set.cases)} cases, {len(covered)} of {len(tree.outcomes)} outcomes "
        f"covered, a session of {case_set.minutes} minutes)"
    ]
    lines += [f"  no case reaches: {o.id}" for o in tree.outcomes if o.id not in covered]
    return "\n".join(lines)
