"""From structurally valid data to a `Tree`, checking what the structure alone cannot: duplicate
ids and the use of answer sets. The graph (graph.py) and the citations (citations.py) are checked
on the built tree."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import TreeError, quote_value
from .loader import LDict, LList
from .model import Choice, Citation, Node, Text, Tree
from .strings import strings
from .tree_format import LANGUAGES, SAME_IN_BOTH

if TYPE_CHECKING:
    from collections.abc import Sequence


def _optional_text(value: LDict | None) -> Text | None:
    return _text(value) if value else None


def _text(value: LDict) -> Text:
    if SAME_IN_BOTH in value:
        return Text(value[SAME_IN_BOTH].strip(), value[SAME_IN_BOTH].strip())
    return Text(value["en"].strip(), value["cy"].strip())


def _label_key(text: str) -> str:
    """Two labels a reader cannot tell apart: the same words, whatever the case and punctuation."""
    return " ".join(re.sub(r"[\W_]+", " ", text.casefold()).split())


def _cites(values: LList | None) -> tuple[Citation, ...]:
    return tuple(Citation(c["page"], c["section"], c.line) for c in values or ())


class ModelBuilder:
    def __init__(self, file: str, data: LDict, source: bytes) -> None:
        self.file, self.data, self.source = file, data, source
        self.errors: list[TreeError] = []
        # Line of each way out of a node, so a bad reference points at its own `next:`.
        self.edge_lines: dict[tuple[str, str], int] = {}
        # Set when an error left edges out of the model: the graph checks would then report
        # unreachable nodes and dead ends that are only echoes of that error.
        self.incomplete = False
        self._used_sets: set[str] = set()  # answer sets some node uses

    def error(self, line: int | None, message: str, node: str | None = None, *, code: str) -> None:
        self.errors.append(TreeError(self.file, line, message, node, code=code))

    def _edge(self, node_id: str, branch: str, line: int) -> None:
        self.edge_lines.setdefault((node_id, branch), line)  # a duplicate node keeps the first

    # -- model ---------------------------------------------------------------------------------
    def build(self) -> Tree:
        d = self.data
        nodes: dict[str, Node] = {}
        for raw in d["nodes"]:
            node = self._node(raw, d.get("answer_sets") or LDict(d.line))
            if node.id in nodes:
                self.error(
                    raw.line,
                    f"duplicate node id '{node.id}' (first at line {nodes[node.id].line})",
                    node.id,
                    code="duplicate-id",
                )
                self.incomplete = True
                continue
            nodes[node.id] = node
        self._check_unused_sets()
        stem = Path(self.file).stem
        if d["id"] != stem:
            self.error(
                d.line_of("id"),
                f"tree id '{d['id']}' must match the file name '{stem}.yml'",
                code="tree-id-mismatch",
            )
        return Tree(
            id=d["id"],
            file=self.file,
            title=_text(d["title"]),
            intro=_text(d["intro"]),
            start=d["start"],
            nodes=nodes,
            digest=hashlib.sha256(self.source).hexdigest()[:16],
            verdicts={verdict: _text(label) for verdict, label in (d.get("verdicts") or {}).items()},
        )

    def _node(self, raw: LDict, sets: LDict) -> Node:
        kind, node_id = raw["type"], raw["id"]
        common = {
            "id": node_id,
            "type": kind,
            "line": raw.line,
            "question": _optional_text(raw.get("question")),
            "hint": _optional_text(raw.get("hint")),
            "no_unsure_reason": raw.get("no_unsure_reason"),
        }
        if kind == "question":
            answers = self._answers(raw, sets)
            return Node(**common, choices=answers)
        if kind == "multiple":
            options = tuple(
                Choice(
                    o["id"],
                    _text(o["label"]),
                    _optional_text(o.get("hint")),
                    finding=_optional_text(o.get("finding")),
                    cites=_cites(o.get("cites")),
                )
                for o in raw["options"]
            )
            self._unique(options, raw["options"], node_id, "option")
            none = Choice("none", _text(raw["none"]["label"]), next=raw["none"]["next"])
            self._distinct_labels(options, [o.line for o in raw["options"]], node_id, "option", none)
            self._edge(node_id, "any", raw.line_of("next"))
            self._edge(node_id, "none", raw["none"].line_of("next"))
            return Node(**common, choices=options, none=none, next=raw["next"])
        if kind == "checklist":
            items = tuple(
                Choice(
                    i["id"],
                    _text(i["label"]),
                    _optional_text(i.get("hint")),
                    unmet=_text(i["unmet"]),
                    group=_optional_text(i.get("group")),
                    cites=_cites(i.get("cites")),
                )
                for i in raw["items"]
            )
            self._unique(items, raw["items"], node_id, "item")
            self._distinct_labels(items, [i.line for i in raw["items"]], node_id, "item")
            self._edge(node_id, "all", raw.line_of("next"))
            self._edge(node_id, "unmet", raw.line_of("otherwise"))
            return Node(**common, choices=items, next=raw["next"], otherwise=raw["otherwise"])
        return Node(
            id=node_id,
            type=kind,
            line=raw.line,
            verdict=raw["verdict"],
            verdict_label=_optional_text(raw.get("verdict_label")),
            title=_text(raw["title"]),
            body=_text(raw["body"]),
            next_steps=tuple(_text(s) for s in raw.get("next_steps") or ()),
            cites=_cites(raw["cites"]),
        )

    def _answers(self, raw: LDict, sets: LDict) -> tuple[Choice, ...]:
        spec, node_id = raw["answers"], raw["id"]
        if isinstance(spec, list):
            answers = tuple(
                Choice(
                    a["id"],
                    _text(a["label"]),
                    _optional_text(a.get("hint")),
                    next=a["next"],
                    unsure=bool(a.get("unsure")),
                )
                for a in spec
            )
            self._unique(answers, spec, node_id, "answer")
            self._distinct_labels(answers, [a.line for a in spec], node_id, "answer")
            self._unsure_last(spec, node_id)
            for a in spec:
                self._edge(node_id, a["id"], a.line_of("next"))
            return answers
        name = spec["set"]
        if name not in sets:
            self.error(
                spec.line_of("set"),
                f"unknown answer set '{name}'"
                + (f" (defined: {', '.join(sets)})" if sets else " (the tree defines no answer_sets)"),
                node_id,
                code="unknown-answer-set",
            )
            self.incomplete = True
            return ()
        self._used_sets.add(name)
        members = sets[name]
        ids = [m["id"] for m in members]
        for answer_id in spec["next"]:
            if answer_id not in ids:
                self.error(
                    spec["next"].line_of(answer_id),
                    f"answer set '{name}' has no answer '{answer_id}' (it has {', '.join(map(repr, ids))})",
                    node_id,
                    code="unknown-answer",
                )
                self.incomplete = True
            else:
                self._edge(node_id, answer_id, spec["next"].line_of(answer_id))
        missing = [i for i in ids if i not in spec["next"]]
        if missing:
            listed = ", ".join(f"'{i}'" for i in missing)  # quoted: 'no' is an id here, not a word
            self.error(
                spec.line_of("next"),
                f"no next node for answer{'s' if len(missing) > 1 else ''} {listed} of set '{name}'",
                node_id,
                code="missing-next",
            )
            self.incomplete = True
        return tuple(
            Choice(
                m["id"],
                _text(m["label"]),
                _optional_text(m.get("hint")),
                next=spec["next"].get(m["id"]),
                unsure=bool(m.get("unsure")),
            )
            for m in members
            if m["id"] in spec["next"]
        )

    def _check_unused_sets(self) -> None:
        for name in self.data.get("answer_sets") or {}:
            if name not in self._used_sets:
                self.error(
                    self.data["answer_sets"].line_of(name),
                    f"answer set '{name}' is never used",
                    code="unused-answer-set",
                )
        for name, members in (self.data.get("answer_sets") or {}).items():
            seen: dict[str, int] = {}
            for m in members:
                if m["id"] in seen:
                    self.error(
                        m.line,
                        f"duplicate answer id '{m['id']}' in answer set '{name}' (first at line {seen[m['id']]})",
                        code="duplicate-id",
                    )
                seen.setdefault(m["id"], m.line)
            self._distinct_labels(
                [Choice(m["id"], _text(m["label"])) for m in members],
                [m.line for m in members],
                None,
                f"answer of set '{name}'",
            )
            self._unsure_last(members, None)

    def _unique(self, answers: Sequence[Choice], raws: Sequence[LDict], node_id: str, what: str) -> None:
        seen: dict[str, int] = {}
        for answer, raw in zip(answers, raws, strict=False):
            if answer.id in seen:
                self.error(
                    raw.line,
                    f"duplicate {what} id '{answer.id}' (first at line {seen[answer.id]})",
                    node_id,
                    code="duplicate-id",
                )
            seen.setdefault(answer.id, raw.line)

    def _distinct_labels(
        self,
        choices: Sequence[Choice],
        lines: Sequence[int],
        node_id: str | None,
        what: str,
        none: Choice | None = None,
    ) -> None:
        """Every answer, option or item reads differently from the others, in each language, and
        no option repeats the 'none of these' answer that the walkthrough always offers. One error
        per choice, naming the first language in which it repeats another."""
        seen: dict[str, dict[str, tuple[str, int]]] = {language: {} for language in LANGUAGES}
        nones = {
            language: {_label_key(none.label[language]), _label_key(strings(language)["branch_none"])}
            for language in LANGUAGES
            if none is not None  # a multiple question: "none of these" is always offered
        }
        for choice, line in zip(choices, lines, strict=False):
            keys = {language: _label_key(choice.label[language]) for language in LANGUAGES}
            for language, key in keys.items():
                if key in nones.get(language, ()):
                    self.error(
                        line,
                        f"option '{choice.id}' says the same as the 'none of these' answer "
                        f"({language}: {quote_value(choice.label[language])}), which every multiple question "
                        "already has: remove the option, or give 'none' that label",
                        node_id,
                        code="duplicates-none",
                    )
                    break
                if key in seen[language]:
                    first, first_line = seen[language][key]
                    self.error(
                        line,
                        f"{what} '{choice.id}' has the same label as '{first}' (line {first_line}) in "
                        f"{'English' if language == 'en' else 'Welsh'}: a reader cannot tell them apart",
                        node_id,
                        code="duplicate-label",
                    )
                    break
            for language, key in keys.items():
                seen[language].setdefault(key, (choice.id, line))

    def _unsure_last(self, raws: Sequence[LDict], node_id: str | None) -> None:
        """An unsure answer is shown last, after 'or': it must be the last answer, and the only one."""
        unsure = [r for r in raws if r.get("unsure") is True]
        if len(unsure) > 1:
            self.error(
                unsure[1].line,
                f"answer '{unsure[1]['id']}' is a second unsure answer (the first is "
                f"'{unsure[0]['id']}', line {unsure[0].line}): a question has at most one",
                node_id,
                code="several-unsure",
            )
        elif unsure and unsure[0] is not raws[-1]:
            self.error(
                unsure[0].line,
                f"unsure answer '{unsure[0]['id']}' must be the last answer (it is shown last, after "
                "'or'): move it to the end",
                node_id,
                code="unsure-not-last",
            )
