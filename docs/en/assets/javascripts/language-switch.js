/* The language switch keeps the reader's place.
 *
 * Both languages give every heading the same id, so the switcher's links can point at the section
 * the reader is in: the last heading scrolled up to the top of the window, or the heading the
 * address names while it is in view. At the top of a page they point at the top. The walkthrough
 * script adds the reader's answers to the same links (?node=answer); this keeps them.
 *
 * A file of its own (no inline script, so a Content-Security-Policy of default-src 'self' holds),
 * and no request: it only rewrites the links' href, which also works from file://. */
(function () {
  'use strict';

  const content = document.querySelector('.md-content');
  const links = document.querySelectorAll('a.md-select__link[hreflang]');
  if (!content || !links.length) return;

  const shown = (e) => e.getClientRects().length > 0; // not in a hidden part of the page
  const headings = () => Array.prototype.filter.call(
    content.querySelectorAll('h1[id], h2[id], h3[id], h4[id], h5[id], h6[id]'), shown);

  function named() {
    if (location.hash.length < 2) return null;
    try { return document.getElementById(decodeURIComponent(location.hash.slice(1))); } catch (e) { return null; }
  }

  // The id of the section in view, or null at the top of the page.
  function section() {
    const all = headings();
    if (!all.length) return null;
    const header = document.querySelector('.md-header');
    const top = (header ? header.getBoundingClientRect().bottom : 0) + 8;
    const target = named();
    if (target && all.indexOf(target) >= 0) {
      // A link to a section near the end cannot scroll it to the top: while it is in view, it is
      // where the reader is.
      const at = target.getBoundingClientRect().top;
      if (at >= 0 && at < window.innerHeight) return target === all[0] ? null : target.id;
    }
    let found = null;
    all.forEach((h) => { if (h.getBoundingClientRect().top <= top) found = h; });
    return found && found !== all[0] ? found.id : null;
  }

  function update() {
    const id = section();
    links.forEach((a) => {
      let base = (a.getAttribute('href') || '').split('#')[0];
      // From file://, a folder opens as a listing: name its page.
      if (location.protocol === 'file:' && /\/$/.test(base.split('?')[0])) {
        const [path, query] = base.split('?');
        base = path + 'index.html' + (query != null ? '?' + query : '');
      }
      a.setAttribute('href', base + (id ? '#' + encodeURIComponent(id) : ''));
    });
  }

  let pending = false;
  const soon = () => {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(() => { pending = false; update(); });
  };
  window.addEventListener('scroll', soon, { passive: true });
  window.addEventListener('resize', soon);
  window.addEventListener('hashchange', update);
  window.addEventListener('load', update);
  // Just before a link is followed (or copied), whatever else has rewritten it since: the
  // walkthrough sets these links on every step. Capture, so this runs before any link's handler.
  ['pointerdown', 'focusin', 'click'].forEach((type) => {
    document.addEventListener(type, (e) => {
      if (e.target instanceof Element && e.target.closest('a.md-select__link[hreflang]')) update();
    }, true);
  });
  update();
}());
