'use strict';
// node:url — WHATWG URL and URLSearchParams (the common subset of the URL Standard:
// special and opaque schemes, relative resolution, dot segments, percent-encoding; no IDNA),
// plus the legacy url.parse/format/resolve and the file URL helpers.
const querystring = internal.require('querystring');

const SPECIAL = { 'http:': '80', 'https:': '443', 'ws:': '80', 'wss:': '443', 'ftp:': '21', 'file:': '' };

function invalidUrl(input) {
  const err = new TypeError('Invalid URL');
  err.code = 'ERR_INVALID_URL';
  err.input = input;
  return err;
}

// Percent-encodes the characters of `set` (plus controls and non-ASCII) as UTF-8.
function encodeSet(s, set) {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0);
    if (c <= 0x20 || c >= 0x7f || set.includes(ch)) {
      for (const b of new TextEncoder().encode(ch)) out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
    } else out += ch;
  }
  return out;
}
const PATH_SET = '"#<>?`{}';
const QUERY_SET = '"#<>';
const SPECIAL_QUERY_SET = '"#<>\'';
const FRAGMENT_SET = '"<>`';
const USERINFO_SET = '"#<>?`{}/:;=@[\\]^|';

function resolveDots(segments) {
  const out = [];
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i];
    const last = i === segments.length - 1;
    if (seg === '..' || seg.toLowerCase() === '%2e%2e' || seg === '.%2e' || seg === '%2e.') {
      if (out.length) out.pop();
      if (last) out.push('');
    } else if (seg === '.' || seg.toLowerCase() === '%2e') {
      if (last) out.push('');
    } else out.push(seg);
  }
  return out;
}

function parseHost(host, special, input) {
  if (host === '') {
    if (special) throw invalidUrl(input);
    return '';
  }
  if (host.startsWith('[')) {
    if (!host.endsWith(']')) throw invalidUrl(input);
    return host.toLowerCase();
  }
  let h = host;
  try {
    h = decodeURIComponent(host);
  } catch (e) {
    throw invalidUrl(input);
  }
  if (!special) return encodeSet(host, '');
  h = h.toLowerCase();
  if (/[\x00-\x20#%/:<>?@[\\\]^|]/.test(h)) throw invalidUrl(input);
  // IPv4 written in decimal parts is kept; other numeric forms are left as they are.
  return h;
}

function parse(input, base) {
  let s = String(input).replace(/^[\x00-\x20]+|[\x00-\x20]+$/g, '').replace(/[\t\n\r]/g, '');
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(s);
  let url;
  if (m) {
    const protocol = m[1].toLowerCase() + ':';
    let rest = s.slice(m[0].length);
    const special = protocol in SPECIAL;
    if (special) rest = rest.replace(/\\/g, '/');
    if (special && base && base.protocol === protocol && !rest.startsWith('/')) {
      return resolveRelative(rest, base, special, input);
    }
    url = { protocol, username: '', password: '', hostname: '', port: '', pathname: '', search: '', hash: '', opaque: false, hasHost: false };
    rest = splitTail(url, rest, special);
    if (rest.startsWith('//') || (special && protocol !== 'file:')) {
      // Special schemes ignore any number of slashes; file: and the others take exactly two.
      rest = special && protocol !== 'file:' ? rest.replace(/^\/*/, '') : rest.slice(2);
      const end = rest.search(/[/]/);
      const authority = end < 0 ? rest : rest.slice(0, end);
      rest = end < 0 ? '' : rest.slice(end);
      setAuthority(url, authority, special, input);
      url.hasHost = true;
      url.pathname = normalizePath(rest, special, true);
    } else if (protocol === 'file:') {
      url.hasHost = true;
      url.pathname = normalizePath(rest, true, true);
    } else if (rest.startsWith('/')) {
      url.pathname = normalizePath(rest, false, false);
    } else {
      url.opaque = true;
      url.pathname = encodeSet(rest, '');
    }
    return url;
  }
  if (!base) throw invalidUrl(input);
  const special = base.protocol in SPECIAL;
  if (special) s = s.replace(/\\/g, '/');
  if (base.opaque) {
    if (s.startsWith('#')) return Object.assign({}, base, { hash: encodeFragment(s) });
    throw invalidUrl(input);
  }
  return resolveRelative(s, base, special, input);
}

function encodeFragment(s) {
  return s === '#' ? '' : '#' + encodeSet(s.slice(1), FRAGMENT_SET);
}

function splitTail(url, rest, special) {
  const hashAt = rest.indexOf('#');
  if (hashAt >= 0) {
    url.hash = encodeFragment(rest.slice(hashAt));
    rest = rest.slice(0, hashAt);
  }
  const queryAt = rest.indexOf('?');
  if (queryAt >= 0) {
    const q = rest.slice(queryAt + 1);
    url.search = q === '' ? '' : '?' + encodeSet(q, special ? SPECIAL_QUERY_SET : QUERY_SET);
    rest = rest.slice(0, queryAt);
  }
  return rest;
}

function setAuthority(url, authority, special, input) {
  const at = authority.lastIndexOf('@');
  if (at >= 0) {
    const userinfo = authority.slice(0, at);
    authority = authority.slice(at + 1);
    const colon = userinfo.indexOf(':');
    url.username = encodeSet(colon >= 0 ? userinfo.slice(0, colon) : userinfo, USERINFO_SET);
    url.password = colon >= 0 ? encodeSet(userinfo.slice(colon + 1), USERINFO_SET) : '';
  }
  const portMatch = /:(\d*)$/.exec(authority);
  let host = authority;
  if (portMatch && !authority.endsWith(']')) {
    host = authority.slice(0, portMatch.index);
    const port = portMatch[1];
    if (port !== '') {
      const n = Number(port);
      if (n > 65535) throw invalidUrl(input);
      url.port = String(n) === SPECIAL[url.protocol] ? '' : String(n);
    }
  } else if (/:[^\]]*$/.test(authority) && !authority.includes(']')) {
    throw invalidUrl(input);
  }
  if (url.protocol === 'file:' && host === 'localhost') host = '';
  url.hostname = url.protocol === 'file:' && host === '' ? '' : parseHost(host, special, input);
}

function normalizePath(p, special, hasHost) {
  if (p === '' && special) return '/';
  const segs = p.split('/');
  if (segs[0] === '') segs.shift();
  const out = resolveDots(segs.map((seg) => encodeSet(seg, PATH_SET)));
  return hasHost || p.startsWith('/') ? '/' + out.join('/') : out.join('/');
}

function resolveRelative(s, base, special, input) {
  const url = Object.assign({}, base, { search: '', hash: '' });
  if (s === '') {
    url.search = base.search;
    return url;
  }
  if (s.startsWith('//')) {
    return parse(base.protocol + s, undefined);
  }
  let rest = splitTail(url, s, special);
  if (rest === '') {
    url.pathname = base.pathname;
    if (!s.startsWith('?')) url.search = base.search;
    return url;
  }
  if (rest.startsWith('/')) {
    url.pathname = normalizePath(rest, special, true);
  } else {
    const dir = base.pathname.slice(0, base.pathname.lastIndexOf('/') + 1);
    url.pathname = normalizePath(dir + rest, special, true);
  }
  void input;
  return url;
}

const kState = Symbol('url');
const kParams = Symbol('params');

class URL {
  constructor(input, base) {
    let baseState;
    if (base !== undefined) baseState = base instanceof URL ? base[kState] : parse(String(base));
    this[kState] = parse(input instanceof URL ? input.href : String(input), baseState);
    this[kParams] = null;
  }
  static canParse(input, base) {
    try {
      new URL(input, base);
      return true;
    } catch (e) {
      return false;
    }
  }
  static parse(input, base) {
    try {
      return new URL(input, base);
    } catch (e) {
      return null;
    }
  }
  get href() {
    const u = this[kState];
    let out = u.protocol;
    if (u.hasHost) {
      out += '//';
      if (u.username || u.password) out += u.username + (u.password ? ':' + u.password : '') + '@';
      out += u.hostname + (u.port ? ':' + u.port : '');
    } else if (!u.opaque && u.pathname.startsWith('//')) out += '/.';
    return out + u.pathname + u.search + u.hash;
  }
  set href(v) {
    this[kState] = parse(String(v));
    this[kParams] = null;
  }
  get origin() {
    const u = this[kState];
    if (u.protocol in SPECIAL && u.protocol !== 'file:') return `${u.protocol}//${this.host}`;
    return 'null';
  }
  get protocol() {
    return this[kState].protocol;
  }
  set protocol(v) {
    const p = String(v).replace(/:.*$/, '').toLowerCase() + ':';
    if (/^[a-z][a-z0-9+.-]*:$/.test(p) && (p in SPECIAL) === (this[kState].protocol in SPECIAL)) this[kState].protocol = p;
  }
  get username() {
    return this[kState].username;
  }
  set username(v) {
    this[kState].username = encodeSet(String(v), USERINFO_SET);
  }
  get password() {
    return this[kState].password;
  }
  set password(v) {
    this[kState].password = encodeSet(String(v), USERINFO_SET);
  }
  get host() {
    const u = this[kState];
    return u.hostname + (u.port ? ':' + u.port : '');
  }
  set host(v) {
    const u = this[kState];
    if (u.opaque) return;
    setAuthority(u, String(v), u.protocol in SPECIAL, v);
  }
  get hostname() {
    return this[kState].hostname;
  }
  set hostname(v) {
    const u = this[kState];
    if (!u.opaque) u.hostname = parseHost(String(v), u.protocol in SPECIAL, v);
  }
  get port() {
    return this[kState].port;
  }
  set port(v) {
    const s = String(v);
    if (s === '') this[kState].port = '';
    else {
      const m = /^\d+/.exec(s);
      if (m && Number(m[0]) <= 65535) this[kState].port = String(Number(m[0])) === SPECIAL[this[kState].protocol] ? '' : String(Number(m[0]));
    }
  }
  get pathname() {
    return this[kState].pathname;
  }
  set pathname(v) {
    const u = this[kState];
    if (!u.opaque) u.pathname = normalizePath(String(v), u.protocol in SPECIAL, u.hasHost);
  }
  get search() {
    const s = this[kState].search;
    return s.length <= 1 ? '' : s;
  }
  set search(v) {
    let s = String(v);
    if (s.startsWith('?')) s = s.slice(1);
    this[kState].search = s === '' ? '' : '?' + encodeSet(s, this[kState].protocol in SPECIAL ? SPECIAL_QUERY_SET : QUERY_SET);
    if (this[kParams]) this[kParams]._reset(s);
  }
  get searchParams() {
    if (!this[kParams]) {
      this[kParams] = new URLSearchParams(this.search);
      this[kParams]._url = this;
    }
    return this[kParams];
  }
  get hash() {
    const h = this[kState].hash;
    return h.length <= 1 ? '' : h;
  }
  set hash(v) {
    let s = String(v);
    if (s.startsWith('#')) s = s.slice(1);
    this[kState].hash = s === '' ? '' : '#' + encodeSet(s, FRAGMENT_SET);
  }
  toString() {
    return this.href;
  }
  toJSON() {
    return this.href;
  }
  [Symbol.for('nodejs.util.inspect.custom')](depth, options, inspect) {
    const obj = {
      href: this.href,
      origin: this.origin,
      protocol: this.protocol,
      username: this.username,
      password: this.password,
      host: this.host,
      hostname: this.hostname,
      port: this.port,
      pathname: this.pathname,
      search: this.search,
      searchParams: this.searchParams,
      hash: this.hash,
    };
    return `URL ${inspect(obj, options)}`;
  }
}

// application/x-www-form-urlencoded serialisation.
function formEncode(s) {
  let out = '';
  for (const b of new TextEncoder().encode(s)) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9*\-._]/.test(c)) out += c;
    else if (b === 0x20) out += '+';
    else out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}
function formDecode(s) {
  const bytes = [];
  const src = s.replace(/\+/g, ' ');
  for (let i = 0; i < src.length; i++) {
    if (src[i] === '%' && /^[0-9a-fA-F]{2}$/.test(src.slice(i + 1, i + 3))) {
      bytes.push(parseInt(src.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      for (const b of new TextEncoder().encode(src[i])) bytes.push(b);
    }
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

class URLSearchParams {
  constructor(init) {
    this._list = [];
    this._url = null;
    if (init === undefined || init === null) return;
    if (typeof init === 'object' && typeof init[Symbol.iterator] === 'function') {
      for (const pair of init) {
        const p = [...pair];
        if (p.length !== 2) {
          const err = new TypeError('Each query pair must be an iterable [name, value] tuple');
          err.code = 'ERR_INVALID_TUPLE';
          throw err;
        }
        this._list.push([String(p[0]), String(p[1])]);
      }
    } else if (typeof init === 'object') {
      for (const k of Object.keys(init)) this._list.push([k, String(init[k])]);
    } else {
      this._reset(String(init));
    }
  }
  _reset(s) {
    if (s.startsWith('?')) s = s.slice(1);
    this._list = [];
    for (const part of s.split('&')) {
      if (part === '') continue;
      const i = part.indexOf('=');
      this._list.push(i >= 0 ? [formDecode(part.slice(0, i)), formDecode(part.slice(i + 1))] : [formDecode(part), '']);
    }
  }
  _update() {
    if (this._url) {
      const s = this.toString();
      this._url[kState].search = s === '' ? '' : '?' + s;
    }
  }
  get size() {
    return this._list.length;
  }
  append(k, v) {
    this._list.push([String(k), String(v)]);
    this._update();
  }
  delete(k, v) {
    this._list = this._list.filter(([a, b]) => !(a === String(k) && (v === undefined || b === String(v))));
    this._update();
  }
  get(k) {
    const e = this._list.find(([a]) => a === String(k));
    return e ? e[1] : null;
  }
  getAll(k) {
    return this._list.filter(([a]) => a === String(k)).map(([, b]) => b);
  }
  has(k, v) {
    return this._list.some(([a, b]) => a === String(k) && (v === undefined || b === String(v)));
  }
  set(k, v) {
    k = String(k);
    const i = this._list.findIndex(([a]) => a === k);
    if (i < 0) this._list.push([k, String(v)]);
    else {
      this._list[i][1] = String(v);
      this._list = this._list.filter(([a], j) => a !== k || j === i);
    }
    this._update();
  }
  sort() {
    this._list.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    this._update();
  }
  forEach(fn, thisArg) {
    for (const [k, v] of this._list) fn.call(thisArg, v, k, this);
  }
  keys() {
    return this._list.map(([k]) => k)[Symbol.iterator]();
  }
  values() {
    return this._list.map(([, v]) => v)[Symbol.iterator]();
  }
  entries() {
    return this._list.map(([k, v]) => [k, v])[Symbol.iterator]();
  }
  [Symbol.iterator]() {
    return this.entries();
  }
  toString() {
    return this._list.map(([k, v]) => `${formEncode(k)}=${formEncode(v)}`).join('&');
  }
  [Symbol.for('nodejs.util.inspect.custom')](depth, options, inspect) {
    if (this._list.length === 0) return 'URLSearchParams {}';
    return `URLSearchParams { ${this._list.map(([k, v]) => `${inspect(k)} => ${inspect(v)}`).join(', ')} }`;
  }
}

function fileURLToPath(u) {
  const url = typeof u === 'string' ? new URL(u) : u;
  if (url.protocol !== 'file:') {
    const err = new TypeError('The URL must be of scheme file');
    err.code = 'ERR_INVALID_URL_SCHEME';
    throw err;
  }
  return decodeURIComponent(url.pathname);
}
function pathToFileURL(p) {
  const abs = internal.require('path').resolve(p);
  const url = new URL('file://');
  url.pathname = abs.replace(/%/g, '%25') + (p.endsWith('/') && !abs.endsWith('/') ? '/' : '');
  return url;
}

// Legacy API (url.parse / format / resolve).
function Url() {
  this.protocol = null;
  this.slashes = null;
  this.auth = null;
  this.host = null;
  this.port = null;
  this.hostname = null;
  this.hash = null;
  this.search = null;
  this.query = null;
  this.pathname = null;
  this.path = null;
  this.href = null;
}
function legacyParse(str, parseQueryString) {
  const out = new Url();
  let rest = String(str).trim();
  const hashAt = rest.indexOf('#');
  if (hashAt >= 0) {
    out.hash = rest.slice(hashAt);
    rest = rest.slice(0, hashAt);
  }
  const queryAt = rest.indexOf('?');
  if (queryAt >= 0) {
    out.search = rest.slice(queryAt);
    out.query = rest.slice(queryAt + 1);
    rest = rest.slice(0, queryAt);
  } else if (parseQueryString) {
    out.search = '';
    out.query = {};
  }
  if (parseQueryString && typeof out.query === 'string') out.query = querystring.parse(out.query);
  const proto = /^([a-zA-Z][a-zA-Z0-9+.-]*:)/.exec(rest);
  if (proto) {
    out.protocol = proto[1].toLowerCase();
    rest = rest.slice(proto[1].length);
  }
  if (rest.startsWith('//')) {
    out.slashes = true;
    rest = rest.slice(2);
    const end = rest.search(/[/]/);
    let authority = end < 0 ? rest : rest.slice(0, end);
    rest = end < 0 ? '' : rest.slice(end);
    const at = authority.lastIndexOf('@');
    if (at >= 0) {
      out.auth = decodeURIComponent(authority.slice(0, at));
      authority = authority.slice(at + 1);
    }
    const pm = /:(\d*)$/.exec(authority);
    if (pm) {
      out.port = pm[1] || null;
      authority = authority.slice(0, pm.index);
    }
    out.hostname = authority.toLowerCase();
    out.host = out.hostname + (out.port ? ':' + out.port : '');
    if (rest === '' && out.protocol in SPECIAL) rest = '/';
  }
  out.pathname = rest === '' ? null : rest;
  out.path = (out.pathname || '') + (out.search || '') || null;
  out.href = legacyFormat(out);
  return out;
}
function legacyFormat(obj) {
  if (typeof obj === 'string') obj = legacyParse(obj);
  if (obj instanceof URL) return obj.href;
  let out = obj.protocol || '';
  if (out && !out.endsWith(':')) out += ':';
  const host = obj.host || (obj.hostname ? obj.hostname + (obj.port ? ':' + obj.port : '') : '');
  if (obj.slashes || (host && (out in SPECIAL || out === ''))) out += '//';
  if (obj.auth) out += encodeURIComponent(obj.auth).replace(/%3A/i, ':') + '@';
  out += host;
  let pathname = obj.pathname || '';
  if (host && pathname && !pathname.startsWith('/')) pathname = '/' + pathname;
  out += pathname;
  let search = obj.search || '';
  if (!search && obj.query && typeof obj.query === 'object') {
    const q = querystring.stringify(obj.query);
    if (q) search = '?' + q;
  }
  if (search && !search.startsWith('?')) search = '?' + search;
  out += search;
  let hash = obj.hash || '';
  if (hash && !hash.startsWith('#')) hash = '#' + hash;
  return out + hash;
}
function legacyResolve(from, to) {
  return new URL(to, new URL(from, 'resolve://')).href.replace(/^resolve:\/\/\/?/, from.startsWith('/') ? '/' : '');
}

module.exports = {
  URL,
  URLSearchParams,
  fileURLToPath,
  pathToFileURL,
  parse: legacyParse,
  format: legacyFormat,
  resolve: legacyResolve,
  Url,
  domainToASCII: (d) => String(d).toLowerCase(),
  domainToUnicode: (d) => String(d),
};
