/* Practice cases: turns the practice page's list of cases (a readable page without JavaScript, with
 * each answer in a closed <details>) into one case at a time. The learner chooses an outcome, checks
 * it, and the answer is revealed in the policy's words; a running score is kept.
 *
 * State lives in the address only, like the walkthroughs':
 *   ?<case id>=<outcome id>   the outcome chosen for a case (a case with a choice shows its answer)
 *   ?case=<case id>           the case shown; ?case=score shows the score for the set
 *   #case--<case id>          (a link from a policy section) that case, when ?case= is absent
 * Anything in the address that does not fit is ignored. Nothing from the address or the data is
 * parsed as HTML: elements are built with createElement and textContent, or cloned from the page.
 * No inline styles, no eval: it runs under a strict Content-Security-Policy, and from file://. */
(function () {
  'use strict';

  const root = document.querySelector('div.practice[data-practice]');
  const source = root && root.querySelector('script.practice__data');
  if (!source || !window.URLSearchParams || !window.history) return;
  let data;
  try {
    data = JSON.parse(source.textContent);
  } catch {
    return;
  }
  if (!data || !data.strings || !Array.isArray(data.cases) || !data.cases.length) return;

  const S = data.strings;
  const SCORE = 'score';
  const cases = data.cases.map((c) => {
    const item = Array.prototype.find.call(root.querySelectorAll('li.practice-case'), (li) => li.dataset.case === c.id);
    return (
      item && {
        id: c.id,
        outcome: c.outcome,
        item: item,
        heading: item.querySelector('.practice-case__title'),
        ask: item.querySelector('.practice-case__ask'),
        choices: item.querySelector('.practice-case__choices'),
        answer: item.querySelector('details.practice-case__answer'),
        ui: null,
      }
    );
  });
  if (cases.some((c) => !c || !c.heading || !c.choices || !c.answer)) return;
  const byId = Object.create(null);
  cases.forEach((c) => {
    byId[c.id] = c;
  });

  let override = null; // the query, when pushState is refused (some file:// set-ups)
  let uid = 0;

  /* ---------- small helpers ---------- */

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }
  const fill = (s, values) => s.replace(/\{(\w+)\}/g, (m, k) => (k in values ? values[k] : m));
  const nextId = () => 'practice-' + data.tree + '-' + ++uid;
  const choiceIds = (c) =>
    Array.prototype.map.call(c.choices.querySelectorAll('li[data-outcome]'), (li) => li.dataset.outcome);
  function choiceLabel(c, outcomeId) {
    const li = Array.prototype.find.call(
      c.choices.querySelectorAll('li[data-outcome]'),
      (x) => x.dataset.outcome === outcomeId,
    );
    if (!li) return outcomeId;
    return li.textContent.replace(/\s+/g, ' ').replace(/\s:\s/, ': ').trim(); // "Yes: This is a request..."
  }

  /* ---------- state: the address ---------- */

  function query() {
    return override !== null ? override : location.search;
  }

  function read() {
    const params = new URLSearchParams(query());
    const chosen = Object.create(null);
    cases.forEach((c) => {
      const value = params.get(c.id);
      if (value !== null && choiceIds(c).indexOf(value) >= 0) chosen[c.id] = value;
    });
    let at = params.get('case');
    // A link from a policy section names the case in the fragment: #case--<id>.
    if (at === null && location.hash.indexOf('#case--') === 0) at = decodeURIComponent(location.hash.slice(7));
    if (at !== SCORE && !byId[at]) {
      const open = cases.find((c) => !chosen[c.id]);
      at = (open || cases[0]).id;
    }
    return { chosen: chosen, at: at };
  }

  function write(state) {
    const params = new URLSearchParams();
    cases.forEach((c) => {
      if (state.chosen[c.id]) params.set(c.id, state.chosen[c.id]);
    });
    params.set('case', state.at);
    const search = '?' + params.toString();
    try {
      history.pushState(null, '', location.pathname + search);
      override = null;
    } catch {
      override = search;
    }
  }

  function score(state) {
    const answered = cases.filter((c) => state.chosen[c.id]);
    const right = answered.filter((c) => state.chosen[c.id] === c.outcome);
    return { right: right.length, answered: answered.length, total: cases.length };
  }

  /* ---------- the parts of the page the script adds ---------- */

  const bar = el('div', 'practice__bar');
  const tally = el('p', 'practice__score');
  bar.append(tally);
  const live = el('div', 'practice__vh');
  live.setAttribute('aria-live', 'polite');
  const summary = el('section', 'practice__summary');
  const summaryHeading = el('h2', 'practice__summary-title', S.score_heading);
  summaryHeading.id = nextId();
  summaryHeading.tabIndex = -1;
  summary.setAttribute('aria-labelledby', summaryHeading.id);
  const summaryText = el('p');
  const summaryList = el('ol', 'practice__summary-list');
  const restart = el('button', 'practice__button practice__button--secondary', S.start_again);
  restart.type = 'button';
  summary.append(summaryHeading, summaryText, summaryList, restart);
  const list = root.querySelector('ol.practice__cases');
  list.before(bar);
  list.after(summary);
  root.append(live);
  root.classList.add('practice--one-at-a-time');

  function announce(text) {
    live.textContent = '';
    window.setTimeout(() => {
      live.textContent = text;
    }, 50);
  }

  // The form, the result and the way on, for one case: built once, the first time it is shown.
  function ui(c) {
    if (c.ui) return c.ui;
    const form = el('form', 'practice-case__form');
    form.noValidate = true;
    const fieldset = el('fieldset', 'practice-case__fieldset');
    const legend = el('legend', 'practice-case__legend', S.which_outcome);
    const error = el('p', 'practice-case__error');
    error.id = nextId();
    error.hidden = true;
    const radios = el('div', 'practice-case__radios');
    const name = nextId();
    const inputs = Array.prototype.map.call(c.choices.querySelectorAll('li[data-outcome]'), (li) => {
      const row = el('div', 'practice-case__radio');
      const input = el('input');
      input.type = 'radio';
      input.name = name;
      input.value = li.dataset.outcome;
      input.id = nextId();
      const label = el('label');
      label.htmlFor = input.id;
      label.append(...Array.from(li.cloneNode(true).childNodes));
      row.append(input, label);
      radios.append(row);
      return input;
    });
    const check = el('button', 'practice__button', S.check);
    check.type = 'submit';
    fieldset.append(legend, error, radios);
    form.append(fieldset, check);
    const result = el('div', 'practice-case__result');
    const resultTitle = el('h3', 'practice-case__result-title');
    resultTitle.tabIndex = -1;
    const resultText = el('p', 'practice-case__result-text');
    result.append(resultTitle, resultText);
    const nav = el('div', 'practice-case__nav');
    const previous = el('button', 'practice__button practice__button--secondary', S.previous_case);
    previous.type = 'button';
    const next = el('button', 'practice__button', S.next_case);
    next.type = 'button';
    nav.append(previous, next);
    c.heading.tabIndex = -1;
    c.choices.before(form);
    c.choices.after(result);
    c.answer.after(nav);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const picked = inputs.find((i) => i.checked);
      if (!picked) {
        error.hidden = false;
        error.textContent = '';
        error.append(el('span', 'practice__vh', S.error_prefix + ' '), document.createTextNode(S.error_choose));
        fieldset.setAttribute('aria-describedby', error.id);
        fieldset.classList.add('practice-case__fieldset--error');
        inputs[0].focus();
        return;
      }
      const state = read();
      state.chosen[c.id] = picked.value;
      state.at = c.id;
      write(state);
      render(state);
      const right = picked.value === c.outcome;
      announce((right ? S.correct : S.not_this_time) + '. ' + resultText.textContent);
      resultTitle.focus();
    });
    previous.addEventListener('click', () => go(cases[cases.indexOf(c) - 1].id));
    next.addEventListener('click', () => go(c === cases[cases.length - 1] ? SCORE : cases[cases.indexOf(c) + 1].id));
    c.ui = { form, fieldset, error, inputs, result, resultTitle, resultText, previous, next };
    return c.ui;
  }

  function go(at) {
    const state = read();
    state.at = at;
    write(state);
    render(state);
    if (at === SCORE) {
      summaryHeading.focus();
      announce(S.score_heading);
    } else {
      byId[at].heading.focus();
      announce(fill(S.announce_case, { n: cases.indexOf(byId[at]) + 1, total: cases.length }));
    }
  }

  restart.addEventListener('click', () => {
    write({ chosen: Object.create(null), at: cases[0].id });
    render(read());
    cases[0].heading.focus();
    announce(fill(S.announce_case, { n: 1, total: cases.length }));
  });

  /* ---------- showing the state ---------- */

  function render(state) {
    const s = score(state);
    tally.textContent = fill(S.score, s);
    summary.hidden = state.at !== SCORE;
    cases.forEach((c, index) => {
      const shown = c.id === state.at;
      c.item.hidden = !shown;
      if (shown) showCase(c, state.chosen[c.id], index);
    });
    if (state.at === SCORE) showSummary(state, s);
  }

  function showCase(c, chosen, index) {
    const u = ui(c);
    c.ask.hidden = true;
    c.choices.hidden = true;
    u.error.hidden = true;
    u.fieldset.removeAttribute('aria-describedby');
    u.fieldset.classList.remove('practice-case__fieldset--error');
    u.inputs.forEach((input) => {
      input.checked = input.value === chosen;
      input.disabled = !!chosen;
    });
    u.form.querySelector('button').hidden = !!chosen;
    u.result.hidden = !chosen;
    c.answer.hidden = !chosen;
    c.answer.open = !!chosen;
    c.answer.querySelector('summary').hidden = !!chosen; // revealed: nothing left to show
    if (chosen) {
      const right = chosen === c.outcome;
      u.result.className = 'practice-case__result practice-case__result--' + (right ? 'right' : 'wrong');
      u.resultTitle.textContent = right ? S.correct : S.not_this_time;
      u.resultText.textContent = fill(S.you_chose, { choice: choiceLabel(c, chosen) });
    }
    u.previous.hidden = index === 0;
    u.next.textContent = index === cases.length - 1 ? S.see_score : S.next_case;
  }

  function showSummary(state, s) {
    summaryText.textContent = fill(S.score_text, s);
    summaryList.textContent = '';
    cases.forEach((c) => {
      const li = el('li');
      const chosen = state.chosen[c.id];
      const verdict = !chosen ? S.not_answered : chosen === c.outcome ? S.correct : S.not_this_time;
      const title = c.heading.textContent.replace(/^[^:]*:\s*/, '');
      const link = el('a', null, title);
      const params = new URLSearchParams(query());
      params.set('case', c.id);
      link.href = '?' + params.toString();
      link.addEventListener('click', (event) => {
        event.preventDefault();
        go(c.id);
      });
      li.append(link, document.createTextNode(': ' + verdict));
      summaryList.append(li);
    });
  }

  window.addEventListener('popstate', () => {
    override = null;
    render(read());
  });
  render(read());
})();
