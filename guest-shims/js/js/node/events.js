'use strict';
// node:events — EventEmitter, once, on(no), errorMonitor.

const kCapture = Symbol('kCapture');
const errorMonitor = Symbol('events.errorMonitor');

function checkListener(listener) {
  if (typeof listener !== 'function') {
    const err = new TypeError(`The "listener" argument must be of type function. Received ${listener === null ? 'null' : typeof listener}`);
    err.code = 'ERR_INVALID_ARG_TYPE';
    throw err;
  }
}

class EventEmitter {
  constructor(opts) {
    EventEmitter.init.call(this, opts);
  }
  static init() {
    if (this._events === undefined || this._events === Object.getPrototypeOf(this)._events) {
      this._events = Object.create(null);
      this._eventsCount = 0;
    }
    this._maxListeners = this._maxListeners || undefined;
  }
  setMaxListeners(n) {
    this._maxListeners = n;
    return this;
  }
  getMaxListeners() {
    return this._maxListeners === undefined ? EventEmitter.defaultMaxListeners : this._maxListeners;
  }
  emit(type, ...args) {
    if (this._events === undefined) EventEmitter.init.call(this);
    if (type === 'error' && this._events[errorMonitor]) this.emit(errorMonitor, ...args);
    const handlers = this._events[type];
    if (handlers === undefined) {
      if (type === 'error') {
        const er = args[0];
        if (er instanceof Error) throw er;
        const err = new Error(`Unhandled error. (${internal.require('util').inspect(er)})`);
        err.code = 'ERR_UNHANDLED_ERROR';
        err.context = er;
        throw err;
      }
      return false;
    }
    for (const h of handlers.slice()) h.apply(this, args);
    return true;
  }
  _add(type, listener, prepend) {
    checkListener(listener);
    if (this._events === undefined) EventEmitter.init.call(this);
    if (this._events.newListener !== undefined) this.emit('newListener', type, listener.listener ? listener.listener : listener);
    const list = this._events[type] || (this._eventsCount++, (this._events[type] = []));
    if (prepend) list.unshift(listener);
    else list.push(listener);
    return this;
  }
  on(type, listener) {
    return this._add(type, listener, false);
  }
  prependListener(type, listener) {
    return this._add(type, listener, true);
  }
  _onceWrap(type, listener) {
    const self = this;
    let fired = false;
    function wrapper(...args) {
      if (fired) return undefined;
      fired = true;
      self.removeListener(type, wrapper);
      return listener.apply(this, args);
    }
    wrapper.listener = listener;
    return wrapper;
  }
  once(type, listener) {
    checkListener(listener);
    return this.on(type, this._onceWrap(type, listener));
  }
  prependOnceListener(type, listener) {
    checkListener(listener);
    return this.prependListener(type, this._onceWrap(type, listener));
  }
  removeListener(type, listener) {
    checkListener(listener);
    if (this._events === undefined) return this;
    const list = this._events[type];
    if (!list) return this;
    for (let i = list.length - 1; i >= 0; i--) {
      if (list[i] === listener || list[i].listener === listener) {
        list.splice(i, 1);
        if (list.length === 0) {
          delete this._events[type];
          this._eventsCount--;
        }
        if (this._events.removeListener !== undefined) this.emit('removeListener', type, listener);
        break;
      }
    }
    return this;
  }
  off(type, listener) {
    return this.removeListener(type, listener);
  }
  removeAllListeners(type) {
    if (this._events === undefined) return this;
    if (type === undefined) {
      this._events = Object.create(null);
      this._eventsCount = 0;
    } else if (this._events[type]) {
      delete this._events[type];
      this._eventsCount--;
    }
    return this;
  }
  listeners(type) {
    const list = this._events && this._events[type];
    return list ? list.map((l) => l.listener || l) : [];
  }
  rawListeners(type) {
    const list = this._events && this._events[type];
    return list ? list.slice() : [];
  }
  listenerCount(type) {
    const list = this._events && this._events[type];
    return list ? list.length : 0;
  }
  eventNames() {
    return this._events ? Reflect.ownKeys(this._events) : [];
  }
}
EventEmitter.prototype.addListener = EventEmitter.prototype.on;
EventEmitter.prototype._events = undefined;
EventEmitter.prototype._eventsCount = 0;
EventEmitter.prototype._maxListeners = undefined;
EventEmitter.defaultMaxListeners = 10;
EventEmitter.errorMonitor = errorMonitor;
EventEmitter.captureRejections = false;
EventEmitter.captureRejectionSymbol = Symbol.for('nodejs.rejection');
void kCapture;

EventEmitter.once = function once(emitter, name) {
  return new Promise((resolve, reject) => {
    const onError = (err) => {
      emitter.removeListener(name, onEvent);
      reject(err);
    };
    const onEvent = (...args) => {
      if (name !== 'error') emitter.removeListener('error', onError);
      resolve(args);
    };
    emitter.once(name, onEvent);
    if (name !== 'error') emitter.once('error', onError);
  });
};
EventEmitter.listenerCount = (emitter, type) => emitter.listenerCount(type);
EventEmitter.EventEmitter = EventEmitter;
module.exports = EventEmitter;
