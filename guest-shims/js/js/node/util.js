'use strict';
// node:util — format/inspect (Node's output shapes: single line when short, two-space
// indented blocks otherwise, grouped columns for long arrays of short items), promisify,
// inherits, types, TextEncoder/TextDecoder.
const { native } = internal;

const customInspect = Symbol.for('nodejs.util.inspect.custom');
const promisifyCustom = Symbol.for('nodejs.util.promisify.custom');

const defaultOptions = {
  depth: 2,
  colors: false,
  customInspect: true,
  showHidden: false,
  maxArrayLength: 100,
  maxStringLength: 10000,
  breakLength: 80,
  compact: 3,
  sorted: false,
  getters: false,
};

function inspect(value, opts) {
  const ctx = Object.assign({}, defaultOptions, inspect.defaultOptions);
  if (typeof opts === 'boolean') ctx.showHidden = opts;
  else if (opts && typeof opts === 'object') Object.assign(ctx, opts);
  if (ctx.depth === null) ctx.depth = Infinity;
  ctx.seen = [];
  ctx.circular = new Map();
  ctx.indentationLvl = 0;
  ctx.currentDepth = 0;
  return formatValue(ctx, value, 0, true);
}
inspect.custom = customInspect;
inspect.defaultOptions = {};

const IDENT = /^[A-Za-z_$][\w$]*$/;

function quote(s) {
  let q = "'";
  if (s.includes("'")) {
    if (!s.includes('"')) q = '"';
    else if (!s.includes('`') && !s.includes('${')) q = '`';
  }
  let out = '';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    if (ch === q || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (ch === '\v') out += '\\v';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).toUpperCase().padStart(2, '0');
    else out += ch;
  }
  return q + out + q;
}

function formatPrimitive(ctx, v) {
  switch (typeof v) {
    case 'string': {
      let s = v;
      let extra = '';
      if (s.length > ctx.maxStringLength) {
        extra = `... ${s.length - ctx.maxStringLength} more character${s.length - ctx.maxStringLength > 1 ? 's' : ''}`;
        s = s.slice(0, ctx.maxStringLength);
      }
      return quote(s) + extra;
    }
    case 'number':
      return Object.is(v, -0) ? '-0' : String(v);
    case 'bigint':
      return `${v}n`;
    case 'boolean':
      return String(v);
    case 'undefined':
      return 'undefined';
    case 'symbol':
      return v.toString();
  }
  return String(v);
}

function getConstructorName(obj) {
  let o = obj;
  while (o) {
    const d = Object.getOwnPropertyDescriptor(o, 'constructor');
    if (d && typeof d.value === 'function' && d.value.name !== '') return d.value.name;
    o = Object.getPrototypeOf(o);
  }
  return null;
}

function getPrefix(constructor, tag, fallback, size) {
  if (constructor === null) {
    if (tag !== '' && fallback !== tag) return `[${fallback}${size}: null prototype] [${tag}] `;
    return `[${fallback}${size}: null prototype] `;
  }
  if (tag !== '' && constructor !== tag) return `${constructor}${size} [${tag}] `;
  return `${constructor}${size} `;
}

function formatKey(key) {
  if (typeof key === 'symbol') return `[${key.toString()}]`;
  return IDENT.test(key) ? key : quote(key);
}

function formatError(err, ctx) {
  const name = err.name != null ? String(err.name) : 'Error';
  const message = err.message != null ? String(err.message) : '';
  let stack = typeof err.stack === 'string' ? err.stack : '';
  const header = message ? `${name}: ${message}` : name;
  const lines = stack.split('\n').filter((l) => l.trim() !== '');
  if (!lines.length || /^\s+at /.test(lines[0])) lines.unshift(header);
  stack = lines.map((l, i) => (i > 0 ? l.replace(/^\s*at /, '    at ') : l)).join('\n');
  if (ctx.indentationLvl) {
    const pad = ' '.repeat(ctx.indentationLvl);
    stack = stack.split('\n').join('\n' + pad);
  }
  return stack;
}

function formatValue(ctx, value, recurseTimes, typedArray) {
  if (value === null) return 'null';
  if (typeof value !== 'object' && typeof value !== 'function') return formatPrimitive(ctx, value);
  if (ctx.customInspect) {
    const custom = value[customInspect];
    if (typeof custom === 'function' && custom !== inspect) {
      const depth = ctx.depth === Infinity ? null : ctx.depth - recurseTimes;
      const ret = custom.call(value, depth, Object.assign({}, ctx, { stylize: (s) => s }), inspect);
      if (ret !== value) {
        if (typeof ret !== 'string') return formatValue(ctx, ret, recurseTimes);
        return ret.split('\n').join('\n' + ' '.repeat(ctx.indentationLvl));
      }
    }
  }
  if (ctx.seen.includes(value)) {
    let index = ctx.circular.get(value);
    if (index === undefined) {
      index = ctx.circular.size + 1;
      ctx.circular.set(value, index);
    }
    return `[Circular *${index}]`;
  }
  return formatRaw(ctx, value, recurseTimes, typedArray);
}

function isBufferLike(v) {
  return v instanceof Uint8Array && getConstructorName(v) === 'Buffer';
}

function formatRaw(ctx, value, recurseTimes) {
  let keys = Object.keys(value);
  if (ctx.showHidden) keys = Object.getOwnPropertyNames(value);
  const symbols = Object.getOwnPropertySymbols(value).filter((s) => ctx.showHidden || Object.prototype.propertyIsEnumerable.call(value, s));
  const constructor = getConstructorName(value);
  let tag = value[Symbol.toStringTag];
  if (typeof tag !== 'string' || tag === constructor) tag = '';
  let base = '';
  let braces;
  let formatter = formatObjectEntries;
  let extras = 'object';
  let noEntries = false;

  if (Array.isArray(value)) {
    const prefix = constructor !== 'Array' || tag !== '' ? getPrefix(constructor, tag, 'Array', `(${value.length})`) : '';
    keys = keys.filter((k) => !isIndex(k));
    braces = [`${prefix}[`, ']'];
    formatter = formatArray;
    extras = 'array';
    if (value.length === 0 && keys.length === 0 && symbols.length === 0) return `${braces[0]}]`;
  } else if (value instanceof Set) {
    keys = Object.keys(value);
    braces = [`${getPrefix(constructor, tag, 'Set', `(${value.size})`)}{`, '}'];
    formatter = formatSet;
    if (value.size === 0 && keys.length === 0) return `${braces[0]}}`;
  } else if (value instanceof Map) {
    braces = [`${getPrefix(constructor, tag, 'Map', `(${value.size})`)}{`, '}'];
    formatter = formatMap;
    if (value.size === 0 && keys.length === 0) return `${braces[0]}}`;
  } else if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    keys = keys.filter((k) => !isIndex(k));
    if (isBufferLike(value)) {
      const max = Math.min(50, value.length);
      let hex = '';
      for (let i = 0; i < max; i++) hex += ' ' + value[i].toString(16).padStart(2, '0');
      const rest = value.length > 50 ? ` ... ${value.length - 50} more byte${value.length - 50 > 1 ? 's' : ''}` : '';
      return `<${constructor}${hex}${rest}>`;
    }
    const size = value.length;
    braces = [`${getPrefix(constructor, tag, 'TypedArray', `(${size})`)}[`, ']'];
    formatter = formatTypedArray;
    extras = 'array';
    if (size === 0 && keys.length === 0) return `${braces[0]}]`;
  } else if (typeof value === 'function') {
    base = formatFunction(value, constructor, tag);
    if (keys.length === 0 && symbols.length === 0) return base;
    braces = ['{', '}'];
  } else if (value instanceof RegExp) {
    base = RegExp.prototype.toString.call(value);
    if (keys.length === 0 && symbols.length === 0) return base;
    braces = ['{', '}'];
  } else if (value instanceof Date) {
    base = Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
    if (keys.length === 0 && symbols.length === 0) return base;
    braces = ['{', '}'];
  } else if (value instanceof Error) {
    base = formatError(value, ctx);
    keys = keys.filter((k) => k !== 'stack' && k !== 'message');
    if (keys.length === 0 && symbols.length === 0) return base;
    braces = ['{', '}'];
  } else if (value instanceof Promise) {
    braces = [`${getPrefix(constructor, tag, 'Promise', '')}{`, '}'];
    formatter = () => ['<pending>'];
  } else if (value instanceof WeakMap || value instanceof WeakSet) {
    braces = [`${getPrefix(constructor, tag, value instanceof WeakMap ? 'WeakMap' : 'WeakSet', '')}{`, '}'];
    formatter = () => ['<items unknown>'];
  } else if (value instanceof ArrayBuffer) {
    const bytes = new Uint8Array(value);
    let hex = '';
    for (let i = 0; i < Math.min(50, bytes.length); i++) hex += (i ? ' ' : '') + bytes[i].toString(16).padStart(2, '0');
    if (bytes.length > 50) hex += ` ... ${bytes.length - 50} more bytes`;
    braces = [`${getPrefix(constructor, tag, 'ArrayBuffer', '')}{`, '}'];
    formatter = () => [`[Uint8Contents]: <${hex}>`, `byteLength: ${value.byteLength}`];
  } else if (isBoxed(value)) {
    const prim = value.valueOf();
    const type = typeof prim === 'string' ? 'String' : typeof prim === 'number' ? 'Number' : typeof prim === 'boolean' ? 'Boolean' : typeof prim === 'bigint' ? 'BigInt' : 'Symbol';
    base = `[${type}: ${formatPrimitive(ctx, prim)}]`;
    if (typeof prim === 'string') keys = keys.filter((k) => !isIndex(k));
    if (keys.length === 0 && symbols.length === 0) return base;
    braces = ['{', '}'];
  } else {
    if (constructor === 'Object') {
      if (isArguments(value)) braces = ['[Arguments] [', ']'];
      else if (tag !== '') braces = [`${getPrefix(constructor, tag, 'Object', '')}{`, '}'];
      else braces = ['{', '}'];
    } else {
      braces = [`${getPrefix(constructor, tag, 'Object', '')}{`, '}'];
    }
    if (keys.length === 0 && symbols.length === 0) {
      return `${braces[0]}}`;
    }
    noEntries = true;
  }
  void noEntries;

  if (recurseTimes > ctx.depth) {
    const name = (constructor || tag || 'Object').replace(/ $/, '');
    return Array.isArray(value) ? '[Array]' : `[${name}]`;
  }

  recurseTimes += 1;
  ctx.seen.push(value);
  ctx.currentDepth = recurseTimes;
  let output;
  try {
    output = formatter(ctx, value, recurseTimes);
    for (const key of keys) output.push(formatProperty(ctx, value, recurseTimes, key, extras));
    for (const sym of symbols) output.push(formatProperty(ctx, value, recurseTimes, sym, extras));
  } finally {
    ctx.seen.pop();
  }
  if (ctx.circular.has(value)) {
    const ref = `<ref *${ctx.circular.get(value)}>`;
    base = base === '' ? ref : `${ref} ${base}`;
  }
  if (ctx.sorted) output.sort();
  const res = reduceToSingleString(ctx, output, base, braces, extras, recurseTimes, value);
  return res;
}

function isIndex(k) {
  return /^(0|[1-9]\d*)$/.test(k);
}
function isArguments(v) {
  return Object.prototype.toString.call(v) === '[object Arguments]';
}
function isBoxed(v) {
  return v instanceof String || v instanceof Number || v instanceof Boolean || (typeof BigInt !== 'undefined' && v instanceof BigInt) || v instanceof Symbol;
}

function formatFunction(fn, constructor, tag) {
  const src = Function.prototype.toString.call(fn);
  if (src.startsWith('class') && /^class\s*[\s{A-Za-z_$]/.test(src)) {
    let s = `[class ${fn.name || '(anonymous)'}`;
    const sup = Object.getPrototypeOf(fn);
    if (sup && sup.name) s += ` extends ${sup.name}`;
    return s + ']';
  }
  let type = 'Function';
  if (constructor === 'AsyncFunction') type = 'AsyncFunction';
  else if (constructor === 'GeneratorFunction') type = 'GeneratorFunction';
  else if (constructor === 'AsyncGeneratorFunction') type = 'AsyncGeneratorFunction';
  let s = `[${type}`;
  s += fn.name ? `: ${fn.name}]` : ' (anonymous)]';
  if (constructor === null) s += ' [null prototype]';
  if (tag !== '' && tag !== constructor && tag !== type) s += ` [${tag}]`;
  return s;
}

function formatProperty(ctx, value, recurseTimes, key, extras) {
  const desc = Object.getOwnPropertyDescriptor(value, key) || { value: value[key], enumerable: true };
  let str;
  if (desc.value !== undefined || !desc.get && !desc.set) {
    const diff = ctx.compact !== true ? 2 : 3;
    ctx.indentationLvl += diff;
    str = formatValue(ctx, desc.value, recurseTimes);
    ctx.indentationLvl -= diff;
  } else if (desc.get !== undefined) {
    str = desc.set !== undefined ? '[Getter/Setter]' : '[Getter]';
  } else {
    str = '[Setter]';
  }
  if (extras === 'array' && typeof key === 'string' && isIndex(key)) return str;
  const name = desc.enumerable === false ? `[${formatKey(key)}]` : formatKey(key);
  return `${name}: ${str}`;
}

function formatArray(ctx, value, recurseTimes) {
  const output = [];
  const len = value.length;
  const max = Math.min(ctx.maxArrayLength, len);
  let holes = 0;
  for (let i = 0; i < max; i++) {
    if (!Object.prototype.hasOwnProperty.call(value, i)) {
      holes++;
      continue;
    }
    if (holes) {
      output.push(`<${holes} empty item${holes > 1 ? 's' : ''}>`);
      holes = 0;
    }
    output.push(formatProperty(ctx, value, recurseTimes, String(i), 'array'));
  }
  if (holes) output.push(`<${holes} empty item${holes > 1 ? 's' : ''}>`);
  if (len > max) output.push(`... ${len - max} more item${len - max > 1 ? 's' : ''}`);
  return output;
}

function formatTypedArray(ctx, value) {
  const max = Math.min(ctx.maxArrayLength, value.length);
  const output = [];
  for (let i = 0; i < max; i++) output.push(formatPrimitive(ctx, value[i]));
  if (value.length > max) output.push(`... ${value.length - max} more item${value.length - max > 1 ? 's' : ''}`);
  return output;
}

function formatSet(ctx, value, recurseTimes) {
  const output = [];
  ctx.indentationLvl += 2;
  for (const v of value) output.push(formatValue(ctx, v, recurseTimes));
  ctx.indentationLvl -= 2;
  return output;
}

function formatMap(ctx, value, recurseTimes) {
  const output = [];
  ctx.indentationLvl += 2;
  for (const [k, v] of value) output.push(`${formatValue(ctx, k, recurseTimes)} => ${formatValue(ctx, v, recurseTimes)}`);
  ctx.indentationLvl -= 2;
  return output;
}

function formatObjectEntries() {
  return [];
}

// Arrays of more than six short entries are laid out in aligned columns.
function groupArrayElements(ctx, output, value) {
  let count = output.length;
  if (count > 0 && output[count - 1].startsWith('... ') && output[count - 1].includes('more item')) count--;
  const lengths = output.slice(0, count).map((s) => s.length);
  const total = lengths.reduce((a, b) => a + b + 2, 0);
  const longest = Math.max(...lengths);
  const cell = longest + 2;
  if (!(cell * 3 + ctx.indentationLvl < ctx.breakLength && (total / cell > 5 || longest <= 6))) return output;
  const bias = Math.sqrt(cell - total / output.length);
  const width = Math.max(cell - 3 - bias, 1);
  const columns = Math.min(
    Math.round(Math.sqrt(2.5 * width * count) / width),
    Math.floor((ctx.breakLength - ctx.indentationLvl) / cell),
    ctx.compact * 4,
    15,
  );
  if (columns <= 1) return output;
  const colWidth = [];
  for (let c = 0; c < columns; c++) {
    let w = 0;
    for (let j = c; j < count; j += columns) w = Math.max(w, lengths[j]);
    colWidth.push(w + 2);
  }
  const numeric = value !== undefined && Array.from({ length: count }, (_, i) => value[i]).every((v) => typeof v === 'number' || typeof v === 'bigint');
  const rows = [];
  for (let i = 0; i < count; i += columns) {
    const end = Math.min(i + columns, count);
    let line = '';
    for (let j = i; j < end - 1; j++) {
      const cellText = `${output[j]}, `;
      line += numeric ? cellText.padStart(colWidth[j - i]) : cellText.padEnd(colWidth[j - i]);
    }
    line += numeric ? output[end - 1].padStart(colWidth[end - 1 - i] - 2) : output[end - 1];
    rows.push(line);
  }
  if (count < output.length) rows.push(output[count]);
  return rows;
}

function reduceToSingleString(ctx, output, base, braces, extras, recurseTimes, value) {
  if (ctx.compact !== true) {
    if (typeof ctx.compact === 'number' && ctx.compact >= 1) {
      const entries = output.length;
      if (extras === 'array' && entries > 6) output = groupArrayElements(ctx, output, value);
      if (ctx.currentDepth - recurseTimes < ctx.compact && entries === output.length) {
        const start = output.length + ctx.indentationLvl + braces[0].length + base.length + 10;
        if (fitsOnOneLine(ctx, output, start, base)) {
          const joined = output.join(', ');
          if (!joined.includes('\n')) {
            return `${base ? `${base} ` : ''}${braces[0]} ${joined} ${braces[1]}`;
          }
        }
      }
    }
    const indentation = `\n${' '.repeat(ctx.indentationLvl)}`;
    return `${base ? `${base} ` : ''}${braces[0]}${indentation}  ${output.join(`,${indentation}  `)}${indentation}${braces[1]}`;
  }
  if (fitsOnOneLine(ctx, output, 0, base)) {
    return `${braces[0]}${base ? ` ${base}` : ''} ${output.join(', ')} ${braces[1]}`;
  }
  const indentation = `\n${' '.repeat(ctx.indentationLvl)}`;
  return `${base ? `${base} ` : ''}${braces[0]}${indentation}  ${output.join(`,${indentation}  `)}${indentation}${braces[1]}`;
}

function fitsOnOneLine(ctx, output, start, base) {
  let total = output.length + start;
  if (total + output.length > ctx.breakLength) return false;
  for (const s of output) {
    total += s.length;
    if (total > ctx.breakLength) return false;
  }
  return base === '' || !base.includes('\n');
}

function formatWithOptions(inspectOptions, ...args) {
  const first = args[0];
  let out = '';
  let a = 0;
  if (typeof first === 'string') {
    if (args.length === 1) return first;
    a = 1;
    let last = 0;
    for (let i = 0; i < first.length - 1; i++) {
      if (first.charCodeAt(i) !== 37) continue; // '%'
      const c = first[i + 1];
      if (c === '%') {
        out += first.slice(last, i) + '%';
        last = i + 2;
        i++;
        continue;
      }
      if (a >= args.length) continue;
      let rep;
      const arg = args[a];
      switch (c) {
        case 's':
          if (typeof arg === 'number') rep = formatPrimitive({}, arg);
          else if (typeof arg === 'bigint') rep = `${arg}n`;
          else if (typeof arg === 'object' && arg !== null && !(arg instanceof Error && false)) {
            rep = hasOwnToString(arg) ? String(arg) : inspect(arg, Object.assign({}, inspectOptions, { depth: 0, colors: false, compact: 3 }));
          } else rep = String(arg);
          break;
        case 'j':
          try {
            rep = JSON.stringify(arg);
          } catch (e) {
            rep = '[Circular]';
          }
          if (rep === undefined) rep = 'undefined';
          break;
        case 'd':
          rep = typeof arg === 'bigint' ? `${arg}n` : typeof arg === 'symbol' ? 'NaN' : formatPrimitive({}, Number(arg));
          break;
        case 'i':
          rep = typeof arg === 'bigint' ? `${arg}n` : typeof arg === 'symbol' ? 'NaN' : formatPrimitive({}, parseInt(arg));
          break;
        case 'f':
          rep = typeof arg === 'symbol' ? 'NaN' : formatPrimitive({}, parseFloat(arg));
          break;
        case 'o':
          rep = inspect(arg, Object.assign({}, inspectOptions, { showHidden: true, showProxy: true, depth: 4 }));
          break;
        case 'O':
          rep = inspect(arg, inspectOptions);
          break;
        case 'c':
          rep = '';
          break;
        default:
          continue;
      }
      out += first.slice(last, i) + rep;
      last = i + 2;
      i++;
      a++;
    }
    out += first.slice(last);
  }
  for (; a < args.length; a++) {
    const v = args[a];
    if (out !== '' || a > 0) out += ' ';
    out += typeof v === 'string' ? v : inspect(v, inspectOptions);
  }
  return out;
}
function hasOwnToString(obj) {
  if (obj instanceof Error || obj instanceof Date) return false;
  let o = obj;
  while (o && o !== Object.prototype) {
    if (Object.prototype.hasOwnProperty.call(o, 'toString') && o !== Array.prototype) return true;
    o = Object.getPrototypeOf(o);
  }
  return false;
}

function format(...args) {
  return formatWithOptions(undefined, ...args);
}

function promisify(original) {
  if (typeof original !== 'function') {
    const err = new TypeError('The "original" argument must be of type function');
    err.code = 'ERR_INVALID_ARG_TYPE';
    throw err;
  }
  if (original[promisifyCustom]) return original[promisifyCustom];
  function fn(...args) {
    return new Promise((resolve, reject) => {
      original.call(this, ...args, (err, ...values) => {
        if (err) reject(err);
        else resolve(values.length > 1 ? values : values[0]);
      });
    });
  }
  Object.setPrototypeOf(fn, Object.getPrototypeOf(original));
  Object.defineProperty(fn, promisifyCustom, { value: fn });
  return Object.defineProperties(fn, Object.getOwnPropertyDescriptors(original));
}
promisify.custom = promisifyCustom;

function callbackify(original) {
  return function (...args) {
    const cb = args.pop();
    original.apply(this, args).then(
      (v) => process.nextTick(cb, null, v),
      (e) => {
        if (!e) {
          const err = new Error('Promise was rejected with a falsy value');
          err.reason = e;
          e = err;
        }
        process.nextTick(cb, e);
      },
    );
  };
}

function inherits(ctor, superCtor) {
  Object.defineProperty(ctor, 'super_', { value: superCtor, writable: true, configurable: true });
  Object.setPrototypeOf(ctor.prototype, superCtor.prototype);
}

function deprecate(fn, msg, code) {
  let warned = false;
  return function (...args) {
    if (!warned) {
      warned = true;
      process.emitWarning(msg, 'DeprecationWarning', code);
    }
    return new.target ? Reflect.construct(fn, args, new.target) : fn.apply(this, args);
  };
}

function isDeepStrictEqual(a, b) {
  return internal.require('assert')._deepEqual(a, b, true);
}

const tagOf = (v) => Object.prototype.toString.call(v).slice(8, -1);
const types = {
  isDate: (v) => v instanceof Date,
  isRegExp: (v) => v instanceof RegExp,
  isMap: (v) => v instanceof Map,
  isSet: (v) => v instanceof Set,
  isWeakMap: (v) => v instanceof WeakMap,
  isWeakSet: (v) => v instanceof WeakSet,
  isPromise: (v) => v instanceof Promise,
  isNativeError: (v) => v instanceof Error,
  isTypedArray: (v) => ArrayBuffer.isView(v) && !(v instanceof DataView),
  isUint8Array: (v) => v instanceof Uint8Array,
  isArrayBuffer: (v) => v instanceof ArrayBuffer,
  isAnyArrayBuffer: (v) => v instanceof ArrayBuffer || (typeof SharedArrayBuffer !== 'undefined' && v instanceof SharedArrayBuffer),
  isArrayBufferView: (v) => ArrayBuffer.isView(v),
  isDataView: (v) => v instanceof DataView,
  isAsyncFunction: (v) => typeof v === 'function' && tagOf(v) === 'AsyncFunction',
  isGeneratorFunction: (v) => typeof v === 'function' && /GeneratorFunction$/.test(tagOf(v)),
  isGeneratorObject: (v) => tagOf(v) === 'Generator',
  isBoxedPrimitive: (v) => v !== null && typeof v === 'object' && isBoxed(v),
  isSymbolObject: (v) => v instanceof Symbol,
  isProxy: () => false,
};

// ---------------------------------------------------------------- TextEncoder / TextDecoder
function wellFormed(s) {
  return typeof s.toWellFormed === 'function' ? s.toWellFormed() : s;
}
class TextEncoder {
  get encoding() {
    return 'utf-8';
  }
  encode(input = '') {
    return native.utf8Encode(wellFormed(String(input)));
  }
  encodeInto(src, dest) {
    const bytes = this.encode(src);
    let n = Math.min(bytes.length, dest.length);
    // Never split a UTF-8 sequence.
    while (n < bytes.length && n > 0 && (bytes[n] & 0xc0) === 0x80) n--;
    dest.set(bytes.subarray(0, n));
    const read = native.utf8Decode(bytes.subarray(0, n)).length;
    return { read, written: n };
  }
}

// Length of the longest prefix of `bytes` that does not end in an incomplete UTF-8 sequence.
function completeUtf8Length(bytes) {
  const len = bytes.length;
  for (let back = 1; back <= Math.min(3, len); back++) {
    const b = bytes[len - back];
    if ((b & 0xc0) === 0x80) continue;
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? len - back : len;
  }
  return len;
}

function toBytes(input) {
  if (input === undefined) return new Uint8Array(0);
  if (input instanceof ArrayBuffer) return new Uint8Array(input);
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  throw new TypeError('The "input" argument must be an instance of ArrayBuffer or ArrayBufferView');
}

const ENCODINGS = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'unicode-1-1-utf-8': 'utf-8',
  'utf-16le': 'utf-16le',
  'utf-16': 'utf-16le',
  latin1: 'windows-1252',
  'iso-8859-1': 'windows-1252',
  ascii: 'windows-1252',
  'us-ascii': 'windows-1252',
  'windows-1252': 'windows-1252',
};

class TextDecoder {
  constructor(label = 'utf-8', options = {}) {
    const enc = ENCODINGS[String(label).trim().toLowerCase()];
    if (!enc) {
      const err = new RangeError(`The "${label}" encoding is not supported`);
      err.code = 'ERR_ENCODING_NOT_SUPPORTED';
      throw err;
    }
    this._encoding = enc;
    this._fatal = Boolean(options.fatal);
    this._ignoreBOM = Boolean(options.ignoreBOM);
    this._pending = new Uint8Array(0);
    this._bomSeen = false;
  }
  get encoding() {
    return this._encoding;
  }
  get fatal() {
    return this._fatal;
  }
  get ignoreBOM() {
    return this._ignoreBOM;
  }
  decode(input, options = {}) {
    let bytes = toBytes(input);
    if (this._pending.length) {
      const joined = new Uint8Array(this._pending.length + bytes.length);
      joined.set(this._pending);
      joined.set(bytes, this._pending.length);
      bytes = joined;
      this._pending = new Uint8Array(0);
    }
    const stream = Boolean(options.stream);
    let text;
    if (this._encoding === 'utf-8') {
      let end = bytes.length;
      if (stream) {
        end = completeUtf8Length(bytes);
        this._pending = bytes.slice(end);
      }
      const chunk = bytes.subarray(0, end);
      text = native.utf8Decode(chunk);
      if (this._fatal && text.includes('\ufffd') && !validUtf8(chunk)) {
        const err = new TypeError('The encoded data was not valid for encoding utf-8');
        err.code = 'ERR_ENCODING_INVALID_ENCODED_DATA';
        throw err;
      }
      if (!this._ignoreBOM && !this._bomSeen && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    } else if (this._encoding === 'utf-16le') {
      let end = bytes.length - (bytes.length % 2);
      if (stream) this._pending = bytes.slice(end);
      text = '';
      for (let i = 0; i < end; i += 2) text += String.fromCharCode(bytes[i] | (bytes[i + 1] << 8));
      if (!this._ignoreBOM && !this._bomSeen && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    } else {
      text = '';
      for (let i = 0; i < bytes.length; i += 4096) text += String.fromCharCode.apply(null, bytes.subarray(i, i + 4096));
    }
    this._bomSeen = stream;
    return text;
  }
}
function validUtf8(bytes) {
  return native.utf8Encode(native.utf8Decode(bytes)).length === bytes.length && !native.utf8Decode(bytes).includes('\ufffd');
}

module.exports = {
  format,
  formatWithOptions,
  inspect,
  promisify,
  callbackify,
  inherits,
  deprecate,
  isDeepStrictEqual,
  types,
  TextEncoder,
  TextDecoder,
  isArray: Array.isArray,
  isBoolean: (v) => typeof v === 'boolean',
  isNull: (v) => v === null,
  isNullOrUndefined: (v) => v == null,
  isNumber: (v) => typeof v === 'number',
  isString: (v) => typeof v === 'string',
  isSymbol: (v) => typeof v === 'symbol',
  isUndefined: (v) => v === undefined,
  isRegExp: types.isRegExp,
  isObject: (v) => v !== null && typeof v === 'object',
  isDate: types.isDate,
  isError: (v) => v instanceof Error,
  isFunction: (v) => typeof v === 'function',
  isPrimitive: (v) => v === null || (typeof v !== 'object' && typeof v !== 'function'),
  stripVTControlCharacters: (s) => String(s).replace(/\u001b\[[0-9;]*[A-Za-z]/g, ''),
  toUSVString: (s) => wellFormed(String(s)),
  _completeUtf8Length: completeUtf8Length,
};
