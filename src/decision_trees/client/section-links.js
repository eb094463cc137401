/* Section links: every section heading's permalink (Markdown's ¶, shown by Material only on hover)
 * becomes a visible "Copy link" control, in the page's language, that copies the full address of
 * that section as the reader's browser sees it (so it works wherever the site is hosted, and from
 * file://). Without JavaScript the ¶ stays a plain link to the section.
 *
 * The build writes the interface strings of every language into the call at the bottom (from
 * strings/<language>.yml; see client_assets.py), so the wording stays in the string files. A
 * classic script, no inline code, no inline styles: it runs under CSP default-src 'self'. */
(function (stringsByLanguage) {
  'use strict';

  const language = (document.documentElement.lang || '').toLowerCase();
  const strings = stringsByLanguage[language] || stringsByLanguage[language.split('-')[0]];
  if (!strings || !window.URL) return;

  const status = document.createElement('div');
  status.className = 'section-link__status';
  status.setAttribute('role', 'status');
  let statusTimer = 0;

  function say(text, link) {
    clearTimeout(statusTimer);
    status.textContent = text;
    link.classList.add('section-link--done');
    statusTimer = setTimeout(() => {
      status.textContent = '';
      link.classList.remove('section-link--done');
    }, 4000);
  }

  function copy(text, link) {
    const fallback = () => {
      const area = document.createElement('textarea');
      area.className = 'section-link__offscreen';
      area.value = text;
      area.setAttribute('readonly', '');
      document.body.appendChild(area);
      area.select();
      let ok = false;
      try {
        ok = document.execCommand('copy');
      } catch (error) {
        ok = false;
      }
      area.remove();
      link.focus();
      say(ok ? strings.link_copied : strings.copy_failed, link);
    };
    status.textContent = '';
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(() => say(strings.link_copied, link), fallback);
    } else {
      fallback();
    }
  }

  const links = document.querySelectorAll(
    '.md-content h2[id] > a.headerlink, .md-content h3[id] > a.headerlink, .md-content h4[id] > a.headerlink');
  if (!links.length) return;
  document.body.appendChild(status);
  Array.prototype.forEach.call(links, (link) => {
    const heading = link.parentElement;
    link.textContent = strings.section_link;
    link.title = strings.section_link_title;
    link.classList.add('section-link');
    link.addEventListener('click', (event) => {
      if (event.button || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      copy(new URL('#' + heading.id, location.href).href, link);
    });
  });
}({/* strings */}));
