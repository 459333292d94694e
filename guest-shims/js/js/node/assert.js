'use strict';
// node:assert — the assertion functions and AssertionError (messages abbreviated: no diffs).
const { inspect } = internal.require('util');

class AssertionError extends Error {
  constructor(options) {
    const { message, actual, expected, operator } = options;
    super(message !== undefined ? String(message) : `${inspect(actual)} ${operator} ${inspect(expected)}`);
    this.generatedMessage = message === undefined;
    this.code = 'ERR_ASSERTION';
    this.actual = actual;
    this.expected = expected;
    this.operator = operator;
  }
  get name() {
    return 'AssertionError';
  }
}

function fail(actual, expected, message, operator, defaultMessage) {
  if (message instanceof Error) throw message;
  throw new AssertionError({ message: message === undefined ? defaultMessage : message, actual, expected, operator });
}

function isDeepEqual(a, b, strict, memo = []) {
  if (strict ? Object.is(a, b) : a == b || (a !== a && b !== b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (strict && Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const tag = Object.prototype.toString.call(a);
  if (tag !== Object.prototype.toString.call(b)) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (a instanceof Date) return a.getTime() === b.getTime();
  if (a instanceof RegExp) return String(a) === String(b) && a.lastIndex === b.lastIndex;
  if (a instanceof Error && (a.message !== b.message || a.name !== b.name)) return false;
  if (ArrayBuffer.isView(a)) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i]) && !(a[i] == b[i] && !strict)) return false;
  }
  for (const [x, y] of memo) if (x === a && y === b) return true;
  memo = memo.concat([[a, b]]);
  if (a instanceof Set) {
    if (a.size !== b.size) return false;
    outer: for (const v of a) {
      if (b.has(v)) continue;
      for (const w of b) if (isDeepEqual(v, w, strict, memo)) continue outer;
      return false;
    }
    return true;
  }
  if (a instanceof Map) {
    if (a.size !== b.size) return false;
    for (const [k, v] of a) if (!b.has(k) || !isDeepEqual(v, b.get(k), strict, memo)) return false;
    return true;
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const k of ka) {
    if (!Object.prototype.hasOwnProperty.call(b, k)) return false;
    if (!isDeepEqual(a[k], b[k], strict, memo)) return false;
  }
  return true;
}

function matchesExpected(err, expected) {
  if (expected === undefined) return true;
  if (typeof expected === 'function') {
    if (expected.prototype !== undefined && err instanceof expected) return true;
    if (Error.isPrototypeOf(expected) || expected === Error) return false;
    return expected.call({}, err) === true;
  }
  if (expected instanceof RegExp) return expected.test(String(err));
  if (typeof expected === 'object') {
    return Object.keys(expected).every((k) =>
      expected[k] instanceof RegExp && typeof err[k] === 'string' ? expected[k].test(err[k]) : isDeepEqual(err[k], expected[k], true),
    );
  }
  return true;
}

function assert(value, message) {
  if (!value) fail(value, true, message, '==', arguments.length === 0 ? 'No value argument passed to `assert.ok()`' : 'The expression evaluated to a falsy value:\n\n  assert(' + inspect(value) + ')\n');
}
assert.ok = (...args) => assert(...args);
assert.AssertionError = AssertionError;
assert.fail = (message = 'Failed') => {
  if (message instanceof Error) throw message;
  throw new AssertionError({ message, operator: 'fail' });
};
assert.equal = (a, b, m) => {
  if (!(a == b || (a !== a && b !== b))) fail(a, b, m, '==', `${inspect(a)} == ${inspect(b)}`);
};
assert.notEqual = (a, b, m) => {
  if (a == b || (a !== a && b !== b)) fail(a, b, m, '!=', `${inspect(a)} != ${inspect(b)}`);
};
assert.strictEqual = (a, b, m) => {
  if (!Object.is(a, b)) fail(a, b, m, 'strictEqual', `Expected values to be strictly equal:\n\n${inspect(a)} !== ${inspect(b)}\n`);
};
assert.notStrictEqual = (a, b, m) => {
  if (Object.is(a, b)) fail(a, b, m, 'notStrictEqual', `Expected "actual" to be strictly unequal to: ${inspect(b)}`);
};
assert.deepEqual = (a, b, m) => {
  if (!isDeepEqual(a, b, false)) fail(a, b, m, 'deepEqual', `Expected values to be loosely deep-equal:\n\n${inspect(a)}\n\nshould loosely deep-equal\n\n${inspect(b)}`);
};
assert.deepStrictEqual = (a, b, m) => {
  if (!isDeepEqual(a, b, true)) fail(a, b, m, 'deepStrictEqual', `Expected values to be strictly deep-equal:\n${inspect(a)}\n\nshould equal\n\n${inspect(b)}`);
};
assert.notDeepEqual = (a, b, m) => {
  if (isDeepEqual(a, b, false)) fail(a, b, m, 'notDeepEqual', `"actual" deepEqual "expected"`);
};
assert.notDeepStrictEqual = (a, b, m) => {
  if (isDeepEqual(a, b, true)) fail(a, b, m, 'notDeepStrictEqual', `Expected "actual" not to be strictly deep-equal to: ${inspect(b)}`);
};
assert.throws = (fn, expected, message) => {
  if (typeof expected === 'string') {
    message = expected;
    expected = undefined;
  }
  try {
    fn();
  } catch (e) {
    if (!matchesExpected(e, expected)) throw e;
    return;
  }
  fail(undefined, expected, message, 'throws', 'Missing expected exception' + (message ? `: ${message}` : '.'));
};
assert.doesNotThrow = (fn, expected, message) => {
  try {
    fn();
  } catch (e) {
    fail(e, expected, typeof expected === 'string' ? expected : message, 'doesNotThrow', `Got unwanted exception.\nActual message: "${e && e.message}"`);
  }
};
assert.rejects = async (promiseOrFn, expected, message) => {
  if (typeof expected === 'string') {
    message = expected;
    expected = undefined;
  }
  try {
    await (typeof promiseOrFn === 'function' ? promiseOrFn() : promiseOrFn);
  } catch (e) {
    if (!matchesExpected(e, expected)) throw e;
    return;
  }
  fail(undefined, expected, message, 'rejects', 'Missing expected rejection' + (message ? `: ${message}` : '.'));
};
assert.doesNotReject = async (promiseOrFn, expected, message) => {
  try {
    await (typeof promiseOrFn === 'function' ? promiseOrFn() : promiseOrFn);
  } catch (e) {
    fail(e, expected, typeof expected === 'string' ? expected : message, 'doesNotReject', `Got unwanted rejection.\nActual message: "${e && e.message}"`);
  }
};
assert.match = (s, re, m) => {
  if (!re.test(s)) fail(s, re, m, 'match', `The input did not match the regular expression ${re}. Input:\n\n${inspect(s)}\n`);
};
assert.doesNotMatch = (s, re, m) => {
  if (re.test(s)) fail(s, re, m, 'doesNotMatch', `The input was expected to not match the regular expression ${re}. Input:\n\n${inspect(s)}\n`);
};
assert.ifError = (err) => {
  if (err !== null && err !== undefined) {
    if (err instanceof Error) throw err;
    fail(err, null, undefined, 'ifError', `ifError got unwanted exception: ${inspect(err)}`);
  }
};
assert._deepEqual = isDeepEqual;
assert.strict = Object.assign((...a) => assert(...a), assert, {
  equal: assert.strictEqual,
  notEqual: assert.notStrictEqual,
  deepEqual: assert.deepStrictEqual,
  notDeepEqual: assert.notDeepStrictEqual,
});
assert.strict.strict = assert.strict;
module.exports = assert;
