'use strict';
// The web globals Event, EventTarget, AbortController and AbortSignal (DOM semantics,
// without capture phases: there is no tree to propagate through).

class Event {
  constructor(type, options = {}) {
    if (arguments.length === 0) throw new TypeError('The "type" argument must be specified');
    this._type = String(type);
    this._bubbles = Boolean(options.bubbles);
    this._cancelable = Boolean(options.cancelable);
    this._defaultPrevented = false;
    this._target = null;
    this._stop = false;
    this._timeStamp = performance.now();
  }
  get type() {
    return this._type;
  }
  get bubbles() {
    return this._bubbles;
  }
  get cancelable() {
    return this._cancelable;
  }
  get defaultPrevented() {
    return this._cancelable && this._defaultPrevented;
  }
  get target() {
    return this._target;
  }
  get currentTarget() {
    return this._target;
  }
  get timeStamp() {
    return this._timeStamp;
  }
  preventDefault() {
    this._defaultPrevented = true;
  }
  stopPropagation() {}
  stopImmediatePropagation() {
    this._stop = true;
  }
}

const kListeners = Symbol('listeners');

class EventTarget {
  constructor() {
    this[kListeners] = new Map();
  }
  addEventListener(type, listener, options = {}) {
    if (listener == null) return;
    const once = typeof options === 'object' && Boolean(options.once);
    const list = this[kListeners].get(type) || [];
    if (list.some((l) => l.listener === listener)) return;
    list.push({ listener, once });
    this[kListeners].set(type, list);
    if (typeof options === 'object' && options.signal) {
      options.signal.addEventListener('abort', () => this.removeEventListener(type, listener));
    }
  }
  removeEventListener(type, listener) {
    const list = this[kListeners].get(type);
    if (list) this[kListeners].set(type, list.filter((l) => l.listener !== listener));
  }
  dispatchEvent(event) {
    if (!(event instanceof Event)) throw new TypeError('The "event" argument must be an instance of Event.');
    event._target = this;
    const handler = this['on' + event.type];
    const list = (this[kListeners].get(event.type) || []).slice();
    if (typeof handler === 'function') list.unshift({ listener: handler, once: false });
    for (const entry of list) {
      if (entry.once) this.removeEventListener(event.type, entry.listener);
      try {
        if (typeof entry.listener === 'function') entry.listener.call(this, event);
        else entry.listener.handleEvent(event);
      } catch (e) {
        process.nextTick(() => {
          throw e;
        });
      }
      if (event._stop) break;
    }
    return !event.defaultPrevented;
  }
}

function abortReason() {
  return new DOMException('This operation was aborted', 'AbortError');
}

class AbortSignal extends EventTarget {
  constructor() {
    super();
    this._aborted = false;
    this._reason = undefined;
    this.onabort = null;
  }
  get aborted() {
    return this._aborted;
  }
  get reason() {
    return this._reason;
  }
  throwIfAborted() {
    if (this._aborted) throw this._reason;
  }
  _abort(reason) {
    if (this._aborted) return;
    this._aborted = true;
    this._reason = reason === undefined ? abortReason() : reason;
    this.dispatchEvent(new Event('abort'));
  }
  static abort(reason) {
    const s = new AbortSignal();
    s._abort(reason);
    return s;
  }
  static timeout(ms) {
    const s = new AbortSignal();
    internal.timers
      .setTimeout(() => s._abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')), ms)
      .unref();
    return s;
  }
  static any(signals) {
    const s = new AbortSignal();
    for (const other of signals) {
      if (other.aborted) {
        s._abort(other.reason);
        break;
      }
      other.addEventListener('abort', () => s._abort(other.reason));
    }
    return s;
  }
}

class AbortController {
  constructor() {
    this._signal = new AbortSignal();
  }
  get signal() {
    return this._signal;
  }
  abort(reason) {
    this._signal._abort(reason);
  }
}

module.exports = { Event, EventTarget, AbortController, AbortSignal };
