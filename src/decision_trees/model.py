"""The compiled tree: plain immutable data that the renderers, the walker and the tests share."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TypeVar

from .errors import TreeError
from .tree_format import Language, NodeType, Verdict

_T = TypeVar("_T")


@dataclass(frozen=True)
class Text:
    en: str
    cy: str

    def __getitem__(self, language: Language) -> str:
        return getattr(self, language)

    def paragraphs(self, language: Language) -> list[str]:
        return [re.sub(r"\s+", " ", p).strip() for p in re.split(r"\n\s*\n", self[language]) if p.strip()]


@dataclass(frozen=True)
class Citation:
    page: str  # e.g. policies/assembly.md
    section: str  # heading id on that page
    line: int = 0


@dataclass(frozen=True)
class Choice:
    """An answer of a question, an option of a multiple question, or an item of a checklist."""

    id: str
    label: Text
    hint: Text | None = None
    next: str | None = None  # questions only
    unsure: bool = False  # questions only
    finding: Text | None = None  # options: shown on the outcome when chosen
    unmet: Text | None = None  # checklist items: shown on the outcome when not ticked
    group: Text | None = None  # checklist items
    cites: tuple[Citation, ...] = ()


@dataclass(frozen=True)
class Node:
    id: str
    type: NodeType
    line: int
    question: Text | None = None
    hint: Text | None = None
    choices: tuple[Choice, ...] = ()  # question answers, multiple options, or checklist items
    none: Choice | None = None  # multiple: the exclusive "none of these"
    next: str | None = None  # multiple: after any option; checklist: all ticked
    otherwise: str | None = None  # checklist: any item not ticked
    no_unsure_reason: str | None = None  # question, multiple: why no "I'm not sure" is offered
    verdict: Verdict | None = None  # outcomes
    verdict_label: Text | None = None  # outcomes: this one's own badge, if the tree's does not fit
    title: Text | None = None
    body: Text | None = None
    next_steps: tuple[Text, ...] = ()
    cites: tuple[Citation, ...] = ()

    @property
    def is_outcome(self) -> bool:
        return self.type == "outcome"

    @property
    def offers_unsure(self) -> bool:
        """Whether a reader who does not know can say so. A checklist always can: an item left
        unticked is listed on the outcome with what to do about it."""
        return self.type == "checklist" or any(c.unsure for c in self.choices)

    # What the node's type always has (the tree format requires it and the compiler checks it), as
    # types without None: a Node made without it is a bug in the code that made it.
    @property
    def asks(self) -> Text:
        """The question of a question, multiple or checklist node."""
        return self._has(self.question, "question")

    @property
    def heading(self) -> Text:
        """The title of an outcome."""
        return self._has(self.title, "title")

    @property
    def explanation(self) -> Text:
        """The body of an outcome."""
        return self._has(self.body, "body")

    @property
    def none_of_these(self) -> Choice:
        """A multiple question's "none of these"."""
        return self._has(self.none, "none")

    def _has(self, value: _T | None, name: str) -> _T:
        if value is None:
            raise ValueError(f"node '{self.id}' (line {self.line}, {self.type}) has no {name}")
        return value

    def edges(self) -> list[tuple[str, str]]:
        """(branch, target) pairs: each way out of this node. Branch names are stable ids."""
        if self.type == "question":
            return [(a.id, self._has(a.next, f"next for answer '{a.id}'")) for a in self.choices]
        if self.type == "multiple":
            return [
                ("any", self._has(self.next, "next")),
                ("none", self._has(self.none_of_these.next, "next for none")),
            ]
        if self.type == "checklist":
            return [("all", self._has(self.next, "next")), ("unmet", self._has(self.otherwise, "otherwise"))]
        return []

    def choice(self, choice_id: str) -> Choice | None:
        return next((c for c in self.choices if c.id == choice_id), None)


@dataclass(frozen=True)
class Tree:
    id: str
    file: str
    title: Text
    intro: Text
    start: str
    nodes: dict[str, Node] = field(default_factory=dict)  # in file order
    digest: str = ""  # changes whenever the file changes
    verdicts: dict[Verdict, Text] = field(default_factory=dict)  # badge per verdict, where the tree sets one
    warnings: tuple[TreeError, ...] = ()  # what a strict build refuses but a preview shows

    @property
    def outcomes(self) -> list[Node]:
        return [n for n in self.nodes.values() if n.is_outcome]

    @property
    def questions(self) -> list[Node]:
        return [n for n in self.nodes.values() if not n.is_outcome]

    def badge(self, node: Node) -> Text | None:
        """The outcome's badge as the tree words it, or None for the interface strings' default."""
        return node.verdict_label or (self.verdicts.get(node.verdict) if node.verdict is not None else None)

    def all_citations(self) -> list[Citation]:
        cites: list[Citation] = []
        for node in self.nodes.values():
            cites.extend(node.cites)
            for choice in node.choices:
                cites.extend(choice.cites)
        return cites
