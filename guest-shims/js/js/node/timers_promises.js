'use strict';
// node:timers/promises.
const { setTimeout: st, setImmediate: si, setInterval: sv, clearInterval: cv } = internal.timers;

function abortError(signal) {
  const err = new Error('The operation was aborted');
  err.name = 'AbortError';
  err.code = 'ABORT_ERR';
  if (signal && signal.reason !== undefined) err.cause = signal.reason;
  return err;
}

module.exports = {
  setTimeout(delay, value, options = {}) {
    return new Promise((resolve, reject) => {
      if (options.signal && options.signal.aborted) return reject(abortError(options.signal));
      const t = st(() => resolve(value), delay);
      if (options.ref === false) t.unref();
      if (options.signal && options.signal.addEventListener) {
        options.signal.addEventListener('abort', () => {
          internal.timers.clearTimeout(t);
          reject(abortError(options.signal));
        });
      }
    });
  },
  setImmediate(value) {
    return new Promise((resolve) => si(() => resolve(value)));
  },
  async *setInterval(delay, value) {
    let pending = 0;
    let wake = null;
    const t = sv(() => {
      pending++;
      if (wake) wake();
    }, delay);
    try {
      for (;;) {
        if (pending === 0) await new Promise((r) => (wake = r));
        wake = null;
        pending--;
        yield value;
      }
    } finally {
      cv(t);
    }
  },
  scheduler: {
    wait: (delay) => new Promise((resolve) => st(resolve, delay)),
    yield: () => new Promise((resolve) => si(resolve)),
  },
};
