/* Walkthrough: turns the linked, no-JavaScript decision tree on a page into one question at a time.
 *
 * In govuk-frontend's shape: `Flow` holds the walk and knows nothing of the page (it is the
 * JavaScript twin of walk.py, and what the browser tests compare with it); `Walkthrough` is the
 * component, one per `[data-module="walkthrough"]` root, created by `createAll`, so every
 * walkthrough on a page works. One classic script (Chromium runs no module script from file://).
 *
 * State lives in the query string only, keyed by node id:
 *   question  ?node=answer        multiple  ?node=opt1,opt2  or  ?node=none
 *   checklist ?node=item1,item2   (the ticked items; ?node= means none ticked)
 *   step=NODE shows that step (Back, Change); otherwise the first unanswered step or the outcome.
 * Answers off the current path stay in the URL, so a detour down another branch loses nothing.
 * Anything in the URL that does not fit is ignored. Nothing from the URL or the data is ever parsed
 * as HTML: every element is built with createElement and textContent. No inline styles, no eval,
 * so it runs under a strict Content-Security-Policy (default-src 'self').
 *
 * The page runs this script where the walkthrough is, before the no-JavaScript tree below it is
 * parsed: the tree is hidden (by the root's class) before it is ever painted, and nothing the
 * reader has seen moves when the walkthrough appears.
 */

/**
 * The JSON a page embeds in `<script type="application/json" class="walkthrough__data">`, written
 * by render_html.tree_data(). tests/test_client_contract.py checks that every typedef below names
 * exactly the keys tree_data() writes.
 *
 * @typedef {object} WalkthroughData
 * @property {string} id - the tree's id (decision_trees/<id>.yml)
 * @property {string} version - changes whenever the tree file changes
 * @property {string} language - "en" or "cy"
 * @property {string} title - the walkthrough's title
 * @property {string} start - id of the first node
 * @property {Object<string, QuestionNode|MultipleNode|ChecklistNode|OutcomeNode>} nodes - by id
 * @property {Object<string, string>} strings - the interface strings of the language
 *
 * @typedef {object} QuestionNode - one answer from a list
 * @property {"question"} type
 * @property {string} question
 * @property {?string} hint
 * @property {Answer[]} answers
 *
 * @typedef {object} Answer
 * @property {string} id
 * @property {string} label
 * @property {?string} hint
 * @property {string} next - the node this answer leads to
 * @property {boolean} unsure - an "I'm not sure" answer: shown last, after "or"
 *
 * @typedef {object} MultipleNode - one or more options, or "none of these"
 * @property {"multiple"} type
 * @property {string} question
 * @property {?string} hint
 * @property {Option[]} options
 * @property {NoneOfThese} none
 * @property {string} next - the node after one or more options
 *
 * @typedef {object} Option
 * @property {string} id
 * @property {string} label
 * @property {?string} hint
 * @property {?string} finding - shown on the outcome when the option is chosen
 * @property {Citation[]} cites
 *
 * @typedef {object} NoneOfThese
 * @property {string} label
 * @property {string} next
 *
 * @typedef {object} ChecklistNode - tick each item that is true
 * @property {"checklist"} type
 * @property {string} question
 * @property {?string} hint
 * @property {Item[]} items
 * @property {string} next - the node when every item is ticked
 * @property {string} otherwise - the node when any item is not
 *
 * @typedef {object} Item
 * @property {string} id
 * @property {string} label
 * @property {?string} hint
 * @property {?string} group - the sub-heading the item is listed under
 * @property {string} unmet - shown on the outcome when the item is not ticked
 * @property {Citation[]} cites
 *
 * @typedef {object} OutcomeNode
 * @property {"outcome"} type
 * @property {string} verdict - yes, not-yet, no or info
 * @property {string} verdictLabel - the verdict in words
 * @property {string} title
 * @property {string[]} body - paragraphs
 * @property {string[]} nextSteps
 * @property {Citation[]} cites
 *
 * @typedef {object} Citation
 * @property {string} href - the policy section, relative to the page
 * @property {string} label - "Policy title: Section title"
 */

/**
 * @typedef {string|string[]} Choice - an answer id; option or item ids; or "none"
 * @typedef {{id: string, choice: Choice}} Step
 * @typedef {{kind: "chosen"|"unmet", text: string, cites: Citation[]}} Finding
 * @typedef {object} Walk
 * @property {Step[]} steps - the answered steps, in order
 * @property {string} current - the outcome reached, or the first node without a valid answer
 * @property {boolean} done - whether current is an outcome
 * @property {Finding[]} findings - chosen options' findings and unmet checklist items
 * @property {string[]} path - the ids of the steps, then current
 * @typedef {object} State - what a query string shows
 * @property {Object<string, Choice>} answers - every valid answer in it, on the path or not
 * @property {Walk} walk
 * @property {string} step - the step shown
 * @property {number} index - its place on the path
 * @property {boolean} stale - some of the query did not fit (the reader is told)
 * @property {boolean} needsAnswers - the query named a step and none of the answers before it
 */

(function () {
  'use strict';

  const has = (object, key) => Object.prototype.hasOwnProperty.call(object, key);
  const fill = (text, values) => text.replace(/\{(\w+)\}/g, (m, key) => (has(values, key) ? values[key] : m));
  const encode = encodeURIComponent;

  function decode(text) {
    try {
      return decodeURIComponent(text.replace(/\+/g, ' '));
    } catch {
      return null;
    }
  }

  /* ---------- the flow: walk.py's rules, and nothing of the page ---------- */

  class Flow {
    /** @param {WalkthroughData} data */
    constructor(data) {
      if (!data || !data.nodes || !data.strings || !has(data.nodes, data.start)) {
        throw new Error('walkthrough data without nodes, strings or start');
      }
      this.data = data;
      this.nodes = data.nodes;
      this.start = data.start;
      this.questionIds = Object.keys(data.nodes).filter((id) => data.nodes[id].type !== 'outcome');
      this.questionsLeftFrom = Object.create(null);
    }

    /** Whether a query-string key or a step=value belongs to this walkthrough. */
    owns(key, value) {
      return key === 'step' ? has(this.nodes, value) : this.questionIds.indexOf(key) >= 0;
    }

    /**
     * A valid choice for a node from its raw URL value, or undefined.
     * @returns {Choice|undefined}
     */
    parseChoice(node, raw) {
      if (typeof raw !== 'string') return undefined;
      if (node.type === 'question') return node.answers.some((a) => a.id === raw) ? raw : undefined;
      if (node.type === 'multiple' && raw === 'none') return 'none';
      const ids = raw === '' ? [] : raw.split(',');
      const list = node.type === 'multiple' ? node.options : node.items;
      if (!ids.every((id) => list.some((a) => a.id === id))) return undefined;
      const chosen = list.filter((a) => ids.indexOf(a.id) >= 0).map((a) => a.id);
      return node.type === 'multiple' && !chosen.length ? undefined : chosen;
    }

    /**
     * Follow the answers from the start; stop at the first node without a valid answer.
     * @param {Object<string, Choice>} answers
     * @returns {Walk}
     */
    walk(answers) {
      const steps = [];
      const findings = [];
      const seen = Object.create(null);
      let at = this.start;
      while (this.nodes[at].type !== 'outcome' && !seen[at] && has(answers, at)) {
        seen[at] = true;
        const node = this.nodes[at];
        const choice = answers[at];
        let next;
        if (node.type === 'question') {
          next = node.answers.find((a) => a.id === choice).next;
        } else if (node.type === 'multiple') {
          next = choice === 'none' ? node.none.next : node.next;
          if (choice !== 'none') {
            node.options.forEach((option) => {
              if (choice.indexOf(option.id) >= 0 && option.finding) {
                findings.push({ kind: 'chosen', text: option.finding, cites: option.cites });
              }
            });
          }
        } else {
          const unmet = node.items.filter((item) => choice.indexOf(item.id) < 0);
          unmet.forEach((item) => findings.push({ kind: 'unmet', text: item.unmet, cites: item.cites }));
          next = unmet.length ? node.otherwise : node.next;
        }
        steps.push({ id: at, choice: choice });
        at = next;
      }
      const path = steps.map((s) => s.id).concat(at);
      return { steps: steps, current: at, done: this.nodes[at].type === 'outcome', findings: findings, path: path };
    }

    /**
     * What a query string shows.
     * @param {string} search - "?a=b&c=d", or without the "?"
     * @returns {State}
     */
    state(search) {
      const params = new URLSearchParams(search);
      const answers = Object.create(null);
      let invalid = false;
      this.questionIds.forEach((id) => {
        if (!params.has(id)) return;
        const choice = this.parseChoice(this.nodes[id], params.get(id));
        if (choice === undefined) invalid = true;
        else answers[id] = choice;
      });
      const walk = this.walk(answers);
      const asked = params.getAll('step').filter((id) => has(this.nodes, id))[0] || params.get('step');
      const step = asked && walk.path.indexOf(asked) >= 0 ? asked : walk.current;
      return {
        answers: answers,
        walk: walk,
        step: step,
        index: walk.path.indexOf(step),
        stale: invalid || (!!asked && step !== asked),
        // An intranet link to a step, without the answers that lead there: said as such, not as
        // answers that "no longer fit" (there were none).
        needsAnswers: !invalid && !!asked && step !== asked && has(this.nodes, asked) && !Object.keys(answers).length,
      };
    }

    /**
     * The query string for a set of answers: those on the path in the order asked, then the rest
     * (kept for when the reader comes back to their branch), then the step if it is not the current one.
     */
    query(answers, step) {
      const path = this.walk(answers).path;
      const parts = path
        .concat(this.questionIds)
        .filter((id, i, all) => has(answers, id) && all.indexOf(id) === i)
        .map((id) => {
          const choice = answers[id];
          return encode(id) + '=' + (Array.isArray(choice) ? choice.map(encode).join(',') : encode(choice));
        });
      if (step && step !== path[path.length - 1]) parts.push('step=' + encode(step));
      return parts.join('&');
    }

    /** The query string after answering one node: the walk goes on to the first step still needed. */
    answer(answers, id, choice) {
      const next = Object.assign(Object.create(null), answers);
      next[id] = choice;
      return this.query(next);
    }

    /** The most questions a reader may still be asked from a node (the trees have no cycles). */
    questionsLeft(id) {
      if (!has(this.questionsLeftFrom, id)) {
        const node = this.nodes[id];
        this.questionsLeftFrom[id] = 0; // a guard, should a cycle ever get through the compiler
        let most = 0;
        if (node.type !== 'outcome') {
          const next =
            node.type === 'question'
              ? node.answers.map((a) => a.next)
              : node.type === 'multiple'
                ? [node.next, node.none.next]
                : [node.next, node.otherwise];
          most =
            1 +
            Math.max.apply(
              null,
              next.map((n) => this.questionsLeft(n)),
            );
        }
        this.questionsLeftFrom[id] = most;
      }
      return this.questionsLeftFrom[id];
    }

    /** "Question n of up to total" for the step a state shows. */
    progress(state) {
      return { n: state.index + 1, total: state.index + this.questionsLeft(state.step) };
    }
  }

  /* ---------- the page's address: shared by every walkthrough on the page ---------- */

  const address = {
    override: null, // the query, if pushState is refused (some file:// set-ups)
    search() {
      return this.override != null ? '?' + this.override : location.search;
    },
    href() {
      return new URL(location.pathname + this.search(), location.href).href;
    },
    go(query) {
      try {
        history.pushState(null, '', location.pathname + (query ? '?' + query : ''));
        this.override = null;
      } catch {
        this.override = query;
      }
    },
  };
  const instances = [];

  /* ---------- small DOM helpers ---------- */

  // Words a tree marks as another language ([@mention]{lang=en}) become <span lang="en">; where
  // only plain text fits (the page title, aria-label, the announcement, copied text) the marks go.
  const SPAN = /\[([^[\]\n]+)\]\{lang=([a-z]{2})\}/g;
  const plain = (text) => String(text).replace(SPAN, '$1');

  function setText(element, text) {
    const words = String(text);
    let last = 0;
    element.textContent = '';
    words.replace(SPAN, (mark, inner, lang, at) => {
      if (at > last) element.appendChild(document.createTextNode(words.slice(last, at)));
      const span = document.createElement('span');
      span.lang = lang;
      span.textContent = inner;
      element.appendChild(span);
      last = at + mark.length;
      return mark;
    });
    if (last < words.length) element.appendChild(document.createTextNode(words.slice(last)));
  }

  function el(tag, className, text) {
    const element = document.createElement(tag);
    if (className) element.className = className;
    if (text != null) setText(element, text);
    return element;
  }

  function add(parent, ...children) {
    children.forEach((child) => child && parent.appendChild(child));
    return parent;
  }

  /** Answer texts as a list; a checklist's unticked items as a list of their own, one a line,
   * under their label (see Walkthrough.answerTexts). */
  function answerList(texts) {
    return texts.reduce(
      (ul, text) =>
        add(
          ul,
          typeof text === 'string' ? el('li', '', text) : add(el('li', '', text.label + ':'), answerList(text.items)),
        ),
      el('ul'),
    );
  }

  const absolute = (href) => new URL(href, location.href).href;

  // What the ticked inputs answer: an answer's id (a question), the ticked ids or 'none' (a multiple),
  // the ticked items (a checklist, which may be sent with none ticked); undefined if nothing is chosen.
  function chosenAnswer(node, inputs) {
    const ticked = inputs.filter((input) => input.checked).map((input) => input.value);
    if (node.type === 'question') return ticked[0];
    if (node.type === 'multiple') return ticked.indexOf('none') >= 0 ? 'none' : ticked.length ? ticked : undefined;
    return ticked;
  }

  /** Copy text; `done(ok)` says whether it worked. The textarea route serves file:// and old browsers. */
  function copyText(text, returnFocus, done) {
    const fallback = () => {
      const area = el('textarea', 'walkthrough__offscreen');
      area.value = text;
      area.setAttribute('readonly', '');
      document.body.appendChild(area);
      area.select();
      let ok;
      try {
        ok = document.execCommand('copy');
      } catch {
        ok = false;
      }
      area.remove();
      returnFocus.focus();
      done(ok);
    };
    if (navigator.clipboard && window.isSecureContext)
      navigator.clipboard.writeText(text).then(() => done(true), fallback);
    else fallback();
  }

  /** The bottom of what Material keeps over the page: the sticky header and "Back to top" (which
   * appears when the page scrolls up, so it counts even while hidden). */
  function coveredTop() {
    return ['.md-header', '.md-top'].reduce((bottom, selector) => {
      const element = document.querySelector(selector);
      return element ? Math.max(bottom, element.getBoundingClientRect().bottom) : bottom;
    }, 0);
  }

  /** Focus a step's heading (or another target) and make sure it is in full view, below what
   * Material keeps over the page; the step's top (its Back link) too, when there is room. */
  function showStep(top, target) {
    target.focus({ preventScroll: true });
    const covered = coveredTop() + 8;
    const rect = target.getBoundingClientRect();
    if (rect.top >= covered && rect.bottom <= window.innerHeight) return;
    const header = document.querySelector('.md-header');
    let by = top.getBoundingClientRect().top - (header ? header.getBoundingClientRect().bottom : 0) - 8;
    if (rect.top - by < covered || rect.bottom - by > window.innerHeight) by = rect.top - covered;
    window.scrollBy(0, by);
  }

  /* ---------- the component ---------- */

  class Walkthrough {
    /** @param {HTMLElement} root - a [data-module="walkthrough"] element */
    constructor(root) {
      const source = root.querySelector('script.walkthrough__data');
      this.root = root;
      this.flow = new Flow(JSON.parse(source.textContent));
      this.data = this.flow.data;
      this.strings = this.data.strings;
      this.uid = 0;
      this.shown = null; // this walkthrough's part of the query on show
      this.announceTimer = 0;
      this.baseTitle = document.title;
      this.ui = el('div', 'walkthrough__ui');
      this.live = el('div', 'walkthrough__vh');
      this.live.setAttribute('aria-live', 'polite');
      root.setAttribute('data-walkthrough-init', '');
      instances.push(this);
      add(root, this.live);
      root.insertBefore(this.ui, root.querySelector('.walkthrough__static'));
      try {
        this.render(false);
      } catch (error) {
        // Never a blank step: if anything goes wrong, the linked tree stays as it was.
        this.ui.remove();
        this.live.remove();
        instances.splice(instances.indexOf(this), 1);
        throw error;
      }
      root.classList.add('walkthrough--enhanced');
      this.listen();
    }

    heading() {
      return this.ui.querySelector('.walkthrough__question, .walkthrough__outcome-title');
    }

    id() {
      return 'wt-' + this.data.id + '-' + ++this.uid;
    }

    /** The part of the query that belongs to this walkthrough, and the rest (other walkthroughs'). */
    split(search) {
      const own = [];
      const others = [];
      search
        .replace(/^\?/, '')
        .split('&')
        .forEach((part) => {
          if (!part) return;
          const eq = part.indexOf('=');
          const key = decode(eq < 0 ? part : part.slice(0, eq));
          const value = eq < 0 ? '' : decode(part.slice(eq + 1));
          if (this.flow.owns(key, value)) own.push(part);
          else if (instances.some((w) => w !== this && w.flow.owns(key, value))) others.push(part);
        });
      return { own: own.join('&'), others: others.join('&') };
    }

    state() {
      const own = this.split(address.search()).own;
      this.shown = own;
      return this.flow.state(own);
    }

    go(query) {
      const others = this.split(address.search()).others;
      address.go([others, query].filter(Boolean).join('&'));
      this.render(true);
      instances.forEach((w) => w !== this && w.updateSwitcher());
    }

    link(text, query, className) {
      const a = el('a', className, text);
      const others = this.split(address.search()).others;
      const full = [others, query].filter(Boolean).join('&');
      a.href = full ? '?' + full : location.pathname;
      a.addEventListener('click', (event) => {
        if (event.button || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        this.go(query);
      });
      return a;
    }

    // The language switcher opens the same step, with the same answers, in the other language.
    updateSwitcher() {
      const query = address.search().replace(/^\?/, '');
      document.querySelectorAll('a.md-select__link[hreflang]').forEach((a) => {
        if (!a.hasAttribute('data-walkthrough-href')) {
          let base = (a.getAttribute('href') || '').split(/[?#]/)[0];
          if (location.protocol === 'file:' && /\/$/.test(base)) base += 'index.html';
          a.setAttribute('data-walkthrough-href', base);
          // Material's own handler for language links (it looks the page up in the other
          // language's sitemap) must not replace this address with one without the answers.
          a.addEventListener('click', (event) => event.stopPropagation());
        }
        a.setAttribute('href', a.getAttribute('data-walkthrough-href') + (query ? '?' + query : ''));
      });
    }

    announce(text) {
      clearTimeout(this.announceTimer);
      this.live.textContent = '';
      this.announceTimer = setTimeout(() => {
        this.live.textContent = text;
      }, 100);
    }

    setTitle(step, error) {
      const title = plain(fill(this.strings.page_title, { step: step, page: this.baseTitle }));
      document.title = error ? this.strings.error_prefix + ': ' + title : title;
    }

    /* ---------- rendering ---------- */

    render(moved) {
      const S = this.strings;
      const state = this.state();
      const node = this.flow.nodes[state.step];
      const ui = this.ui;
      ui.textContent = '';
      document.documentElement.classList.remove('walkthrough-print-record');
      ui.setAttribute('data-step', state.step);
      ui.className = 'walkthrough__ui walkthrough__ui--' + node.type;
      if (state.stale)
        add(ui, el('p', 'walkthrough__notice', state.needsAnswers ? S.step_needs_answers : S.restored_notice));
      if (state.index > 0) {
        add(
          ui,
          this.link(S.back, this.flow.query(state.answers, state.walk.path[state.index - 1]), 'walkthrough__back'),
        );
      }
      const heading = node.type === 'outcome' ? this.renderOutcome(state, node) : this.renderQuestion(state, node);
      this.renderLinks(state);
      this.updateSwitcher();
      let step;
      if (node.type === 'outcome') {
        step = fill(S.outcome_announcement, { verdict: node.verdictLabel, title: node.title });
      } else {
        const progress = this.flow.progress(state);
        step = fill(S.page_title_question, { n: progress.n, total: progress.total, question: node.question });
      }
      if (moved || instances[0] === this || state.walk.steps.length) this.setTitle(step, false);
      this.stepTitle = step;
      if (moved) {
        showStep(ui, heading);
        this.announce(
          plain(
            node.type === 'outcome' ? step : fill(S.step_announcement, { n: state.index + 1, question: node.question }),
          ),
        );
      }
    }

    /** "Copy link to this step" and "Start again", under every step. */
    renderLinks(state) {
      const S = this.strings;
      const row = el('div', 'walkthrough__links');
      const copy = el('button', 'walkthrough__copy-link', S.copy_step_link);
      copy.type = 'button';
      const status = el('p', 'walkthrough__status walkthrough__link-status');
      status.setAttribute('role', 'status');
      copy.addEventListener('click', () => {
        status.textContent = '';
        copyText(address.href(), copy, (ok) => {
          status.textContent = ok ? S.link_copied : S.copy_failed;
        });
      });
      add(row, copy);
      if (state.walk.steps.length) add(row, this.link(S.start_again, '', 'walkthrough__restart'));
      add(this.ui, row, status);
    }

    /** What a step's answer was: one text per answer chosen or item ticked and, for a checklist,
     * the items not ticked as one entry, a label with its list ({label, items}).
     * @returns {Array<string|{label: string, items: string[]}>} */
    answerTexts(node, choice) {
      if (node.type === 'question') return [node.answers.find((a) => a.id === choice).label];
      if (choice === 'none') return [node.none.label];
      const list = node.type === 'multiple' ? node.options : node.items;
      const texts = list.filter((a) => choice.indexOf(a.id) >= 0).map((a) => a.label);
      if (node.type === 'checklist') {
        const notTicked = list.filter((a) => choice.indexOf(a.id) < 0).map((a) => a.label);
        // Welsh agrees with the number: one item 'Heb ei thicio', a list 'Heb eu ticio'.
        const label = notTicked.length > 1 ? this.strings.not_ticked_several : this.strings.not_ticked;
        if (notTicked.length) texts.push({ label: label, items: notTicked });
      }
      return texts;
    }

    // "Your answers": question, answer, and a Change link for each step taken.
    summary(state, count, heading, level) {
      const S = this.strings;
      const box = el('div', 'walkthrough__summary');
      const list = el('dl', 'walkthrough__summary-list');
      add(box, el(level, 'walkthrough__summary-heading', heading), list);
      state.walk.steps.slice(0, count).forEach((step) => {
        const node = this.flow.nodes[step.id];
        const answer = el('dd', 'walkthrough__summary-answer');
        const texts = this.answerTexts(node, step.choice);
        if (texts.length === 1 && typeof texts[0] === 'string') setText(answer, texts[0]);
        else add(answer, answerList(texts));
        const change = this.link(S.change, this.flow.query(state.answers, step.id), 'walkthrough__change-link');
        change.setAttribute('aria-label', plain(S.change_answer + ' ' + node.question));
        add(
          list,
          add(
            el('div', 'walkthrough__summary-row'),
            el('dt', 'walkthrough__summary-question', node.question),
            answer,
            add(el('dd', 'walkthrough__change'), change),
          ),
        );
      });
      return box;
    }

    citations(list) {
      const ul = el('ul', 'walkthrough__cites');
      (list || []).forEach((cite) => {
        const a = el('a', '', cite.label);
        a.href = cite.href;
        add(ul, add(el('li'), a, el('span', 'walkthrough__url', ' (' + absolute(cite.href) + ')')));
      });
      return ul;
    }

    renderQuestion(state, node) {
      const form = el('form', 'walkthrough__form');
      form.noValidate = true;
      const errors = el('div', 'walkthrough__errors');
      const field = el('div', 'walkthrough__field');
      const question = this.questionFieldset(state, node);
      const choices = this.renderChoices(state, node);
      add(form, errors, add(field, add(question.fieldset, choices.element)), this.continueButton());
      const parts = { ...question, ...choices, errors, field };

      form.addEventListener('submit', (event) => {
        event.preventDefault();
        const now = this.state();
        if (now.step !== state.step || !form.isConnected) return; // a stale form
        const chosen = chosenAnswer(node, choices.inputs);
        if (chosen === undefined) this.showQuestionError(node, parts);
        // Later answers that still apply are kept: the walk skips to the first step still needed.
        else this.go(this.flow.answer(now.answers, state.step, chosen));
      });

      add(this.ui, form);
      if (state.index > 0) add(this.ui, this.summary(state, state.index, this.strings.your_answers, 'h2'));
      return question.heading;
    }

    // The question's fieldset: its number and wording as the legend, its hints, and a place for the
    // error message. Returns the parts the error needs.
    questionFieldset(state, node) {
      const S = this.strings;
      const fieldset = el('fieldset', 'walkthrough__fieldset');
      const heading = el('h2', 'walkthrough__question', node.question);
      heading.tabIndex = -1;
      add(
        fieldset,
        add(
          el('legend', 'walkthrough__legend'),
          el('span', 'walkthrough__caption', fill(S.question_n, { n: state.index + 1 })),
          heading,
        ),
      );
      const described = [];
      const instruction = node.type === 'multiple' ? S.tick_any : node.type === 'checklist' ? S.tick_each : '';
      [node.hint, instruction && !(node.hint || '').includes(instruction) ? instruction : ''].forEach((hint) => {
        if (!hint) return;
        const p = el('p', 'walkthrough__hint', hint);
        p.id = this.id();
        described.push(p.id);
        add(fieldset, p);
      });
      const errorMessage = el('p', 'walkthrough__error-message');
      errorMessage.id = this.id();
      errorMessage.hidden = true;
      add(fieldset, errorMessage);
      if (described.length) fieldset.setAttribute('aria-describedby', described.join(' '));
      return { fieldset, heading, described, errorMessage };
    }

    // The answers as radios (a question) or checkboxes (the options of a multiple, or a checklist's
    // items), ticked as the reader last answered.
    renderChoices(state, node) {
      const S = this.strings;
      const element = el('div', 'walkthrough__choices');
      const previous = has(state.answers, state.step) ? state.answers[state.step] : undefined;
      const type = node.type === 'question' ? 'radio' : 'checkbox';
      const inputs = [];
      const choose = (into, choice, checked, extraClass) => {
        const input = this.choiceInput(into, type, state.step, choice, checked, extraClass);
        inputs.push(input);
        return input;
      };
      if (node.type === 'question') {
        // "I'm not sure" is the last answer, after "or".
        node.answers.forEach((answer, i) => {
          if (answer.unsure && i > 0) add(element, el('p', 'walkthrough__or', S.or));
          choose(element, answer, previous === answer.id);
        });
      } else {
        let group = null;
        let into = element;
        (node.type === 'multiple' ? node.options : node.items).forEach((choice) => {
          // Items under a sub-heading are a group of their own, with the sub-heading as its legend.
          if (choice.group !== group) {
            into = choice.group ? add(element, el('fieldset', 'walkthrough__group')).lastChild : element;
            if (choice.group) add(into, el('legend', 'walkthrough__group-legend', choice.group));
            group = choice.group;
          }
          choose(into, choice, Array.isArray(previous) && previous.indexOf(choice.id) >= 0);
        });
      }
      if (node.type === 'multiple') {
        add(element, el('p', 'walkthrough__or', S.or));
        const none = choose(
          element,
          { id: 'none', label: node.none.label },
          previous === 'none',
          ' walkthrough__choice--none',
        );
        // "None of these" is exclusive: ticking it unticks the others, and the other way round.
        element.addEventListener('change', (event) => {
          if (!event.target.checked) return;
          inputs.forEach((input) => {
            if ((event.target === none) !== (input === none)) input.checked = false;
          });
        });
      }
      return { element, inputs };
    }

    // One radio or checkbox with its label and, if it has one, its hint; added to `into`.
    choiceInput(into, type, name, choice, checked, extraClass) {
      const input = el('input', 'walkthrough__input');
      input.type = type;
      input.name = name;
      input.value = choice.id;
      input.id = this.id();
      input.checked = !!checked;
      const text = el('div', 'walkthrough__choice-text');
      const label = el('label', 'walkthrough__label', choice.label);
      label.htmlFor = input.id;
      add(text, label);
      if (choice.hint) {
        const hint = el('p', 'walkthrough__hint walkthrough__choice-hint', choice.hint);
        hint.id = this.id();
        input.setAttribute('aria-describedby', hint.id);
        add(text, hint);
      }
      add(into, add(el('div', 'walkthrough__choice' + (extraClass || '')), input, text));
      return input;
    }

    continueButton() {
      const button = el('button', 'walkthrough__button', this.strings.continue);
      button.type = 'submit';
      // A double click is one answer, not an answer and an empty submission of the next step.
      button.addEventListener('click', (event) => {
        if (event.detail > 1) event.preventDefault();
      });
      return button;
    }

    // Nothing chosen: the error summary at the top (focused, linking to the first answer) and the
    // message in the question, as the GOV.UK error pattern has them.
    showQuestionError(node, { errors, field, fieldset, described, errorMessage, inputs }) {
      const S = this.strings;
      const message = fill(node.type === 'question' ? S.error_choose_one : S.error_choose_some, {
        question: node.question,
        none: node.none ? node.none.label : '',
      });
      errors.textContent = '';
      const box = el('div', 'walkthrough__error-summary');
      box.setAttribute('role', 'alert');
      box.tabIndex = -1;
      const a = el('a', '', message);
      a.href = '#' + inputs[0].id;
      a.addEventListener('click', (event) => {
        event.preventDefault();
        showStep(fieldset, inputs[0]);
      });
      add(errors, add(box, el('h2', 'walkthrough__error-title', S.error_summary), add(el('ul'), add(el('li'), a))));
      field.classList.add('walkthrough__field--error');
      errorMessage.textContent = '';
      add(errorMessage, el('span', 'walkthrough__vh', S.error_prefix + ': '), document.createTextNode(message));
      errorMessage.hidden = false;
      fieldset.setAttribute('aria-describedby', described.concat(errorMessage.id).join(' '));
      this.setTitle(this.stepTitle, true);
      showStep(box, box);
    }

    renderOutcome(state, node) {
      const S = this.strings;
      const record = el('div', 'walkthrough__record');
      const facts = el('dl');
      const fact = (term, value) => add(facts, el('dt', '', term), el('dd', '', value));
      fact(S.record_date, this.today());
      fact(S.record_walkthrough, this.data.title);
      fact(S.record_link, address.href());
      add(
        record,
        add(el('div', 'walkthrough__record-meta'), el('p', 'walkthrough__record-heading', S.record_heading), facts),
      );

      const box = el('div', 'walkthrough__outcome walkthrough__outcome--' + node.verdict);
      const heading = el('h2', 'walkthrough__outcome-title');
      heading.tabIndex = -1;
      add(
        heading,
        el('span', 'walkthrough-verdict walkthrough-verdict--' + node.verdict, node.verdictLabel),
        document.createTextNode(' '),
        el('span', '', node.title),
      );
      add(box, el('p', 'walkthrough__caption', S.outcome), heading);
      node.body.forEach((p) => add(box, el('p', '', p)));
      add(record, box, this.summary(state, state.walk.steps.length, S.why, 'h3'));

      const section = (title, items, className) => {
        if (!items.length) return;
        const ul = el('ul', className);
        items.forEach((item) => {
          const li = add(ul, el('li')).lastChild;
          add(li, el('p', '', typeof item === 'string' ? item : item.text));
          if (item.cites && item.cites.length) add(li, this.citations(item.cites));
        });
        add(record, el('h3', '', title), ul);
      };
      const findings = state.walk.findings;
      section(
        S.chosen_heading,
        findings.filter((f) => f.kind === 'chosen'),
        'walkthrough__findings',
      );
      section(
        S.not_met_heading,
        findings.filter((f) => f.kind === 'unmet'),
        'walkthrough__findings walkthrough__findings--unmet',
      );
      section(S.what_to_do_next, node.nextSteps || [], 'walkthrough__next-steps');
      add(record, el('h3', '', S.where_policy_says), this.citations(node.cites));

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
        status.textContent = '';
        copyText(plain(this.plainText(state, node)), copy, (ok) => {
          status.textContent = ok ? S.copied : S.copy_failed;
        });
      });
      add(this.ui, record, add(el('div', 'walkthrough__actions'), print, copy), status);
      return heading;
    }

    today() {
      const now = new Date();
      const month = (this.strings.record_months || '').split(' ')[now.getMonth()] || now.getMonth() + 1;
      return now.getDate() + ' ' + month + ' ' + now.getFullYear();
    }

    /** The record as plain text, built from the walk (not read back from the page). */
    plainText(state, node) {
      const S = this.strings;
      const lines = [
        S.record_heading,
        S.record_walkthrough + ': ' + this.data.title,
        S.record_date + ': ' + this.today(),
        S.record_link + ': ' + address.href(),
        '',
      ];
      state.walk.steps.forEach((step, i) => {
        lines.push(fill(S.question_n, { n: i + 1 }) + ': ' + this.flow.nodes[step.id].question);
        this.answerTexts(this.flow.nodes[step.id], step.choice).forEach((text) => {
          if (typeof text === 'string') lines.push('  ' + text);
          else lines.push('  ' + text.label + ':', ...text.items.map((item) => '    - ' + item));
        });
      });
      lines.push('', S.outcome + ': ' + node.verdictLabel + '. ' + node.title);
      node.body.forEach((p) => lines.push(p));
      const block = (title, items) => {
        if (!items.length) return;
        lines.push('', title + ':');
        items.forEach((item) => {
          lines.push('  - ' + (item.text || item));
          (item.cites || []).forEach((cite) => lines.push('    ' + cite.label + ': ' + absolute(cite.href)));
        });
      };
      block(
        S.chosen_heading,
        state.walk.findings.filter((f) => f.kind === 'chosen'),
      );
      block(
        S.not_met_heading,
        state.walk.findings.filter((f) => f.kind === 'unmet'),
      );
      block(S.what_to_do_next, node.nextSteps || []);
      lines.push('', S.where_policy_says + ':');
      node.cites.forEach((cite) => lines.push('  - ' + cite.label + ': ' + absolute(cite.href)));
      return lines.join('\n') + '\n';
    }

    /* ---------- the page around it ---------- */

    listen() {
      const root = this.root;
      // Links to the full linked tree (the trainers' paths, or a shared anchor) show it again.
      const showTree = (hash) => {
        const id = hash && hash.length > 1 ? decode(hash.slice(1)) : null;
        const target = id && document.getElementById(id);
        if (target && target !== root && root.contains(target) && !this.ui.contains(target)) {
          root.classList.add('walkthrough--show-tree');
        }
      };
      document.addEventListener('click', (event) => {
        const a = event.target.closest && event.target.closest('a[href^="#"]');
        if (!a) return;
        // A link to the walkthrough itself (the page's Start link) goes to the step shown.
        if (a.getAttribute('href') === '#' + root.id && !event.button && !event.metaKey && !event.ctrlKey) {
          event.preventDefault();
          showStep(this.ui, this.heading());
        } else {
          showTree(a.getAttribute('href'));
        }
      });
      window.addEventListener('hashchange', () => showTree(location.hash));
      const onLoad = () => {
        showTree(location.hash);
        // A link to a step (answers in the URL) opens at that step, as a page of its own would.
        const opened = instances.filter((w) => w.flow.state(w.shown).walk.steps.length)[0];
        if (!location.hash && opened === this) showStep(this.ui, this.heading());
      };
      if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', onLoad);
      else onLoad();
      // Back and forward re-render from the URL; following a link to an anchor (#...) does not.
      window.addEventListener('popstate', () => {
        address.override = null;
        if (this.split(location.search).own !== this.shown) this.render(true);
      });
      window.addEventListener('afterprint', () =>
        document.documentElement.classList.remove('walkthrough-print-record'),
      );
    }
  }

  Walkthrough.moduleName = 'walkthrough';

  /** One Walkthrough per root not yet enhanced; a root that fails keeps its linked tree. */
  function createAll(scope) {
    const roots = (scope || document).querySelectorAll('[data-module="' + Walkthrough.moduleName + '"]');
    return Array.prototype.map
      .call(roots, (root) => {
        if (root.hasAttribute('data-walkthrough-init') || !root.querySelector('script.walkthrough__data')) return null;
        try {
          return new Walkthrough(root);
        } catch (error) {
          root.removeAttribute('data-walkthrough-init');
          setTimeout(() => {
            throw error;
          });
          return null;
        }
      })
      .filter(Boolean);
  }

  const supported =
    window.URLSearchParams && window.history && history.pushState && window.URL && Element.prototype.closest;
  if (!supported) return;
  // The page may load this script once per walkthrough: the first copy's classes stay in use.
  if (!window.Walkthroughs) window.Walkthroughs = { Flow: Flow, Walkthrough: Walkthrough, createAll: createAll };
  window.Walkthroughs.createAll();
})();
