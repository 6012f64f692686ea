// The participant's rating page by personal link (/rate/{token}/…). Plain script, no framework (ADR 0022): phones on
// trains lose the network, lock their screens and reload; an answer must never be lost, and the screen must never
// say "saved" for an answer the server has not acknowledged.
// - Every change goes first into an outbox in localStorage (one entry per characteristic, the whole answer plus the
//   version it was based on), then to POST save, one request at a time, in the order the changes were made. An entry
//   leaves the outbox only when the server acknowledged it, refused it as changed elsewhere (shown as a conflict, with
//   what was not saved), or refused it for a reason it states (shown too).
// - A save names the version it was based on: the server refuses one based on an old version, so two tabs or two
//   devices never overwrite each other. Sending the same answer again after a lost acknowledgement is answered "saved".
// - After any failure, once the server answers again, the page re-reads its answers from the server (GET state).
// - Arrow keys move through a group's levels without saving each step: the choice is saved when focus leaves the
//   group or after a short pause, so one decision is one audited change.
// - Each step (welcome, a characteristic, review, finish) has its own address; Back, Forward and reload work.
// DOM is built with textContent, never from HTML strings.
(() => {
  'use strict';
  const root = document.getElementById('rating');
  if (!root) return;

  const base = root.dataset.base;
  const storageKey = `citymaturity.rating.${base}`;
  const keyboardPauseMs = 1500;
  const commentPauseMs = 1200;
  const views = [
    { key: 'now', id: 'now', legend: 'Now', question: 'How mature is it now?' },
    { key: 'inTwoYears', id: 'two-years', legend: 'In two years', question: 'Where will it be in two years, on current plans?' },
  ];
  const $ = (id) => document.getElementById(id);
  const els = {
    connection: $('rating-connection'), progress: $('rating-progress'), progressLabel: $('rating-progress-label'),
    view: $('rating-view'), bar: $('rating-bar'), summary: $('rating-save-summary'), back: $('rating-back'), next: $('rating-next'),
  };

  let state = null;           // the last GET state: texts and the server's answers
  let stored = {};            // code -> the server's answer as last acknowledged or read
  let outbox = [];            // [{ code, values, version, id, holdUntil }]
  let problems = {};          // code -> { kind: 'conflict' | 'rejected', message, mine }
  let online = true;          // did the last request reach the server?
  let sending = false;
  let retryTimer = null;
  let retryDelay = 1000;
  let holdTimer = null;
  let needsRefresh = false;
  let step = null;            // 'welcome' | code | 'review' | 'finish'
  let linkDead = null;

  // ---- storage -------------------------------------------------------------------------------------------------
  function load() {
    try {
      const saved = JSON.parse(localStorage.getItem(storageKey)) || {};
      outbox = Array.isArray(saved.outbox) ? saved.outbox : [];
      problems = saved.problems && typeof saved.problems === 'object' ? saved.problems : {};
    } catch { outbox = []; problems = {}; }
    // A hold (keyboard pause, typing) does not survive a reload: whatever was kept is sent.
    for (const entry of outbox) entry.holdUntil = 0;
  }

  function persist() {
    try {
      if (outbox.length === 0 && Object.keys(problems).length === 0) localStorage.removeItem(storageKey);
      else localStorage.setItem(storageKey, JSON.stringify({ participant: state && state.participant, outbox, problems }));
    } catch { /* private mode or full: the answers still live in memory while the page is open */ }
  }

  /**
   * A new personal link (a reminder replaces the old one) must not strand answers that were waiting under the old
   * link on this device: they belong to the same participant, so this page takes them over and sends them.
   */
  function adoptStranded() {
    try {
      for (const key of Object.keys(localStorage)) {
        if (!key.startsWith('citymaturity.rating.') || key === storageKey) continue;
        const saved = JSON.parse(localStorage.getItem(key)) || {};
        if (!saved.participant || saved.participant !== state.participant) continue;
        for (const entry of saved.outbox || []) {
          if (!entryFor(entry.code)) outbox.push({ ...entry, holdUntil: 0 });
        }
        for (const [code, problem] of Object.entries(saved.problems || {})) if (!problems[code]) problems[code] = problem;
        localStorage.removeItem(key);
      }
    } catch { /* storage unavailable: nothing to adopt */ }
  }

  const newId = () => (crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`);
  const empty = () => ({ now: '', inTwoYears: '', comment: '', links: [] });
  const entryFor = (code) => outbox.find((e) => e.code === code);

  /** What the screen shows for a characteristic: the device's unsent answer if any, else the server's. */
  function shown(code) {
    const entry = entryFor(code);
    if (entry) return entry.values;
    const answer = stored[code];
    return answer ? { now: answer.now, inTwoYears: answer.inTwoYears, comment: answer.comment, links: answer.links } : empty();
  }

  /** Puts a change into the outbox (kept on the device at once) and sends it unless asked to wait. */
  function change(code, update, holdMs) {
    let entry = entryFor(code);
    if (!entry) {
      entry = { code, values: { ...shown(code) }, version: stored[code] ? stored[code].version : 0, id: newId(), holdUntil: 0 };
      outbox.push(entry);
    }
    entry.values = { ...entry.values, ...update };
    entry.id = newId();
    entry.holdUntil = holdMs ? Date.now() + holdMs : 0;
    delete problems[code];
    persist();
    if (holdMs) {
      clearTimeout(holdTimer);
      holdTimer = setTimeout(() => { release(code); }, holdMs + 50);
    }
    renderStatus();
    send();
  }

  /** Ends a wait (focus left the group, the pause is over): the change goes out now. */
  function release(code) {
    const entry = entryFor(code);
    if (entry && entry.holdUntil) {
      entry.holdUntil = 0;
      persist();
      renderStatus();
    }
    send();
  }

  // ---- talking to the server -----------------------------------------------------------------------------------
  async function refresh() {
    try {
      const response = await fetch(`${base}/state`, { cache: 'no-store', credentials: 'same-origin' });
      if (signedOut(response)) return;
      if (response.status === 404) { deadLink(await response.json()); return; }
      if (!response.ok) throw new Error(`state ${response.status}`);
      state = await response.json();
      adoptStranded();
      for (const [code, answer] of Object.entries(state.answers || {})) {
        // A state read that crossed an acknowledgement on the way must not bring back an older version.
        if (!stored[code] || answer.version >= stored[code].version) stored[code] = answer;
        const entry = entryFor(code);
        if (entry && stored[code].version > entry.version && sentEarlier(entry, stored[code])) entry.version = stored[code].version;
      }
      persist();
      needsRefresh = false;
      setOnline(true);
      if (step === null) start(); else { update(); if (codes().includes(step)) loadCard(step); }
      send();
    } catch {
      needsRefresh = true;
      setOnline(false);
      if (!state) els.view.querySelector('#rating-loading')?.replaceChildren('Cannot reach the server yet — retrying…');
      scheduleRetry();
    }
  }

  async function send() {
    if (sending || linkDead || !state) return;
    const entry = outbox.find((e) => !e.holdUntil || e.holdUntil <= Date.now());
    if (!entry) return;
    sending = true;
    const sent = { id: entry.id, code: entry.code, values: entry.values };
    renderStatus();
    try {
      const response = await fetch(`${base}/save`, {
        method: 'POST',
        credentials: 'same-origin',
        keepalive: true,
        cache: 'no-store',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ code: entry.code, ...entry.values, version: entry.version }),
      });
      if (signedOut(response)) return;
      if (response.status === 404) { deadLink(await response.json()); return; }
      if (response.status >= 500) throw new Error(`save ${response.status}`);
      const body = await response.json();
      setOnline(true);
      if (response.ok) acknowledged(entry, sent, body);
      else if (response.status === 409 && sentEarlier(entry, body.current)) entry.version = body.current.version;
      else if (response.status === 409) refused(entry, 'conflict', body.detail, body.current);
      else refused(entry, 'rejected', body.detail, null);
      persist();
      if (needsRefresh) { await refresh(); return; }
      update();
    } catch {
      // The save may or may not have reached the server: remember what was sent, so that finding it stored later
      // is recognised as this device's own answer rather than as a change made elsewhere.
      if (outbox.includes(entry)) {
        entry.unknown = [...(entry.unknown || []).slice(-4), sent.values];
        persist();
      }
      setOnline(false);
      needsRefresh = true;
      renderStatus();
      scheduleRetry();
    } finally {
      sending = false;
    }
    if (online) send();
  }

  function acknowledged(entry, sent, answer) {
    stored[entry.code] = answer;
    if (entry.id === sent.id) {
      outbox = outbox.filter((e) => e !== entry);
    } else {
      // Changed again while the save was on its way: the newer answer builds on the one just stored.
      entry.version = answer.version;
    }
  }

  const sameAnswer = (values, answer) => values.now === answer.now && values.inTwoYears === answer.inTwoYears
    && (values.comment || '').trim() === (answer.comment || '')
    && JSON.stringify((values.links || []).map((l) => l.trim()).filter((l) => l)) === JSON.stringify(answer.links || []);

  /** The server holds an answer this device sent before without learning the outcome (a lost acknowledgement). */
  function sentEarlier(entry, answer) {
    return Boolean(answer) && answer.version > entry.version && (entry.unknown || []).some((values) => sameAnswer(values, answer));
  }

  function refused(entry, kind, message, current) {
    if (current) stored[entry.code] = current;
    problems[entry.code] = { kind, message, mine: entry.values };
    outbox = outbox.filter((e) => e !== entry);
  }

  /** A member whose sign-in ran out is sent to the sign-in page; the answers wait on the device meanwhile. */
  function signedOut(response) {
    if (!response.redirected && response.status !== 401 && response.status !== 403) return false;
    deadLink({ title: 'Signed out', detail: 'Sign in again and reopen this page to send them.' });
    return true;
  }

  function deadLink(problem) {
    linkDead = problem.detail || 'This rating link does not work any more.';
    setOnline(true);
    els.connection.textContent = `${problem.title || 'Link not valid'}: ${linkDead} Answers not yet saved stay on this device.`;
    els.connection.classList.add('offline');
  }

  function scheduleRetry() {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => { retryDelay = Math.min(retryDelay * 2, 10000); if (!state || needsRefresh) refresh(); else send(); }, retryDelay + Math.random() * 500);
  }

  function setOnline(ok) {
    if (ok) retryDelay = 1000;
    online = ok;
    if (linkDead) return;
    els.connection.textContent = ok ? '' : 'No connection — your answers are kept on this device and sent when it returns.';
    els.connection.classList.toggle('offline', !ok);
  }

  // ---- steps and addresses -------------------------------------------------------------------------------------
  const codes = () => state.scope.map((c) => c.code);
  const characteristic = (code) => state.scope.find((c) => c.code === code);
  const isAnswered = (value) => value !== '' && value !== undefined && value !== null;
  const answeredViews = (code) => views.filter((v) => isAnswered(shown(code)[v.key])).length;

  function firstOpenStep() {
    const open = codes().find((code) => answeredViews(code) < 2);
    if (codes().every((code) => answeredViews(code) === 0)) return 'welcome';
    return open || 'review';
  }

  function stepFromAddress() {
    const prefix = `/${base}/`;
    const path = decodeURIComponent(location.pathname);
    return path.startsWith(prefix) ? path.slice(prefix.length) : '';
  }

  const addressOf = (target) => `${document.baseURI.replace(/\/$/, '')}/${base}/${encodeURIComponent(target)}`;
  const isStep = (target) => target === 'welcome' || target === 'review' || target === 'finish' || (state && codes().includes(target));

  function start() {
    const requested = stepFromAddress();
    step = isStep(requested) ? requested : firstOpenStep();
    history.replaceState({ step }, '', addressOf(step));
    render(false);
  }

  function go(target) {
    flushHolds();
    step = target;
    history.pushState({ step }, '', addressOf(target));
    render(true);
  }

  function neighbours() {
    const list = ['welcome', ...codes(), 'review', 'finish'];
    const index = list.indexOf(step);
    return { back: index > 0 ? list[index - 1] : null, next: index < list.length - 1 ? list[index + 1] : null };
  }

  function flushHolds() {
    let any = false;
    for (const entry of outbox) if (entry.holdUntil) { entry.holdUntil = 0; any = true; }
    if (any) { persist(); send(); }
  }

  // ---- rendering -----------------------------------------------------------------------------------------------
  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key === 'class') node.className = value;
      else if (key === 'text') node.textContent = value;
      else if (key.startsWith('data-') || key.startsWith('aria-') || key === 'for' || key === 'role' || key === 'tabindex') node.setAttribute(key, value);
      else node[key] = value;
    }
    node.append(...children.filter((c) => c !== null && c !== undefined && c !== false));
    return node;
  }

  function render(moveFocus) {
    if (!state) return;
    const scope = state.scope;
    const a = state.assessment;
    let view;
    if (step === 'welcome') view = welcomeView(a, scope);
    else if (step === 'review') view = reviewView();
    else if (step === 'finish') view = finishView(a);
    else view = characteristicView(characteristic(step));
    els.view.replaceChildren(...view.filter((part) => part));
    root.dataset.step = step;
    els.bar.hidden = false;
    const { back, next } = neighbours();
    setStepLink(els.back, back, step === 'welcome' ? null : '← Back');
    setStepLink(els.next, next, step === 'welcome' ? (answeredViews(scope[0].code) > 0 || scope.some((c) => answeredViews(c.code) > 0) ? 'Continue →' : 'Start →')
      : step === 'review' ? 'Finish →' : codes().includes(step) && codes().indexOf(step) === scope.length - 1 ? 'Review →' : 'Next →');
    if (step === 'welcome' && next) setStepLink(els.next, firstOpenStep() === 'welcome' ? scope[0].code : firstOpenStep(), els.next.textContent);
    renderProgress();
    renderStatus();
    document.title = `${titleOf(step)} · Rate ${a.community} · CityMaturity`;
    if (moveFocus) {
      const heading = $('rating-heading');
      heading.focus();
      heading.scrollIntoView({ block: 'start' });
    }
  }

  /** After an acknowledgement or a re-read: the same step, updated in place (focus and typing are not disturbed). */
  function update() {
    if (!state || step === null) return;
    if (!codes().includes(step)) { if (step !== 'welcome') render(false); else renderStatus(); return; }
    const values = shown(step);
    for (const [id, text] of [['comment', values.comment || ''], ['evidence', (values.links || []).join('\n')]]) {
      const field = $(id);
      if (field && document.activeElement !== field && field.value !== text) field.value = text;
    }
    $('rating-problem')?.replaceWith(problemNotice(step));
    showCard(step);
    updateRegress(step);
    renderProgress();
    renderStatus();
  }

  function titleOf(target) {
    if (target === 'welcome') return 'Welcome';
    if (target === 'review') return 'Check your answers';
    if (target === 'finish') return 'Thank you';
    return `${target} ${characteristic(target).title}`;
  }

  function setStepLink(link, target, text) {
    link.hidden = !target || !text;
    if (!target || !text) return;
    link.textContent = text;
    link.href = addressOf(target);
    link.dataset.step = target;
  }

  function renderProgress() {
    const total = state.scope.length * 2;
    const given = state.scope.reduce((sum, c) => sum + answeredViews(c.code), 0);
    const complete = state.scope.filter((c) => answeredViews(c.code) === 2).length;
    els.progress.max = total;
    els.progress.value = given;
    els.progressLabel.textContent = `${given} of ${total} answers · ${complete} of ${state.scope.length} characteristics complete`;
  }

  function heading(text) {
    return el('h1', { id: 'rating-heading', tabindex: '-1', text });
  }

  function welcomeView(a, scope) {
    const minutes = Math.max(10, Math.round(scope.length * 0.75 / 5) * 5);
    const deadline = formatDate(a.deadline);
    const resumed = scope.some((c) => answeredViews(c.code) > 0);
    return [
      heading(`Rate ${a.community}: ${a.name}`),
      el('p', { class: 'lead', text: `Hello ${a.you}. ${a.organisation} asks you, for the group “${a.yourGroup}”, how mature ${a.community} is on ${scope.length} characteristics of a smart, sustainable community (ISO/TS 37107).` }),
      resumed ? el('p', { class: 'notice success', text: 'Welcome back: your earlier answers are kept. Continue where you left off.' }) : null,
      el('dl', { class: 'rating-facts' },
        el('dt', { text: 'Why' }), el('dd', { text: a.purposeExplained ? `${a.purpose}: ${a.purposeExplained}` : a.purpose }),
        deadline ? el('dt', { text: 'Please answer by' }) : null, deadline ? el('dd', { text: deadline }) : null,
        el('dt', { text: 'How long' }), el('dd', { text: `About ${minutes} minutes. You can stop at any time and come back with the same link.` })),
      el('h2', { text: 'How to answer' }),
      el('ul', { class: 'rating-howto' },
        el('li', { text: 'For each characteristic, choose the level that describes your community now, and the level it will reach in two years on current plans.' }),
        el('li', { text: 'Tap a level’s name to read what it means for that characteristic.' }),
        el('li', { text: '“Don’t know” is a fine answer: it is counted as such, never as a low level.' }),
        el('li', { text: 'Each answer is saved as you go; the screen says “saved” only once the server has it. Without a connection, answers wait on this device and are sent when it returns.' }),
        el('li', { text: 'Who sees what: the assessment’s facilitators see your answers and comments with your name; everyone else sees results only as figures for whole stakeholder groups.' })),
    ];
  }

  function formatDate(date) {
    return date ? new Date(`${date}T00:00:00`).toLocaleDateString(undefined, { day: 'numeric', month: 'long', year: 'numeric' }) : null;
  }

  function characteristicView(c) {
    const index = codes().indexOf(c.code);
    const values = shown(c.code);
    const disabled = !state.assessment.acceptsRatings;
    const parts = [
      el('p', { class: 'rating-where', text: `${index + 1} of ${state.scope.length} · ${c.dimension}${c.subDimension ? ` › ${c.subDimension}` : ''}` }),
      heading(`${c.code} ${c.title}`),
      el('p', { class: 'rating-about', text: c.about }),
    ];
    if (disabled) parts.push(el('p', { class: 'notice error', role: 'status', text: state.assessment.closedMessage }));
    parts.push(levelsList(c));
    const card = el('div', { class: 'rating-card', 'data-characteristic': c.code });
    for (const view of views) card.append(viewGroup(c, view, values, disabled));
    parts.push(card);
    parts.push(el('p', { id: 'rating-regress', class: 'notice warning', role: 'alert', hidden: !regresses(values), text: 'Your level in 2 years is below your level now. That is allowed — plans can fall back — but please check it is what you mean.' }));
    parts.push(problemNotice(c.code));
    parts.push(extras(c, values, disabled));
    parts.push(evidencePanel(c, false));
    loadCard(c.code);
    return parts;
  }

  // ---- evidence (issue 15) --------------------------------------------------------------------------------------
  // The characteristic's evidence, collapsed with a count: the city's indicator values (with their trend) when given,
  // the items anyone attached, and two small forms to attach a link or a document to one's own answer. The state gives
  // only the counts; a card's items and values load when the card opens (GET evidence?code=, ADR 0052) and are kept
  // for the page's life, so a card seen once still shows them offline. Attaching needs the server (a document is not
  // kept in the outbox); answers keep going through the outbox as before, whatever happens to the evidence.
  const cards = {};           // code -> { items, indicatorFacts, moreIndicatorValues } as last loaded
  const allValues = {};       // code -> true once the participant asked for all its indicator values
  const cardProblems = {};    // code -> why its evidence could not be loaded (cleared by the next load)
  const loading = {};         // code -> the load under way
  const evidenceOf = (code) => (cards[code] && cards[code].items) || [];
  const factsOf = (code) => (cards[code] && cards[code].indicatorFacts) || [];
  const evidenceCount = (code) => (cards[code] ? cards[code].items.length : (state.evidenceCounts && state.evidenceCounts[code]) || 0);
  let evidenceShown = '';     // what the open panel shows, to redraw it only when that changed

  function evidenceSignature(code) {
    return JSON.stringify([cards[code] || null, cardProblems[code] || null, evidenceCount(code), state.assessment.acceptsRatings]);
  }

  /**
   * Loads (again) a card's evidence; the card shows it once loaded, or says why it could not be. A load already under
   * way is shared, unless the caller needs what the server holds after a change it just made (fresh).
   */
  function loadCard(code, fresh) {
    if (loading[code] && !fresh) return loading[code];
    const load = (loading[code] || Promise.resolve()).then(() => fetchCard(code)).finally(() => {
      if (loading[code] === load) delete loading[code];
      showCard(code);
    });
    loading[code] = load;
    return load;
  }

  async function fetchCard(code) {
    try {
      const address = `${base}/evidence?code=${encodeURIComponent(code)}${allValues[code] ? '&all=true' : ''}`;
      const response = await fetch(address, { cache: 'no-store', credentials: 'same-origin' });
      if (signedOut(response)) return;
      if (!response.ok) throw new Error(`evidence ${response.status}`);
      const card = await response.json();
      cards[code] = { items: card.items || [], indicatorFacts: card.indicatorFacts || [], moreIndicatorValues: card.moreIndicatorValues || 0 };
      delete cardProblems[code];
    } catch {
      cardProblems[code] = cards[code]
        ? 'Shown as last loaded: the evidence could not be read again just now.'
        : 'The evidence could not be loaded: no connection to the server. It loads when the connection returns; your answers are not affected.';
    }
  }

  /**
   * Redraws what the open card's panel shows (its count, values and items) when that changed; the forms stay as they
   * are, so typing an address is never disturbed, and nothing is redrawn while the person is inside the list.
   */
  function showCard(code) {
    const panel = $('rating-evidence');
    const content = $('evidence-content');
    if (step !== code || !panel || !content || evidenceSignature(code) === evidenceShown || content.contains(document.activeElement)) return;
    const c = characteristic(code);
    content.replaceWith(evidenceContent(c));
    panel.dataset.count = String(evidenceCount(code));
    panel.querySelector('summary').textContent = `Evidence (${evidenceCount(code)})`;
    evidenceShown = evidenceSignature(code);
  }

  function evidencePanel(c, open, message) {
    const count = evidenceCount(c.code);
    evidenceShown = evidenceSignature(c.code);
    const panel = el('details', { id: 'rating-evidence', class: 'rating-evidence', open, 'data-count': String(count) },
      el('summary', { text: `Evidence (${count})` }), evidenceContent(c),
      el('p', { id: 'evidence-status', class: 'view-status', role: 'status', 'aria-live': 'polite', text: message || '' }));
    if (state.assessment.acceptsRatings) panel.append(linkForm(c), documentForm(c));
    return panel;
  }

  /** The city's indicator values with their trend in words, then the items (or why they are not there yet). */
  function evidenceContent(c) {
    const card = cards[c.code];
    const items = evidenceOf(c.code);
    const facts = factsOf(c.code);
    const content = el('div', { id: 'evidence-content' });
    if (facts.length) {
      content.append(el('ul', { class: 'evidence-facts', 'aria-label': 'The city’s indicator values' },
        ...facts.map((f) => el('li', { 'data-indicator': f.code }, el('span', { class: 'evidence-kind', text: f.code }), ` ${f.name}: `,
          el('strong', { text: `${f.value}${f.unit ? ` ${f.unit}` : ''}` }), ` (${f.year})`,
          f.trend ? el('span', { class: `evidence-trend trend-${f.trend}`, text: ` · ${f.trendText}` }) : null))));
    }
    if (card && card.moreIndicatorValues > 0) {
      const more = card.moreIndicatorValues;
      content.append(el('button', { type: 'button', class: 'link-button', id: 'evidence-all-values', text: `Show ${more} more indicator values`,
        onclick: () => { allValues[c.code] = true; evidenceRequest(c, null, null, `All ${facts.length + more} indicator values shown.`); } }));
    }
    if (!card && !cardProblems[c.code]) content.append(el('p', { class: 'evidence-none', text: 'Loading the evidence…' }));
    else if (card && items.length === 0) content.append(el('p', { class: 'evidence-none', text: 'No evidence on this characteristic yet.' }));
    else if (items.length) content.append(el('ul', { class: 'evidence-items' }, ...items.map((item) => evidenceItem(c, item, state.assessment.acceptsRatings))));
    if (cardProblems[c.code]) content.append(el('p', { class: 'notice warning', text: cardProblems[c.code] }));
    return content;
  }

  function evidenceItem(c, item, canRemove) {
    const kinds = { document: 'Document', link: 'Link', indicator: 'Indicator' };
    const target = item.kind === 'link' ? el('a', { href: item.url, rel: 'noopener noreferrer nofollow', target: '_blank', text: item.title })
      : item.kind === 'document' ? el('a', { href: `${base}/evidence/${item.id}/file`, download: '', text: item.title })
      : el('span', { text: item.title });
    const li = el('li', { 'data-evidence': item.id }, el('span', { class: 'evidence-kind', text: kinds[item.kind] || item.kind }), ' ', target,
      el('span', { class: 'evidence-by', text: ` · ${item.kind === 'document' && item.sizeBytes ? `${sizeText(item.sizeBytes)} · ` : ''}added by ${item.addedBy}${item.onConsensus ? ' · on the consensus' : ''}` }));
    if (item.mine && canRemove) {
      li.append(' ', el('button', { type: 'button', class: 'link-button', text: 'Remove', 'aria-label': `Remove ${item.title}`,
        onclick: () => evidenceRequest(c, `${base}/evidence/${item.id}`, { method: 'DELETE' }, `Removed “${item.title}”.`) }));
    }
    return li;
  }

  function sizeText(bytes) {
    return bytes >= 1048576 ? `${(bytes / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} kB`;
  }

  function linkForm(c) {
    const input = el('input', { type: 'url', id: 'evidence-link', name: 'url', inputMode: 'url', placeholder: 'https://', autocomplete: 'off' });
    const form = el('form', { class: 'evidence-form', 'aria-label': 'Attach a link' },
      el('label', { for: 'evidence-link', text: 'Attach a link to your answer' }),
      el('div', { class: 'evidence-row' }, input, el('button', { type: 'submit', class: 'secondary', text: 'Add link' })));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (!input.value.trim()) { setEvidenceStatus('Type a web address first.'); return; }
      evidenceRequest(c, `${base}/evidence/link`, {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code: c.code, url: input.value.trim() }),
      }, 'Link added.');
    });
    return form;
  }

  function documentForm(c) {
    const input = el('input', { type: 'file', id: 'evidence-file', name: 'document',
      accept: '.pdf,.png,.jpg,.jpeg,.webp,.gif,.docx,.xlsx,.pptx,.odt,.ods,.doc,.xls' });
    const form = el('form', { class: 'evidence-form', 'aria-label': 'Attach a document' },
      el('label', { for: 'evidence-file', text: `Attach a document (PDF, image or office file, at most ${sizeText(state.maxFileBytes)})` }),
      el('div', { class: 'evidence-row' }, input, el('button', { type: 'submit', class: 'secondary', text: 'Upload' })));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const file = input.files && input.files[0];
      if (!file) { setEvidenceStatus('Choose a file first.'); return; }
      if (file.size > state.maxFileBytes) { setEvidenceStatus(`Not added: the file is larger than ${sizeText(state.maxFileBytes)}.`); return; }
      setEvidenceStatus(`Uploading “${file.name}”…`);
      const address = `${base}/evidence/document?code=${encodeURIComponent(c.code)}&name=${encodeURIComponent(file.name)}`;
      evidenceRequest(c, address, { method: 'POST', headers: { 'Content-Type': 'application/octet-stream' }, body: file }, `Added “${file.name}”.`);
    });
    return form;
  }

  function setEvidenceStatus(text) {
    const status = $('evidence-status');
    if (status) status.textContent = text;
  }

  /** A change to the card's evidence (or, without an address, only a fresh read of it), then the card redrawn with a message. */
  async function evidenceRequest(c, address, init, done) {
    let message;
    try {
      const response = address ? await fetch(address, { ...init, credentials: 'same-origin', cache: 'no-store' }) : { ok: true };
      if (address && signedOut(response)) return;
      if (response.ok) {
        await loadCard(c.code, true);
        message = address || !cardProblems[c.code] ? done : 'Not done: this needs a connection to the server. Try again when you are back online.';
      } else {
        const problem = await response.json().catch(() => null);
        message = `Not done: ${(problem && (problem.detail || problem.title)) || `the server answered ${response.status}.`}`;
      }
    } catch {
      message = 'Not done: this needs a connection to the server. Try again when you are back online.';
    }
    if (step === c.code) $('rating-evidence')?.replaceWith(evidencePanel(c, true, message));
  }

  const regresses = (values) => /^[1-5]$/.test(values.now) && /^[1-5]$/.test(values.inTwoYears) && Number(values.inTwoYears) < Number(values.now);

  /** The five levels with this characteristic's criteria, each one tap away; printed once for both questions. */
  function levelsList(c) {
    return el('div', { class: 'rating-levels', role: 'group', 'aria-label': 'What the levels mean here' },
      ...state.levels.map((level, i) => el('details', { class: 'rating-level' },
        el('summary', {}, el('span', { class: 'level-badge', text: String(level.number) }), ` ${level.name}`),
        el('p', { text: c.criteria[i] }))));
  }

  function viewGroup(c, view, values, disabled) {
    const fieldset = el('fieldset', { class: 'rating-view-group', 'data-view': view.key, disabled });
    const status = el('span', { class: 'view-state', id: `${view.id}-state`, 'data-save-state': '' });
    fieldset.append(el('legend', {}, el('span', { class: 'view-legend', text: view.legend }), ' ', el('span', { class: 'view-question', text: view.question })));
    const choices = el('div', { class: 'rating-choices' });
    const options = [...state.levels.map((l) => ({ value: String(l.number), id: `${view.id}-${l.number}`, label: `${l.number} ${l.name}` })),
      { value: 'DK', id: `${view.id}-dk`, label: 'Don’t know' }];
    for (const option of options) {
      const input = el('input', { type: 'radio', name: view.id, id: option.id, value: option.value, checked: values[view.key] === option.value });
      choices.append(el('div', { class: option.value === 'DK' ? 'rating-choice dont-know' : 'rating-choice' }, input, el('label', { for: option.id, text: option.label })));
    }
    fieldset.append(choices, el('p', { class: 'view-status', role: 'status', 'aria-live': 'polite' }, status));

    // Arrow keys change the checked radio at each step: wait for a pause or for focus to leave the group.
    let byKeyboard = false;
    fieldset.addEventListener('keydown', (event) => { byKeyboard = event.key.startsWith('Arrow'); });
    fieldset.addEventListener('pointerdown', () => { byKeyboard = false; });
    fieldset.addEventListener('change', (event) => {
      change(c.code, { [view.key]: event.target.value }, byKeyboard ? keyboardPauseMs : 0);
      byKeyboard = false;
      updateRegress(c.code);
      renderProgress();
    });
    fieldset.addEventListener('focusout', (event) => { if (!fieldset.contains(event.relatedTarget)) release(c.code); });
    return fieldset;
  }

  function updateRegress(code) {
    const box = $('rating-regress');
    if (box) box.hidden = !regresses(shown(code));
  }

  function extras(c, values, disabled) {
    const comment = el('textarea', { id: 'comment', rows: 3, maxLength: 4000, disabled, value: values.comment || '' });
    const links = el('textarea', { id: 'evidence', rows: 2, disabled, value: (values.links || []).join('\n') });
    // Every keystroke is kept on the device at once; the server gets the text after a pause or when the field is left.
    comment.addEventListener('input', () => change(c.code, { comment: comment.value }, commentPauseMs));
    comment.addEventListener('blur', () => release(c.code));
    links.addEventListener('input', () => change(c.code, { links: links.value.split('\n').map((l) => l.trim()).filter((l) => l) }, commentPauseMs));
    links.addEventListener('blur', () => release(c.code));
    const hasExtras = Boolean(values.comment) || (values.links || []).length > 0;
    return el('details', { class: 'rating-extras', open: hasExtras },
      el('summary', { text: 'Comment and evidence (optional)' }),
      el('label', { for: 'comment', text: 'Comment' }), comment,
      el('p', { class: 'view-status', role: 'status', 'aria-live': 'polite' }, el('span', { class: 'view-state', id: 'comment-state', 'data-save-state': '' })),
      el('label', { for: 'evidence', text: 'Evidence links (one web address per line)' }), links);
  }

  function problemNotice(code) {
    const problem = problems[code];
    const box = el('div', { id: 'rating-problem', class: 'notice error', role: 'alert', hidden: !problem });
    if (!problem) return box;
    const mine = problem.mine || empty();
    const describe = (v) => (v === 'DK' ? 'don’t know' : v || '–');
    box.append(
      el('p', { text: problem.kind === 'conflict'
        ? `Not saved: ${problem.message} The stored answer is shown now; choose again if you want to change it.`
        : `Not saved: ${problem.message}` }),
      el('p', { text: `What you had chosen here: now ${describe(mine.now)}, in two years ${describe(mine.inTwoYears)}.${mine.comment ? ` Your comment: “${mine.comment}”` : ''}` }),
      el('button', { type: 'button', class: 'secondary', text: 'Dismiss', onclick: () => { delete problems[code]; persist(); update(); renderStatus(); } }));
    return box;
  }

  /** The save state beside each group and the comment, and the sticky summary; re-drawn whenever it changes. */
  function renderStatus() {
    if (!state) return;
    const code = codes().includes(step) ? step : null;
    if (code) {
      const entry = entryFor(code);
      const server = stored[code];
      const problem = problems[code];
      for (const view of views) {
        setState($(`${view.id}-state`), fieldState(entry, server, problem, (v) => v[view.key], (s) => s[view.key]));
      }
      setState($('comment-state'), fieldState(entry, server, problem, (v) => v.comment || '', (s) => s.comment || '', true));
      const values = shown(code);
      for (const view of views) {
        const checked = document.querySelector(`input[name='${view.id}']:checked`);
        const want = values[view.key];
        if ((checked ? checked.value : '') !== want) {
          for (const input of document.querySelectorAll(`input[name='${view.id}']`)) input.checked = input.value === want;
        }
      }
    }
    const waiting = outbox.length;
    const summary = waiting === 0
      ? (Object.keys(problems).length ? 'Some answers were not saved — see the message.' : (Object.keys(stored).length ? 'All answers saved' : ''))
      : online && !linkDead ? `Saving ${waiting === 1 ? '1 answer' : `${waiting} answers`}…`
        : `${waiting === 1 ? '1 answer' : `${waiting} answers`} not saved yet — kept on this device, will retry`;
    els.summary.textContent = summary;
    els.summary.dataset.pending = String(waiting);
    root.dataset.pending = String(waiting);
  }

  function fieldState(entry, server, problem, pick, pickStored, isText) {
    const storedValue = server ? pickStored(server) : '';
    if (entry && pick(entry.values) !== storedValue) {
      return online && !linkDead ? ['saving', 'Saving…'] : ['pending', 'Not saved yet — will retry'];
    }
    if (problem && pick(problem.mine || empty()) !== storedValue) return problem.kind === 'conflict' ? ['conflict', 'Not saved — changed elsewhere'] : ['rejected', 'Not saved'];
    if (storedValue !== '' && storedValue !== undefined) return ['saved', isText ? 'Comment saved ✓' : 'Saved ✓'];
    return ['', ''];
  }

  function setState(node, [key, text]) {
    if (!node) return;
    if (node.dataset.saveState !== key) node.dataset.saveState = key;
    if (node.textContent !== text) node.textContent = text;
  }

  function reviewView() {
    const open = state.scope.filter((c) => answeredViews(c.code) < 2);
    const unsaved = outbox.map((e) => e.code);
    const parts = [heading('Check your answers')];
    if (open.length === 0) {
      parts.push(el('p', { class: 'notice success', text: 'Every characteristic has both answers.' }));
    } else {
      parts.push(el('p', { text: `${open.length} of ${state.scope.length} characteristics still miss an answer. “Don’t know” counts as an answer.` }));
      parts.push(el('ul', { class: 'rating-review-list', 'aria-label': 'Characteristics with a missing answer' },
        ...open.map((c) => {
          const values = shown(c.code);
          const missing = views.filter((v) => !isAnswered(values[v.key])).map((v) => v.legend.toLowerCase()).join(' and ');
          return el('li', {}, stepLink(c.code, `${c.code} ${c.title}`), el('span', { class: 'muted', text: ` — missing: ${missing}` }));
        })));
    }
    if (unsaved.length) {
      parts.push(el('p', { class: 'notice warning', role: 'status', text: `${unsaved.length} answers are not saved yet (${unsaved.join(', ')}). Keep this page open until they are; they are kept on this device.` }));
    }
    parts.push(el('details', { class: 'rating-all' }, el('summary', { text: 'All characteristics' }),
      el('ul', {}, ...state.scope.map((c) => el('li', {}, stepLink(c.code, `${c.code} ${c.title}`), el('span', { class: 'muted', text: ` — ${answeredViews(c.code)} of 2 answers` }))))));
    return parts;
  }

  function stepLink(target, text) {
    return el('a', { href: addressOf(target), 'data-step': target, text });
  }

  function finishView(a) {
    const waiting = outbox.length;
    const open = state.scope.filter((c) => answeredViews(c.code) < 2).length;
    return [
      heading('Thank you'),
      waiting
        ? el('p', { class: 'notice warning', role: 'status', text: `${waiting} answers are still waiting to be sent. Keep this page open until the bar below says “All answers saved”.` })
        : el('p', { class: 'notice success', text: 'Your answers are saved.' }),
      open ? el('p', { text: `${open} characteristics still miss an answer; you can add them until the assessment closes.` }) : null,
      el('h2', { text: 'What happens next' }),
      el('p', { text: `The facilitators of “${a.name}” bring together the answers of every stakeholder group, talk through the largest differences, and publish ${a.community}'s baseline results and report.` }),
      el('p', { text: a.deadline ? `You can change your answers with the same link until the assessment closes (planned for ${formatDate(a.deadline)}).` : 'You can change your answers with the same link until the assessment closes.' }),
    ];
  }

  // ---- events --------------------------------------------------------------------------------------------------
  root.addEventListener('click', (event) => {
    const link = event.target.closest('a[data-step]');
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0 || !state) return;
    event.preventDefault();
    go(link.dataset.step);
  });

  window.addEventListener('popstate', (event) => {
    if (!state) return;
    step = event.state && isStep(event.state.step) ? event.state.step : firstOpenStep();
    render(true);
  });

  window.addEventListener('online', () => { needsRefresh = true; refresh(); });
  window.addEventListener('offline', () => { setOnline(false); renderStatus(); });
  document.addEventListener('visibilitychange', () => { if (!document.hidden) refresh(); });
  // A page closed during a pause still has the change on the device; this sends it if the browser allows.
  window.addEventListener('pagehide', flushHolds);
  // While something waits, keep trying even if no event says the network is back.
  setInterval(() => {
    if (outbox.length && !sending) { if (needsRefresh) refresh(); else send(); }
    if (state && cardProblems[step]) loadCard(step);
  }, 5000);

  load();
  refresh();
})();
