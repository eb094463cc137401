"""Reader-facing wording left in code, which belongs in a per-language strings file.

What counts as wording: two or more words of letters in a row ("Link to this section"), where a
reader would see or hear them:
- templates (overrides/): text outside tags and Jinja, and the values of `title`, `aria-label`,
  `alt` and `placeholder`;
- Python (src/, hooks/): text in a string that is HTML (outside its tags, or in those attributes)
  or a Markdown block (an admonition), since that is what ends up on a page. Messages to
  developers (errors, logs, the command line) are not pages' wording;
- the browser scripts: any string literal outside comments, other than an exception's or the
  console's message (their wording comes from the page's data);
- mkdocs.yml: the Markdown extensions' reader-facing options (a heading link's title, a footnote
  back-link's title), which are one value for both languages.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

_LETTERS = r"[A-Za-zÀ-ÿŴŵŶŷ']"
WORDS = re.compile(rf"(?<![\w\-_.#/=]){_LETTERS}{{2,}}(?: {_LETTERS}{{1,}})+(?![\w\-_/=])")
_TAG = re.compile(r"<[^<>]*>|<[a-zA-Z/][^<>]*$|^[^<>]*>")  # whole tags, and a tag cut by an f-string field
_READER_ATTRIBUTE = re.compile(r'\b(?:title|aria-label|alt|placeholder)="([^"{]*)"')
_JINJA = re.compile(r"\{%.*?%\}|\{\{.*?\}\}|\{#.*?#\}", re.S)
_JS_STRING = re.compile(r"'((?:[^'\\\n]|\\.)*)'|\"((?:[^\"\\\n]|\\.)*)\"")
_MARKDOWN_BLOCK = re.compile(r"^\s*!!!", re.M)
_HTML_ELEMENTS = (
    "a|abbr|article|aside|b|br|button|caption|code|dd|desc|details|div|dl|dt|em|fieldset|figcaption|"
    "figure|footer|form|g|h[1-6]|header|i|img|input|label|legend|li|link|main|marker|nav|ol|option|p|"
    "path|pre|rect|script|section|select|small|span|strong|sub|summary|sup|svg|table|td|text|textarea|"
    "th|title|tr|tspan|ul"
)
_HTML = re.compile(rf"</?(?:{_HTML_ELEMENTS})(?=[\s/>]|$)")
# A few literals are code, not wording.
_CODE = {"use strict"}
# Options of Markdown extensions that put words on the page.
READER_OPTIONS = {"toc": ("permalink_title", "title"), "footnotes": ("BACKLINK_TITLE", "SUPERSCRIPT_TEXT")}


@dataclass(frozen=True)
class Wording:
    file: str
    line: int
    text: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: \u201c{self.text}\u201d belongs in a strings file"


def _words(text: str) -> list[str]:
    return [
        m.group(0)
        for m in WORDS.finditer(text)
        if m.group(0) not in _CODE and re.search(r"[a-z]", m.group(0))
    ]


def _html_wording(text: str) -> list[str]:
    found = [w for value in _READER_ATTRIBUTE.findall(text) for w in _words(value)]
    return found + _words(_TAG.sub(" ", text))


def in_template(path: Path, root: Path) -> list[Wording]:
    text = path.read_text(encoding="utf-8")
    found = []
    blanked = _JINJA.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)  # keep line numbers
    for number, line in enumerate(blanked.splitlines(), 1):
        for words in _html_wording(line):
            found.append(Wording(path.relative_to(root).as_posix(), number, words))
    return found


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        first = body[0] if isinstance(body, list) and body else None
        if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
            ids.add(id(first.value))
    return ids


def in_python(path: Path, root: Path) -> list[Wording]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _docstrings(tree)
    found: list[Wording] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Constant) or not isinstance(node.value, str) or id(node) in skip:
            continue
        text = node.value
        if _MARKDOWN_BLOCK.search(text):
            words = _words(text)
        elif _HTML.search(text) or _READER_ATTRIBUTE.search(text):
            words = _html_wording(text)
        else:
            continue
        found.extend(Wording(path.relative_to(root).as_posix(), node.lineno, w) for w in words)
    return found


_BLOCK_COMMENT = re.compile(r"/\*.*?\*/", re.S)
# A message to developers: what an exception or the console says.
_FOR_DEVELOPERS = re.compile(r"(?:\bnew\s+\w*Error|\bconsole\.\w+)\(\s*$")


def in_script(path: Path, root: Path) -> list[Wording]:
    text = _BLOCK_COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), path.read_text(encoding="utf-8"))
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        strings = list(_JS_STRING.finditer(line))
        comment = next(
            (
                m.start()
                for m in re.finditer(r"//", line)
                if not any(s.start() < m.start() < s.end() for s in strings)
            ),
            len(line),
        )
        for match in strings:
            if match.start() >= comment or _FOR_DEVELOPERS.search(line[: match.start()]):
                continue
            for words in _words(match.group(1) or match.group(2) or ""):
                found.append(Wording(path.relative_to(root).as_posix(), number, words))
    return found


class _AnyTag(yaml.SafeLoader):
    pass


_AnyTag.add_multi_constructor("", lambda loader, suffix, node: None)


def in_config(path: Path, root: Path) -> list[Wording]:
    text = path.read_text(encoding="utf-8")
    config = yaml.load(text, Loader=_AnyTag) or {}
    found = []
    for entry in config.get("markdown_extensions") or []:
        if not isinstance(entry, dict):
            continue
        for name, options in entry.items():
            for option in READER_OPTIONS.get(name, ()):
                value = (options or {}).get(option)
                if isinstance(value, str) and _words(value):
                    line = next((n for n, ln in enumerate(text.splitlines(), 1) if f"{option}:" in ln), 0)
                    found.append(Wording(path.relative_to(root).as_posix(), line, value))
    return found


def wording_in_code(root: Path) -> list[Wording]:
    """Every piece of reader-facing wording in the project's code, templates and settings."""
    found: list[Wording] = []
    for template in sorted((root / "overrides").rglob("*.html")):
        found.extend(in_template(template, root))
    for module in sorted([*(root / "src").rglob("*.py"), *(root / "hooks").glob("*.py")]):
        found.extend(in_python(module, root))
    scripts = [*(root / "src").rglob("*.js"), *(root / "docs").rglob("*.js")]
    for script in sorted(s for s in scripts if "vendor" not in s.parts):
        found.extend(in_script(script, root))
    found.extend(in_config(root / "mkdocs.yml", root))
    return found
