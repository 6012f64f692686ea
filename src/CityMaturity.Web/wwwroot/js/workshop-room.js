// The participant's phone in a live workshop (/w/{code}). Plain script, no framework: it must survive locked screens,
// app switches, reloads and flaky networks.
// - The server pushes "state" events (server-sent events) whenever the room changes; the page then re-queries
//   /state. EventSource reconnects by itself; every (re)connection starts with a "state" event.
// - A vote is kept in localStorage until the server acknowledges it, and re-sent after a reload or a lost network,
//   so an answer given is never silently dropped. The server keeps one vote per person and round.
// - Vote values of others arrive only in a revealed round's results; nothing here can show them earlier.
(() => {
  'use strict';
  const root = document.getElementById('room');
  if (!root) return;

  const code = root.dataset.code;
  const base = `w/${code}`;
  const pendingKey = `citymaturity.vote.${code}`;
  const $ = (id) => document.getElementById(id);
  const els = {
    connection: $('room-connection'), position: $('room-position'), title: $('room-title'), criteria: $('room-criteria'),
    phase: $('room-phase'), vote: $('room-vote'), ack: $('room-ack'), results: $('room-results'), resultsBody: $('room-results-body'),
    decision: $('room-decision'),
  };

  let state = null;
  let clockSkewMs = 0;
  let fetching = false;
  let fetchAgain = false;
  // One retry timer per action, so a failed vote's retry never cancels the state's (or the other way round).
  const retryTimers = new Map();
  let sending = false;
  let finished = false;
  let pending = readPending();

  function readPending() {
    try { return JSON.parse(localStorage.getItem(pendingKey)) || null; } catch { return null; }
  }

  function writePending(value) {
    pending = value;
    try {
      if (value) localStorage.setItem(pendingKey, JSON.stringify(value)); else localStorage.removeItem(pendingKey);
    } catch { /* private mode: the vote still lives in memory */ }
  }

  function setConnection(ok, text) {
    els.connection.textContent = text || (ok ? '' : 'Connection lost — reconnecting…');
    els.connection.classList.toggle('offline', !ok);
  }

  async function refresh() {
    if (fetching) { fetchAgain = true; return; }
    fetching = true;
    try {
      do {
        fetchAgain = false;
        const response = await fetch(`${base}/state`, { cache: 'no-store', credentials: 'same-origin' });
        if (response.status === 401) { leave((await response.json()).message); return; }
        if (!response.ok) throw new RetryLater(response);
        state = await response.json();
        clockSkewMs = Date.parse(state.serverTime) - Date.now();
        render();
      } while (fetchAgain);
      setConnection(true);
      sendPending();
    } catch (error) {
      setConnection(false, error instanceof RetryLater ? error.message : '');
      scheduleRetry(refresh, error.delayMs);
    } finally {
      fetching = false;
    }
  }

  // A 5xx (the server restarting, its database briefly away: 503 with Retry-After) is tried again by itself.
  function RetryLater(response) {
    const seconds = Number(response.headers.get('Retry-After'));
    this.delayMs = seconds > 0 ? Math.min(seconds, 30) * 1000 : 0;
    this.message = response.status === 503 ? 'The server is busy for a moment — trying again…' : '';
  }

  function scheduleRetry(action, delayMs) {
    clearTimeout(retryTimers.get(action));
    // Spread out, so a room full of phones does not come back in the same instant.
    retryTimers.set(action, setTimeout(action, (delayMs || 2000) + Math.random() * 2000));
  }

  // The room is over for this phone (taken out, or the workshop ended): no more events or re-queries.
  function finish() {
    finished = true;
    events.close();
  }

  function leave(message) {
    writePending(null);
    finish();
    els.vote.hidden = true;
    els.results.hidden = true;
    els.phase.textContent = message;
    setConnection(true, '');
  }

  function render() {
    const c = state.characteristic;
    els.position.textContent = `Characteristic ${c.position} of ${c.of} · ${c.code}`;
    els.title.textContent = c.title;
    els.criteria.replaceChildren(...c.criteria.map((criterion) => {
      const item = document.createElement('li');
      const name = document.createElement('strong');
      name.textContent = `${criterion.level} · ${criterion.name}: `;
      item.append(name, document.createTextNode(criterion.text));
      return item;
    }));

    const round = state.round;
    const open = state.status === 'running' && round && round.status === 'open';
    els.phase.textContent = phaseText(round);
    els.vote.hidden = !open;
    if (!open && pending && (!round || pending.roundId !== round.id || round.status !== 'open')) {
      // The round closed before this phone could deliver; say so rather than pretend.
      els.ack.textContent = 'Voting closed before your last change reached the server.';
      writePending(null);
    }
    renderButtons();
    renderResults();
    renderDecision();
    if (state.status === 'ended') finish();
  }

  function phaseText(round) {
    if (state.status === 'ended') return 'The workshop has ended. Thank you!';
    if (state.status === 'paused') return 'Paused — the facilitator will resume shortly.';
    if (!round) return 'Waiting for the facilitator to open the vote…';
    if (round.status === 'open') return round.number > 1 ? `Re-vote (round ${round.number}) — change your vote until it closes.` : 'Vote now — you can change your vote until it closes.';
    if (round.status === 'closed') return 'Voting has closed. Waiting for the reveal…';
    return `Round ${round.number} revealed.`;
  }

  function currentVote() {
    if (pending && state.round && pending.roundId === state.round.id) return pending;
    return state.yourVote || { now: '', inTwoYears: '' };
  }

  function renderButtons() {
    const vote = currentVote();
    for (const button of els.vote.querySelectorAll('.vote-button')) {
      button.setAttribute('aria-pressed', String(vote[button.dataset.view] === button.dataset.answer));
    }
    if (pending && state.round && pending.roundId === state.round.id) {
      els.ack.textContent = 'Sending your vote…';
    } else if (state.yourVote && state.round && state.round.status === 'open') {
      els.ack.textContent = `Vote received ✓ ${describe(state.yourVote)}`;
    } else if (state.round && state.round.status === 'open') {
      els.ack.textContent = 'You have not voted in this round yet.';
      updateCountdown();
    }
  }

  function describe(vote) {
    const part = (answer) => (answer === 'DK' ? "don't know" : answer === '' ? '–' : answer);
    return `(now ${part(vote.now)}, in 2 years ${part(vote.inTwoYears)})`;
  }

  function renderResults() {
    const results = state.results;
    els.results.hidden = !results;
    if (!results) { els.resultsBody.replaceChildren(); return; }
    els.resultsBody.replaceChildren(
      resultView('Level now', results.now, results.voters),
      resultView('Level in 2 years', results.inTwoYears, results.voters));
  }

  function resultView(title, view, voters) {
    const section = document.createElement('div');
    section.className = 'result-view';
    const heading = document.createElement('h3');
    heading.textContent = title;
    const table = document.createElement('table');
    table.className = 'data-table result-bars';
    const caption = document.createElement('caption');
    caption.textContent = `${title}: answers of ${voters} people`;
    table.append(caption);
    const max = Math.max(1, ...view.distribution, view.dontKnow);
    // The level names come with the state (the catalogue's), as the criteria list above shows them.
    const rows = view.distribution.map((count, index) => [`${index + 1} · ${state.characteristic.criteria[index].name}`, count]);
    rows.push(["Don't know", view.dontKnow, 'dk']);
    for (const [label, count, kind] of rows) {
      const row = table.insertRow();
      const head = document.createElement('th');
      head.scope = 'row';
      head.textContent = label;
      const cell = row.insertCell();
      const bar = document.createElement('span');
      bar.className = kind ? `bar ${kind}` : 'bar';
      bar.style.width = `${(count / max) * 85}%`; // the longest bar leaves room for its count on the same line
      cell.append(bar, document.createTextNode(` ${count}`));
      row.prepend(head);
    }
    const figures = document.createElement('p');
    const figure = (value) => (value === null || value === undefined ? '–' : String(value));
    figures.textContent = `Median ${figure(view.median)} · IQR ${figure(view.iqr)} · agreement ${figure(view.agreement)}% · ${view.consensus}`;
    section.append(heading, table, figures);
    return section;
  }

  function renderDecision() {
    const decision = state.decision;
    els.decision.hidden = !decision;
    if (!decision) return;
    els.decision.textContent = decision.noConsensus
      ? 'The facilitator noted: no consensus on this characteristic.'
      : `Consensus recorded: level now ${decision.levelNow ?? '–'}, in 2 years ${decision.levelInTwoYears ?? '–'}.`;
  }

  function updateCountdown() {
    const round = state && state.round;
    if (!round || round.status !== 'open' || !round.closesAt || state.status !== 'running') return;
    const left = Math.max(0, Math.round((Date.parse(round.closesAt) - (Date.now() + clockSkewMs)) / 1000));
    els.phase.textContent = `${phaseText(round)} ${left} s left.`;
  }

  function choose(view, answer) {
    if (!state || !state.round || state.round.status !== 'open') return;
    const current = currentVote();
    const next = { roundId: state.round.id, now: current.now, inTwoYears: current.inTwoYears };
    next[view] = next[view] === answer ? '' : answer;
    writePending(next);
    renderButtons();
    sendPending();
  }

  async function sendPending() {
    if (sending || !pending) return;
    sending = true;
    const sent = pending;
    try {
      const response = await fetch(`${base}/vote`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(sent),
      });
      if (response.status === 401) { leave((await response.json()).message); return; }
      if (response.status === 409 || response.status === 400) {
        const body = await response.json();
        if (pending === sent) writePending(null);
        els.ack.textContent = body.message;
        refresh();
        return;
      }
      if (!response.ok) throw new RetryLater(response);
      const acknowledged = await response.json();
      if (state && state.round && state.round.id === sent.roundId) state.yourVote = acknowledged;
      if (pending === sent) writePending(null);
      setConnection(true);
      renderButtons();
    } catch (error) {
      setConnection(false, error instanceof RetryLater ? error.message : '');
      scheduleRetry(sendPending, error.delayMs);
    } finally {
      sending = false;
      if (pending && pending !== sent) sendPending();
    }
  }

  els.vote.addEventListener('click', (event) => {
    const button = event.target.closest('.vote-button');
    if (button) choose(button.dataset.view, button.dataset.answer);
  });

  let events = null;
  function listen() {
    events = new EventSource(`${base}/events`);
    events.addEventListener('state', refresh);
    events.addEventListener('open', () => setConnection(true));
    events.addEventListener('error', () => {
      setConnection(false);
      // EventSource gives up for good after an error answer (a 503 while the database restarts): listen again ourselves.
      if (events.readyState === EventSource.CLOSED && !finished) scheduleRetry(listen, 3000);
    });
  }
  listen();
  document.addEventListener('visibilitychange', () => { if (!document.hidden && !finished) refresh(); });
  window.addEventListener('online', () => { if (!finished) refresh(); });
  setInterval(updateCountdown, 1000);
  // A safety net where server-sent events cannot get through (some proxies buffer them).
  setInterval(() => { if (!finished && events.readyState !== EventSource.OPEN) refresh(); }, 20000);
  refresh();
})();
