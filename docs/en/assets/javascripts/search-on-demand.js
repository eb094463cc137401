/* The search index is downloaded when the reader turns to search, not with every page.
 *
 * Over http, Material 9.8 requests the page language's whole search index (search_index.json) as
 * soon as a page opens; from file:// it already waits until search is opened. Most visits never
 * search, and the index is the largest file a page loads (the Welsh one most of all: 117 KB gzipped,
 * against a page's 91 KB for everything else), so this holds that one request back until the reader
 * moves towards search: points at or touches the search box, focuses it, opens it (by click or by
 * Material's keys), or arrives at an address that needs the index (?q= opens a search, ?h= marks a
 * result's words). Decision record: adr/0009-search-index-on-demand.md.
 *
 * Material fetches the index with XMLHttpRequest (bundle 9.8.2), so the request is held at send().
 * Any other request passes untouched. Loaded just before Material's bundle (overrides/main.html).
 * If a Material update fetches the index some other way, search still works and the index loads
 * with the page again: tests/browser/test_search.py fails on that request, so it is noticed. */
(function () {
  'use strict';

  const Request = window.XMLHttpRequest;
  if (!Request || location.protocol === 'file:') return;

  const INDEX = /\/search\/search_index\.json$/;
  const open = Request.prototype.open;
  const send = Request.prototype.send;
  const forIndex = new WeakSet();
  const held = [];
  let wanted = false;

  function want() {
    if (wanted) return;
    wanted = true;
    held.splice(0).forEach(([request, args]) => send.apply(request, args));
  }

  Request.prototype.open = function (method, url) {
    try {
      if (INDEX.test(new URL(String(url), location.href).pathname)) forIndex.add(this);
    } catch {
      // Not a URL this page can read: not the index either.
    }
    return open.apply(this, arguments);
  };
  Request.prototype.send = function () {
    if (!wanted && forIndex.has(this)) {
      held.push([this, arguments]);
      return undefined;
    }
    return send.apply(this, arguments);
  };

  const params = new URLSearchParams(location.search);
  if (params.has('q') || params.has('h')) {
    want();
    return;
  }

  // Signs that search is wanted: earliest first, so the index is often there by the first key.
  const nearSearch = (event) => event.target instanceof Element && event.target.closest('.md-search, [for="__search"]');
  ['pointerover', 'pointerdown', 'touchstart', 'focusin'].forEach((type) => {
    document.addEventListener(
      type,
      (event) => {
        if (nearSearch(event)) want();
      },
      { capture: true, passive: true },
    );
  });
  // Material opens search on "/", "s" and "f", and whenever its search toggle changes.
  document.addEventListener(
    'change',
    (event) => {
      if (event.target instanceof Element && event.target.id === '__search') want();
    },
    true,
  );
  document.addEventListener(
    'keydown',
    (event) => {
      if (['/', 's', 'f', 'S', 'F'].indexOf(event.key) >= 0) want();
    },
    true,
  );
})();
