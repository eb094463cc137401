"""The practice-case file format, declared once as tree_format.py declares the trees': the validator
walks it and the JSON Schema for editors is generated from it (`decision-trees cases --schema`).

One file per walkthrough, `decision_trees/cases/<tree id>.yml`: a one-line reason for each of the
tree's outcomes (the trainer's pack's route table), the practice cases, and a suggested session
plan. A case is a short story of a real situation, the answers it implies (as a scenario's
`answers:`), the outcome the policy gives, the sections that say so, and discussion points.
"""

from __future__ import annotations

from .tree_format import CITATION, CITES, TEXT, Field, record

MAX_CHOICES = 8  # outcomes offered to a learner at once; a tree with more names them per case
MAX_DISCUSSION = 2  # "one or two discussion points"
MAX_MINUTES = 180  # one step of a session plan
RESERVED_CASE_IDS = ("case", "score")  # the address keeps the case shown (or the score) under ?case=

# A scenario's answers: {node id: answer id | [option or item ids] | none}. Checked by cases.py
# (one kind of value per node type); declared here for the schema and the field list.
ANSWERS = Field(
    "map",
    True,
    Field("str"),
    doc="The answers the story implies, as a scenario's: {question: answer id, multiple: [option ids] "
    "or none, checklist: [ticked item ids] ([] for none)}",
)
MINUTES = Field("str", True, doc=f"How long the step takes, in whole minutes (1 to {MAX_MINUTES})")

CASE = Field(
    "record",
    of=record(
        id=Field("id", True, doc="Stable id: the case's anchor and its key in the practice page's address"),
        title=Field(TEXT, True, doc="A short name for the case"),
        story=Field(
            TEXT,
            True,
            doc="The situation in a few sentences: everything the walkthrough's questions need, unless "
            "the right answer is 'I'm not sure' (blank line = new paragraph)",
        ),
        answers=ANSWERS,
        outcome=Field("ref", True, doc="The outcome the answers reach: what the policy gives"),
        choices=Field(
            "list",
            False,
            Field("ref"),
            doc=f"The outcomes the learner chooses from, the right one among them (2 to {MAX_CHOICES}); "
            "all the tree's outcomes when omitted",
            min_items=2,
        ),
        cites=Field(
            "list", True, Field("record", of=CITATION), doc="The policy sections that say so", min_items=1
        ),
        discussion=Field(
            "list",
            True,
            Field(TEXT),
            doc=f"One or two discussion points (at most {MAX_DISCUSSION})",
            min_items=1,
        ),
    ),
)

STEP = Field(
    "record",
    of=record(
        minutes=MINUTES,
        title=Field(TEXT, True),
        activity=Field(TEXT, True, doc="What the trainer and the group do"),
        cases=Field("list", False, Field("ref"), doc="The cases used in this step, by id"),
        prompts=Field("list", False, Field(TEXT), doc="Discussion prompts"),
        cites=CITES,
    ),
)

CASE_FILE_FIELDS = record(
    tree=Field("id", True, doc="The walkthrough practised; the file is decision_trees/cases/<tree>.yml"),
    reasons=Field(
        "map",
        True,
        Field(TEXT),
        doc="For each outcome of the tree, by id: why, in one line (the trainer's pack's route table)",
    ),
    cases=Field("list", True, CASE, min_items=1),
    session=Field(
        "record",
        True,
        record(steps=Field("list", True, STEP, min_items=1, doc="The suggested session, step by step")),
        doc="A suggested training session: timings, which cases, discussion prompts",
    ),
)

__all__ = [
    "ANSWERS",
    "CASE",
    "CASE_FILE_FIELDS",
    "CITATION",
    "MAX_CHOICES",
    "MAX_DISCUSSION",
    "MAX_MINUTES",
    "MINUTES",
    "RESERVED_CASE_IDS",
    "STEP",
]
