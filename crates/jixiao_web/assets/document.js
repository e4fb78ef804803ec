// A document: the editor (a unit, in draft or returned) and the review screen (everyone).
// Every score and finding comes from the server: while the user types, the form is sent to
// POST /api/v1/documents/{id}/preview and the answer repaints the recomputed column, the
// totals, the grade and the findings; drafts autosave (PUT) a moment after the last change.
// Numbers travel as exact decimal text (JSON.rawJSON), never through binary floats.
'use strict';

const DOC = document.getElementById('doc');
const ID = DOC ? DOC.dataset.id : null;

// ---- exact numbers -------------------------------------------------------------------
const HAS_RAW = typeof JSON.rawJSON === 'function';
/** A decimal number keeps its printed text (27.00 stays 27.00); integers (ids, lines,
 *  revisions) are exact as JS numbers and stay plain. */
function exactNumber(value, ctx) {
  if (typeof value === 'number' && HAS_RAW && ctx && typeof ctx.source === 'string' && /[.eE]/.test(ctx.source)) {
    return JSON.rawJSON(ctx.source);
  }
  return value;
}
/** JSON.parse keeping every decimal's printed text. */
function parseExact(text) {
  return JSON.parse(text, function (key, value, ctx) {
    return exactNumber(value, ctx);
  });
}
/** The printed text of a number (rawJSON or plain), '' for null. */
function num(v) {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'rawJSON' in v) return v.rawJSON;
  return String(v);
}
const DECIMAL = /^-?\d+(\.\d+)?$/;
/** A typed number as exact JSON (null when empty); throws on text that is not a number. */
function toNum(text) {
  const t = String(text).trim().replace(/,/g, '');
  if (t === '' || t === '-' || t === '—') return null;
  if (!DECIMAL.test(t)) throw new Error(T(`“${text}”不是数字`, `"${text}" is not a number`));
  return HAS_RAW ? JSON.rawJSON(t) : Number(t);
}

async function apiExact(method, path, body) {
  const opts = { method, credentials: 'same-origin', headers: {} };
  if (body !== undefined) {
    opts.headers['Content-Type'] = 'application/json';
    opts.body = JSON.stringify(body);
  }
  let resp;
  try { resp = await fetch(path, opts); } catch (e) {
    return { ok: false, status: 0, body: { error: T('网络错误', 'network error') } };
  }
  const text = await resp.text();
  let data = null;
  try { data = text ? parseExact(text) : null; } catch (_) { data = { error: text }; }
  if (resp.status === 401) location.href = '/login?next=' + encodeURIComponent(location.pathname);
  return { ok: resp.ok, status: resp.status, body: data };
}

// ---- state ---------------------------------------------------------------------------
const S = {
  view: null,        // GET /api/v1/documents/{id}
  form: null,        // the form being edited (a copy of view.form)
  revision: 0,       // the revision the edit is based on
  analysis: null,    // {score, findings, form, …} of the last preview or save
  dirty: false,      // changes not yet saved
  saving: false,
  previewSeq: 0,
  previewTimer: null,
  saveTimer: null,
  explain: {},       // rule|line → explanation typed by the unit
};

const KIND = DOC ? DOC.dataset.kind : '';
const LEVELS = () => Math.max(3, ...((S.form && S.form.indicators) || []).map((i) => i.path.length));

function editable() { return S.view && S.view.editable; }

// ---- columns per form kind -----------------------------------------------------------
function columns() {
  const level = (n) => ({ key: 'level' + n, label: [T('一级指标', 'Level 1'), T('二级指标', 'Level 2'), T('三级指标', 'Level 3'), T('四级指标', 'Level 4')][n], level: n });
  const levels = [];
  for (let n = 0; n < LEVELS(); n++) levels.push(level(n));
  const target = { key: 'target', label: T('年度指标值', 'Target') };
  const actual = { key: 'actual', label: T('实际完成值', 'Actual') };
  const weight = { key: 'weight', label: T('分值', 'Weight'), num: true };
  const score = { key: 'score', label: T('自评得分', 'Stated score'), num: true };
  const rec = { key: 'recomputed', label: T('复算得分', 'Recomputed'), computed: true };
  const note = { key: 'note', label: T('偏差原因及改进措施', 'Reason for deviation'), wide: true };
  const evidence = { key: 'evidence', label: T('佐证材料', 'Evidence') };
  const standard = { key: 'standard', label: T('评分标准', 'Scoring standard'), wide: true };
  // The Guangdong scoresheet weighs every level: each level but the last has its weight column.
  const withLevelWeights = levels.flatMap((c, n) => (n < levels.length - 1
    ? [c, { key: 'lw' + n, label: [T('一级权重', 'L1 weight'), T('二级权重', 'L2 weight'), T('三级权重', 'L3 weight')][n], num: true, levelWeight: n }]
    : [c]));
  switch (KIND) {
    case 'target_declaration': return [...levels, target];
    case 'evaluation_scoresheet': return [...withLevelWeights, weight, target, actual, score, rec, note, standard, evidence];
    default: return [...levels, target, actual, weight, score, rec, note, evidence];
  }
}

function cellValue(ind, col) {
  if (col.level !== undefined) return ind.path[col.level] || '';
  if (col.levelWeight !== undefined) return num((ind.path_weights || [])[col.levelWeight]);
  switch (col.key) {
    case 'target': return (ind.target && ind.target.raw) || '';
    case 'actual': return (ind.actual && ind.actual.raw) || '';
    case 'weight': return num(ind.weight);
    case 'score': return num(ind.score);
    case 'note': return ind.note || '';
    case 'evidence': return ind.evidence || '';
    case 'standard': return ind.standard || '';
    default: return '';
  }
}

function blankValue(raw) { return { raw, op: null, value: null, unit: null, kind: raw ? 'qualitative' : 'blank' }; }

/** Writes a typed cell into the form; throws with a message on a bad number. */
function setCell(ind, col, text) {
  if (col.levelWeight !== undefined) {
    // A level's weight belongs to the level: every indicator under it carries the same.
    const n = col.levelWeight;
    const v = toNum(text);
    const prefix = JSON.stringify(ind.path.slice(0, n + 1));
    for (const other of S.form.indicators) {
      if (JSON.stringify(other.path.slice(0, n + 1)) !== prefix) continue;
      other.path_weights = other.path_weights || [];
      while (other.path_weights.length <= n) other.path_weights.push(null);
      other.path_weights[n] = v;
    }
    return;
  }
  if (col.level !== undefined) {
    while (ind.path.length <= col.level) ind.path.push('');
    ind.path[col.level] = text.trim();
    return;
  }
  switch (col.key) {
    case 'target': ind.target = Object.assign({}, ind.target || blankValue(''), { raw: text.trim() }); break;
    case 'actual': ind.actual = Object.assign({}, ind.actual || blankValue(''), { raw: text.trim() }); break;
    case 'weight': ind.weight = toNum(text); break;
    case 'score': ind.score = toNum(text); break;
    case 'note': ind.note = text.trim() || null; break;
    case 'evidence': ind.evidence = text.trim() || null; break;
    case 'standard': ind.standard = text.trim() || null; break;
  }
}

// ---- analysis lookups ----------------------------------------------------------------
/** The line the server read indicator `i` from in the last analysis. */
function lineOf(i) {
  const f = S.analysis && S.analysis.form;
  return f && f.indicators && f.indicators[i] ? f.indicators[i].line : null;
}
function itemOf(i) {
  const line = lineOf(i);
  const items = (S.analysis && S.analysis.score && S.analysis.score.items) || [];
  return items.find((it) => it.line === line) || null;
}
function findingsAt(line) {
  return ((S.analysis && S.analysis.findings) || []).filter((f) => f.line === line);
}
function statusLabel(s) {
  return {
    match: T('一致', 'match'), differs: T('不一致', 'differs'), in_range: T('在区间内', 'in range'),
    out_of_range: T('超出区间', 'out of range'), not_applicable: T('不适用', 'n/a'),
    insufficient_data: T('证据不足', 'insufficient data'),
  }[s] || s;
}

// ---- rendering -----------------------------------------------------------------------
function badgeFor(f) {
  return el('a', { class: 'finding-mark sev-' + f.severity, href: '/rules/' + f.rule, title: f.message, 'data-rule': f.rule }, f.rule);
}

/** Labels of the money fields of target declarations (budget) and scoresheets (money). */
const MONEY_LABELS = {
  total_budget: ['年度资金总额', 'Total funds'],
  current_year_budget: ['当年预算数', 'This year\'s budget'],
  prior_year_budget: ['上年预算数', 'Last year\'s budget'],
  prior_year_executed: ['上年执行数', 'Last year executed'],
  evaluation_amount: ['评价金额', 'Amount evaluated'],
  planned: ['计划数', 'Planned'],
  allocated: ['到位数', 'Allocated'],
  allocated_transfer: ['其中：转移支付到位数', 'of which transfers allocated'],
  paid: ['支付数', 'Paid'],
  paid_transfer: ['其中：转移支付支付数', 'of which transfers paid'],
};

function renderMoney(box) {
  const f = S.form;
  const ro = !editable();
  if (f.funds && f.funds.rows && f.funds.rows.length) {
    const cols = [
      ['initial_budget', T('年初预算数', 'Initial budget')], ['annual_budget', T('全年预算数', 'Annual budget')],
      ['executed', T('全年执行数', 'Executed')], ['weight', T('分值', 'Weight')],
      ['rate_pct', T('执行率(%)', 'Rate (%)')], ['score', T('得分', 'Score')],
    ];
    const t = el('table', { class: 'grid money', id: 'funds' },
      el('caption', {}, T('项目资金', 'Project funds') + (f.funds.unit ? `（${f.funds.unit}）` : '')),
      el('thead', {}, el('tr', {}, el('th', {}, T('资金', 'Funds')), cols.map(([, l]) => el('th', { class: 'num' }, l)))));
    const tb = el('tbody');
    f.funds.rows.forEach((r, ri) => {
      const tr = el('tr', {}, el('th', { scope: 'row' }, r.name));
      for (const [k, label] of cols) {
        const td = el('td', { class: 'num' });
        if (ro) td.textContent = num(r[k]);
        else {
          const inp = el('input', { value: num(r[k]), 'aria-label': `${r.name} ${label}`, inputmode: 'decimal', 'data-funds': `${ri}.${k}` });
          inp.addEventListener('input', () => edit(() => { r[k] = toNum(inp.value); }, inp));
          td.append(inp);
        }
        tr.append(td);
      }
      for (const fd of findingsAt(r.line)) tr.lastChild.append(badgeFor(fd));
      tb.append(tr);
    });
    t.append(tb);
    box.append(t);
  }
  for (const [key, title] of [['budget', T('预算资金', 'Budget')], ['money', T('资金情况', 'Funds')]]) {
    const obj = f[key];
    if (!obj) continue;
    const dl = el('div', { class: 'money-block', id: key }, el('h3', {}, title + (obj.unit ? `（${obj.unit}）` : '')));
    for (const [k, v] of Object.entries(obj)) {
      if (k === 'line' || k === 'raw' || k === 'unit') continue;
      const label = MONEY_LABELS[k] ? T(...MONEY_LABELS[k]) : k;
      const row = el('label', {}, el('span', {}, label));
      if (ro) row.append(el('span', { class: 'num' }, num(v)));
      else {
        const inp = el('input', { value: num(v), inputmode: 'decimal', 'aria-label': label });
        inp.addEventListener('input', () => edit(() => { obj[k] = toNum(inp.value); }, inp));
        row.append(inp);
      }
      dl.append(row);
    }
    box.append(dl);
  }
}

function renderGrid(box) {
  const cols = columns();
  const ro = !editable();
  const table = el('table', { class: 'grid indicators', id: 'grid' });
  table.append(el('caption', {}, T('绩效指标', 'Performance indicators'),
    ro ? null : el('span', { class: 'muted hint' }, T('（Tab/Enter 移动；可从 Excel 粘贴多行多列）', ' (Tab/Enter to move; paste rows from Excel)'))));
  table.append(el('thead', {}, el('tr', {}, el('th', { class: 'rowno' }, '#'),
    cols.map((c) => el('th', { class: (c.num || c.computed ? 'num' : '') + (c.wide ? ' wide' : '') }, c.label)),
    el('th', {}, T('审核', 'Check')), ro ? null : el('th', {}, T('操作', 'Row')))));
  const tb = el('tbody');
  S.form.indicators.forEach((ind, i) => {
    const tr = el('tr', { 'data-row': i });
    tr.append(el('td', { class: 'rowno' }, String(i + 1)));
    cols.forEach((c, ci) => {
      const td = el('td', { class: (c.num || c.computed ? 'num' : '') + (c.wide ? ' wide' : ''), 'data-col': c.key });
      if (c.computed) {
        td.setAttribute('data-recomputed', i);
      } else if (ro) {
        td.textContent = cellValue(ind, c);
      } else {
        const inp = el(c.wide ? 'textarea' : 'input', {
          'aria-label': `${T('第', 'row ')}${i + 1}${T('行 ', ' ')}${c.label}`,
          'data-r': i, 'data-c': ci, rows: c.wide ? 1 : null, inputmode: c.num ? 'decimal' : null,
        });
        inp.value = cellValue(ind, c);
        inp.addEventListener('input', () => edit(() => { setCell(ind, c, inp.value); if (c.levelWeight !== undefined) syncColumn(ci, inp); }, inp));
        inp.addEventListener('keydown', (e) => gridKey(e, i, ci));
        inp.addEventListener('paste', (e) => gridPaste(e, i, ci));
        td.append(inp);
      }
      tr.append(td);
    });
    tr.append(el('td', { class: 'checks', 'data-checks': i }));
    if (!ro) {
      tr.append(el('td', { class: 'rowops' },
        el('button', { type: 'button', class: 'icon', title: T('上移', 'Move up'), 'aria-label': T(`第${i + 1}行上移`, `Move row ${i + 1} up`), onclick: () => moveRow(i, -1) }, '↑'),
        el('button', { type: 'button', class: 'icon', title: T('下移', 'Move down'), 'aria-label': T(`第${i + 1}行下移`, `Move row ${i + 1} down`), onclick: () => moveRow(i, 1) }, '↓'),
        el('button', { type: 'button', class: 'icon', title: T('插入一行', 'Insert a row below'), 'aria-label': T(`在第${i + 1}行后插入`, `Insert after row ${i + 1}`), onclick: () => addRow(i) }, '+'),
        el('button', { type: 'button', class: 'icon danger', title: T('删除', 'Delete'), 'aria-label': T(`删除第${i + 1}行`, `Delete row ${i + 1}`), onclick: () => removeRow(i) }, '×')));
    }
    tb.append(tr);
  });
  table.append(tb);
  box.append(table);
  if (!ro) box.append(el('p', {}, el('button', { type: 'button', id: 'add-row', onclick: () => addRow(S.form.indicators.length - 1) }, T('＋ 添加指标', '+ Add indicator'))));
  if (KIND !== 'target_declaration') {
    const tot = el('div', { class: 'totals' });
    const t = S.form.total || (S.form.total = { weight: null, score: null, line: 0 });
    const mk = (label, get, set, id) => {
      const l = el('label', {}, el('span', {}, label));
      if (ro) l.append(el('strong', { id }, get()));
      else {
        const inp = el('input', { id, value: get(), 'aria-label': label });
        inp.addEventListener('input', () => edit(() => set(inp.value), inp));
        l.append(inp);
      }
      return l;
    };
    tot.append(mk(T('总分（自评）', 'Total (stated)'), () => num(t.score), (v) => { t.score = toNum(v); }, 'total-score'));
    tot.append(mk(T('评分等级（自评）', 'Grade (stated)'), () => S.form.grade || '', (v) => { S.form.grade = v.trim() || null; }, 'grade'));
    box.append(tot);
  }
}

function renderTables(box) {
  for (const t of S.form.tables || []) {
    // Two-sided tables (收入 | 支出) print each side with its own columns.
    const sides = Object.keys(t.side_columns || {});
    const colsOf = (side) => (side && t.side_columns && t.side_columns[side]) || t.columns;
    const width = Math.max(t.columns.length, ...sides.map((x) => t.side_columns[x].length), ...t.rows.map((r) => r.values.length));
    const head = (cols, label) => el('tr', {}, el('th', {}, T('科目编码', 'Code')), el('th', {}, label || T('项目', 'Item')),
      Array.from({ length: width }, (_, k) => el('th', { class: 'num' }, cols[k] || '')), el('th', {}, T('审核', 'Check')));
    const table = el('table', { class: 'grid fa', 'data-table': t.id });
    table.append(el('caption', {}, `${t.title}${t.unit ? '（' + t.unit + '）' : ''}`));
    const tb = el('tbody');
    let side = null;
    if (!sides.length) table.append(el('thead', {}, head(t.columns)));
    for (const r of t.rows) {
      if (sides.length && r.side !== side) {
        side = r.side;
        tb.append(el('tr', { class: 'side-head' }, [...head(colsOf(side), side || '').children]));
      }
      const fs = findingsAt(r.line);
      tb.append(el('tr', { class: fs.length ? 'flagged' : '', 'data-line': r.line }, el('td', {}, r.code || ''), el('td', {}, r.name),
        Array.from({ length: width }, (_, k) => el('td', { class: 'num' }, num(r.values[k]))), el('td', {}, fs.map(badgeFor))));
    }
    table.append(tb);
    box.append(el('div', { class: 'scroll' }, table));
  }
}

function renderEditor() {
  const box = document.getElementById('editor');
  box.replaceChildren();
  if (editable()) {
    box.append(el('div', { class: 'toolbar' },
      el('button', { type: 'button', id: 'save', class: 'primary', onclick: () => save(true) }, T('暂存', 'Save draft')),
      el('label', { class: 'file-button' }, T('上传填好的 xlsx', 'Upload filled xlsx'),
        el('input', { type: 'file', id: 'workbook', accept: '.xlsx', onchange: (e) => uploadWorkbook(e.target.files[0]) }))));
  } else {
    box.append(el('p', { class: 'readonly-note', id: 'readonly' },
      S.view.state === 'approved' ? T('已终审，文档已冻结，只读。', 'Approved: frozen, read-only.')
        : T('当前状态下只读。', 'Read-only in this state.')));
  }
  renderMoney(box);
  if (S.form.indicators && S.form.indicators.length) renderGrid(box);
  if (S.form.tables && S.form.tables.length) renderTables(box);
  paintAnalysis();
}

/** Repaints what the last analysis says, without touching the inputs the user types in. */
function paintAnalysis() {
  const a = S.analysis;
  if (!a) return;
  const sc = a.score || {};
  document.getElementById('stated-total').textContent = num(a.stated_total !== undefined ? a.stated_total : sc.stated_total) || '—';
  document.getElementById('recomputed-total').textContent = num(a.recomputed_total !== undefined ? a.recomputed_total : sc.recomputed_total) || '—';
  document.getElementById('stated-grade').textContent = sc.stated_grade || '—';
  document.getElementById('recomputed-grade').textContent = sc.recomputed_grade || '—';
  const errors = (a.findings || []).filter((f) => f.severity === 'error').length;
  const warnings = (a.findings || []).filter((f) => f.severity === 'warning').length;
  document.getElementById('finding-counts').textContent = `${errors} / ${warnings}`;
  const diff = num(sc.stated_total) !== '' && num(sc.recomputed_total) !== '' && Number(num(sc.stated_total)) !== Number(num(sc.recomputed_total));
  document.getElementById('recomputed-total').classList.toggle('diff', diff);
  document.getElementById('recomputed-grade').classList.toggle('diff', !!(sc.stated_grade && sc.recomputed_grade && sc.stated_grade !== sc.recomputed_grade));
  for (const td of document.querySelectorAll('[data-recomputed]')) {
    const it = itemOf(Number(td.dataset.recomputed));
    td.textContent = it ? (num(it.recomputed_score) || statusLabel(it.status)) : '';
    td.className = 'num computed status-' + (it ? it.status : 'none');
    td.title = it ? it.formula : '';
  }
  for (const td of document.querySelectorAll('[data-checks]')) {
    const line = lineOf(Number(td.dataset.checks));
    td.replaceChildren(...(line ? findingsAt(line).map(badgeFor) : []));
  }
  renderScores();
  renderFindings();
}

function renderScores() {
  const box = document.getElementById('scores');
  const sc = S.analysis && S.analysis.score;
  if (!sc || !sc.items || !sc.items.length) { box.hidden = true; return; }
  box.hidden = false;
  box.replaceChildren(el('h2', {}, T('自评分与复算分对照', 'Stated against recomputed')),
    el('p', { class: 'muted' }, `${T('规则集', 'Rule set')} ${sc.ruleset} · ${T('舍入', 'rounding')} ${sc.rounding}`));
  const t = el('table', { class: 'list compare', id: 'compare' }, el('thead', {}, el('tr', {},
    el('th', {}, T('指标', 'Indicator')), el('th', { class: 'num' }, T('分值', 'Weight')), el('th', { class: 'num' }, T('自评得分', 'Stated')),
    el('th', { class: 'num' }, T('复算得分', 'Recomputed')), el('th', {}, T('计算公式', 'Formula')), el('th', {}, T('结论', 'Result')))));
  const tb = el('tbody');
  for (const it of sc.items) {
    tb.append(el('tr', { class: 'status-' + it.status },
      el('td', {}, it.path.join(' / ')), el('td', { class: 'num' }, num(it.weight)), el('td', { class: 'num' }, num(it.stated_score)),
      el('td', { class: 'num' }, num(it.recomputed_score) || (num(it.min_score) ? `${num(it.min_score)}–${num(it.max_score)}` : '—')),
      el('td', { class: 'formula' }, it.formula), el('td', {}, statusLabel(it.status), it.reason ? el('div', { class: 'muted' }, it.reason) : null)));
  }
  tb.append(el('tr', { class: 'total' }, el('th', {}, T('合计', 'Total')), el('td', { class: 'num' }, num(sc.weight_sum)),
    el('td', { class: 'num' }, num(sc.stated_total)), el('td', { class: 'num' }, num(sc.recomputed_total)),
    el('td', {}, (sc.notes || []).join('；')), el('td', {}, `${sc.stated_grade || '—'} → ${sc.recomputed_grade || '—'}`)));
  t.append(tb);
  box.append(t);
}

function explanationOf(f) {
  return ((S.view && S.view.explanations) || []).find((x) => x.rule === f.rule && x.line === f.line);
}
function annotationsOf(f) {
  return ((S.view && S.view.annotations) || []).filter((x) => x.rule === f.rule && x.line === f.line);
}

function renderFindings() {
  const box = document.getElementById('findings');
  const fs = (S.analysis && S.analysis.findings) || [];
  box.hidden = false;
  box.replaceChildren(el('h2', {}, T('审核发现', 'Findings'), el('span', { class: 'muted' }, ` (${fs.length})`)));
  if (!fs.length) { box.append(el('p', { class: 'muted' }, T('没有发现问题。', 'No findings.'))); return; }
  // The reviewer whose turn it is annotates: the department in its review, finance in its.
  const reviewer = S.view && S.view.state === DOC.dataset.role + '_review';
  const list = el('ol', { class: 'findings', id: 'finding-list' });
  for (const f of fs) {
    const li = el('li', { class: 'sev-' + f.severity, 'data-rule': f.rule, 'data-line': f.line },
      el('div', { class: 'fhead' }, el('a', { href: '/rules/' + f.rule, class: 'rule' }, f.rule),
        el('span', { class: 'badge sev-' + f.severity }, { error: T('错误', 'error'), warning: T('警告', 'warning'), info: T('提示', 'info') }[f.severity] || f.severity),
        el('span', { class: 'muted' }, `${T('第', 'line ')}${f.line}${T('行', '')}`), f.path ? el('span', { class: 'muted' }, f.path) : null),
      el('p', {}, f.message),
      (f.stated || f.expected) ? el('p', { class: 'muted' }, `${T('填报', 'stated')}: ${f.stated || '—'} · ${T('应为', 'expected')}: ${f.expected || '—'}`) : null);
    const x = explanationOf(f);
    if (x) li.append(el('p', { class: 'explanation' }, `${T('单位说明', 'Unit explains')}（${x.by}）：${x.text}`));
    for (const a of annotationsOf(f)) {
      li.append(el('p', { class: 'annotation' }, `${a.by}：${a.accepted === true ? T('接受说明', 'accepted') : a.accepted === false ? T('不接受', 'not accepted') : T('批注', 'note')} — ${a.comment}`));
    }
    if (editable() && f.severity === 'error') {
      const key = f.rule + '|' + f.line;
      const ta = el('textarea', { class: 'explain', rows: 2, 'aria-label': T(`说明 ${f.rule} 第${f.line}行`, `Explain ${f.rule} line ${f.line}`), placeholder: T('送审前请说明此错误（或修正数据）', 'Explain this error before submitting (or fix the figures)') });
      ta.value = S.explain[key] || (x ? x.text : '');
      ta.addEventListener('input', () => { S.explain[key] = ta.value; });
      li.append(ta);
    }
    if (reviewer) {
      const c = el('input', { class: 'annotate-text', placeholder: T('批注（可选）', 'Note (optional)'), 'aria-label': T('批注', 'Note') });
      const send = async (accepted) => {
        const r = await apiExact('POST', `/api/v1/documents/${ID}/annotations`, { rule: f.rule, line: f.line, accepted, comment: c.value || (accepted ? T('接受', 'accepted') : T('不接受', 'not accepted')) });
        if (r.ok) await load(); else banner(r.body && r.body.error, 'bad');
      };
      li.append(el('div', { class: 'annotate' }, c,
        el('button', { type: 'button', onclick: () => send(true) }, T('接受说明', 'Accept')),
        el('button', { type: 'button', onclick: () => send(false) }, T('不接受', 'Reject'))));
    }
    list.append(li);
  }
  box.append(list);
}

function renderActions() {
  const box = document.getElementById('actions');
  const acts = (S.view && S.view.allowed_actions) || [];
  box.replaceChildren();
  const canAdjust = S.view.state === 'approved' && DOC.dataset.reviewer === 'false';
  if (!acts.length && !canAdjust) { box.hidden = true; return; }
  box.hidden = false;
  box.append(el('h2', {}, T('流转', 'Workflow')));
  const comment = el('textarea', { id: 'action-comment', rows: 2, placeholder: T('审核意见（退回时必填）', 'Comment (required to return)'), 'aria-label': T('审核意见', 'Comment') });
  if (acts.includes('return') || acts.includes('approve')) box.append(comment);
  const row = el('div', { class: 'toolbar' });
  const label = { submit: T('送审', 'Submit'), withdraw: T('撤回', 'Withdraw'), approve: S.view.state === 'finance_review' ? T('终审通过', 'Final approval') : T('审核通过', 'Approve'), return: T('退回', 'Return') };
  for (const a of acts) {
    row.append(el('button', { type: 'button', id: 'action-' + a, class: a === 'return' ? 'danger' : 'primary', onclick: () => act(a, comment.value) }, label[a] || a));
  }
  if (canAdjust) {
    row.append(el('button', { type: 'button', id: 'adjust', onclick: adjust }, T('发起调整（新建草稿）', 'Start an adjustment (new draft)')));
  }
  box.append(row);
}

// ---- editing -------------------------------------------------------------------------
function edit(change, input) {
  try {
    change();
    if (input) { input.classList.remove('invalid'); input.removeAttribute('aria-invalid'); input.title = ''; }
  } catch (e) {
    if (input) { input.classList.add('invalid'); input.setAttribute('aria-invalid', 'true'); input.title = e.message; }
    return;
  }
  markDirty();
  schedulePreview();
}

function markDirty() {
  S.dirty = true;
  setSaveState(T('有未保存的修改', 'unsaved changes'), 'warn');
  clearTimeout(S.saveTimer);
  S.saveTimer = setTimeout(() => save(false), 4000);
}

function schedulePreview() {
  clearTimeout(S.previewTimer);
  S.previewTimer = setTimeout(preview, 250);
}

async function preview() {
  const seq = ++S.previewSeq;
  setSaveState(T('复算中…', 'recomputing…'), 'muted');
  const r = await apiExact('POST', `/api/v1/documents/${ID}/preview`, { form: S.form });
  if (seq !== S.previewSeq) return; // a newer edit is on its way
  if (r.ok) {
    S.analysis = r.body;
    paintAnalysis();
    if (document.getElementById('conflict').hidden) {
      setSaveState(S.dirty ? T('有未保存的修改', 'unsaved changes') : T('已保存', 'saved'), S.dirty ? 'warn' : 'ok');
    }
  } else {
    setSaveState((r.body && r.body.error) || T('复算失败', 'recompute failed'), 'bad');
  }
}

async function save(explicit) {
  if (!editable() || S.saving || (!S.dirty && !explicit)) return;
  clearTimeout(S.saveTimer);
  S.saving = true;
  setSaveState(T('保存中…', 'saving…'), 'muted');
  const r = await apiExact('PUT', `/api/v1/documents/${ID}`, { revision: S.revision, form: S.form });
  S.saving = false;
  if (r.ok) {
    S.revision = r.body.revision;
    S.analysis = r.body;
    S.dirty = false;
    document.getElementById('doc-revision').textContent = S.revision;
    paintAnalysis();
    setSaveState(T('已暂存（版本 ', 'saved (revision ') + S.revision + T('）', ')'), 'ok');
  } else if (r.status === 409) {
    showConflict(r.body);
  } else {
    setSaveState((r.body && r.body.error) || T('保存失败', 'save failed'), 'bad');
  }
}

function showConflict(body) {
  const box = document.getElementById('conflict');
  const cur = body.current;
  box.hidden = false;
  clearTimeout(S.saveTimer);
  const mine = S.form;
  const theirs = cur && cur.form;
  const rows = [];
  const cells = (f) => (f && f.indicators || []).map((i) => [i.path.join(' / '), i.target && i.target.raw, i.actual && i.actual.raw, num(i.weight), num(i.score), i.note || '']);
  const a = cells(mine), b = cells(theirs);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] || [], y = b[i] || [];
    const differ = JSON.stringify(x) !== JSON.stringify(y);
    rows.push(el('tr', { class: differ ? 'differs' : '' }, el('td', {}, (x[0] || y[0] || '')),
      el('td', {}, x.slice(1).join(' | ')), el('td', {}, y.slice(1).join(' | '))));
  }
  box.replaceChildren(
    el('h2', {}, T('版本冲突：文档已被他人修改', 'Conflict: someone else changed this document')),
    el('p', {}, body.error || ''),
    el('p', {}, T(`您的修改基于版本 ${S.revision}，当前版本为 ${body.current_revision}。您的修改尚未保存，也不会被静默覆盖。`, `Your edit is based on revision ${S.revision}; the current one is ${body.current_revision}. Your changes are not saved and nothing was overwritten.`)),
    el('table', { class: 'list', id: 'conflict-table' }, el('thead', {}, el('tr', {}, el('th', {}, T('指标', 'Indicator')), el('th', {}, T('我的版本', 'Mine')), el('th', {}, T('当前版本', 'Current')))), el('tbody', {}, rows)),
    el('div', { class: 'toolbar' },
      el('button', { type: 'button', id: 'conflict-keep-mine', class: 'primary', onclick: () => { S.revision = body.current_revision; box.hidden = true; save(true); } }, T('以我的版本覆盖当前版本', 'Save mine over the current one')),
      el('button', { type: 'button', id: 'conflict-take-theirs', onclick: () => { S.dirty = false; box.hidden = true; load(); } }, T('放弃我的修改，载入当前版本', 'Discard mine, load the current one'))));
  setSaveState(T('版本冲突', 'conflict'), 'bad');
  box.scrollIntoView({ block: 'start' });
}

/** Shows the form's values in column `ci` of every row but the one being typed in. */
function syncColumn(ci, except) {
  const col = columns()[ci];
  for (const inp of document.querySelectorAll(`#grid [data-c="${ci}"]`)) {
    if (inp !== except) inp.value = cellValue(S.form.indicators[Number(inp.dataset.r)], col);
  }
}

function moveRow(i, d) {
  const inds = S.form.indicators;
  const j = i + d;
  if (j < 0 || j >= inds.length) return;
  [inds[i], inds[j]] = [inds[j], inds[i]];
  afterStructureChange();
  focusCell(j, 0);
}
function addRow(i) {
  const inds = S.form.indicators;
  const like = inds[i];
  const path = like ? like.path.slice(0, -1).concat(['']) : ['', '', ''];
  inds.splice(i + 1, 0, { path, target: blankValue(''), actual: blankValue(''), weight: null, score: null, note: null, line: 0, path_weights: [] });
  afterStructureChange();
  focusCell(i + 1, path.length - 1);
}
function removeRow(i) {
  if (!confirm(T(`删除第 ${i + 1} 行？`, `Delete row ${i + 1}?`))) return;
  S.form.indicators.splice(i, 1);
  afterStructureChange();
}
function afterStructureChange() {
  // Indicator lines shift: previews map rows by position, so repaint after the next one.
  if (S.analysis) S.analysis = Object.assign({}, S.analysis, { form: null });
  renderEditor();
  markDirty();
  schedulePreview();
}

function focusCell(r, c) {
  const inp = document.querySelector(`#grid [data-r="${r}"][data-c="${c}"]`);
  if (inp) { inp.focus(); if (inp.select) inp.select(); }
  return !!inp;
}

function gridKey(e, r, c) {
  if (e.key === 'Enter' && !e.shiftKey && !e.altKey) {
    e.preventDefault();
    if (!focusCell(r + 1, c)) focusCell(r, c);
  } else if (e.key === 'ArrowDown' && e.altKey) { e.preventDefault(); focusCell(r + 1, c); }
  else if (e.key === 'ArrowUp' && e.altKey) { e.preventDefault(); focusCell(r - 1, c); }
}

/** Pasting a tab-separated block (copied from Excel) fills the grid from the focused cell. */
function gridPaste(e, r0, c0) {
  const text = (e.clipboardData || window.clipboardData).getData('text');
  if (!text || (!text.includes('\t') && !text.includes('\n'))) return;
  e.preventDefault();
  const rows = text.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n').map((l) => l.split('\t'));
  const allCols = columns();
  const cols = allCols.filter((c) => !c.computed);
  const bad = [];
  rows.forEach((cells, dr) => {
    const r = r0 + dr;
    while (S.form.indicators.length <= r) {
      S.form.indicators.push({ path: ['', '', ''], target: blankValue(''), actual: blankValue(''), weight: null, score: null, note: null, line: 0, path_weights: [] });
    }
    const ind = S.form.indicators[r];
    const start = cols.indexOf(allCols[c0]);
    cells.forEach((v, dc) => {
      const col = cols[start + dc];
      if (!col) return;
      try { setCell(ind, col, v); } catch (err) { bad.push(`${T('第', 'row ')}${r + 1}${T('行 ', ' ')}${col.label}: ${err.message}`); }
    });
  });
  afterStructureChange();
  banner(bad.length ? T('粘贴完成，以下单元格不是数字，已跳过：', 'Pasted; these cells are not numbers and were skipped: ') + bad.join('；')
    : T(`已粘贴 ${rows.length} 行`, `Pasted ${rows.length} rows`), bad.length ? 'warn' : 'ok');
}

async function uploadWorkbook(file) {
  if (!file) return;
  if (S.dirty && !confirm(T('上传的工作簿将替换未保存的修改，继续？', 'The workbook replaces unsaved changes. Continue?'))) return;
  const resp = await fetch(`/api/v1/documents/${ID}/workbook?revision=${S.revision}&name=${encodeURIComponent(file.name)}`, {
    method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }, body: file,
  });
  const body = parseExact(await resp.text() || 'null');
  if (resp.ok) { S.dirty = false; banner(T('已从工作簿更新为版本 ', 'Updated from the workbook: revision ') + body.revision, 'ok'); await load(); }
  else if (resp.status === 409) showConflict(body);
  else banner((body && body.error) || T('工作簿无法读取', 'the workbook cannot be read'), 'bad');
}

async function act(action, comment) {
  if (action === 'return' && !comment.trim()) {
    banner(T('退回必须填写原因。', 'A return needs a reason.'), 'bad');
    document.getElementById('action-comment').focus();
    return;
  }
  if (action === 'submit' && S.dirty) await save(true);
  const explanations = [];
  if (action === 'submit') {
    for (const f of (S.analysis && S.analysis.findings) || []) {
      const t = (S.explain[f.rule + '|' + f.line] || (explanationOf(f) || {}).text || '').trim();
      if (f.severity === 'error' && t) explanations.push({ rule: f.rule, line: f.line, text: t });
    }
  }
  const r = await apiExact('POST', `/api/v1/documents/${ID}/actions`, { action, comment: comment.trim() || null, explanations });
  if (r.ok) {
    S.dirty = false;
    banner(T('已', 'Now: ') + (r.body.state_zh && LANG === 'zh' ? r.body.state_zh : r.body.state), 'ok');
    await load();
  } else {
    let msg = (r.body && r.body.error) || '';
    if (r.body && r.body.findings) msg += ' ' + r.body.findings.map((f) => `${f.rule}@${f.line}`).join('、');
    banner(msg, 'bad');
  }
}

async function adjust() {
  const r = await apiExact('POST', `/api/v1/documents/${ID}/adjust`, {});
  if (r.ok && r.body && r.body.id) location.href = `/documents/${r.body.id}`;
  else banner((r.body && r.body.error) || '', 'bad');
}

function banner(text, kind) {
  const b = document.getElementById('banner');
  b.className = 'banner ' + (kind || '');
  b.textContent = text || '';
}
function setSaveState(text, kind) {
  const s = document.getElementById('save-state');
  s.textContent = text;
  s.className = kind || '';
}

async function load() {
  const r = await apiExact('GET', `/api/v1/documents/${ID}`);
  if (!r.ok) { banner((r.body && r.body.error) || T('无法载入', 'cannot load'), 'bad'); return; }
  S.view = r.body;
  S.form = JSON.parse(JSON.stringify(r.body.form), function (k, v, ctx) { return exactNumber(v, ctx); });
  S.revision = r.body.revision;
  S.analysis = { form: r.body.form, score: r.body.score, findings: r.body.findings, stated_total: r.body.stated_total, recomputed_total: r.body.recomputed_total };
  S.dirty = false;
  document.getElementById('doc-revision').textContent = S.revision;
  document.getElementById('doc-ruleset').textContent = r.body.ruleset;
  const st = document.getElementById('doc-state');
  st.textContent = LANG === 'zh' ? r.body.state_zh : r.body.state.replace('_', ' ');
  st.className = 'state state-' + r.body.state;
  setSaveState(editable() ? T('已保存', 'saved') : T('只读', 'read-only'), editable() ? 'ok' : 'muted');
  renderEditor();
  renderActions();
}

window.addEventListener('beforeunload', (e) => {
  if (S.dirty) { e.preventDefault(); e.returnValue = ''; }
});

if (DOC) document.addEventListener('DOMContentLoaded', load);
