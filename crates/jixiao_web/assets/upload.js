// 上传: drag and drop one or many documents; per-file results and progress.
'use strict';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function contentType(file) {
  if (/\.xlsx$/i.test(file.name) || file.type === XLSX) return XLSX;
  // Text in any layout, PDF, XLS, DOCX, HTML: the server detects the format from the bytes.
  if (/\.(txt|tsv|csv|md)$/i.test(file.name)) return 'text/plain';
  return 'application/octet-stream';
}

/** Uploads one file with progress; resolves to {status, body}. */
function send(file, onProgress) {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1/documents?name=' + encodeURIComponent(file.name));
    xhr.setRequestHeader('Content-Type', contentType(file));
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress(e.loaded / e.total); };
    xhr.onload = () => {
      let body = null;
      try { body = JSON.parse(xhr.responseText); } catch (_) { /* not JSON */ }
      resolve({ status: xhr.status, body });
    };
    xhr.onerror = () => resolve({ status: 0, body: { error: T('网络错误', 'network error') } });
    xhr.send(file);
  });
}

async function uploadAll(files) {
  const table = document.getElementById('results');
  const tbody = table.querySelector('tbody');
  const bar = document.getElementById('progress');
  const text = document.getElementById('progress-text');
  table.hidden = false;
  bar.parentElement.hidden = false;
  bar.max = files.length;
  bar.value = 0;
  let done = 0;
  for (const file of files) {
    const row = el('tr', { 'data-file': file.name }, el('td', {}, file.name), el('td', {}, T('上传中…', 'uploading…')), el('td'), el('td'));
    tbody.append(row);
    text.textContent = `${done} / ${files.length}`;
    const r = await send(file, (p) => { bar.value = done + p; });
    done += 1;
    bar.value = done;
    text.textContent = `${done} / ${files.length}`;
    const [, result, forms, notes] = row.children;
    if (r.status === 201) {
      row.className = 'ok';
      result.textContent = T('成功', 'done');
      for (const d of r.body.documents) {
        forms.append(el('a', { href: `/documents/${d.id}` }, `#${d.id} ${d.project || d.kind} (${d.year || '—'})`), el('br'));
      }
      for (const w of r.body.warnings || []) notes.append(el('div', { class: 'muted' }, `${T('第', 'line ')}${w.line_start}${T('行：', ': ')}${w.message}`));
    } else {
      row.className = 'failed';
      result.textContent = T('失败', 'failed') + ` (${r.status})`;
      notes.append(el('div', { class: 'error' }, (r.body && r.body.error) || ''));
      for (const e of (r.body && r.body.errors) || []) notes.append(el('div', { class: 'muted' }, e));
    }
  }
}

document.addEventListener('DOMContentLoaded', () => {
  const drop = document.getElementById('drop');
  const input = document.getElementById('files');
  if (!drop) return;
  drop.addEventListener('click', (e) => { if (e.target !== input) input.click(); });
  drop.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); input.click(); } });
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    uploadAll([...e.dataTransfer.files]);
  });
  input.addEventListener('change', () => { uploadAll([...input.files]); input.value = ''; });
});
