'use strict';
// node:http / node:https without a network: the sandbox gives Node.js handlers no sockets,
// so the modules load (libraries require them at start-up) and every request fails the way
// a refused connection does, with an error that says why. Servers cannot be created.
const EventEmitter = internal.require('events');

const STATUS_CODES = {
  100: 'Continue', 101: 'Switching Protocols', 200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No Content',
  206: 'Partial Content', 301: 'Moved Permanently', 302: 'Found', 303: 'See Other', 304: 'Not Modified',
  307: 'Temporary Redirect', 308: 'Permanent Redirect', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden',
  404: 'Not Found', 405: 'Method Not Allowed', 409: 'Conflict', 410: 'Gone', 413: 'Payload Too Large',
  415: 'Unsupported Media Type', 422: 'Unprocessable Entity', 429: 'Too Many Requests', 500: 'Internal Server Error',
  501: 'Not Implemented', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};
const METHODS = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'];

function networkError(host, port) {
  const err = new Error(`connect EACCES ${host}:${port} (the lambdabox sandbox gives Node.js handlers no network access)`);
  err.code = 'EACCES';
  err.errno = -13;
  err.syscall = 'connect';
  err.address = host;
  err.port = port;
  return err;
}

class Agent extends EventEmitter {
  constructor(options = {}) {
    super();
    this.options = options;
    this.keepAlive = Boolean(options.keepAlive);
    this.maxSockets = options.maxSockets || Infinity;
  }
  destroy() {}
}

class ClientRequest extends EventEmitter {
  constructor(host, port, method, path) {
    super();
    this.method = method;
    this.path = path;
    this.host = host;
    this._headers = {};
    this.destroyed = false;
    internal.timers.setImmediate(() => {
      if (!this.destroyed) this.emit('error', networkError(host, port));
      this.emit('close');
    });
  }
  setHeader(name, value) {
    this._headers[String(name).toLowerCase()] = value;
  }
  getHeader(name) {
    return this._headers[String(name).toLowerCase()];
  }
  removeHeader(name) {
    delete this._headers[String(name).toLowerCase()];
  }
  setTimeout() {
    return this;
  }
  setNoDelay() {}
  setSocketKeepAlive() {}
  write() {
    return true;
  }
  end(...args) {
    const cb = args.find((a) => typeof a === 'function');
    if (cb) this.once('finish', cb);
    return this;
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

function makeModule(protocol, defaultPort) {
  function request(input, options, callback) {
    if (typeof options === 'function') {
      callback = options;
      options = {};
    }
    let host = 'localhost';
    let port = defaultPort;
    let path = '/';
    let method = 'GET';
    if (typeof input === 'string' || (input && typeof input.href === 'string')) {
      const u = new URL(String(input.href || input));
      host = u.hostname;
      port = u.port || defaultPort;
      path = u.pathname + u.search;
    } else if (input && typeof input === 'object') {
      options = Object.assign({}, input, options);
    }
    options = options || {};
    host = options.hostname || options.host || host;
    port = options.port || port;
    path = options.path || path;
    method = (options.method || method).toUpperCase();
    const req = new ClientRequest(host, port, method, path);
    if (typeof callback === 'function') req.once('response', callback);
    return req;
  }
  function get(input, options, callback) {
    const req = request(input, options, callback);
    req.end();
    return req;
  }
  function createServer() {
    const err = new Error(`${protocol}.createServer is not available: the lambdabox sandbox gives Node.js handlers no network access`);
    err.code = 'ERR_FEATURE_UNAVAILABLE_ON_PLATFORM';
    throw err;
  }
  return { Agent, ClientRequest, METHODS, STATUS_CODES, globalAgent: new Agent(), request, get, createServer, maxHeaderSize: 16384 };
}

module.exports = { makeModule, networkError };
