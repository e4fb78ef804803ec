// jixiao workbench: what every page shares (language, API calls, sign-in and sign-out).
'use strict';

const LANG = document.documentElement.lang === 'en' ? 'en' : 'zh';
/** The Chinese or English string, by the page's language. */
function T(zh, en) { return LANG === 'en' ? en : zh; }

/** Calls the JSON API; resolves to {ok, status, body}. Never throws on HTTP errors. */
async function api(method, path, body, headers) {
  const opts = { method, headers: Object.assign({}, headers || {}), credentials: 'same-origin' };
  if (body !== undefined) {
    if (body instanceof Blob || body instanceof ArrayBuffer || typeof body === 'string') {
      opts.body = body;
    } else {
      opts.headers['Content-Type'] = 'application/json';
      opts.body = JSON.stringify(body);
    }
  }
  let resp;
  try {
    resp = await fetch(path, opts);
  } catch (e) {
    return { ok: false, status: 0, body: { error: T('网络错误：', 'network error: ') + e.message } };
  }
  let data = null;
  const ct = resp.headers.get('content-type') || '';
  if (ct.includes('application/json')) data = await resp.json();
  if (resp.status === 401 && !path.endsWith('/login')) {
    location.href = '/login?next=' + encodeURIComponent(location.pathname + location.search);
  }
  return { ok: resp.ok, status: resp.status, body: data };
}

/** Creates an element: el('td', {class: 'num'}, 'text', child…). */
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (k === 'text') e.textContent = v;
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

document.addEventListener('DOMContentLoaded', () => {
  const logout = document.getElementById('logout');
  if (logout) {
    logout.addEventListener('click', async () => {
      await api('POST', '/api/v1/logout');
      location.href = '/login';
    });
  }
  const form = document.getElementById('login-form');
  if (form) {
    const err = document.getElementById('login-error');
    const submit = async () => {
      err.hidden = true;
      const r = await api('POST', '/api/v1/login', {
        username: form.username.value.trim(),
        password: form.password.value,
      });
      if (r.ok) {
        location.href = form.dataset.next || '/workbench';
      } else {
        err.textContent = (r.body && r.body.error) || T('登录失败', 'sign-in failed');
        err.hidden = false;
      }
    };
    form.addEventListener('submit', (ev) => { ev.preventDefault(); submit(); });
    for (const b of document.querySelectorAll('.demo-login')) {
      b.addEventListener('click', () => { form.username.value = b.dataset.user; form.password.focus(); });
    }
  }
});
