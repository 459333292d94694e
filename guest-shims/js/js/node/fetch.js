'use strict';
// The web fetch API over the host's `http-request` (wit/lambdabox.wit): the host checks the
// destination against the function's allowed outbound hosts, follows redirects and enforces
// the time limit; this file only shapes requests and responses like undici.

const native = internal.native;

function toBytes(body) {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return new TextEncoder().encode(body);
  if (body instanceof ArrayBuffer) return new Uint8Array(body.slice(0));
  if (ArrayBuffer.isView(body)) {
    return new Uint8Array(body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength));
  }
  if (typeof URLSearchParams !== 'undefined' && body instanceof URLSearchParams) {
    return new TextEncoder().encode(body.toString());
  }
  return new TextEncoder().encode(String(body));
}

function defaultContentType(body) {
  if (typeof body === 'string') return 'text/plain;charset=UTF-8';
  if (typeof URLSearchParams !== 'undefined' && body instanceof URLSearchParams) {
    return 'application/x-www-form-urlencoded;charset=UTF-8';
  }
  return null;
}

class Headers {
  constructor(init) {
    this._list = [];
    if (init instanceof Headers) {
      for (const [k, v] of init._list) this._list.push([k, v]);
    } else if (Array.isArray(init)) {
      for (const pair of init) this.append(pair[0], pair[1]);
    } else if (init && typeof init === 'object') {
      for (const k of Object.keys(init)) this.append(k, init[k]);
    }
  }
  append(name, value) {
    this._list.push([String(name).toLowerCase(), String(value)]);
  }
  set(name, value) {
    this.delete(name);
    this.append(name, value);
  }
  get(name) {
    const n = String(name).toLowerCase();
    const values = this._list.filter(([k]) => k === n).map(([, v]) => v);
    if (values.length === 0) return null;
    return n === 'set-cookie' ? values[0] : values.join(', ');
  }
  getSetCookie() {
    return this._list.filter(([k]) => k === 'set-cookie').map(([, v]) => v);
  }
  has(name) {
    const n = String(name).toLowerCase();
    return this._list.some(([k]) => k === n);
  }
  delete(name) {
    const n = String(name).toLowerCase();
    this._list = this._list.filter(([k]) => k !== n);
  }
  *entries() {
    const names = [...new Set(this._list.map(([k]) => k))].sort();
    for (const n of names) yield [n, this.get(n)];
  }
  keys() {
    return [...this.entries()].map(([k]) => k)[Symbol.iterator]();
  }
  values() {
    return [...this.entries()].map(([, v]) => v)[Symbol.iterator]();
  }
  forEach(fn, thisArg) {
    for (const [k, v] of this.entries()) fn.call(thisArg, v, k, this);
  }
  [Symbol.iterator]() {
    return this.entries();
  }
}

class Body {
  _initBody(bytes) {
    this._bytes = bytes || new Uint8Array(0);
    this.bodyUsed = false;
  }
  _consume() {
    if (this.bodyUsed) return Promise.reject(new TypeError('Body is unusable: Body has already been read'));
    this.bodyUsed = true;
    return Promise.resolve(this._bytes);
  }
  arrayBuffer() {
    return this._consume().then((b) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
  }
  bytes() {
    return this._consume().then((b) => new Uint8Array(b));
  }
  text() {
    return this._consume().then((b) => new TextDecoder().decode(b));
  }
  json() {
    return this.text().then((t) => JSON.parse(t));
  }
}

class Request extends Body {
  constructor(input, init = {}) {
    super();
    const base = input instanceof Request ? input : null;
    this.url = base ? base.url : new URL(String(input)).href;
    this.method = String(init.method || (base ? base.method : 'GET')).toUpperCase();
    this.headers = new Headers(init.headers || (base ? base.headers : undefined));
    const body = init.body !== undefined ? init.body : undefined;
    if (body !== undefined && body !== null && (this.method === 'GET' || this.method === 'HEAD')) {
      throw new TypeError('Request with GET/HEAD method cannot have body.');
    }
    const type = defaultContentType(body);
    if (type && !this.headers.has('content-type')) this.headers.set('content-type', type);
    this._initBody(body !== undefined ? toBytes(body) : base ? base._bytes : undefined);
    this.redirect = init.redirect || 'follow';
    this.signal = init.signal || null;
  }
}

const STATUS_TEXT = {
  200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No Content', 301: 'Moved Permanently',
  302: 'Found', 303: 'See Other', 304: 'Not Modified', 307: 'Temporary Redirect',
  308: 'Permanent Redirect', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden',
  404: 'Not Found', 409: 'Conflict', 429: 'Too Many Requests', 500: 'Internal Server Error',
  502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};

class Response extends Body {
  constructor(body, init = {}) {
    super();
    this.status = init.status === undefined ? 200 : init.status;
    this.statusText = init.statusText !== undefined ? init.statusText : STATUS_TEXT[this.status] || '';
    this.headers = new Headers(init.headers);
    const type = defaultContentType(body);
    if (type && !this.headers.has('content-type')) this.headers.set('content-type', type);
    this.ok = this.status >= 200 && this.status < 300;
    this.url = init.url || '';
    this.redirected = false;
    this.type = 'default';
    this._initBody(toBytes(body));
  }
  clone() {
    if (this.bodyUsed) throw new TypeError('Response.clone: Body has already been consumed.');
    const r = new Response(this._bytes, this);
    r.url = this.url;
    r.redirected = this.redirected;
    return r;
  }
  static json(data, init = {}) {
    const headers = new Headers(init.headers);
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
    return new Response(JSON.stringify(data), { ...init, headers });
  }
}

function fetch(input, init) {
  return new Promise((resolve, reject) => {
    let request;
    try {
      request = new Request(input, init);
    } catch (e) {
      reject(e);
      return;
    }
    if (request.signal && request.signal.aborted) {
      reject(request.signal.reason || new Error('This operation was aborted'));
      return;
    }
    let answer;
    try {
      answer = native.httpRequest(request.method, request.url, request.headers._list, request._bytes);
    } catch (e) {
      // undici's shape (TypeError 'fetch failed' with a cause), with the host's reason in the
      // message so an uncaught failure says what happened and how to allow it.
      const cause = new Error(e && e.message ? e.message : String(e));
      const err = new TypeError('fetch failed: ' + cause.message);
      err.cause = cause;
      reject(err);
      return;
    }
    const response = new Response(answer.body, { status: answer.status, headers: answer.headers });
    response.url = answer.url;
    response.redirected = answer.url !== request.url;
    resolve(response);
  });
}

module.exports = { fetch, Headers, Request, Response };
