"""The tree file format, declared once: the validator walks it and the JSON Schema for editors is
generated from it (`decision-trees schema`), so the two cannot disagree."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, get_args

# The site's languages (declared in site_translations.languages), re-exported for the tree code.
from site_translations.languages import LANGUAGES as LANGUAGES
from site_translations.languages import Language as Language

from .page_names import RESERVED_NODE_IDS, RESERVED_OPTION_IDS, RESERVED_TREE_IDS

Verdict = Literal["yes", "not-yet", "no", "info"]
NodeType = Literal["question", "multiple", "checklist", "outcome"]
# How a field's value is checked (structure.py) and described to editors (json_schema.py).
FieldKind = Literal["id", "text", "str", "bool", "enum", "list", "map", "ref", "record", "answers", "node"]

VERDICTS: tuple[Verdict, ...] = get_args(Verdict)
NODE_TYPES: tuple[NodeType, ...] = get_args(NodeType)
ID_PATTERN = r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$"
# A text that is rightly the same in both languages (a name: Twitter, YouTube) is written once,
# as {both: Twitter}, instead of {en: Twitter, cy: Twitter}, which is taken for a Welsh string
# not yet translated.
SAME_IN_BOTH = "both"


@dataclass(frozen=True)
class Field:
    kind: FieldKind
    required: bool = False
    of: Field | dict[str, Field] | tuple[str, ...] | None = (
        None  # list item / map value spec, or enum values, or record fields
    )
    doc: str = ""
    min_items: int = 0
    max_items: str = "MAX_CHOICES"  # the name of the limit in limits.py (read when checking)
    reserved: dict[str, str] = field(default_factory=dict)  # ids: name -> why it is taken

    # `of` as each kind has it. A format declared otherwise is a mistake in this package's format
    # modules, never in a tree file: the TypeError says which kind lacks what.
    @property
    def entry(self) -> Field:
        """A list's or map's: the spec of each entry."""
        if not isinstance(self.of, Field):
            raise TypeError(f"a {self.kind} field declares no Field for its entries")
        return self.of

    @property
    def fields(self) -> dict[str, Field]:
        """A record's: its fields by name."""
        if not isinstance(self.of, dict):
            raise TypeError(f"a {self.kind} field declares no fields")
        return self.of

    @property
    def values(self) -> tuple[str, ...]:
        """An enum's: the values it allows."""
        if not isinstance(self.of, tuple):
            raise TypeError(f"a {self.kind} field declares no values")
        return self.of


def record(**fields: Field) -> dict[str, Field]:
    return fields


TEXT: FieldKind = "text"  # {en: str, cy: str}, both non-empty; or {both: str}

CITATION = record(
    page=Field("str", True, doc="Policy page, relative to docs/<language>/, e.g. policies/assembly.md"),
    section=Field("id", True, doc="Heading id on that page, e.g. live-tweeting"),
)
CITES = Field("list", False, Field("record", of=CITATION), doc="Policy sections this rests on")

ANSWER = record(
    id=Field("id", True, doc="Stable id, used in URLs and scenarios"),
    label=Field(TEXT, True, doc="The answer as the reader sees it"),
    hint=Field(TEXT, doc="A line under the answer"),
    next=Field("ref", doc="Node that follows this answer (omit only in an answer set)"),
    unsure=Field("bool", doc="An 'I'm not sure' answer: shown last, after 'or'"),
)
SET_ANSWER = record(**{k: v for k, v in ANSWER.items() if k != "next"})

OPTION = record(
    id=Field("id", True, doc="Stable id, used in URLs and scenarios", reserved=RESERVED_OPTION_IDS),
    label=Field(TEXT, True, doc="The description a reader may tick"),
    hint=Field(TEXT, doc="A line under the option"),
    finding=Field(TEXT, doc="Shown on the outcome when this option is chosen"),
    cites=CITES,
)
NONE_ANSWER = record(
    label=Field(TEXT, True, doc="The exclusive 'none of these' answer"),
    next=Field("ref", True, doc="Node that follows it"),
)
ITEM = record(
    id=Field("id", True, doc="Stable id, used in URLs and scenarios"),
    label=Field(TEXT, True, doc="The requirement, phrased so that ticking it means it is met"),
    hint=Field(TEXT, doc="A line under the item"),
    group=Field(TEXT, doc="Heading the item is listed under"),
    unmet=Field(TEXT, True, doc="What to do about it, shown on the outcome when it is not ticked"),
    cites=CITES,
)
USE_SET = record(
    set=Field("id", True, doc="Name of an entry in answer_sets"),
    next=Field("map", True, Field("ref"), doc="Next node for each answer id of the set"),
)

COMMON = {
    "id": Field(
        "id",
        True,
        doc="Stable node id: used in URLs, anchors, scenarios and route lists",
        reserved=RESERVED_NODE_IDS,
    ),
    "type": Field("enum", True, NODE_TYPES, doc="What kind of node this is"),
}
QUESTION = Field(TEXT, True, doc="The question, as the reader is asked it")
HINT = Field(TEXT, doc="A line of help under the question")
NO_UNSURE_REASON = Field(
    "str",
    doc="Only where no answer is 'I'm not sure': why the reader always knows (for editors; not shown)",
)
NODE_FIELDS = {
    "question": record(
        **COMMON,
        question=QUESTION,
        hint=HINT,
        answers=Field("answers", True, doc="A list of answers, or {set, next} to use a shared set"),
        no_unsure_reason=NO_UNSURE_REASON,
    ),
    "multiple": record(
        **COMMON,
        question=QUESTION,
        hint=HINT,
        options=Field(
            "list",
            True,
            Field("record", of=OPTION),
            doc="The descriptions; a reader ticks any that fit",
            min_items=2,
        ),
        none=Field("record", True, NONE_ANSWER, doc="The answer when none of the options fits"),
        next=Field("ref", True, doc="Node after one or more options are chosen"),
        no_unsure_reason=NO_UNSURE_REASON,
    ),
    "checklist": record(
        **COMMON,
        question=QUESTION,
        hint=HINT,
        items=Field(
            "list",
            True,
            Field("record", of=ITEM),
            doc="The requirements; a reader ticks each one met",
            min_items=2,
        ),
        next=Field("ref", True, doc="Node when every item is ticked"),
        otherwise=Field("ref", True, doc="Node when any item is not ticked"),
    ),
    "outcome": record(
        **COMMON,
        verdict=Field("enum", True, VERDICTS, doc="The answer at a glance; its badge's colour and words"),
        verdict_label=Field(
            TEXT, doc="This outcome's badge, when the tree's label for its verdict does not fit it"
        ),
        title=Field(TEXT, True, doc="The outcome, in a sentence"),
        body=Field(TEXT, True, doc="Why: the explanation, in plain text (blank line = new paragraph)"),
        next_steps=Field("list", False, Field(TEXT), doc="What to do next"),
        cites=Field(
            "list", True, Field("record", of=CITATION), doc="Policy sections this rests on", min_items=1
        ),
    ),
}

# The badge on an outcome answers the walkthrough's title. Welsh has no all-purpose "yes": the
# answer repeats the question's verb (A gaiff...? Caiff / Na chaiff), so each tree names its own.
VERDICT_LABELS = record(
    **{
        verdict: Field(TEXT, doc=f"Badge of '{verdict}' outcomes (default: the strings' verdict_{verdict})")
        for verdict in VERDICTS
    }
)

TREE_FIELDS = record(
    id=Field("id", True, doc="Tree id; the file is decision_trees/<id>.yml", reserved=RESERVED_TREE_IDS),
    title=Field(TEXT, True, doc="The walkthrough's title: the question it answers"),
    intro=Field(TEXT, True, doc="One or two sentences shown before the first question"),
    start=Field("ref", True, doc="Id of the first node"),
    answer_sets=Field(
        "map",
        False,
        Field("list", of=Field("record", of=SET_ANSWER), min_items=2),
        doc="Answers shared by several questions, by name",
        max_items="MAX_NODES",
    ),
    nodes=Field(
        "list", True, Field("node"), doc="The questions and outcomes", min_items=2, max_items="MAX_NODES"
    ),
    verdicts=Field(
        "record",
        False,
        VERDICT_LABELS,
        doc="The outcome badges in words that answer the title: Caiff / Na chaiff for 'A gaiff...?', "
        "or labels that are not answers (Yn barod) when the title is not a yes/no question",
    ),
)
