/* Walkthrough: turns the linked, no-JavaScript decision tree on a page into one question at a time.
 *
 * State lives in the query string only, keyed by node id (see walk.py for the same flow in Python):
 *   question  ?node=answer        multiple  ?node=opt1,opt2  or  ?node=none
 *   checklist ?node=item1,item2   (the ticked items; ?node= means none ticked)
 *   step=NODE shows that step (Back, Change); otherwise the first unanswered step or the outcome.
 * Anything in the URL that does not fit is ignored. Nothing from the URL or the data is ever parsed
 * as HTML: every element is built with createElement and textContent. No inline styles, no eval,
 * so it runs under a strict Content-Security-Policy. */
(function () {
  'use strict';

  const root = document.querySelector('div.walkthrough[data-walkthrough]');
  const source = root && root.querySelector('script.walkthrough__data');
  if (!source || !window.URLSearchParams || !window.history || !history.pushState) return;
  let data;
  try { data = JSON.parse(source.textContent); } catch (e) { return; }
  if (!data || !data.nodes || !data.strings) return;

  const N = data.nodes;
  const S = data.strings;
  const has = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
  if (!has(N, data.start)) return;
  Object.keys(N).forEach((k) => { N[k].id = k; });
  const questionIds = Object.keys(N).filter((k) => N[k].type !== 'outcome');
  const staticTree = root.querySelector('.walkthrough__static');
  let override = null; // the query, if pushState is refused (some file:// set-ups)
  let shown = null; // the query string on show
  let uid = 0;
  let announceTimer = 0;

  /* ---------- small helpers ---------- */

  // Words marked as another language in the tree ([@mention]{lang=en}) become <span lang="en">;
  // where only plain text fits (aria-label, the announcement, copied text) the marks are dropped.
  const SPAN = /\[([^[\]\n]+)\]\{lang=([a-z]{2})\}/g;
  const plain = (t) => String(t).replace(SPAN, '$1');
  function setText(e, text) {
    const s = String(text);
    let last = 0;
    e.textContent = '';
    s.replace(SPAN, (m, words, lang, at) => {
      if (at > last) e.appendChild(document.createTextNode(s.slice(last, at)));
      const span = document.createElement('span');
      span.lang = lang;
      span.textContent = words;
      e.appendChild(span);
      last = at + m.length;
      return m;
    });
    if (last < s.length) e.appendChild(document.createTextNode(s.slice(last)));
  }
  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) setText(e, text);
    return e;
  }
  function add(parent, ...kids) {
    kids.forEach((k) => k && parent.appendChild(k));
    return parent;
  }
  const fill = (s, values) => s.replace(/\{(\w+)\}/g, (m, k) => (has(values, k) ? values[k] : m));
  const id = () => 'wt-' + data.id + '-' + (++uid);
  const listOf = (node) => (node.type === 'multiple' ? node.options : node.items);
  const absolute = (href) => new URL(href, location.href).href;

  /* ---------- the flow: the same rules as walk.py ---------- */

  // A valid choice for the node from its raw URL value, or undefined.
  function parseChoice(node, raw) {
    if (typeof raw !== 'string') return undefined;
    if (node.type === 'question') return node.answers.some((a) => a.id === raw) ? raw : undefined;
    if (node.type === 'multiple' && raw === 'none') return 'none';
    const ids = raw === '' ? [] : raw.split(',');
    const list = listOf(node);
    if (!ids.every((x) => list.some((a) => a.id === x))) return undefined;
    const chosen = list.filter((a) => ids.indexOf(a.id) >= 0).map((a) => a.id);
    return node.type === 'multiple' && !chosen.length ? undefined : chosen;
  }

  // Follow the answers from the start; stop at the first node without a valid answer.
  function walk(answers) {
    const steps = [];
    const findings = [];
    const seen = Object.create(null);
    let at = data.start;
    while (has(N, at) && N[at].type !== 'outcome' && !seen[at] && has(answers, at)) {
      seen[at] = true;
      const node = N[at];
      const choice = answers[at];
      let next;
      if (node.type === 'question') {
        next = node.answers.find((a) => a.id === choice).next;
      } else if (node.type === 'multiple') {
        next = choice === 'none' ? node.none.next : node.next;
        if (choice !== 'none') {
          node.options.forEach((o) => {
            if (choice.indexOf(o.id) >= 0 && o.finding) findings.push({ kind: 'chosen', text: o.finding, cites: o.cites });
          });
        }
      } else {
        const unmet = node.items.filter((i) => choice.indexOf(i.id) < 0);
        unmet.forEach((i) => findings.push({ kind: 'unmet', text: i.unmet, cites: i.cites }));
        next = unmet.length ? node.otherwise : node.next;
      }
      steps.push({ id: at, choice: choice });
      at = next;
    }
    const done = N[at].type === 'outcome';
    // Answers beyond an unanswered step are kept: they may apply again once it is answered.
    // Once an outcome is reached, answers off the path are dropped.
    const kept = Object.create(null);
    Object.keys(answers).forEach((k) => {
      if (!done || steps.some((s) => s.id === k)) kept[k] = answers[k];
    });
    const path = steps.map((s) => s.id).concat(at);
    return { steps: steps, current: at, done: done, findings: findings, answers: kept, path: path };
  }

  function readState() {
    const params = new URLSearchParams(override != null ? '?' + override : location.search);
    shown = override != null ? '?' + override : location.search;
    const answers = Object.create(null);
    let invalid = false;
    questionIds.forEach((q) => {
      if (!params.has(q)) return;
      const choice = parseChoice(N[q], params.get(q));
      if (choice === undefined) invalid = true;
      else answers[q] = choice;
    });
    const w = walk(answers);
    const asked = params.get('step');
    w.step = asked && w.path.indexOf(asked) >= 0 ? asked : w.current;
    w.index = w.path.indexOf(w.step);
    w.stale = invalid || Object.keys(w.answers).length < Object.keys(answers).length || (!!asked && w.step !== asked);
    return w;
  }

  // The query string for a state: the answers in the order asked, then any kept for later.
  function query(w, step) {
    const enc = encodeURIComponent;
    const parts = w.path.concat(questionIds)
      .filter((k, i, all) => has(w.answers, k) && all.indexOf(k) === i)
      .map((k) => {
        const c = w.answers[k];
        return enc(k) + '=' + (Array.isArray(c) ? c.map(enc).join(',') : enc(c));
      });
    if (step && step !== w.current) parts.push('step=' + enc(step));
    return parts.join('&');
  }

  /* ---------- navigation ---------- */

  function go(q) {
    try {
      history.pushState(null, '', location.pathname + (q ? '?' + q : ''));
      override = null;
    } catch (e) {
      override = q;
    }
    render(true);
  }

  function link(text, q, cls) {
    const a = el('a', cls, text);
    a.href = q ? '?' + q : location.pathname;
    a.addEventListener('click', (e) => {
      if (e.button || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      e.preventDefault();
      go(q);
    });
    return a;
  }

  // The language switcher opens the same step, with the same answers, in the other language.
  function updateSwitcher(q) {
    document.querySelectorAll('a.md-select__link[hreflang]').forEach((a) => {
      if (!a.hasAttribute('data-walkthrough-href')) {
        let base = (a.getAttribute('href') || '').split(/[?#]/)[0];
        if (location.protocol === 'file:' && /\/$/.test(base)) base += 'index.html';
        a.setAttribute('data-walkthrough-href', base);
        // Material's own handler for language links (it looks the page up in the other
        // language's sitemap) must not replace this address with one without the answers.
        a.addEventListener('click', (e) => e.stopPropagation());
      }
      const base = a.getAttribute('data-walkthrough-href');
      a.setAttribute('href', base + (q ? '?' + q : ''));
    });
  }

  /* ---------- rendering ---------- */

  const ui = el('div', 'walkthrough__ui');
  const live = el('div', 'walkthrough__vh');
  live.setAttribute('aria-live', 'polite');

  function announce(text) {
    clearTimeout(announceTimer);
    live.textContent = '';
    announceTimer = setTimeout(() => { live.textContent = text; }, 100);
  }

  function answerTexts(node, choice) {
    if (node.type === 'question') return [node.answers.find((a) => a.id === choice).label];
    if (choice === 'none') return [node.none.label];
    const list = listOf(node);
    const out = list.filter((a) => choice.indexOf(a.id) >= 0).map((a) => a.label);
    if (node.type === 'checklist') {
      const not = list.filter((a) => choice.indexOf(a.id) < 0).map((a) => a.label);
      if (not.length) out.push(S.not_ticked + ': ' + not.join('; '));
    }
    return out;
  }

  // "Your answers": question, answer, and a Change link for each step taken.
  function summary(w, count, heading, level) {
    const box = el('div', 'walkthrough__summary');
    add(box, el(level, 'walkthrough__summary-heading', heading));
    const dl = add(box, el('dl', 'walkthrough__summary-list')).lastChild;
    w.steps.slice(0, count).forEach((s) => {
      const node = N[s.id];
      const row = el('div', 'walkthrough__summary-row');
      const dd = el('dd', 'walkthrough__summary-answer');
      const texts = answerTexts(node, s.choice);
      if (texts.length === 1) setText(dd, texts[0]);
      else add(dd, texts.reduce((ul, t) => add(ul, el('li', '', t)), el('ul')));
      const change = link(S.change, query(w, s.id), 'walkthrough__change-link');
      change.setAttribute('aria-label', plain(S.change_answer + ' ' + node.question));
      add(row, el('dt', 'walkthrough__summary-question', node.question), dd,
        add(el('dd', 'walkthrough__change'), change));
      dl.appendChild(row);
    });
    return box;
  }

  function cites(list) {
    const ul = el('ul', 'walkthrough__cites');
    (list || []).forEach((c) => {
      const a = el('a', '', c.label);
      a.href = c.href;
      add(ul, add(el('li'), a, el('span', 'walkthrough__url', ' (' + absolute(c.href) + ')')));
    });
    return ul;
  }

  function render(moved) {
    const w = readState();
    const node = N[w.step];
    const q = query(w, w.step);
    ui.textContent = '';
    document.documentElement.classList.remove('walkthrough-print-record');
    ui.setAttribute('data-step', w.step);
    ui.className = 'walkthrough__ui walkthrough__ui--' + node.type;
    if (w.stale) add(ui, el('p', 'walkthrough__notice', S.restored_notice));
    if (w.index > 0) {
      const back = link(S.back, query(w, w.path[w.index - 1]), 'walkthrough__back');
      add(ui, back);
    }
    const heading = node.type === 'outcome' ? renderOutcome(w) : renderQuestion(w, node);
    if (w.steps.length) {
      add(ui, add(el('p', 'walkthrough__restart'), link(S.start_again, '', '')));
    }
    updateSwitcher(q);
    if (moved) {
      heading.focus();
      announce(plain(node.type === 'outcome'
        ? fill(S.outcome_announcement, { verdict: node.verdictLabel, title: node.title })
        : fill(S.step_announcement, { n: w.index + 1, question: node.question })));
    }
  }

  function renderQuestion(w, node) {
    const form = el('form', 'walkthrough__form');
    form.noValidate = true;
    const errors = el('div', 'walkthrough__errors');
    const field = el('div', 'walkthrough__field');
    const fieldset = el('fieldset', 'walkthrough__fieldset');
    const legend = el('legend', 'walkthrough__legend');
    const heading = el('h2', 'walkthrough__question', node.question);
    heading.tabIndex = -1;
    add(legend, el('span', 'walkthrough__caption', fill(S.question_n, { n: w.index + 1 })), heading);
    add(fieldset, legend);
    const described = [];
    const hints = [];
    if (node.hint) hints.push(node.hint);
    const instruction = node.type === 'multiple' ? S.tick_any : node.type === 'checklist' ? S.tick_each : '';
    if (instruction && !(node.hint || '').includes(instruction)) hints.push(instruction);
    hints.forEach((h) => {
      const p = el('p', 'walkthrough__hint', h);
      p.id = id();
      described.push(p.id);
      add(fieldset, p);
    });
    const errorMessage = el('p', 'walkthrough__error-message');
    errorMessage.id = id();
    errorMessage.hidden = true;
    add(fieldset, errorMessage);

    const choices = el('div', 'walkthrough__choices');
    const previous = has(w.answers, node.id) ? w.answers[node.id] : undefined;
    const inputs = [];
    const choice = (value, label, hint, checked, extra) => {
      const row = el('div', 'walkthrough__choice' + (extra || ''));
      const input = el('input', 'walkthrough__input');
      input.type = node.type === 'question' ? 'radio' : 'checkbox';
      input.name = node.id;
      input.value = value;
      input.id = id();
      input.checked = !!checked;
      const text = el('div', 'walkthrough__choice-text');
      const lab = el('label', 'walkthrough__label', label);
      lab.htmlFor = input.id;
      add(text, lab);
      if (hint) {
        const h = el('p', 'walkthrough__hint walkthrough__choice-hint', hint);
        h.id = id();
        input.setAttribute('aria-describedby', h.id);
        add(text, h);
      }
      inputs.push(input);
      add(into, add(row, input, text));
      return input;
    };
    let into = choices;
    let group = null;
    if (node.type === 'question') {
      let or = false;
      node.answers.forEach((a, i) => {
        if (a.unsure && i > 0 && !or) { add(choices, el('p', 'walkthrough__or', S.or)); or = true; }
        choice(a.id, a.label, a.hint, previous === a.id);
      });
    } else {
      listOf(node).forEach((a) => {
        // Items under a sub-heading are a group of their own, with the sub-heading as its legend.
        if (a.group !== group) {
          into = a.group ? add(choices, el('fieldset', 'walkthrough__group')).lastChild : choices;
          if (a.group) add(into, el('legend', 'walkthrough__group-legend', a.group));
        }
        group = a.group;
        choice(a.id, a.label, a.hint, Array.isArray(previous) && previous.indexOf(a.id) >= 0);
      });
    }
    into = choices;
    if (node.type === 'multiple') {
      add(choices, el('p', 'walkthrough__or', S.or));
      const none = choice('none', node.none.label, null, previous === 'none', ' walkthrough__choice--none');
      // "None of these" is exclusive: ticking it unticks the others, and the other way round.
      choices.addEventListener('change', (e) => {
        if (!e.target.checked) return;
        inputs.forEach((i) => { if ((e.target === none) !== (i === none)) i.checked = false; });
      });
    }
    if (described.length) fieldset.setAttribute('aria-describedby', described.join(' '));
    add(form, errors, add(field, add(fieldset, choices)));
    const button = el('button', 'walkthrough__button', S.continue);
    button.type = 'submit';
    // A double click is one answer, not an answer and an empty submission of the next step.
    button.addEventListener('click', (e) => { if (e.detail > 1) e.preventDefault(); });
    add(form, button);

    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const now = readState();
      if (now.step !== node.id || !form.isConnected) return; // a stale form
      const ticked = inputs.filter((i) => i.checked).map((i) => i.value);
      let chosen;
      if (node.type === 'question') chosen = ticked[0];
      else if (node.type === 'multiple') chosen = ticked.indexOf('none') >= 0 ? 'none' : ticked.length ? ticked : undefined;
      else chosen = ticked;
      if (chosen === undefined) {
        showError(node.type === 'question' ? S.error_choose_one : S.error_choose_some);
        return;
      }
      const answers = Object.assign(Object.create(null), now.answers);
      answers[node.id] = chosen;
      // Later answers that still apply are kept: the walk skips to the first step still needed.
      go(query(walk(answers)));
    });

    function showError(message) {
      errors.textContent = '';
      const box = el('div', 'walkthrough__error-summary');
      box.setAttribute('role', 'alert');
      box.tabIndex = -1;
      const a = el('a', '', message);
      a.href = '#' + inputs[0].id;
      a.addEventListener('click', (e) => { e.preventDefault(); inputs[0].focus(); });
      add(errors, add(box, el('h2', 'walkthrough__error-title', S.error_summary), add(el('ul'), add(el('li'), a))));
      field.classList.add('walkthrough__field--error');
      errorMessage.textContent = '';
      add(errorMessage, el('span', 'walkthrough__vh', S.error_prefix + ': '), document.createTextNode(message));
      errorMessage.hidden = false;
      fieldset.setAttribute('aria-describedby', described.concat(errorMessage.id).join(' '));
      box.focus();
    }

    add(ui, form);
    if (w.index > 0) add(ui, summary(w, w.index, S.your_answers, 'h2'));
    return heading;
  }

  function renderOutcome(w) {
    const node = N[w.step];
    const record = el('div', 'walkthrough__record');
    const meta = el('div', 'walkthrough__record-meta');
    const dl = el('dl');
    const row = (term, value) => add(dl, el('dt', '', term), el('dd', '', value));
    const today = new Date();
    const month = (S.record_months || '').split(' ')[today.getMonth()] || today.getMonth() + 1;
    row(S.record_date, today.getDate() + ' ' + month + ' ' + today.getFullYear());
    row(S.record_walkthrough, data.title);
    row(S.record_link, absolute(location.pathname + (override != null ? '?' + override : location.search)));
    add(record, add(meta, el('p', 'walkthrough__record-heading', S.record_heading), dl));

    const box = el('div', 'walkthrough__outcome walkthrough__outcome--' + node.verdict);
    const heading = el('h2', 'walkthrough__outcome-title');
    heading.tabIndex = -1;
    add(heading, el('span', 'walkthrough-verdict walkthrough-verdict--' + node.verdict, node.verdictLabel),
      document.createTextNode(' '), el('span', '', node.title));
    add(box, el('p', 'walkthrough__caption', S.outcome), heading);
    node.body.forEach((p) => add(box, el('p', '', p)));
    add(record, box, summary(w, w.steps.length, S.why, 'h3'));

    const section = (title, items, cls) => {
      if (!items.length) return;
      const ul = el('ul', cls);
      items.forEach((f) => {
        const li = add(ul, el('li')).lastChild;
        add(li, el('p', '', typeof f === 'string' ? f : f.text));
        if (f.cites && f.cites.length) add(li, cites(f.cites));
      });
      add(record, el('h3', '', title), ul);
    };
    section(S.chosen_heading, w.findings.filter((f) => f.kind === 'chosen'), 'walkthrough__findings');
    section(S.not_met_heading, w.findings.filter((f) => f.kind === 'unmet'), 'walkthrough__findings walkthrough__findings--unmet');
    section(S.what_to_do_next, node.nextSteps || [], 'walkthrough__next-steps');
    add(record, el('h3', '', S.where_policy_says), cites(node.cites));

    const actions = el('div', 'walkthrough__actions');
    const print = el('button', 'walkthrough__button walkthrough__button--secondary', S.print_record);
    const copy = el('button', 'walkthrough__button walkthrough__button--secondary', S.copy_text);
    print.type = copy.type = 'button';
    const status = el('p', 'walkthrough__status');
    status.setAttribute('role', 'status');
    print.addEventListener('click', () => {
      document.documentElement.classList.add('walkthrough-print-record');
      window.print();
    });
    copy.addEventListener('click', () => {
      const text = plainText(w);
      const done = (ok) => { status.textContent = ok ? S.copied : S.copy_failed; };
      const fallback = () => {
        const area = el('textarea', 'walkthrough__offscreen');
        area.value = text;
        area.setAttribute('readonly', '');
        document.body.appendChild(area);
        area.select();
        let ok = false;
        try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
        area.remove();
        copy.focus();
        done(ok);
      };
      status.textContent = '';
      if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(text).then(() => done(true), fallback);
      else fallback();
    });
    add(ui, record, add(actions, print, copy), status);
    return heading;
  }

  function plainText(w) {
    const node = N[w.step];
    const lines = [S.record_heading, S.record_walkthrough + ': ' + data.title];
    const meta = ui.querySelectorAll('.walkthrough__record-meta dd');
    lines.push(S.record_date + ': ' + meta[0].textContent, S.record_link + ': ' + meta[2].textContent, '');
    w.steps.forEach((s, i) => {
      lines.push(fill(S.question_n, { n: i + 1 }) + ': ' + N[s.id].question);
      answerTexts(N[s.id], s.choice).forEach((t) => lines.push('  ' + t));
    });
    lines.push('', S.outcome + ': ' + node.verdictLabel + '. ' + node.title);
    node.body.forEach((p) => lines.push(p));
    const refs = (list) => (list || []).map((c) => '    ' + c.label + ': ' + absolute(c.href));
    const block = (title, items) => {
      if (!items.length) return;
      lines.push('', title + ':');
      items.forEach((f) => { lines.push('  - ' + (f.text || f)); lines.push(...refs(f.cites)); });
    };
    block(S.chosen_heading, w.findings.filter((f) => f.kind === 'chosen'));
    block(S.not_met_heading, w.findings.filter((f) => f.kind === 'unmet'));
    block(S.what_to_do_next, node.nextSteps || []);
    lines.push('', S.where_policy_says + ':');
    node.cites.forEach((c) => lines.push('  - ' + c.label + ': ' + absolute(c.href)));
    return plain(lines.join('\n') + '\n');
  }

  /* ---------- start ---------- */

  add(root, live);
  root.insertBefore(ui, staticTree);
  try {
    render(false);
  } catch (e) {
    // Never a blank step: if anything goes wrong, the linked tree stays as it was.
    ui.remove();
    live.remove();
    throw e;
  }
  root.classList.add('walkthrough--enhanced');
  if (staticTree) staticTree.hidden = true;

  // Links to the full linked tree (the trainers' paths, or a shared anchor) show it again.
  const showStatic = (hash) => {
    let target = null;
    try { target = hash && hash.length > 1 && document.getElementById(decodeURIComponent(hash.slice(1))); } catch (e) { target = null; }
    if (target && staticTree && staticTree.contains(target)) staticTree.hidden = false;
  };
  document.addEventListener('click', (e) => {
    const a = e.target.closest && e.target.closest('a[href^="#"]');
    if (a) showStatic(a.getAttribute('href'));
  });
  window.addEventListener('hashchange', () => showStatic(location.hash));
  showStatic(location.hash);
  // Back and forward re-render from the URL; following a link to an anchor (#...) does not.
  window.addEventListener('popstate', () => {
    const before = shown;
    override = null;
    if (location.search !== before) render(true);
  });
  window.addEventListener('afterprint', () => document.documentElement.classList.remove('walkthrough-print-record'));
}());
