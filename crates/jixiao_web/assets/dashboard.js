// 看板 dashboard: five ECharts charts (SVG renderer) over GET /api/v1/dashboard. Every bar
// and segment is clickable: a click lists the documents behind it in the table #drill, which
// moves under the clicked chart. Filters (year; department for finance) are kept in the URL.
// Chinese first; English when <html lang="en">. Every figure comes from the server.
(function () {
  'use strict';
  var root = document.getElementById('dashboard');
  if (!root || typeof echarts === 'undefined') return;

  var en = document.documentElement.lang === 'en';
  function t(zh, english) { return en ? english : zh; }
  var labels = {};
  try { labels = JSON.parse(root.getAttribute('data-labels') || '{}'); } catch (e) { labels = {}; }
  var stateLabels = labels.states || {};
  var kindLabels = labels.kinds || {};

  var STATE_COLORS = {
    draft: '#64748b', department_review: '#d97706', finance_review: '#a16207',
    returned: '#b42318', approved: '#1d7a46', archived: '#94a3b8'
  };
  var FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';
  var NAMES = ['pipeline', 'grades', 'execution', 'rules', 'differences'];

  var yearSel = document.getElementById('f-year');
  var deptSel = document.getElementById('f-department');
  var totalEl = document.getElementById('dash-total');
  var errorEl = document.getElementById('dash-error');
  var drillCard = document.getElementById('drill-card');
  var drillTitle = document.getElementById('drill-title');
  var drillNote = document.getElementById('drill-note');
  var drillBody = document.querySelector('#drill tbody');
  var data = null;
  var charts = {};
  var clicks = {};

  // ---- filters --------------------------------------------------------------------------
  var params = new URLSearchParams(window.location.search);
  var filter = { year: params.get('year') || '', department: params.get('department') || '' };

  function option(sel, value, text) {
    var o = document.createElement('option');
    o.value = value;
    o.textContent = text;
    sel.appendChild(o);
  }

  function fillSelect(sel, items, current) {
    if (!sel) return;
    while (sel.options.length > 1) sel.remove(1);
    var seen = false;
    items.forEach(function (it) {
      option(sel, String(it.value), it.text);
      if (String(it.value) === current) seen = true;
    });
    if (current && !seen) option(sel, current, current);
    sel.value = current;
  }

  function query() {
    var q = new URLSearchParams();
    if (filter.year) q.set('year', filter.year);
    if (filter.department) q.set('department', filter.department);
    return q.toString();
  }

  function onFilter() {
    filter.year = yearSel ? yearSel.value : '';
    filter.department = deptSel ? deptSel.value : '';
    var q = query();
    window.history.replaceState(null, '', window.location.pathname + (q ? '?' + q : ''));
    hideDrill();
    load();
  }
  if (yearSel) yearSel.addEventListener('change', onFilter);
  if (deptSel) deptSel.addEventListener('change', onFilter);

  // ---- charts ---------------------------------------------------------------------------
  function chart(name, height) {
    var el = document.getElementById('chart-' + name);
    if (height) el.style.height = height + 'px';
    var c = charts[name];
    if (!c) {
      c = echarts.init(el, null, { renderer: 'svg' });
      charts[name] = c;
      c.on('click', function (p) {
        if (clicks[name]) clicks[name](p);
      });
    } else {
      c.resize();
    }
    return c;
  }

  function empty(name) {
    clicks[name] = null;
    chart(name).setOption({
      title: {
        text: t('暂无数据', 'No data'), left: 'center', top: 'middle',
        textStyle: { color: '#94a3b8', fontSize: 14, fontWeight: 'normal', fontFamily: FONT }
      }
    }, true);
  }

  function base(extra) {
    var o = {
      textStyle: { fontFamily: FONT },
      animationDuration: 300,
      tooltip: { confine: true }
    };
    Object.keys(extra).forEach(function (k) { o[k] = extra[k]; });
    return o;
  }

  function esc(s) {
    return String(s == null ? '' : s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  function pipeline(d) {
    var p = d.pipeline;
    if (!p.units.length) return empty('pipeline');
    var c = chart('pipeline', Math.max(200, 70 + p.units.length * 30));
    c.setOption(base({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
      legend: { top: 0, textStyle: { fontFamily: FONT } },
      grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: {
        type: 'category', inverse: true, data: p.units.map(function (u) { return u.unit; }),
        axisLabel: { width: 180, overflow: 'truncate' }
      },
      series: p.states.map(function (s, i) {
        return {
          name: stateLabels[s] || s, type: 'bar', stack: 'docs', barMaxWidth: 26,
          itemStyle: { color: STATE_COLORS[s] || '#64748b' },
          emphasis: { focus: 'series' }, cursor: 'pointer',
          data: p.units.map(function (u) { return u.counts[i] || null; })
        };
      })
    }), true);
    clicks.pipeline = function (e) {
      var u = p.units[e.dataIndex];
      var s = p.states[e.seriesIndex];
      if (!u || s == null) return;
      drill('pipeline', u.unit + ' · ' + (stateLabels[s] || s),
        { n: u.counts[e.seriesIndex], ids: u.ids[e.seriesIndex] });
    };
  }

  var GRADE_EN = { '优': '优 Excellent', '良': '良 Good', '中': '中 Fair', '差': '差 Poor' };

  function hideZero(e) { return e.value ? String(e.value) : ''; }

  function gradeLabel(g) { return en ? (GRADE_EN[g] || g) : g; }

  function grades(d) {
    var g = d.grades;
    var any = g.stated.concat(g.recomputed).some(function (x) { return x.n > 0; });
    if (!any) return empty('grades');
    var c = chart('grades');
    var names = [t('自评等级', 'Stated grade'), t('复算等级', 'Recomputed grade')];
    c.setOption(base({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
      legend: { top: 0, textStyle: { fontFamily: FONT } },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: g.grades.map(gradeLabel) },
      yAxis: { type: 'value', minInterval: 1, name: t('份', 'docs') },
      series: [
        { name: names[0], type: 'bar', barMaxWidth: 36, itemStyle: { color: '#94a3b8' }, cursor: 'pointer',
          label: { show: true, position: 'top', formatter: hideZero }, data: g.stated.map(function (x) { return x.n; }) },
        { name: names[1], type: 'bar', barMaxWidth: 36, itemStyle: { color: '#1f4e79' }, cursor: 'pointer',
          label: { show: true, position: 'top', formatter: hideZero }, data: g.recomputed.map(function (x) { return x.n; }) }
      ]
    }), true);
    clicks.grades = function (e) {
      var list = e.seriesIndex === 0 ? g.stated : g.recomputed;
      var entry = list[e.dataIndex];
      if (entry) drill('grades', names[e.seriesIndex] + ' · ' + gradeLabel(g.grades[e.dataIndex]), entry);
    };
  }

  function rateColor(r) {
    if (r < 60) return '#b42318';
    if (r < 90) return '#d97706';
    return '#1d7a46';
  }

  function execution(d) {
    var x = d.execution;
    var note = document.getElementById('execution-note');
    if (note && !note.getAttribute('data-base')) note.setAttribute('data-base', note.textContent);
    if (note) {
      var extra = x.total > x.projects.length
        ? t('（共 ' + x.total + ' 个项目，显示执行率最低的 ' + x.projects.length + ' 个）',
          ' (' + x.total + ' projects; the ' + x.projects.length + ' lowest shown)')
        : '';
      note.textContent = note.getAttribute('data-base') + extra;
    }
    if (!x.projects.length) return empty('execution');
    var c = chart('execution', Math.max(220, 50 + x.projects.length * 26));
    // A project name charted twice (two units) says whose it is.
    var seen = {};
    x.projects.forEach(function (p) { seen[p.project] = (seen[p.project] || 0) + 1; });
    var dup = Object.keys(seen).some(function (k) { return seen[k] > 1; });
    var maxRate = x.projects.reduce(function (m, p) { return Math.max(m, Number(p.rate)); }, 100);
    c.setOption(base({
      tooltip: {
        trigger: 'item', confine: true,
        formatter: function (e) {
          var p = x.projects[e.dataIndex];
          return esc(p.project) + '<br>' + esc(p.unit) + '<br>' +
            t('全年预算数', 'Annual budget') + ' ' + esc(p.budget) + '<br>' +
            t('全年执行数', 'Executed') + ' ' + esc(p.executed) + '<br>' +
            t('执行率', 'Rate') + ' <b>' + esc(p.rate) + '%</b>';
        }
      },
      grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', max: Math.ceil(maxRate / 10) * 10, axisLabel: { formatter: '{value}%' } },
      yAxis: {
        type: 'category', inverse: true,
        data: x.projects.map(function (p) {
          var name = p.project || t('（无项目名）', '(unnamed)');
          return seen[p.project] > 1 ? name + ' · ' + p.unit : name;
        }),
        axisLabel: { width: dup ? 260 : 170, overflow: 'truncate' }
      },
      series: [{
        type: 'bar', name: t('执行率', 'Execution rate'), barMaxWidth: 18, cursor: 'pointer',
        label: { show: true, position: 'right', formatter: function (e) { return x.projects[e.dataIndex].rate + '%'; } },
        markLine: { silent: true, symbol: 'none', lineStyle: { color: '#94a3b8', type: 'dashed' }, label: { show: false }, data: [{ xAxis: 100 }] },
        data: x.projects.map(function (p) {
          return { value: Number(p.rate), itemStyle: { color: rateColor(Number(p.rate)) } };
        })
      }]
    }), true);
    clicks.execution = function (e) {
      var p = x.projects[e.dataIndex];
      if (p) drill('execution', (p.project || '') + ' · ' + p.unit + ' · ' + t('执行率 ', 'rate ') + p.rate + '%', p);
    };
  }

  function rules(d) {
    var r = d.rules;
    if (!r.length) return empty('rules');
    var c = chart('rules');
    c.setOption(base({
      tooltip: {
        trigger: 'item', confine: true,
        formatter: function (e) {
          var x = r[e.dataIndex];
          return '<b>' + esc(x.rule) + '</b> ' + esc(en ? (x.summary_en || '') : (x.summary || '')) + '<br>' +
            t('问题 ', 'Findings ') + x.findings + t(' 条，涉及文档 ', ' in ') + x.n + t(' 份', ' documents');
        }
      },
      grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: r.map(function (x) { return x.rule; }), axisLabel: { interval: 0, rotate: r.length > 10 ? 45 : 0 } },
      yAxis: { type: 'value', minInterval: 1, name: t('条', 'findings') },
      series: [{
        type: 'bar', name: t('问题条数', 'Findings'), barMaxWidth: 32, cursor: 'pointer',
        itemStyle: { color: '#9b1c1c' }, label: { show: true, position: 'top' },
        data: r.map(function (x) { return x.findings; })
      }]
    }), true);
    clicks.rules = function (e) {
      var x = r[e.dataIndex];
      if (x) drill('rules', x.rule + ' ' + (en ? (x.summary_en || '') : (x.summary || '')), x);
    };
  }

  function differences(d) {
    var u = d.differences;
    if (!u.length) return empty('differences');
    var c = chart('differences', Math.max(200, 50 + u.length * 30));
    c.setOption(base({
      tooltip: {
        trigger: 'item', confine: true,
        formatter: function (e) {
          var x = u[e.dataIndex];
          return esc(x.unit) + '<br>Σ|' + t('自评 − 复算', 'stated − recomputed') + '| = <b>' + esc(x.difference) +
            '</b><br>' + t('有差异的文档 ', 'Documents differing: ') + x.n;
        }
      },
      grid: { left: 8, right: 56, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', name: t('分', 'points') },
      yAxis: { type: 'category', inverse: true, data: u.map(function (x) { return x.unit; }), axisLabel: { width: 170, overflow: 'truncate' } },
      series: [{
        type: 'bar', name: t('差异合计', 'Total difference'), barMaxWidth: 22, cursor: 'pointer',
        itemStyle: { color: '#b42318' },
        label: { show: true, position: 'right', formatter: function (e) { return u[e.dataIndex].difference; } },
        data: u.map(function (x) { return Number(x.difference); })
      }]
    }), true);
    clicks.differences = function (e) {
      var x = u[e.dataIndex];
      if (x) drill('differences', x.unit + ' · Σ|' + t('自评 − 复算', 'stated − recomputed') + '| = ' + x.difference, x);
    };
  }

  // ---- the documents behind a figure ------------------------------------------------------
  function cell(tr, text, cls) {
    var td = document.createElement('td');
    if (cls) td.className = cls;
    if (text instanceof Node) td.appendChild(text); else td.textContent = text == null ? '—' : String(text);
    tr.appendChild(td);
    return td;
  }

  function drill(name, title, entry) {
    var section = document.getElementById('chart-' + name).closest('section');
    if (section && section.nextElementSibling !== drillCard) section.parentNode.insertBefore(drillCard, section.nextSibling);
    drillTitle.textContent = title;
    var ids = entry.ids || [];
    drillNote.textContent = entry.n > ids.length
      ? t('共 ' + entry.n + ' 份文档，列出最近的 ' + ids.length + ' 份。', entry.n + ' documents; the newest ' + ids.length + ' are listed.')
      : t('共 ' + entry.n + ' 份文档。', entry.n + ' document' + (entry.n === 1 ? '.' : 's.'));
    while (drillBody.firstChild) drillBody.removeChild(drillBody.firstChild);
    ids.forEach(function (id) {
      var row = (data && data.docs[String(id)]) || [];
      var doc = {
        unit: data && data.units[String(row[0])], project: row[1], year: row[2], kind: row[3], state: row[4]
      };
      var tr = document.createElement('tr');
      var a = document.createElement('a');
      a.href = '/documents/' + id;
      a.textContent = '#' + id;
      cell(tr, a, 'id');
      cell(tr, doc.unit);
      var pa = document.createElement('a');
      pa.href = '/documents/' + id;
      pa.textContent = doc.project || t('（无项目名）', '(unnamed)');
      cell(tr, pa);
      cell(tr, doc.year);
      cell(tr, kindLabels[doc.kind] || doc.kind);
      var st = document.createElement('span');
      st.className = 'state state-' + (doc.state || '');
      st.textContent = stateLabels[doc.state] || doc.state || '—';
      cell(tr, st);
      drillBody.appendChild(tr);
    });
    drillCard.hidden = false;
    if (drillCard.scrollIntoView) drillCard.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }

  function hideDrill() {
    drillCard.hidden = true;
  }
  document.getElementById('drill-close').addEventListener('click', hideDrill);

  // ---- loading --------------------------------------------------------------------------
  function render(d) {
    data = d;
    errorEl.hidden = true;
    fillSelect(yearSel, d.years.slice().reverse().map(function (y) { return { value: y, text: String(y) }; }), filter.year);
    fillSelect(deptSel, d.departments.map(function (x) { return { value: x.id, text: x.name }; }), filter.department);
    totalEl.textContent = '';
    var strong = document.createElement('strong');
    strong.textContent = String(d.total);
    totalEl.appendChild(document.createTextNode(t('共 ', '')));
    totalEl.appendChild(strong);
    totalEl.appendChild(document.createTextNode(t(' 份文档', ' documents')));
    pipeline(d);
    grades(d);
    execution(d);
    rules(d);
    differences(d);
    root.setAttribute('data-loaded', 'true');
  }

  function load() {
    root.removeAttribute('data-loaded');
    NAMES.forEach(function (n) { if (charts[n]) charts[n].showLoading({ text: t('加载中…', 'Loading…') }); });
    var q = query();
    fetch(root.getAttribute('data-src') + (q ? '?' + q : ''), {
      credentials: 'same-origin', headers: { Accept: 'application/json' }
    }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (body) {
        if (!r.ok) throw new Error(body.error || body.message || ('HTTP ' + r.status));
        return body;
      });
    }).then(function (d) {
      NAMES.forEach(function (n) { if (charts[n]) charts[n].hideLoading(); });
      render(d);
    }).catch(function (e) {
      NAMES.forEach(function (n) { if (charts[n]) charts[n].hideLoading(); });
      errorEl.textContent = t('看板数据加载失败：', 'The dashboard could not be loaded: ') + e.message;
      errorEl.hidden = false;
    });
  }

  var resizing = null;
  window.addEventListener('resize', function () {
    clearTimeout(resizing);
    resizing = setTimeout(function () {
      NAMES.forEach(function (n) { if (charts[n]) charts[n].resize(); });
    }, 120);
  });

  load();
})();
