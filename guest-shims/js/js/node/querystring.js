'use strict';
// node:querystring.

function qsEscape(str) {
  return encodeURIComponent(str).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}
function qsUnescape(s) {
  try {
    return decodeURIComponent(s);
  } catch (e) {
    return s.replace(/%([0-9a-fA-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16)));
  }
}
function stringifyPrimitive(v) {
  if (typeof v === 'string') return v;
  if ((typeof v === 'number' && isFinite(v)) || typeof v === 'bigint') return String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return '';
}
function stringify(obj, sep = '&', eq = '=', options) {
  const encode = (options && options.encodeURIComponent) || module.exports.escape;
  if (obj === null || typeof obj !== 'object') return '';
  const out = [];
  for (const k of Object.keys(obj)) {
    const v = obj[k];
    const ks = encode(stringifyPrimitive(k)) + eq;
    if (Array.isArray(v)) for (const x of v) out.push(ks + encode(stringifyPrimitive(x)));
    else out.push(ks + encode(stringifyPrimitive(v)));
  }
  return out.join(sep);
}
function parse(qs, sep = '&', eq = '=', options) {
  const obj = Object.create(null);
  if (typeof qs !== 'string' || qs.length === 0) return obj;
  const decode = (options && options.decodeURIComponent) || module.exports.unescape;
  let parts = qs.split(sep);
  const max = options && typeof options.maxKeys === 'number' ? options.maxKeys : 1000;
  if (max > 0) parts = parts.slice(0, max);
  for (const part of parts) {
    if (part === '') continue;
    const i = part.indexOf(eq);
    const k = decode((i >= 0 ? part.slice(0, i) : part).replace(/\+/g, ' '));
    const v = i >= 0 ? decode(part.slice(i + eq.length).replace(/\+/g, ' ')) : '';
    if (!(k in obj)) obj[k] = v;
    else if (Array.isArray(obj[k])) obj[k].push(v);
    else obj[k] = [obj[k], v];
  }
  return obj;
}
module.exports = { stringify, parse, encode: stringify, decode: parse, escape: qsEscape, unescape: qsUnescape };
