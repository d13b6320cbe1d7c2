/**
 * A self-contained API browser (no CDN: the app runs offline). The page loads docs.js from the same
 * origin (the Content-Security-Policy forbids inline scripts), which fetches the OpenAPI document and
 * renders operations by tag with their parameters, request body and responses; a filter box narrows them.
 */
export const DOCS_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>GridEnforce API</title>
<style>
  body { font: 14px/1.45 system-ui, sans-serif; margin: 0; color: #1d2330; background: #f6f7f9; }
  header { background: #1f3a5f; color: #fff; padding: 14px 24px; display: flex; gap: 16px; align-items: center; flex-wrap: wrap; }
  header h1 { font-size: 18px; margin: 0; }
  header input { flex: 1; min-width: 220px; padding: 6px 10px; border-radius: 4px; border: 0; font-size: 14px; }
  header a { color: #cfe0ff; }
  main { padding: 16px 24px; max-width: 1100px; }
  h2 { font-size: 16px; margin: 24px 0 8px; text-transform: capitalize; }
  details.op { background: #fff; border: 1px solid #dde1e7; border-radius: 6px; margin: 6px 0; }
  details.op > summary { cursor: pointer; padding: 8px 12px; display: flex; gap: 10px; align-items: baseline; }
  .m { font: bold 12px monospace; text-transform: uppercase; padding: 2px 6px; border-radius: 3px; color: #fff; min-width: 48px; text-align: center; }
  .get { background: #2f7d32; } .post { background: #1f5fbf; } .patch { background: #a06000; } .put { background: #6a3fb5; } .delete { background: #b3261e; }
  .path { font-family: monospace; font-weight: 600; }
  .sum { color: #596273; }
  .lock { margin-left: auto; font-size: 12px; color: #7a8494; }
  .body { padding: 0 14px 12px; }
  table { border-collapse: collapse; width: 100%; margin: 6px 0; }
  th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #eceef2; vertical-align: top; }
  pre { background: #f1f3f6; padding: 8px; border-radius: 4px; overflow: auto; max-height: 360px; font-size: 12px; }
  code { font-size: 12px; }
  .muted { color: #7a8494; }
</style>
</head>
<body>
<header><h1>GridEnforce API</h1><input id="q" type="search" placeholder="Filter: path, method, tag or summary"><a href="/api/v1/openapi.json">openapi.json</a></header>
<main id="root"><p class="muted">Loading the OpenAPI document…</p></main>
<script src="/api/docs/docs.js"></script>
</body>
</html>
`;

export const DOCS_JS = `'use strict';
(function () {
  var root = document.getElementById('root');
  var q = document.getElementById('q');
  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { e.append(c instanceof Node ? c : document.createTextNode(String(c))); });
    return e;
  }
  function resolve(doc, obj) {
    var seen = 0;
    while (obj && obj.$ref && seen++ < 10) {
      obj = obj.$ref.replace(/^#\\//, '').split('/').reduce(function (o, k) { return o && o[k]; }, doc);
    }
    return obj;
  }
  function schemaBlock(schema) { return el('pre', {}, [JSON.stringify(schema, null, 2)]); }
  function renderOp(doc, path, method, op) {
    var body = el('div', { class: 'body' });
    if (op.description) body.append(el('p', {}, [op.description]));
    var params = op.parameters || [];
    if (params.length) {
      var rows = params.map(function (p) {
        var s = p.schema || {};
        var type = s.enum ? s.enum.join(' | ') : (s.type || (s.anyOf ? 'any of…' : '')) + (s.format ? ' (' + s.format + ')' : '');
        return el('tr', {}, [el('td', {}, [el('code', {}, [p.name])]), el('td', {}, [p.in]), el('td', {}, [p.required ? 'required' : '']), el('td', {}, [type])]);
      });
      body.append(el('h4', {}, ['Parameters']), el('table', {}, [el('tr', {}, [el('th', {}, ['name']), el('th', {}, ['in']), el('th', {}, ['']), el('th', {}, ['schema'])])].concat(rows)));
    }
    if (op.requestBody) {
      Object.keys(op.requestBody.content || {}).forEach(function (ct) {
        body.append(el('h4', {}, ['Request body ', el('code', {}, [ct])]), schemaBlock(op.requestBody.content[ct].schema));
      });
    }
    body.append(el('h4', {}, ['Responses']));
    Object.keys(op.responses || {}).forEach(function (status) {
      var r = resolve(doc, op.responses[status]) || {};
      var d = el('details', {}, [el('summary', {}, [el('b', {}, [status]), ' ', r.description || ''])]);
      Object.keys(r.content || {}).forEach(function (ct) { d.append(el('div', { class: 'muted' }, [ct]), schemaBlock(resolve(doc, r.content[ct].schema))); });
      body.append(d);
    });
    var locked = !(op.security && op.security.length === 0);
    var text = (method + ' ' + path + ' ' + (op.summary || '') + ' ' + (op.tags || []).join(' ')).toLowerCase();
    return el('details', { class: 'op', 'data-text': text }, [
      el('summary', {}, [el('span', { class: 'm ' + method }, [method]), el('span', { class: 'path' }, [path]), el('span', { class: 'sum' }, [op.summary || '']), el('span', { class: 'lock' }, [locked ? 'bearer token' : 'public'])]),
      body,
    ]);
  }
  function render(doc) {
    root.textContent = '';
    root.append(el('p', {}, [doc.info.title + ' — ' + doc.info.version]), el('p', { class: 'muted' }, [doc.info.description || '']));
    var byTag = {};
    Object.keys(doc.paths).sort().forEach(function (path) {
      Object.keys(doc.paths[path]).forEach(function (method) {
        var op = doc.paths[path][method];
        var tag = (op.tags && op.tags[0]) || 'other';
        (byTag[tag] = byTag[tag] || []).push(renderOp(doc, path, method, op));
      });
    });
    Object.keys(byTag).sort().forEach(function (tag) {
      root.append(el('section', { 'data-tag': tag }, [el('h2', {}, [tag])].concat(byTag[tag])));
    });
  }
  q.addEventListener('input', function () {
    var needle = q.value.trim().toLowerCase();
    document.querySelectorAll('details.op').forEach(function (d) { d.hidden = needle !== '' && d.getAttribute('data-text').indexOf(needle) < 0; });
    document.querySelectorAll('section[data-tag]').forEach(function (s) { s.hidden = !s.querySelector('details.op:not([hidden])'); });
  });
  fetch('/api/v1/openapi.json').then(function (r) { return r.json(); }).then(render, function (err) {
    root.textContent = 'Could not load the OpenAPI document: ' + err;
  });
})();
`;
