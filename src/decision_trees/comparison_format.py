"""The comparison file format, declared once as tree_format.py declares the trees': the validator
walks it and the JSON Schema for editors is generated from it (`decision-trees compare --schema`).

A comparison is a table: topics are its rows, organisations its columns, and each cell says what
one organisation's policy says on one topic (a short summary in English and Welsh, with the
sections it rests on) or, with `silent: true`, that the policy says nothing on it.
"""

from __future__ import annotations

from .tree_format import CITATION, TEXT, Field, record

SUMMARY_MAX_WORDS = 90  # in each language: a cell is a summary, the policy page has the detail

ORGANISATION = Field(
    "record",
    of=record(
        id=Field("id", True, doc="Stable id: the organisation's column, and its anchor on the page"),
        name=Field(TEXT, True, doc="The organisation's name"),
        page=Field("str", True, doc="Its policy page, relative to docs/<language>/: policies/bridgend.md"),
        lists_lost=Field(
            "bool",
            doc="Lists of the policy were lost in extraction: where it says nothing, the page says so",
        ),
    ),
)

CELL = record(
    summary=Field(TEXT, doc="What the policy says on the topic, and no more (not with silent)"),
    cites=Field(
        "list",
        False,
        Field("record", of=CITATION),
        doc="The sections of this organisation's policy the summary rests on (needed with a summary)",
    ),
    silent=Field("bool", doc="true: the policy says nothing on this topic (then no summary, no cites)"),
)

TOPIC = Field(
    "record",
    of=record(
        id=Field("id", True, doc="Stable id: the topic's anchor on the page, which cited sections link to"),
        title=Field(TEXT, True),
        cells=Field("map", True, Field("record", of=CELL), doc="One cell per organisation, by its id"),
    ),
)

COMPARISON_FIELDS = record(
    id=Field("id", True, doc="Comparison id; the file is comparison/<id>.yml"),
    page=Field(
        "str",
        True,
        doc="The page that shows it with <!-- comparison: ID -->, relative to docs/<language>/",
    ),
    organisations=Field("list", True, ORGANISATION, min_items=2, doc="The columns, in order"),
    topics=Field("list", True, TOPIC, min_items=1, doc="The rows, in order"),
)
