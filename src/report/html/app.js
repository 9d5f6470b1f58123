/*
 * jamf-contract HTML report: draws the page from the JSON in #jc-data (layout in data.ts).
 * Plain DOM code, no framework, no network. Only the requests in view are drawn (PAGE at a
 * time), and details are drawn when a row is opened, so a 20,000-request report loads fast.
 */
(function () {
  'use strict';
  const PAGE = 200;
  const OUTCOMES = ['passed', 'failed', 'errored', 'skipped'];
  const MARKS = { passed: '✓', failed: '✗', errored: '!', skipped: '–' };
  const SEVERITIES = ['violation', 'warning', 'info'];

  const data = JSON.parse(document.getElementById('jc-data').textContent);
  const S = data.strings;
  const meta = data.meta;
  const rows = data.rows;
  const str = (i) => (i === undefined || i < 0 ? undefined : S[i]);

  /** `h('td', { class: 'x' }, 'text', child)`: an element with attributes and children. */
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'onclick' || k === 'oninput' || k === 'onchange') el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children.flat(Infinity)) if (c !== undefined && c !== null && c !== false) el.append(c instanceof Node ? c : String(c));
    return el;
  }

  function duration(ms) {
    if (ms < 1000) return `${Math.round(ms)} ms`;
    if (ms < 60000) return `${(ms / 1000).toFixed(1)} s`;
    return `${Math.floor(ms / 60000)} min ${Math.round((ms % 60000) / 1000)} s`;
  }

  const name = (r) => [S[r[1]], S[r[2]]].filter(Boolean).join(' / ');
  const outcomeOf = (r) => OUTCOMES[r[6]];
  const many = meta.run.iterations > 1;

  // ---- header, verdict, counts ----
  function header() {
    const v = meta.verdict;
    const run = meta.run;
    const facts = [
      ['Server', run.server + (run.jamfVersion ? ` (Jamf Pro ${run.jamfVersion})` : '')],
      ['Collections', run.collections.join(', ')],
      ['Started', new Date(run.startedAt).toLocaleString()],
      ['Duration', duration(run.durationMs)],
      ['Auth', run.authScheme || '—'],
      ['Iterations', String(run.iterations)],
      ['Token calls', String(run.tokenRequests)],
      ...Object.entries(meta.flags),
    ];
    return h('header', {},
      h('h1', {}, 'jamf-contract ', h('span', { class: `verdict ${v.passed ? 'ok' : 'bad'}`, id: 'verdict' }, v.passed ? 'passed' : 'failed')),
      h('p', { class: 'reason' }, v.reason),
      h('dl', { class: 'facts' }, facts.map(([k, val]) => [h('dt', {}, k), h('dd', {}, val)])),
      meta.stopped ? h('div', { class: 'banner', id: 'stopped' }, stopText(meta.stopped)) : null,
    );
  }

  function stopText(stop) {
    const title = stop.kind === 'interrupted' ? `Run interrupted${stop.signal ? ` (${stop.signal})` : ''}` : `Run stopped: ${stop.code}`;
    return `${title}: ${stop.message} This report holds the requests that completed before it.`;
  }

  function countCards() {
    const c = meta.counts;
    const retried = rows.filter((r) => r[9] > 0).length;
    const cards = [
      ['Requests', c.requests, ''],
      ['Sent', c.sent, ''],
      ['Skipped', c.skipped, c.skipped ? 'warn' : ''],
      ['Errors', c.errored, c.errored ? 'bad' : ''],
      ['Tests ok', c.testsPassed, c.testsPassed ? 'ok' : ''],
      ['Tests failed', c.testsFailed, c.testsFailed ? 'bad' : ''],
      ['Script errors', c.scriptErrors, c.scriptErrors ? 'bad' : ''],
      ['Violations', c.violations, c.violations ? 'bad' : ''],
      ['Warnings', c.warnings, c.warnings ? 'warn' : ''],
      ['Held back', c.heldBack, ''],
      ['Retried', retried, retried ? 'warn' : ''],
    ];
    return h('section', { class: 'cards', id: 'counts' }, cards.map(([label, n, tone]) => h('div', { class: `card ${tone}` }, h('b', {}, String(n)), h('span', {}, label))));
  }

  // ---- requests: filters, search, list ----
  const state = { outcomes: new Set(['failed', 'errored', 'skipped', 'passed']), query: '', onlyFindings: false, onlyRetried: false, runOrder: false, shown: PAGE };
  // Built on the first search, so opening the page does not pay for it.
  let haystack;
  const hay = (i) => {
    haystack = haystack || rows.map((r) => [S[r[0]], S[r[1]], S[r[2]], S[r[3]], S[r[4]], r[7] || '', r[11] && r[11].o !== undefined ? S[r[11].o] : ''].join(' ').toLowerCase());
    return haystack[i];
  };
  const failuresFirst = rows.map((_, i) => i).sort((a, b) => rank(rows[a]) - rank(rows[b]) || a - b);
  function rank(r) {
    return r[6] === 2 ? 0 : r[6] === 1 ? 1 : 2;
  }

  function matching() {
    const order = state.runOrder ? rows.map((_, i) => i) : failuresFirst;
    const q = state.query.trim().toLowerCase();
    return order.filter((i) => {
      const r = rows[i];
      if (!state.outcomes.has(outcomeOf(r))) return false;
      if (state.onlyFindings && r[10] === 0) return false;
      if (state.onlyRetried && r[9] === 0) return false;
      return !q || hay(i).includes(q);
    });
  }

  function controls() {
    const tally = {};
    for (const r of rows) tally[outcomeOf(r)] = (tally[outcomeOf(r)] || 0) + 1;
    const box = (value, label, checked, onchange) => h('label', { class: 'chip' }, h('input', { type: 'checkbox', name: 'outcome', value, checked, onchange }), ` ${label}`);
    let timer;
    return h('div', { class: 'controls' },
      ['failed', 'errored', 'skipped', 'passed'].map((o) =>
        box(o, `${MARKS[o]} ${o} (${tally[o] || 0})`, state.outcomes.has(o), (e) => {
          if (e.target.checked) state.outcomes.add(o);
          else state.outcomes.delete(o);
          redraw();
        })),
      h('label', { class: 'chip' }, h('input', { type: 'checkbox', id: 'only-findings', onchange: (e) => { state.onlyFindings = e.target.checked; redraw(); } }), ' with findings'),
      h('label', { class: 'chip' }, h('input', { type: 'checkbox', id: 'only-retried', onchange: (e) => { state.onlyRetried = e.target.checked; redraw(); } }), ' retried'),
      h('label', { class: 'chip' }, h('input', { type: 'checkbox', id: 'run-order', onchange: (e) => { state.runOrder = e.target.checked; redraw(); } }), ' run order'),
      h('input', {
        type: 'search', id: 'search', placeholder: 'Search name, URL, operation, status…', 'aria-label': 'Search requests',
        oninput: (e) => {
          clearTimeout(timer);
          timer = setTimeout(() => { state.query = e.target.value; redraw(); }, 120);
        },
      }),
    );
  }

  const list = h('tbody', {});
  const shownLine = h('p', { id: 'shown', class: 'muted' });
  const more = h('button', { type: 'button', id: 'more', onclick: () => { state.shown += PAGE; redraw(true); } }, `Show ${PAGE} more`);

  function redraw(keep) {
    if (!keep) state.shown = PAGE;
    const hits = matching();
    list.replaceChildren(...hits.slice(0, state.shown).map((i) => rowElement(i)));
    shownLine.textContent = `${Math.min(hits.length, state.shown)} of ${hits.length} matching requests shown (${rows.length} in the run)`;
    more.hidden = hits.length <= state.shown;
  }

  function rowElement(i) {
    const r = rows[i];
    const outcome = outcomeOf(r);
    const tr = h('tr', { class: `req ${outcome}`, 'data-outcome': outcome, tabindex: 0 },
      h('td', { class: 'mark', title: outcome }, MARKS[outcome]),
      h('td', {}, many ? String(r[5]) : ''),
      h('td', { class: 'name' }, h('span', { class: 'method' }, S[r[3]]), ' ', h('span', { class: 'coll' }, S[r[0]], ' / '), name(r)),
      h('td', { class: statusClass(r[7]) }, r[7] ? String(r[7]) : d(r, 'e') ? S[r[11].e[0]] : ''),
      h('td', { class: 'num' }, r[7] ? `${r[8]} ms` : ''),
      h('td', { class: 'num' }, r[9] ? `↻${r[9]}` : ''),
      h('td', { class: 'num' }, r[10] ? String(r[10]) : ''),
    );
    const toggle = () => {
      const next = tr.nextSibling;
      if (next && next.classList && next.classList.contains('detail')) next.remove();
      else tr.after(h('tr', { class: 'detail' }, h('td', { colspan: 7 }, detail(r))));
    };
    tr.addEventListener('click', toggle);
    tr.addEventListener('keydown', (e) => { if (e.key === 'Enter') toggle(); });
    return tr;
  }

  const d = (r, key) => r[11] && r[11][key] !== undefined;
  const statusClass = (s) => (s >= 500 ? 'bad' : s >= 400 ? 'warn' : '');

  function detail(r) {
    const x = r[11] || {};
    const parts = [h('p', { class: 'url' }, h('code', {}, `${S[r[3]]} ${S[r[4]]}`))];
    if (x.o !== undefined) parts.push(h('p', {}, 'Operation ', h('code', {}, S[x.o])));
    if (x.e) parts.push(h('p', { class: 'bad' }, `Error ${S[x.e[0]]}: ${S[x.e[1]]}`, x.e[2] ? (/^(POST|PUT|PATCH|DELETE)$/.test(S[r[3]]) ? ' — the request was sent: this write may have been applied.' : ' — the request was sent.') : ''));
    if (x.n !== undefined) parts.push(h('p', { class: 'warn' }, `Tests not run: ${S[x.n]}`));
    if (x.s) parts.push(h('p', { class: 'warn' }, `Skipped: ${S[x.s[1]]}`));
    if (x.a !== undefined) parts.push(h('p', {}, S[x.a]));
    if (r[9]) parts.push(h('p', { class: 'warn' }, `Retried ${r[9]}× after 429/502/503/504; the result is the last attempt's.`));
    if (x.t) {
      parts.push(h('h4', {}, 'Tests'), h('ul', { class: 'tests' }, x.t.map(([n, st, err]) =>
        h('li', { class: st === 1 ? 'ok' : st === 2 ? 'muted' : 'bad' }, st === 1 ? '✓ ' : st === 2 ? '– ' : '✗ ', S[n], err >= 0 ? h('span', { class: 'err' }, `: ${S[err]}`) : ''))));
    }
    if (x.f) {
      parts.push(h('h4', {}, 'Contract findings'), h('table', { class: 'findings' },
        h('thead', {}, h('tr', {}, ['Level', 'Kind', 'Pointer', 'Expected', 'Actual', 'Message', 'Schema'].map((t) => h('th', {}, t)))),
        h('tbody', {}, x.f.map(([kind, sev, msg, ptr, exp, act, tol, schema]) => h('tr', { class: tol ? 'muted' : sev === 0 ? 'bad' : sev === 1 ? 'warn' : 'muted' },
          h('td', {}, tol ? 'tolerated' : SEVERITIES[sev]), h('td', {}, S[kind]), h('td', {}, h('code', {}, str(ptr) === '' ? '/' : str(ptr) || '')),
          h('td', {}, h('code', {}, str(exp) || '')), h('td', {}, h('code', {}, str(act) || '')), h('td', {}, S[msg]),
          h('td', { class: 'schema' }, h('code', {}, str(schema) || '')))))));
    }
    if (x.h) parts.push(h('h4', {}, 'Held back'), h('ul', {}, x.h.map((i) => h('li', {}, S[i]))));
    if (x.x) parts.push(h('h4', {}, 'Script errors'), h('ul', { class: 'bad' }, x.x.map((i) => h('li', {}, S[i]))));
    return h('div', { class: 'detail-body' }, parts);
  }

  // ---- findings by kind and operation ----
  function findingsSection() {
    const groups = new Map();
    rows.forEach((r, i) => {
      if (!r[11] || !r[11].f) return;
      for (const f of r[11].f) {
        const level = f[6] ? 'tolerated' : SEVERITIES[f[1]];
        if (level === 'info') continue;
        const op = r[11].o !== undefined ? S[r[11].o] : `${S[r[3]]} ${S[r[4]]}`;
        const key = `${level}\u0000${S[f[0]]}\u0000${op}`;
        const g = groups.get(key) || { level, kind: S[f[0]], op, count: 0, first: i, message: S[f[2]] };
        g.count += 1;
        groups.set(key, g);
      }
    });
    if (groups.size === 0) return null;
    const order = { violation: 0, warning: 1, tolerated: 2 };
    const sorted = [...groups.values()].sort((a, b) => order[a.level] - order[b.level] || b.count - a.count);
    return section('findings', `Contract findings (${sorted.reduce((n, g) => n + g.count, 0)})`, h('table', {},
      h('thead', {}, h('tr', {}, ['Level', 'Kind', 'Operation', 'Count', 'First example'].map((t) => h('th', {}, t)))),
      h('tbody', {}, sorted.map((g) => h('tr', { class: g.level === 'violation' ? 'bad' : g.level === 'warning' ? 'warn' : 'muted' },
        h('td', {}, g.level), h('td', {}, g.kind), h('td', {}, h('code', {}, g.op)), h('td', { class: 'num' }, String(g.count)),
        h('td', {}, `${S[rows[g.first][3]]} ${name(rows[g.first])}: ${g.message}`))))));
  }

  function foldersSection() {
    const entries = Object.entries(meta.folders).sort((a, b) => a[0].localeCompare(b[0]));
    if (entries.length === 0) return null;
    const cols = [['requests', 'Requests'], ['sent', 'Sent'], ['skipped', 'Skipped'], ['errored', 'Errors'], ['testsPassed', 'Tests ok'], ['testsFailed', 'Tests failed'], ['violations', 'Violations'], ['warnings', 'Warnings']];
    return section('folders', 'Collections and folders', h('table', {},
      h('thead', {}, h('tr', {}, h('th', {}, 'Folder'), cols.map(([, t]) => h('th', {}, t)))),
      h('tbody', {}, entries.map(([path, c]) => h('tr', {}, h('td', {}, path), cols.map(([k]) => h('td', { class: `num ${c[k] && (k === 'testsFailed' || k === 'violations' || k === 'errored') ? 'bad' : ''}` }, String(c[k] || 0))))))));
  }

  function baselineSection() {
    const b = meta.baseline;
    if (!b) return null;
    const body = b.changes.length === 0
      ? h('p', {}, 'No changes since the baseline.')
      : h('table', {}, h('thead', {}, h('tr', {}, ['Level', 'Kind', 'Change'].map((t) => h('th', {}, t)))),
        h('tbody', {}, b.changes.map((c) => h('tr', { class: c.level === 'breaking' ? 'bad' : c.level === 'warning' ? 'warn' : 'muted' }, h('td', {}, c.level), h('td', {}, c.kind), h('td', {}, c.message)))));
    return section('baseline', `Compared with the baseline ${b.against} (${b.changes.length} changes)`, body);
  }

  function coverageSection() {
    const c = meta.coverage;
    if (!c || !Array.isArray(c.specs)) return null;
    return section('coverage', `Coverage: ${c.summary || ''}`, c.specs.map((spec) => h('div', {},
      h('h3', {}, `${spec.title}: ${spec.exercisedOperations} of ${spec.totalOperations} operations exercised`),
      h('details', {}, h('summary', {}, `Exercised (${spec.exercised.length})`), h('ul', { class: 'ops' }, spec.exercised.map((e) => h('li', {}, h('code', {}, e.operation), ' ', Object.entries(e.statuses).map(([s, n]) => `${s}×${n}`).join(' '))))),
      h('details', {}, h('summary', {}, `Never touched (${spec.untouched.length})`), h('ul', { class: 'ops' }, spec.untouched.map((o) => h('li', {}, h('code', {}, o))))),
      spec.undocumented.length ? h('details', { open: true }, h('summary', {}, `Undocumented requests (${spec.undocumented.length})`), h('ul', { class: 'ops' }, spec.undocumented.map((u) => h('li', {}, h('code', {}, u.request), ` ×${u.count}`)))) : null,
    )));
  }

  function noticesSection() {
    if (meta.notices.length === 0) return null;
    return section('notices', 'Notices', h('ul', {}, meta.notices.map((n) => h('li', { class: n.level === 'warning' ? 'warn' : '' }, `${n.level === 'warning' ? '⚠ ' : 'ℹ '}${n.message}`))));
  }

  function section(id, title, ...body) {
    return h('section', { id }, h('h2', {}, title), body);
  }

  const app = document.getElementById('app');
  const parts = [
    header(),
    countCards(),
    section('requests', 'Requests', controls(), shownLine,
      h('table', { class: 'requests' }, h('thead', {}, h('tr', {}, ['', many ? 'It.' : '', 'Request', 'Status', 'Time', 'Retries', 'Findings'].map((t, i) => h('th', { class: i >= 4 ? 'num' : '' }, t)))), list),
      more),
    findingsSection(),
    foldersSection(),
    baselineSection(),
    coverageSection(),
    noticesSection(),
    h('footer', { class: 'muted' }, `Written by ${meta.tool.name} ${meta.tool.version} at ${new Date(meta.generatedAt).toLocaleString()}. Secrets are redacted.`),
  ];
  app.append(...parts.filter(Boolean));
  redraw();
  document.body.setAttribute('data-ready', 'true');
})();
