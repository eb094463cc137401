"""MkDocs hook: a failed build leaves the previous site as it was, and `mkdocs serve` shows a failed
rebuild's error in every page (and the terminal) while it keeps serving the last good build.
Event wiring only; the work is done by `decision_trees.site_output` (plain Python).

The i18n plugin builds Welsh from inside the English build's on_post_build, so the outermost build
is the one that swaps the staged site in: after everything, including the Welsh build and the
search index the plugin rewrites (priority -100), and only if a strict build logged no warning
(MkDocs counts those only after on_post_build, and then aborts).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from mkdocs.plugins import event_priority

from decision_trees.site_output import FailureNotice, StagedSite

if TYPE_CHECKING:
    from collections.abc import Callable

    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer

log = logging.getLogger("mkdocs.hooks.site_output")


class _Warnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


class _State:
    dirty = False  # --dirty builds add to the site in place: nothing to stage
    depth = 0  # builds under way: the i18n plugin nests the other language's build
    staged: StagedSite | None = None
    warnings = _Warnings()  # counts the outermost build's warnings while it is attached to MkDocs' log
    notice = FailureNotice()
    error: str | None = None


_state = _State()


def on_startup(*, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
    _state.dirty = dirty


@event_priority(1000)  # before any plugin reads where the site goes
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _state.depth += 1
    if _state.depth == 1:
        _state.error = None
    if _state.depth == 1 and not _state.dirty:
        _state.staged = StagedSite(Path(config.site_dir))
        config.site_dir = str(_state.staged.start())
        _state.warnings.count = 0
        logging.getLogger("mkdocs").addHandler(_state.warnings)
    return config


@event_priority(-1000)  # after every plugin, the i18n plugin's nested build included
def on_post_build(*, config: MkDocsConfig) -> None:
    _state.depth -= 1
    if _state.depth or _state.staged is None:
        return
    staged, warnings = _state.staged, _state.warnings
    _finish(config)
    if config.strict and warnings.count:
        staged.discard()  # MkDocs aborts next: the strict build failed
        log.info("The strict build failed: the previous site is left as it was")
    else:
        staged.commit()
        log.info(f"The build replaced the site in {staged.site_dir}")


def on_build_error(*, error: Exception) -> None:
    if _state.error is None:  # the first: an error in the nested build is raised again outside it
        _state.error = str(error)
    if _state.staged is not None:
        _state.staged.discard()
        log.info("Nothing was written: the previous site is left as it was")
    _state.depth = 0
    _finish(None)


def _finish(config: MkDocsConfig | None) -> None:
    if config is not None and _state.staged is not None:
        config.site_dir = str(_state.staged.site_dir)
    logging.getLogger("mkdocs").removeHandler(_state.warnings)  # nothing happens if it is not attached
    _state.staged = None


def on_serve(
    server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Callable[[], None]
) -> LiveReloadServer:
    rebuild = server.builder
    inject = server._inject_js_into_html  # MkDocs 1.6's live-reload server: pinned below 2

    def rebuild_or_show_the_error() -> None:
        _state.error = None
        try:
            rebuild()
        except (Exception, SystemExit) as exc:  # MkDocs aborts with SystemExit
            _state.notice.error = _state.error or str(exc)
            log.error("The rebuild failed: every page shows the error until it is fixed")
            return  # the server reloads the browsers, which now show the error
        _state.notice.error = None

    server.builder = rebuild_or_show_the_error
    # A method replaced on this one server object: the live-reload server has no hook for the page it sends.
    server._inject_js_into_html = lambda content, epoch: _state.notice.into_page(inject(content, epoch))  # type: ignore[method-assign]
    return server
