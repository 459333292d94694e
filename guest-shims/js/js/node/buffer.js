'use strict';
// node:buffer — Buffer as a Uint8Array subclass; UTF-8, base64 and hex go through Rust.
const { native } = internal;

const ENCODINGS = {
  utf8: 'utf8',
  'utf-8': 'utf8',
  hex: 'hex',
  base64: 'base64',
  base64url: 'base64url',
  latin1: 'latin1',
  binary: 'latin1',
  ascii: 'ascii',
  ucs2: 'utf16le',
  'ucs-2': 'utf16le',
  utf16le: 'utf16le',
  'utf-16le': 'utf16le',
};

function normalizeEncoding(enc) {
  if (enc === undefined || enc === null || enc === '') return 'utf8';
  const e = ENCODINGS[String(enc).toLowerCase()];
  if (!e) {
    const err = new TypeError(`Unknown encoding: ${enc}`);
    err.code = 'ERR_UNKNOWN_ENCODING';
    throw err;
  }
  return e;
}

function typeError(message, code = 'ERR_INVALID_ARG_TYPE') {
  const err = new TypeError(message);
  err.code = code;
  return err;
}
function rangeError(message, code = 'ERR_OUT_OF_RANGE') {
  const err = new RangeError(message);
  err.code = code;
  return err;
}

function wellFormed(s) {
  return typeof s.toWellFormed === 'function' ? s.toWellFormed() : s;
}

function encodeString(str, encoding) {
  switch (normalizeEncoding(encoding)) {
    case 'utf8':
      return native.utf8Encode(wellFormed(str));
    case 'hex':
      return native.hexDecode(str);
    case 'base64':
    case 'base64url':
      return native.base64Decode(str);
    case 'latin1':
    case 'ascii': {
      const out = new Uint8Array(str.length);
      for (let i = 0; i < str.length; i++) out[i] = str.charCodeAt(i) & 0xff;
      return out;
    }
    case 'utf16le': {
      const out = new Uint8Array(str.length * 2);
      for (let i = 0; i < str.length; i++) {
        const c = str.charCodeAt(i);
        out[i * 2] = c & 0xff;
        out[i * 2 + 1] = c >> 8;
      }
      return out;
    }
  }
  return null;
}

function decodeBytes(bytes, encoding) {
  switch (normalizeEncoding(encoding)) {
    case 'utf8':
      return native.utf8Decode(bytes);
    case 'hex':
      return native.hexEncode(bytes);
    case 'base64':
      return native.base64Encode(bytes, false);
    case 'base64url':
      return native.base64Encode(bytes, true);
    case 'latin1':
    case 'ascii': {
      const mask = normalizeEncoding(encoding) === 'ascii' ? 0x7f : 0xff;
      let out = '';
      for (let i = 0; i < bytes.length; i += 4096) {
        const chunk = bytes.subarray(i, i + 4096);
        out += String.fromCharCode.apply(null, mask === 0xff ? chunk : chunk.map((b) => b & mask));
      }
      return out;
    }
    case 'utf16le': {
      let out = '';
      for (let i = 0; i + 1 < bytes.length; i += 2) out += String.fromCharCode(bytes[i] | (bytes[i + 1] << 8));
      return out;
    }
  }
  return '';
}

function wrap(u8) {
  return Object.setPrototypeOf(u8, Buffer.prototype);
}

class Buffer extends Uint8Array {
  // Deprecated `new Buffer(string | array)` still works in Node; typed-array species calls
  // (subarray, map, ...) pass lengths and buffers and go straight to Uint8Array.
  constructor(arg, encodingOrOffset, length) {
    if (typeof arg === 'string' || (Array.isArray(arg) && encodingOrOffset === undefined)) {
      return Buffer.from(arg, encodingOrOffset);
    }
    if (length === undefined && encodingOrOffset === undefined) super(arg);
    else if (length === undefined) super(arg, encodingOrOffset);
    else super(arg, encodingOrOffset, length);
  }
  static from(value, encodingOrOffset, length) {
    if (typeof value === 'string') return wrap(encodeString(value, encodingOrOffset));
    if (value instanceof ArrayBuffer || (typeof SharedArrayBuffer !== 'undefined' && value instanceof SharedArrayBuffer)) {
      const offset = encodingOrOffset === undefined ? 0 : Number(encodingOrOffset);
      const len = length === undefined ? value.byteLength - offset : Number(length);
      if (offset > value.byteLength) throw rangeError('"offset" is outside of buffer bounds', 'ERR_BUFFER_OUT_OF_BOUNDS');
      return new Buffer(value, offset, len);
    }
    if (ArrayBuffer.isView(value)) {
      const src = value instanceof Uint8Array ? value : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
      if (!(value instanceof Uint8Array) && !(value instanceof DataView)) {
        // Typed arrays of wider elements are converted element by element, like Node.
        const out = Buffer.allocUnsafe(value.length);
        for (let i = 0; i < value.length; i++) out[i] = value[i] & 0xff;
        return out;
      }
      const out = Buffer.allocUnsafe(src.length);
      out.set(src);
      return out;
    }
    if (value === null || value === undefined) {
      throw typeError(
        `The first argument must be of type string or an instance of Buffer, ArrayBuffer, or Array or an Array-like Object. Received ${value}`,
      );
    }
    if (typeof value === 'object') {
      if (typeof value.valueOf === 'function') {
        const prim = value.valueOf();
        if (prim !== value && (typeof prim === 'string' || typeof prim === 'object')) return Buffer.from(prim, encodingOrOffset, length);
      }
      if (value.type === 'Buffer' && Array.isArray(value.data)) return Buffer.from(value.data);
      if (typeof value.length === 'number' || Array.isArray(value)) {
        const out = Buffer.allocUnsafe(value.length >>> 0);
        for (let i = 0; i < out.length; i++) out[i] = value[i] & 0xff;
        return out;
      }
      if (typeof value[Symbol.toPrimitive] === 'function') return Buffer.from(value[Symbol.toPrimitive]('string'), encodingOrOffset);
    }
    throw typeError(
      `The first argument must be of type string or an instance of Buffer, ArrayBuffer, or Array or an Array-like Object. Received type ${typeof value}`,
    );
  }
  static alloc(size, fill, encoding) {
    checkSize(size);
    const buf = new Buffer(size);
    if (fill !== undefined && fill !== 0) buf.fill(fill, 0, buf.length, encoding);
    return buf;
  }
  static allocUnsafe(size) {
    checkSize(size);
    return new Buffer(size);
  }
  static allocUnsafeSlow(size) {
    return Buffer.allocUnsafe(size);
  }
  static isBuffer(b) {
    return b instanceof Buffer;
  }
  static isEncoding(enc) {
    return typeof enc === 'string' && enc !== '' && ENCODINGS[enc.toLowerCase()] !== undefined;
  }
  static byteLength(value, encoding) {
    if (typeof value !== 'string') {
      if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return value.byteLength;
      throw typeError('The "string" argument must be of type string or an instance of Buffer or ArrayBuffer.');
    }
    return encodeString(value, encoding).length;
  }
  static concat(list, totalLength) {
    if (!Array.isArray(list)) throw typeError('The "list" argument must be an instance of Array.');
    if (totalLength === undefined) totalLength = list.reduce((n, b) => n + b.length, 0);
    const out = Buffer.alloc(totalLength);
    let pos = 0;
    for (const b of list) {
      if (!(b instanceof Uint8Array)) throw typeError('The "list" argument must contain only Buffer or Uint8Array instances.');
      const room = totalLength - pos;
      if (room <= 0) break;
      out.set(b.length > room ? b.subarray(0, room) : b, pos);
      pos += Math.min(b.length, room);
    }
    return out;
  }
  static compare(a, b) {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
    return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
  }

  get parent() {
    return this.buffer;
  }
  get offset() {
    return this.byteOffset;
  }
  toString(encoding, start, end) {
    start = start === undefined ? 0 : Math.max(0, start | 0);
    end = end === undefined ? this.length : Math.min(this.length, end | 0);
    if (end <= start) return '';
    return decodeBytes(this.subarray(start, end), encoding);
  }
  toLocaleString(encoding, start, end) {
    return this.toString(encoding, start, end);
  }
  toJSON() {
    return { type: 'Buffer', data: Array.from(this) };
  }
  equals(other) {
    if (!(other instanceof Uint8Array)) throw typeError('The "otherBuffer" argument must be an instance of Buffer or Uint8Array.');
    return Buffer.compare(this, other) === 0;
  }
  compare(target, tStart = 0, tEnd = target.length, sStart = 0, sEnd = this.length) {
    return Buffer.compare(this.subarray(sStart, sEnd), target.subarray(tStart, tEnd));
  }
  write(string, offset, length, encoding) {
    if (typeof offset === 'string') {
      encoding = offset;
      offset = 0;
      length = this.length;
    } else if (typeof length === 'string') {
      encoding = length;
      length = this.length - (offset || 0);
    }
    offset = offset >>> 0;
    const room = this.length - offset;
    length = length === undefined ? room : Math.min(room, length >>> 0);
    let bytes = encodeString(String(string), encoding);
    if (bytes.length > length) {
      let n = length;
      if (normalizeEncoding(encoding) === 'utf8') while (n > 0 && (bytes[n] & 0xc0) === 0x80) n--;
      bytes = bytes.subarray(0, n);
    }
    this.set(bytes, offset);
    return bytes.length;
  }
  fill(value, offset = 0, end = this.length, encoding) {
    if (typeof offset === 'string') {
      encoding = offset;
      offset = 0;
      end = this.length;
    } else if (typeof end === 'string') {
      encoding = end;
      end = this.length;
    }
    if (typeof value === 'number' || typeof value === 'boolean') {
      Uint8Array.prototype.fill.call(this, Number(value) & 0xff, offset, end);
      return this;
    }
    const bytes = typeof value === 'string' ? encodeString(value, encoding) : value;
    if (bytes.length === 0) {
      Uint8Array.prototype.fill.call(this, 0, offset, end);
      return this;
    }
    for (let i = offset, j = 0; i < end; i++, j++) this[i] = bytes[j % bytes.length];
    return this;
  }
  slice(start, end) {
    return this.subarray(start, end);
  }
  subarray(start, end) {
    return wrap(Uint8Array.prototype.subarray.call(this, start, end));
  }
  copy(target, targetStart = 0, sourceStart = 0, sourceEnd = this.length) {
    sourceEnd = Math.min(sourceEnd, this.length, sourceStart + (target.length - targetStart));
    if (sourceEnd <= sourceStart) return 0;
    const chunk = Uint8Array.prototype.slice.call(this, sourceStart, sourceEnd);
    target.set(chunk, targetStart);
    return chunk.length;
  }
  indexOf(value, byteOffset = 0, encoding) {
    return search(this, value, byteOffset, encoding, false);
  }
  lastIndexOf(value, byteOffset, encoding) {
    return search(this, value, byteOffset === undefined ? this.length : byteOffset, encoding, true);
  }
  includes(value, byteOffset, encoding) {
    return this.indexOf(value, byteOffset, encoding) !== -1;
  }
  swap16() {
    if (this.length % 2) throw rangeError('Buffer size must be a multiple of 16-bits', 'ERR_INVALID_BUFFER_SIZE');
    for (let i = 0; i < this.length; i += 2) [this[i], this[i + 1]] = [this[i + 1], this[i]];
    return this;
  }
  swap32() {
    if (this.length % 4) throw rangeError('Buffer size must be a multiple of 32-bits', 'ERR_INVALID_BUFFER_SIZE');
    for (let i = 0; i < this.length; i += 4) this.subarray(i, i + 4).reverse();
    return this;
  }
  swap64() {
    if (this.length % 8) throw rangeError('Buffer size must be a multiple of 64-bits', 'ERR_INVALID_BUFFER_SIZE');
    for (let i = 0; i < this.length; i += 8) this.subarray(i, i + 8).reverse();
    return this;
  }
  readUIntBE(offset, byteLength) {
    bounds(this, offset, byteLength);
    let v = 0;
    for (let i = 0; i < byteLength; i++) v = v * 256 + this[offset + i];
    return v;
  }
  readUIntLE(offset, byteLength) {
    bounds(this, offset, byteLength);
    let v = 0;
    for (let i = byteLength - 1; i >= 0; i--) v = v * 256 + this[offset + i];
    return v;
  }
  readIntBE(offset, byteLength) {
    const v = this.readUIntBE(offset, byteLength);
    const limit = 2 ** (8 * byteLength - 1);
    return v >= limit ? v - limit * 2 : v;
  }
  readIntLE(offset, byteLength) {
    const v = this.readUIntLE(offset, byteLength);
    const limit = 2 ** (8 * byteLength - 1);
    return v >= limit ? v - limit * 2 : v;
  }
  writeUIntBE(value, offset, byteLength) {
    bounds(this, offset, byteLength);
    for (let i = byteLength - 1; i >= 0; i--) {
      this[offset + i] = value & 0xff;
      value = Math.floor(value / 256);
    }
    return offset + byteLength;
  }
  writeUIntLE(value, offset, byteLength) {
    bounds(this, offset, byteLength);
    for (let i = 0; i < byteLength; i++) {
      this[offset + i] = value & 0xff;
      value = Math.floor(value / 256);
    }
    return offset + byteLength;
  }
  writeIntBE(value, offset, byteLength) {
    return this.writeUIntBE(value < 0 ? value + 2 ** (8 * byteLength) : value, offset, byteLength);
  }
  writeIntLE(value, offset, byteLength) {
    return this.writeUIntLE(value < 0 ? value + 2 ** (8 * byteLength) : value, offset, byteLength);
  }
}

function checkSize(size) {
  if (typeof size !== 'number') throw typeError(`The "size" argument must be of type number. Received type ${typeof size}`);
  if (!(size >= 0 && size <= 2 ** 32)) throw rangeError(`The value of "size" is out of range. It must be >= 0 && <= 4294967296. Received ${size}`);
}

function bounds(buf, offset, len) {
  if (typeof offset !== 'number') throw typeError(`The "offset" argument must be of type number. Received type ${typeof offset}`);
  if (offset < 0 || offset + len > buf.length || offset !== Math.floor(offset)) {
    throw rangeError(`The value of "offset" is out of range. It must be >= 0 and <= ${buf.length - len}. Received ${offset}`);
  }
}

function search(buf, value, byteOffset, encoding, last) {
  if (typeof byteOffset === 'string') {
    encoding = byteOffset;
    byteOffset = last ? buf.length : 0;
  }
  let needle;
  if (typeof value === 'number') needle = [value & 0xff];
  else if (typeof value === 'string') needle = encodeString(value, encoding);
  else needle = value;
  if (byteOffset < 0) byteOffset = Math.max(0, buf.length + byteOffset);
  if (needle.length === 0) return Math.min(byteOffset, buf.length);
  if (!last) {
    outer: for (let i = byteOffset; i <= buf.length - needle.length; i++) {
      for (let j = 0; j < needle.length; j++) if (buf[i + j] !== needle[j]) continue outer;
      return i;
    }
  } else {
    outer: for (let i = Math.min(byteOffset, buf.length - needle.length); i >= 0; i--) {
      for (let j = 0; j < needle.length; j++) if (buf[i + j] !== needle[j]) continue outer;
      return i;
    }
  }
  return -1;
}

// Fixed-width integer and float accessors through a DataView.
const view = (b) => new DataView(b.buffer, b.byteOffset, b.byteLength);
const accessors = [
  ['UInt8', 1, 'getUint8', 'setUint8'],
  ['Int8', 1, 'getInt8', 'setInt8'],
  ['UInt16', 2, 'getUint16', 'setUint16'],
  ['Int16', 2, 'getInt16', 'setInt16'],
  ['UInt32', 4, 'getUint32', 'setUint32'],
  ['Int32', 4, 'getInt32', 'setInt32'],
  ['Float', 4, 'getFloat32', 'setFloat32'],
  ['Double', 8, 'getFloat64', 'setFloat64'],
  ['BigUInt64', 8, 'getBigUint64', 'setBigUint64'],
  ['BigInt64', 8, 'getBigInt64', 'setBigInt64'],
];
for (const [name, size, get, set] of accessors) {
  const ends = size === 1 ? [''] : ['LE', 'BE'];
  for (const end of ends) {
    const little = end === 'LE';
    const read = function (offset = 0) {
      bounds(this, offset, size);
      return view(this)[get](offset, little);
    };
    const write = function (value, offset = 0) {
      bounds(this, offset, size);
      view(this)[set](offset, value, little);
      return offset + size;
    };
    Buffer.prototype[`read${name}${end}`] = read;
    Buffer.prototype[`write${name}${end}`] = write;
    if (name.startsWith('UInt') || name.startsWith('BigUInt')) {
      const alias = name.replace('UInt', 'Uint');
      Buffer.prototype[`read${alias}${end}`] = read;
      Buffer.prototype[`write${alias}${end}`] = write;
    }
  }
}
Buffer.prototype.readUintBE = Buffer.prototype.readUIntBE;
Buffer.prototype.readUintLE = Buffer.prototype.readUIntLE;
Buffer.prototype.writeUintBE = Buffer.prototype.writeUIntBE;
Buffer.prototype.writeUintLE = Buffer.prototype.writeUIntLE;
Buffer.poolSize = 8192;

const kMaxLength = 2 ** 32;
module.exports = {
  Buffer,
  SlowBuffer: Buffer,
  kMaxLength,
  kStringMaxLength: 2 ** 29 - 24,
  constants: { MAX_LENGTH: kMaxLength, MAX_STRING_LENGTH: 2 ** 29 - 24 },
  INSPECT_MAX_BYTES: 50,
  atob: (s) => globalThis.atob(s),
  btoa: (s) => globalThis.btoa(s),
  isUtf8: (b) => {
    const s = native.utf8Decode(b);
    return !s.includes('\ufffd') || native.utf8Encode(s).length === b.length;
  },
  Blob: globalThis.Blob,
  _encodeString: encodeString,
  _decodeBytes: decodeBytes,
  _normalizeEncoding: normalizeEncoding,
};
