'use strict';
// http.request / https.request / get over the host's `http-request` (wit/lambdabox.wit).
// The request is buffered and sent on end(); the host checks the destination against the
// function's allowed outbound hosts. Difference from Node: the host follows redirects (each
// hop re-checked), so a 3xx with a Location is never seen here.
const EventEmitter = internal.require('events');
const { Readable } = internal.require('stream');
const { Buffer } = internal.require('buffer');

function denied(host, port, message) {
  const err = new Error(message);
  err.code = 'ECONNREFUSED';
  err.syscall = 'connect';
  err.address = host;
  err.port = port;
  return err;
}

class IncomingMessage extends Readable {
  constructor(answer, statusText) {
    super({ read() {} });
    this.statusCode = answer.status;
    this.statusMessage = statusText || '';
    this.httpVersion = '1.1';
    this.headers = {};
    this.rawHeaders = [];
    for (const [k, v] of answer.headers) {
      this.rawHeaders.push(k, v);
      if (k === 'set-cookie') (this.headers[k] = this.headers[k] || []).push(v);
      else this.headers[k] = k in this.headers ? this.headers[k] + ', ' + v : v;
    }
    this.url = '';
    this.complete = false;
  }
}

class ClientRequest extends EventEmitter {
  constructor(protocol, host, port, method, path, headers, statusCodes) {
    super();
    this.protocol = protocol;
    this.method = method;
    this.path = path;
    this.host = host;
    this._port = port;
    this._headers = {};
    for (const k of Object.keys(headers || {})) this.setHeader(k, headers[k]);
    this._chunks = [];
    this._statusCodes = statusCodes;
    this.destroyed = false;
    this.finished = false;
  }
  setHeader(name, value) {
    this._headers[String(name).toLowerCase()] = value;
    return this;
  }
  getHeader(name) {
    return this._headers[String(name).toLowerCase()];
  }
  removeHeader(name) {
    delete this._headers[String(name).toLowerCase()];
  }
  setTimeout(ms, cb) {
    if (cb) this.once('timeout', cb);
    return this;
  }
  setNoDelay() {}
  setSocketKeepAlive() {}
  write(chunk, encoding, cb) {
    if (typeof encoding === 'function') cb = encoding;
    if (chunk !== undefined && chunk !== null) {
      this._chunks.push(Buffer.isBuffer(chunk) || chunk instanceof Uint8Array ? chunk : Buffer.from(String(chunk), typeof encoding === 'string' ? encoding : 'utf8'));
    }
    if (cb) internal.timers.setImmediate(cb);
    return true;
  }
  end(...args) {
    const cb = args.find((a) => typeof a === 'function');
    const data = args.find((a) => typeof a !== 'function');
    if (data !== undefined) this.write(data, typeof args[1] === 'string' ? args[1] : undefined);
    if (cb) this.once('finish', cb);
    if (this.finished) return this;
    this.finished = true;
    internal.timers.setImmediate(() => this._send());
    return this;
  }
  _send() {
    if (this.destroyed) return;
    this.emit('finish');
    const hostPart = this.host.includes(':') ? `[${this.host}]` : this.host;
    const url = `${this.protocol}//${hostPart}:${this._port}${this.path}`;
    const headers = [];
    for (const k of Object.keys(this._headers)) {
      const v = this._headers[k];
      for (const one of Array.isArray(v) ? v : [v]) headers.push([k, String(one)]);
    }
    let answer;
    try {
      answer = internal.native.httpRequest(this.method, url, headers, Buffer.concat(this._chunks));
    } catch (e) {
      this.destroyed = true;
      this.emit('error', denied(this.host, this._port, e && e.message ? e.message : String(e)));
      this.emit('close');
      return;
    }
    const res = new IncomingMessage(answer, this._statusCodes[answer.status]);
    this.res = res;
    this.emit('response', res);
    if (answer.body.length) res.push(Buffer.from(answer.body.buffer, answer.body.byteOffset, answer.body.byteLength));
    res.complete = true;
    res.push(null);
    this.emit('close');
  }
  abort() {
    this.destroy();
  }
  destroy(err) {
    if (this.destroyed) return this;
    this.destroyed = true;
    if (err) internal.timers.setImmediate(() => this.emit('error', err));
    return this;
  }
}

module.exports = { ClientRequest, IncomingMessage };
