"""From structurally valid data to a `Tree`, checking what the structure alone cannot: duplicate
ids and the use of answer sets. The graph (graph.py) and the citations (citations.py) are checked
on the built tree."""

from __future__ import annotations

import hashlib
from pathlib import Path

from .errors import TreeError
from .loader import LDict
from .model import Choice, Citation, Node, Text, Tree


def _text(value) -> Text | None:
    return Text(value["en"].strip(), value["cy"].strip()) if value else None


def _cites(values) -> tuple[Citation, ...]:
    return tuple(Citation(c["page"], c["section"], c.line) for c in values or ())


class ModelBuilder:
    def __init__(self, file: str, data: LDict, source: bytes):
        self.file, self.data, self.source = file, data, source
        self.errors: list[TreeError] = []
        # Line of each way out of a node, so a bad reference points at its own `next:`.
        self.edge_lines: dict[tuple[str, str], int] = {}
        # Set when an error left edges out of the model: the graph checks would then report
        # unreachable nodes and dead ends that are only echoes of that error.
        self.incomplete = False
        self._used_sets: set[str] = set()  # answer sets some node uses

    def error(self, line, message, node=None):
        self.errors.append(TreeError(self.file, line, message, node))

    def _edge(self, node_id, branch, line):
        self.edge_lines.setdefault((node_id, branch), line)  # a duplicate node keeps the first

    # -- model ---------------------------------------------------------------------------------
    def build(self) -> Tree:
        d = self.data
        nodes: dict[str, Node] = {}
        for raw in d["nodes"]:
            node = self._node(raw, d.get("answer_sets") or LDict(d.line))
            if node.id in nodes:
                self.error(
                    raw.line, f"duplicate node id '{node.id}' (first at line {nodes[node.id].line})", node.id
                )
                self.incomplete = True
                continue
            nodes[node.id] = node
        self._check_unused_sets()
        stem = Path(self.file).stem
        if d["id"] != stem:
            self.error(d.line_of("id"), f"tree id '{d['id']}' must match the file name '{stem}.yml'")
        return Tree(
            id=d["id"],
            file=self.file,
            title=_text(d["title"]),
            intro=_text(d["intro"]),
            start=d["start"],
            nodes=nodes,
            digest=hashlib.sha256(self.source).hexdigest()[:16],
        )

    def _node(self, raw: LDict, sets: LDict) -> Node:
        kind, node_id = raw["type"], raw["id"]
        common = {
            "id": node_id,
            "type": kind,
            "line": raw.line,
            "question": _text(raw.get("question")),
            "hint": _text(raw.get("hint")),
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
                    _text(o.get("hint")),
                    finding=_text(o.get("finding")),
                    cites=_cites(o.get("cites")),
                )
                for o in raw["options"]
            )
            self._unique(options, raw["options"], node_id, "option")
            for o, r in zip(options, raw["options"], strict=False):
                if o.id == "none":
                    self.error(r.line, "option id 'none' is reserved for the 'none of these' answer", node_id)
            none = Choice("none", _text(raw["none"]["label"]), next=raw["none"]["next"])
            self._edge(node_id, "any", raw.line_of("next"))
            self._edge(node_id, "none", raw["none"].line_of("next"))
            return Node(**common, choices=options, none=none, next=raw["next"])
        if kind == "checklist":
            items = tuple(
                Choice(
                    i["id"],
                    _text(i["label"]),
                    _text(i.get("hint")),
                    unmet=_text(i["unmet"]),
                    group=_text(i.get("group")),
                    cites=_cites(i.get("cites")),
                )
                for i in raw["items"]
            )
            self._unique(items, raw["items"], node_id, "item")
            self._edge(node_id, "all", raw.line_of("next"))
            self._edge(node_id, "unmet", raw.line_of("otherwise"))
            return Node(**common, choices=items, next=raw["next"], otherwise=raw["otherwise"])
        return Node(
            id=node_id,
            type=kind,
            line=raw.line,
            verdict=raw["verdict"],
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
                    _text(a.get("hint")),
                    next=a["next"],
                    unsure=bool(a.get("unsure")),
                )
                for a in spec
            )
            self._unique(answers, spec, node_id, "answer")
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
            )
            self.incomplete = True
        return tuple(
            Choice(
                m["id"],
                _text(m["label"]),
                _text(m.get("hint")),
                next=spec["next"].get(m["id"]),
                unsure=bool(m.get("unsure")),
            )
            for m in members
            if m["id"] in spec["next"]
        )

    def _check_unused_sets(self):
        for name in self.data.get("answer_sets") or {}:
            if name not in self._used_sets:
                self.error(self.data["answer_sets"].line_of(name), f"answer set '{name}' is never used")
        for name, members in (self.data.get("answer_sets") or {}).items():
            seen = {}
            for m in members:
                if m["id"] in seen:
                    self.error(
                        m.line,
                        f"duplicate answer id '{m['id']}' in answer set '{name}' (first at line {seen[m['id']]})",
                    )
                seen.setdefault(m["id"], m.line)

    def _unique(self, answers, raws, node_id, what):
        seen: dict[str, int] = {}
        for answer, raw in zip(answers, raws, strict=False):
            if answer.id in seen:
                self.error(
                    raw.line, f"duplicate {what} id '{answer.id}' (first at line {seen[answer.id]})", node_id
                )
            seen.setdefault(answer.id, raw.line)
