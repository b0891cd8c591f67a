// The tcpscope web view: Wireshark's main window for one capture, with the teacher beside it.
// The packet list is virtualized by TanStack Virtual (only the rows in sight exist in the page;
// the server sends windows of rows); graphs are drawn by uPlot.
import { Virtualizer, elementScroll, observeElementOffset, observeElementRect } from '/lib/virtual-core/index.js';

const ROW = 20, PAGE = 200;
const $ = id => document.getElementById(id);
const params = new URLSearchParams(location.search);
const token = params.get('token');
const tab = Math.random().toString(36).slice(2);

const state = {
  view: 0, size: 0, rules: [], rows: new Map(), pending: new Set(),
  selectedIndex: -1, selectedFrame: 0, frame: null, source: 0, lang: params.get('lang') === 'zh' ? 'zh' : 'en',
  expanded: new Set(['tcp', 'tcp.flags']), selectedPath: null, done: false, filter: params.get('filter') || '',
};

async function api(path, args = {}) {
  const q = new URLSearchParams(args);
  if (token) q.set('token', token);
  const r = await fetch(`/api/${path}?${q}`);
  const body = await r.json();
  if (!r.ok) { const e = new Error(body.error || r.statusText); e.body = body; e.status = r.status; throw e; }
  return body;
}

function status(text) { $('status').textContent = text; }

// A long answer (a filter, a report, a graph): the server watches the tab meanwhile and stops
// the work if the tab is closed.
// Each long request is "tab.N": a new one supersedes the tab's pass, and the watch of a
// request stops only that request's pass (a watch closing late must not stop the next one).
let calls = 0;
async function longApi(path, args) {
  const call = `${tab}.${++calls}`;
  const q = new URLSearchParams({ tab: call });
  if (token) q.set('token', token);
  const watch = new EventSource(`/api/watch?${q}`);
  try { return await api(path, { ...args, tab: call }); } finally { watch.close(); }
}

// ---- packet list ---------------------------------------------------------------------------
const list = $('list'), space = $('list-space');
const virtualizer = new Virtualizer({
  count: 0, getScrollElement: () => list, estimateSize: () => ROW, overscan: 20,
  scrollToFn: elementScroll, observeElementRect, observeElementOffset,
  onChange: () => renderRows(),
});
virtualizer._didMount();
virtualizer._willUpdate();

function setCount(n) {
  virtualizer.setOptions({ ...virtualizer.options, count: n });
  virtualizer._willUpdate();
  renderRows();
}

function renderRows() {
  const items = virtualizer.getVirtualItems();
  space.style.height = `${virtualizer.getTotalSize()}px`;
  const frag = document.createDocumentFragment();
  const missing = new Set();
  for (const it of items) {
    const row = state.rows.get(it.index);
    const div = document.createElement('div');
    div.className = 'row';
    div.style.top = `${it.start}px`;
    div.dataset.index = it.index;
    if (row) {
      for (let c = 0; c < 7; c++) {
        const s = document.createElement('span');
        s.className = `c${c}`;
        s.textContent = row[c];
        div.appendChild(s);
      }
      const rule = state.rules[+row[7]];
      if (rule) { div.style.background = rule.bg; div.style.color = rule.fg; }
      div.dataset.frame = row[0];
      if (it.index === state.selectedIndex) div.classList.add('selected');
    } else {
      div.textContent = '…';
      missing.add(Math.floor(it.index / PAGE));
    }
    frag.appendChild(div);
  }
  space.replaceChildren(frag);
  for (const p of missing) loadPage(p);
}

async function loadPage(p) {
  const key = `${state.view}:${p}`;
  if (state.pending.has(key)) return;
  state.pending.add(key);
  const view = state.view;
  try {
    const r = await api('rows', { view, from: p * PAGE, count: PAGE });
    if (view !== state.view) return;
    r.rows.forEach((row, i) => state.rows.set(p * PAGE + i, row));
    if (r.rows.length < Math.min(PAGE, state.size - p * PAGE)) {
      // not indexed yet: ask again shortly (the last status event may already have come, so
      // nothing else would render the rows again and the page's last row stayed '…')
      setTimeout(() => { state.pending.delete(key); renderRows(); }, 300);
    } else {
      state.pending.delete(key);
    }
    renderRows();
  } catch (e) {
    state.pending.delete(key);
    status(e.message);
  }
}

// selection on press, as in Wireshark (and a row re-rendered before the release still counts)
list.addEventListener('mousedown', ev => {
  const div = ev.target.closest('.row');
  if (div && div.dataset.frame) select(+div.dataset.index);
});

list.addEventListener('keydown', ev => {
  if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
    ev.preventDefault();
    const next = Math.max(0, Math.min(state.size - 1, state.selectedIndex + (ev.key === 'ArrowDown' ? 1 : -1)));
    select(next);
  } else if (ev.key === 'Home') { ev.preventDefault(); select(0); }
  else if (ev.key === 'End') { ev.preventDefault(); select(state.size - 1); }
});

document.addEventListener('keydown', ev => {
  if (ev.ctrlKey && (ev.key === 'g' || ev.key === 'G')) {
    ev.preventDefault();
    const n = prompt('Go to packet:');
    if (n) goTo(+n);
  } else if (ev.ctrlKey && ev.key === '/') {
    ev.preventDefault();
    $('filter').focus();
  }
});

async function goTo(number) {
  if (!(number > 0)) return;
  try {
    const r = await api('find', { view: state.view, n: number });
    if (r.index < 0) { status(`packet ${number} is not in the list`); return; }
    select(r.index);
  } catch (e) { status(e.message); }
}

async function select(index) {
  if (index < 0 || index >= state.size) return;
  state.selectedIndex = index;
  virtualizer.scrollToIndex(index, { align: 'auto' });
  let row = state.rows.get(index);
  if (!row) {
    const r = await api('rows', { view: state.view, from: index, count: 1 });
    row = r.rows[0];
    if (!row) return;
    state.rows.set(index, row);
  }
  renderRows();
  list.focus({ preventScroll: true });
  showFrame(+row[0]);
}

// A click on a column title sorts by it; a second click reverses; a third restores capture order.
document.querySelectorAll('#list-head span').forEach((span, col) => {
  span.style.cursor = 'pointer';
  span.title = 'Sort by this column';
  span.addEventListener('click', () => {
    const s = state.sort;
    state.sort = !s || s.col !== col ? { col, desc: false } : !s.desc ? { col, desc: true } : null;
    document.querySelectorAll('#list-head span').forEach((h, i) => {
      h.dataset.sort = state.sort && state.sort.col === i ? (state.sort.desc ? 'desc' : 'asc') : '';
    });
    applyFilter();
  });
});

// ---- details, bytes, teacher ---------------------------------------------------------------
async function showFrame(number) {
  state.selectedFrame = number;
  saveUrl();
  let f;
  try {
    f = await api('frame', { n: number });
  } catch (e) { status(e.message); return; }
  if (state.selectedFrame !== number) return;
  state.frame = f;
  state.source = 0;
  renderTree(f);
  renderSources(f);
  renderHex(f, null);
  markRule();
  // the teacher may take longer (a new stream is explained from its start)
  $('explain').textContent = '…';
  try {
    const t = await api('teacher', { n: number });
    if (state.selectedFrame !== number) return;
    f.teacher = t;
    renderTeacher(f);
  } catch (e) { status(e.message); }
}

function renderTree(f) {
  const root = document.createElement('ul');
  const build = (nodes, parent, path) => {
    nodes.forEach((n, i) => {
      const li = document.createElement('li');
      const p = `${path}/${i}`;
      const item = document.createElement('div');
      item.className = 'item';
      item.textContent = n.l;
      item.dataset.path = p;
      item.node = n;
      li.appendChild(item);
      if (n.c && n.c.length) {
        li.className = state.expanded.has(n.k) ? 'open' : 'closed';
        const ul = document.createElement('ul');
        build(n.c, ul, p);
        li.appendChild(ul);
      }
      parent.appendChild(li);
    });
  };
  build(f.tree, root, '');
  $('tree').replaceChildren(root);
}

$('tree').addEventListener('click', ev => {
  const item = ev.target.closest('.item');
  if (!item) return;
  const li = item.parentElement;
  if (li.classList.contains('open') || li.classList.contains('closed')) {
    const open = li.classList.contains('closed');
    li.classList.toggle('open', open);
    li.classList.toggle('closed', !open);
    if (open) state.expanded.add(item.node.k); else state.expanded.delete(item.node.k);
  }
  selectItem(item);
});

function selectItem(item) {
  document.querySelectorAll('#tree .item.selected').forEach(e => e.classList.remove('selected'));
  item.classList.add('selected');
  const n = item.node;
  if (n.r && (n.s || 0) !== state.source) {
    state.source = n.s || 0;
    renderSources(state.frame);
  }
  renderHex(state.frame, n.r || null);
  const where = n.s ? ` of ${state.frame.sources[n.s].name}` : '';
  status(n.k ? `${n.k}${n.r ? `  (${n.r[1]} byte${n.r[1] === 1 ? '' : 's'} at offset ${n.r[0]}${where})` : ''}` : '');
}

$('tree').addEventListener('contextmenu', ev => {
  const item = ev.target.closest('.item');
  if (!item || !item.node.k) return;
  ev.preventDefault();
  selectItem(item);
  const menu = $('menu');
  menu.style.left = `${ev.clientX}px`;
  menu.style.top = `${ev.clientY}px`;
  menu.hidden = false;
  menu.node = item.node;
});
document.addEventListener('click', ev => { if (!ev.target.closest('#menu')) $('menu').hidden = true; });
$('menu').addEventListener('click', ev => {
  const act = ev.target.dataset.act;
  const n = $('menu').node;
  $('menu').hidden = true;
  if (!act || !n) return;
  $('filter').value = filterFor(n);
  checkFilter();
  if (act === 'apply') applyFilter();
  else $('filter').focus();
});

function filterFor(n) {
  if (n.v === undefined || n.v === '') return n.k;
  const v = n.v;
  const plain = /^(-?[0-9][0-9a-fA-Fx.:]*|[0-9a-fA-F]{2}(:[0-9a-fA-F]{2})+)$/.test(v);
  return `${n.k} == ${plain ? v : JSON.stringify(v)}`;
}

// One tab per data source (Frame, Reassembled TCP, De-chunked entity body ...), as Wireshark's
// byte pane shows them when a frame has more than one.
function renderSources(f) {
  const tabs = $('sources');
  tabs.hidden = f.sources.length < 2;
  tabs.replaceChildren(...f.sources.map((src, i) => {
    const b = document.createElement('button');
    b.textContent = `${src.name} (${src.bytes.length / 2} bytes)`;
    b.className = i === state.source ? 'current' : '';
    b.setAttribute('role', 'tab');
    b.addEventListener('click', () => { state.source = i; renderSources(f); renderHex(f, null); });
    return b;
  }));
}

function renderHex(f, range) {
  const bytes = f.sources[state.source].bytes;
  const n = bytes.length / 2;
  const from = range ? range[0] : -1, to = range ? range[0] + range[1] : -1;
  const out = document.createDocumentFragment();
  for (let off = 0; off < n; off += 16) {
    out.append(off.toString(16).padStart(4, '0') + '  ');
    let ascii = '';
    for (let i = off; i < off + 16; i++) {
      if (i < n) {
        const s = document.createElement('span');
        s.className = 'b' + (i >= from && i < to ? ' hl' : '');
        s.dataset.i = i;
        s.textContent = bytes.substr(i * 2, 2);
        out.append(s, i === off + 7 ? '  ' : ' ');
        const c = parseInt(bytes.substr(i * 2, 2), 16);
        ascii += c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : '.';
      } else {
        out.append(i === off + 7 ? '    ' : '   ');
      }
    }
    out.append(' ' + ascii + '\n');
  }
  $('hex').replaceChildren(out);
  const first = $('hex').querySelector('.hl');
  if (first) first.scrollIntoView({ block: 'nearest' });
}

// A click on a byte selects the deepest tree item that covers it.
$('hex').addEventListener('click', ev => {
  const b = ev.target.closest('.b');
  if (!b || !state.frame) return;
  const i = +b.dataset.i;
  let best = null, bestLen = Infinity;
  document.querySelectorAll('#tree .item').forEach(item => {
    const r = item.node.r;
    if (r && (item.node.s || 0) === state.source && i >= r[0] && i < r[0] + r[1] && r[1] <= bestLen) {
      best = item; bestLen = r[1];
    }
  });
  if (!best) return;
  for (let li = best.parentElement.parentElement.closest('li'); li; li = li.parentElement.closest('li')) {
    li.classList.replace('closed', 'open');
  }
  selectItem(best);
  best.scrollIntoView({ block: 'nearest' });
});

function renderTeacher(f) {
  const t = f.teacher;
  if (!t) return;
  $('teacher-title').textContent = (state.lang === 'zh' ? '第 ' + f.number + ' 个包' : 'Packet ' + f.number)
    + (t.stream !== undefined ? (state.lang === 'zh' ? `（TCP 流 ${t.stream}）` : ` (TCP stream ${t.stream})`) : '');
  const states = $('states');
  states.replaceChildren();
  if (t.states) {
    const line = (who, addr, st) => {
      const d = document.createElement('div');
      d.append(`${who} ${addr}: `);
      const b = document.createElement('b');
      b.textContent = st;
      d.append(b);
      return d;
    };
    states.append(line(state.lang === 'zh' ? '客户端' : 'client', t.states.clientAddress, t.states.client),
      line(state.lang === 'zh' ? '服务器' : 'server', t.states.serverAddress, t.states.server));
  }
  $('explain').replaceChildren(...t[state.lang].map(l => { const p = document.createElement('p'); p.textContent = l; return p; }));
  const fig = $('figure');
  fig.replaceChildren();
  for (const line of t.figure) {
    const parts = line.split(/\u001b\[(?:7|27)m/);
    parts.forEach((part, i) => {
      if (i % 2 === 1) { const m = document.createElement('mark'); m.textContent = part; fig.append(m); }
      else fig.append(part);
    });
    fig.append('\n');
  }
}

$('lang').value = state.lang;
$('lang').addEventListener('change', () => {
  state.lang = $('lang').value;
  saveUrl();
  if (state.frame) renderTeacher(state.frame);
});

// ---- display filter ------------------------------------------------------------------------
let checkTimer = 0;
$('filter').addEventListener('input', () => { clearTimeout(checkTimer); checkTimer = setTimeout(checkFilter, 120); });
$('filter').addEventListener('keydown', ev => { if (ev.key === 'Enter') applyFilter(); });
$('apply').addEventListener('click', () => applyFilter());
$('clear').addEventListener('click', () => { $('filter').value = ''; checkFilter(); applyFilter(); });

async function checkFilter() {
  const f = $('filter').value;
  const input = $('filter'), err = $('filter-error');
  if (!f.trim()) { input.className = ''; err.textContent = ''; return true; }
  try {
    await api('check', { filter: f });
    if ($('filter').value !== f) return false;
    input.className = 'valid';
    err.textContent = '';
    return true;
  } catch (e) {
    if ($('filter').value !== f) return false;
    input.className = 'invalid';
    const b = e.body || {};
    if (b.start !== undefined) {
      const start = Math.min(b.start, f.length), len = Math.max(1, Math.min(b.end, f.length) - start);
      err.textContent = `${b.error}\n${f}\n${' '.repeat(start)}^${'~'.repeat(len - 1)}`;
    } else {
      err.textContent = e.message;
    }
    return false;
  }
}

async function applyFilter() {
  const f = $('filter').value.trim();
  if (!(await checkFilter())) return;
  status(f ? `applying ${f} …` : '');
  try {
    const args = { filter: f };
    if (state.sort) { args.sort = state.sort.col; args.desc = state.sort.desc ? 1 : 0; }
    const r = f || state.sort ? await longApi('view', args) : { view: 0, size: null };
    state.filter = f;
    state.view = r.view;
    state.rows.clear();
    state.pending.clear();
    state.selectedIndex = -1;
    state.size = r.size === null ? (await api('status')).frames : r.size;
    setCount(state.size);
    list.scrollTop = 0;
    status(f ? `${state.size} packets match ${f}` : '');
    saveUrl();
    if (state.selectedFrame) {
      const at = await api('find', { view: state.view, n: state.selectedFrame });
      if (at.index >= 0 && state.rows.size === 0) {
        state.selectedIndex = at.index;
        virtualizer.scrollToIndex(at.index, { align: 'center' });
      }
    }
  } catch (e) {
    if (e.status !== 409) status(e.message);
  }
}

function saveUrl() {
  const q = new URLSearchParams();
  if (token) q.set('token', token);
  if (state.filter) q.set('filter', state.filter);
  if (state.selectedFrame) q.set('frame', state.selectedFrame);
  if (state.lang !== 'en') q.set('lang', state.lang);
  history.replaceState(null, '', `?${q}`);
}

// ---- coloring rules ------------------------------------------------------------------------
function markRule() {
  const row = state.rows.get(state.selectedIndex);
  document.querySelectorAll('#rules tbody tr').forEach((tr, i) => tr.classList.toggle('hit', row && +row[7] === i));
}

$('rules-button').addEventListener('click', () => { markRule(); $('rules-dialog').showModal(); });

function renderRules() {
  const body = document.querySelector('#rules tbody');
  body.replaceChildren(...state.rules.map(r => {
    const tr = document.createElement('tr');
    tr.style.background = r.bg;
    tr.style.color = r.fg;
    const a = document.createElement('td'); a.textContent = r.name;
    const b = document.createElement('td'); b.textContent = r.filter;
    tr.append(a, b);
    return tr;
  }));
}

// ---- statistics: tshark's -z reports, Follow TCP Stream, the flow graph ---------------------
$('stats').addEventListener('change', async () => {
  const what = $('stats').value;
  $('stats').value = '';
  if (!what) return;
  const t = state.frame && state.frame.teacher;
  const stream = t && t.stream !== undefined ? t.stream : 0;
  const title = $('stats').querySelector(`option[value="${what}"]`).textContent.replace('selected stream', `stream ${stream}`);
  $('report-title').textContent = title;
  $('report').textContent = '…';
  $('report-dialog').showModal();
  try {
    const r = what === 'flow' ? await longApi('flow', { stream, lang: state.lang })
      : await longApi('stat', { z: what.startsWith('follow') ? `${what},${stream}` : what });
    const out = document.createDocumentFragment();
    for (const line of r.lines) {
      const m = what === 'flow' && /^\s+(\d+)\s+\d+\.\d+\s+\|/.exec(line);
      if (m) {
        const span = document.createElement('span');
        span.className = 'frame';
        span.textContent = line;
        span.onclick = () => { $('report-dialog').close(); goTo(+m[1]); };
        out.append(span, '\n');
      } else {
        out.append(line + '\n');
      }
    }
    $('report').replaceChildren(out);
  } catch (e) { $('report').textContent = e.message; }
});

// ---- stream graphs -------------------------------------------------------------------------
let plot = null;
$('graph-button').addEventListener('click', () => {
  const t = state.frame && state.frame.teacher;
  if (t && t.stream !== undefined) $('graph-stream').value = t.stream;
  $('graph-dialog').showModal();
  drawGraph();
});
['graph-type', 'graph-stream', 'graph-reverse'].forEach(id => $(id).addEventListener('change', drawGraph));

async function drawGraph() {
  const box = $('graph');
  $('graph-note').textContent = '';
  let g;
  try {
    g = await longApi('graph', { stream: $('graph-stream').value, type: $('graph-type').value, reverse: $('graph-reverse').checked });
  } catch (e) { $('graph-note').textContent = e.message; return; }
  if (plot) { plot.destroy(); plot = null; }
  box.replaceChildren();
  const series = g.series.filter(s => s.x.length > 0);
  if (series.length === 0) { $('graph-note').textContent = 'no data in this direction; try "Switch direction"'; return; }
  // uPlot's faceted mode: each series its own x and y
  const data = [null, ...series.map(s => [s.x, s.y])];
  const colors = ['#1f5fbf', '#2a9d3f', '#c0392b', '#8e44ad', '#d68910'];
  const opts = {
    title: g.title,
    mode: 2, width: Math.floor(box.clientWidth || 900), height: 420,
    scales: { x: { time: false } },
    axes: [{ label: g.xLabel }, { label: g.yLabel, size: 70 }],
    legend: { live: false },
    cursor: { drag: { x: true, y: true, uni: 20 } },
    series: [{}, ...series.map((s, i) => ({
      label: s.name, stroke: colors[i % colors.length],
      paths: s.style === 'points' || s.style === 'segments' ? () => null
        : s.style === 'step' ? uPlot.paths.stepped({ align: 1 }) : uPlot.paths.linear(),
      points: { show: s.style === 'points' || s.style === 'segments', size: 4, fill: colors[i % colors.length] },
    }))],
    hooks: {
      draw: [u => series.forEach((s, i) => {
        if (s.style !== 'segments' || !s.y2) return;
        const ctx = u.ctx;
        ctx.save();
        ctx.strokeStyle = colors[i % colors.length];
        ctx.lineWidth = 2;
        ctx.beginPath();
        for (let k = 0; k < s.x.length; k++) {
          const x = u.valToPos(s.x[k], 'x', true);
          ctx.moveTo(x, u.valToPos(s.y[k], 'y', true));
          ctx.lineTo(x, u.valToPos(s.y2[k], 'y', true));
        }
        ctx.stroke();
        ctx.restore();
      })],
    },
  };
  plot = new uPlot(opts, data, box);
  plot.over.addEventListener('click', () => {
    const x = plot.posToVal(plot.cursor.left, 'x'), y = plot.posToVal(plot.cursor.top, 'y');
    let best = null, dist = Infinity;
    series.forEach(s => s.x.forEach((vx, k) => {
      const dx = (plot.valToPos(vx, 'x') - plot.cursor.left), dy = (plot.valToPos(s.y[k], 'y') - plot.cursor.top);
      const d = dx * dx + dy * dy;
      if (d < dist && s.frames) { dist = d; best = s.frames[k]; }
    }));
    if (best && dist < 400) { $('graph-note').textContent = `packet ${best}`; goTo(best); }
    void x; void y;
  });
}

// ---- start ---------------------------------------------------------------------------------
function update(s) {
  document.title = `${s.file} — tcpscope`;
  $('title').textContent = s.file;
  $('progress-fill').style.width = `${Math.round(s.progress * 100)}%`;
  if (state.view === 0 && s.frames !== state.size) {
    state.size = s.frames;
    setCount(state.size);
  }
  if (s.live) $('progress').classList.add('done'); // a live capture has no end to measure against
  if (s.live && !s.done) status(`capturing: ${s.frames} packets`);
  else if (s.live) status(`capture finished: ${s.frames} packets`);
  if (s.error) status(`the capture is damaged: ${s.error}; showing the packets before the damage`);
  if (s.done) {
    $('progress').classList.add('done');
    state.done = true;
  }
}

// The server pushes the status whenever more packets are listed (server-sent events).
function follow() {
  return new Promise(resolve => {
    const events = new EventSource(`/api/events${token ? `?token=${token}` : ''}`);
    // a page left for another must not keep its connection (browsers allow six per server)
    window.addEventListener('pagehide', () => events.close());
    let first = true;
    events.onmessage = ev => {
      const s = JSON.parse(ev.data);
      update(s);
      if (first) { first = false; resolve(); }
      if (s.done) events.close();
    };
    events.onerror = () => { if (state.done) events.close(); if (first) { first = false; resolve(); } };
  });
}

async function start() {
  state.rules = await api('rules');
  renderRules();
  $('filter').value = state.filter;
  await follow();
  if (state.filter) await applyFilter();
  const frame = +params.get('frame');
  if (frame > 0) {
    // wait until the index has listed the frame
    for (let i = 0; i < 200 && !state.done && state.size < frame && state.view === 0; i++) {
      await new Promise(r => setTimeout(r, 100));
    }
    goTo(frame);
  }
}
start();
