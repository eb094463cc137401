"""The field reference in decision_trees/README.md, generated from the declared format
(tree_format.py), as the JSON Schema is: every field of a tree file, of each node type and of each
part of a node, whether it is required, what its value is, and what it is for. The README holds the
generated text between two markers; `decision-trees reference --write` rewrites it, and a test fails
when it is out of date."""

from __future__ import annotations

from typing import assert_never

from . import limits
from . import tree_format as fmt

BEGIN = "<!-- field reference: generated from src/decision_trees/tree_format.py by `decision-trees reference --write` -->"
END = "<!-- end of field reference -->"

# The parts of a file, each a table, in the order an editor meets them.
PARTS: tuple[tuple[str, dict[str, fmt.Field]], ...] = (
    ("tree file", fmt.TREE_FIELDS),
    *((f"{node_type} node", fmt.NODE_FIELDS[node_type]) for node_type in fmt.NODE_TYPES),
    ("answer", fmt.ANSWER),
    ("answer in a set", fmt.SET_ANSWER),
    ("shared answer set in use", fmt.USE_SET),
    ("option", fmt.OPTION),
    ("none of these", fmt.NONE_ANSWER),
    ("checklist item", fmt.ITEM),
    ("citation", fmt.CITATION),
    ("verdict badges", fmt.VERDICT_LABELS),
)


class FormatError(ValueError):
    """A field of the format that the reference cannot describe: a change to tree_format.py that
    this module has not caught up with."""


def _part_name(fields: object) -> str:
    for name, part in PARTS:
        if part is fields:
            return f"*{name}*"
    raise FormatError(f"a record of fields that the reference does not name: {fields!r}")


def _value(spec: fmt.Field) -> str:
    """What a field's value is, in an editor's words."""
    kind = spec.kind
    match kind:
        case "id":
            taken = (
                f" (not {', '.join(f'`{name}`' for name in sorted(spec.reserved))})" if spec.reserved else ""
            )
            return f"id{taken}"
        case "ref":
            return "id of a node"
        case "text":
            return "text, both languages"
        case "str":
            return "text (one language)"
        case "bool":
            return "`true` or `false`"
        case "enum":
            return "one of " + ", ".join(f"`{value}`" for value in spec.values)
        case "record":
            return _part_name(spec.fields)
        case "list":
            return f"list of {_size(spec)}: {_value(spec.entry)}"
        case "map":
            return f"map of {_size(spec)} ids to: {_value(spec.entry)}"
        case "answers":
            return f"list of *answer*, or a {_part_name(fmt.USE_SET)}"
        case "node":
            return "a node; its `type` says which table"
        case _:
            # A kind added to tree_format.FieldKind without words here is a type error (mypy).
            assert_never(kind)


def _size(spec: fmt.Field) -> str:
    most = f"{getattr(limits, spec.max_items):,}"
    return f"{spec.min_items} to {most}" if spec.min_items else f"at most {most}"


def _table(fields: dict[str, fmt.Field], node_type: str | None) -> list[str]:
    rows = ["| Field | Required | Value | What it is |", "| --- | --- | --- | --- |"]
    for name, spec in fields.items():
        value = f"`{node_type}`" if name == "type" and node_type else _value(spec)
        doc = spec.doc.replace("|", "\\|")
        rows.append(f"| `{name}` | {'yes' if spec.required else 'no'} | {value} | {doc} |")
    return rows


def reference_markdown() -> str:
    """The field reference, one table per part of a tree file."""
    lines = [
        "*Text, both languages* is `{en: ..., cy: ...}`, or `{both: ...}` for a name that is the same in",
        "both. An *id* is lower-case words joined by hyphens. Parts in *italics* have a table of their own.",
        "",
    ]
    for name, fields in PARTS:
        node_type = name.removesuffix(" node") if name.endswith(" node") else None
        lines += [f"#### {name[0].upper()}{name[1:]}", "", *_table(fields, node_type), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def with_reference(readme: str) -> str:
    """The README with the text between the markers replaced by the current reference."""
    if readme.count(BEGIN) != 1 or readme.count(END) != 1 or readme.index(BEGIN) > readme.index(END):
        raise FormatError(f"the README needs the markers once each, in order:\n{BEGIN}\n{END}")
    head, rest = readme.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{BEGIN}\n\n{reference_markdown()}\n{END}{tail}"
