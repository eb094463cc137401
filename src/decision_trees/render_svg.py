"""A static SVG diagram of a tree, for trainers: no script, no web font, no CDN.

Layout: nodes in rows by their longest distance from the start (every edge points down), rows
ordered by the average position of their parents to keep crossings few. Work is linear in nodes
and edges apart from a few ordering sweeps.
"""

from __future__ import annotations

import re
from html import escape
from typing import TYPE_CHECKING

from site_translations.lang_spans import plain

from .model import Tree
from .render_html import verdict_label
from .routes import branch_label
from .strings import strings

if TYPE_CHECKING:
    from .tree_format import Language

BOX_W, LINE_H, PAD, GAP_X, GAP_Y = 230, 16, 10, 40, 130
CHARS = 30
EDGE_CHARS, EDGE_LINE_H, EDGE_CLEAR = 24, 14, 25  # an edge label's line, and its room above and below
VERDICT_FILL = {"yes": "#dff3e4", "not-yet": "#fff4d6", "no": "#fbe3e4", "info": "#e4edf9"}
VERDICT_STROKE = {"yes": "#1d6b35", "not-yet": "#7a5300", "no": "#9b1c22", "info": "#1f4f8f"}


def _layers(tree: Tree) -> dict[str, int]:
    order, seen = [], set()

    def visit(node_id: str) -> None:  # topological order (graph validated acyclic)
        stack = [(node_id, iter(tree.nodes[node_id].edges()))]
        seen.add(node_id)
        while stack:
            current, edges = stack[-1]
            step = next(edges, None)
            if step is None:
                order.append(current)
                stack.pop()
            elif step[1] not in seen:
                seen.add(step[1])
                stack.append((step[1], iter(tree.nodes[step[1]].edges())))

    visit(tree.start)
    depth = {tree.start: 0}
    for node_id in reversed(order):
        for _, target in tree.nodes[node_id].edges():
            depth[target] = max(depth.get(target, 0), depth[node_id] + 1)
    return depth


def _wrap(text: str, width: int) -> list[str]:
    """Greedy wrap at spaces; a word longer than a line is cut. (textwrap does more, and took half
    the time of drawing a diagram.)"""
    lines, line = [], ""
    for word in text.split():
        while len(word) > width:
            if line:
                lines.append(line)
                line = ""
            lines.append(word[:width])
            word = word[width:]
        if not line:
            line = word
        elif len(line) + 1 + len(word) <= width:
            line += " " + word
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def _lines(text: str, width: int = CHARS) -> list[str]:
    """Every word, in lines of at most `width` characters: a diagram never cuts a label short (the
    box, or the row's gap, grows instead)."""
    return _wrap(text, width) or [""]


def _bezier(p0: float, p1: float, p2: float, p3: float, t: float) -> float:
    u = 1 - t
    return u * u * u * p0 + 3 * u * u * t * p1 + 3 * u * t * t * p2 + t * t * t * p3


def render_svg(tree: Tree, language: Language) -> str:
    s = strings(language)
    depth = _layers(tree)
    rows: dict[int, list[str]] = {}
    for node_id in tree.nodes:
        if node_id in depth:
            rows.setdefault(depth[node_id], []).append(node_id)
    parents: dict[str, list[str]] = {}
    for node in tree.nodes.values():
        for _, target in node.edges():
            parents.setdefault(target, []).append(node.id)
    position: dict[str, int] = {}
    for _ in range(2):  # barycentre sweeps
        for level in sorted(rows):
            row = rows[level]
            for i, node_id in enumerate(row):
                position.setdefault(node_id, i)
            if level:
                row.sort(
                    key=lambda n: (
                        sum(position.get(p, 0) for p in parents.get(n, [])) / max(1, len(parents.get(n, [])))
                    )
                )
            for i, node_id in enumerate(row):
                position[node_id] = i

    # Answers that lead to the same node share one arrow: "Yes / I'm not sure".
    merged_of: dict[str, dict[str, list[str]]] = {}
    for node in tree.nodes.values():
        merged: dict[str, list[str]] = {}
        for branch, target in node.edges():
            merged.setdefault(target, []).append(plain(branch_label(node, branch, language)))
        merged_of[node.id] = merged
    edge_text = {
        (source, target): _lines(" / ".join(answers), EDGE_CHARS)
        for source, merged in merged_of.items()
        for target, answers in merged.items()
    }
    # The gap between rows holds the edge labels: it grows with the tallest.
    gap_y = max([GAP_Y] + [len(lines) * EDGE_LINE_H + 4 + 2 * EDGE_CLEAR for lines in edge_text.values()])

    labels = {}
    for node in tree.nodes.values():
        if node.is_outcome:
            badge = plain(verdict_label(tree, node, language)).upper()
            labels[node.id] = [badge, *_lines(plain(node.heading[language]))]
        else:
            labels[node.id] = _lines(plain(node.asks[language]))
    height_of = {n: len(lines) * LINE_H + 2 * PAD for n, lines in labels.items()}
    widest = max(len(r) for r in rows.values())
    width = widest * (BOX_W + GAP_X) + GAP_X
    boxes, y = {}, GAP_X
    for level in sorted(rows):
        row = rows[level]
        row_h = max(height_of[n] for n in row)
        offset = (width - len(row) * (BOX_W + GAP_X) + GAP_X) / 2
        for i, node_id in enumerate(row):
            boxes[node_id] = (offset + i * (BOX_W + GAP_X), y, height_of[node_id])
        y += row_h + gap_y
    height = y - gap_y + GAP_X

    title = escape(plain(tree.title[language]))
    desc = escape(
        s["diagram_alt"].format(
            title=plain(tree.title[language]), questions=len(tree.questions), outcomes=len(tree.outcomes)
        )
    )
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'width="{width:.0f}" height="{height:.0f}" role="img" aria-labelledby="t d" lang="{language}" '
        f'font-family="system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif" font-size="13">',
        f'<title id="t">{title}</title><desc id="d">{desc}</desc>',
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#505a5f"/></marker></defs>',
        '<rect width="100%" height="100%" fill="#ffffff"/>',
    ]
    edge_labels = []
    for node in tree.nodes.values():
        if node.id not in boxes:
            continue
        x1, y1, h1 = boxes[node.id]
        targets = sorted(merged_of[node.id], key=lambda t: boxes[t][0])
        for _index, target in enumerate(targets):
            x2, y2, _ = boxes[target]
            sx, sy, tx, ty = x1 + BOX_W / 2, y1 + h1, x2 + BOX_W / 2, y2
            mid = (sy + ty) / 2
            out.append(
                f'<path d="M{sx:.0f},{sy:.0f} C{sx:.0f},{mid:.0f} {tx:.0f},{mid:.0f} {tx:.0f},{ty - 2:.0f}" '
                'fill="none" stroke="#505a5f" stroke-width="1.5" marker-end="url(#arrow)"/>'
            )
            label = edge_text[(node.id, target)]
            # Fanned-out arrows part near their targets: label them there so labels do not collide.
            t = 0.5 if len(targets) == 1 else 0.7
            lx = _bezier(sx, sx, tx, tx, t)
            ly = _bezier(sy, mid, mid, ty, t)
            edge_labels.append((lx, ly, label))
    for lx, ly, label in edge_labels:  # labels above every edge
        w = max(len(line) for line in label) * 6.2 + 10
        h = len(label) * EDGE_LINE_H + 4
        out.append(
            f'<rect x="{lx - w / 2:.0f}" y="{ly - h / 2:.0f}" width="{w:.0f}" height="{h:.0f}" rx="3" '
            'fill="#ffffff" stroke="#b1b4b6"/>'
        )
        for i, line in enumerate(label):
            out.append(
                f'<text x="{lx:.0f}" y="{ly - h / 2 + EDGE_LINE_H + i * EDGE_LINE_H:.0f}" text-anchor="middle" '
                f'font-size="11" fill="#0b0c0c">{escape(line)}</text>'
            )
    for node_id, (x, y, h) in boxes.items():
        node = tree.nodes[node_id]
        verdict = node.verdict or ""  # a question has none: the question colours
        fill = VERDICT_FILL.get(verdict, "#f3f2f1")
        stroke = VERDICT_STROKE.get(verdict, "#0b4f5c")
        out.append(
            f'<g><rect x="{x:.0f}" y="{y:.0f}" width="{BOX_W}" height="{h}" rx="{12 if node.is_outcome else 4}" '
            f'fill="{fill}" stroke="{stroke}" stroke-width="2"/>'
        )
        for i, line in enumerate(labels[node_id]):
            weight = ' font-weight="bold"' if node.is_outcome and i == 0 else ""
            out.append(
                f'<text x="{x + PAD:.0f}" y="{y + PAD + 12 + i * LINE_H:.0f}" fill="#0b0c0c"{weight}>{escape(line)}</text>'
            )
        out.append("</g>")
    out.append("</svg>")
    return "\n".join(out)


def svg_size(svg: str) -> tuple[int, int]:
    """The width and height a diagram drawn by `render_svg` declares, in pixels."""
    match = re.search(r'<svg [^>]*?width="(\d+)" height="(\d+)"', svg)
    if match is None:
        raise ValueError("not a diagram drawn by render_svg: no width and height")
    return int(match.group(1)), int(match.group(2))
