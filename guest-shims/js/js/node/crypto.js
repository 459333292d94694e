'use strict';
// node:crypto — digests, HMAC and random bytes computed in Rust (sha1/sha2/md-5/hmac crates).
const { native } = internal;
const { Buffer } = internal.require('buffer');

const HASHES = ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512'];

function normalizeAlgorithm(algorithm) {
  const a = String(algorithm).toLowerCase().replace('-', '');
  if (!HASHES.includes(a)) {
    const err = new Error('Digest method not supported');
    err.code = 'ERR_CRYPTO_INVALID_DIGEST';
    throw err;
  }
  return a;
}

function toBuffer(data, encoding, name = 'data') {
  if (typeof data === 'string') return Buffer.from(data, encoding);
  if (data instanceof Uint8Array) return data;
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  const err = new TypeError(
    `The "${name}" argument must be of type string or an instance of Buffer, TypedArray, or DataView. Received ${data === null ? 'null' : typeof data}`,
  );
  err.code = 'ERR_INVALID_ARG_TYPE';
  throw err;
}

function output(bytes, encoding) {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return encoding === undefined || encoding === 'buffer' ? buf : buf.toString(encoding);
}

class Hash {
  constructor(algorithm, chunks) {
    this._algorithm = normalizeAlgorithm(algorithm);
    this._chunks = chunks || [];
    this._done = false;
  }
  update(data, encoding) {
    if (this._done) {
      const err = new Error('Digest already called');
      err.code = 'ERR_CRYPTO_HASH_FINALIZED';
      throw err;
    }
    this._chunks.push(Buffer.from(toBuffer(data, encoding)));
    return this;
  }
  digest(encoding) {
    if (this._done) {
      const err = new Error('Digest already called');
      err.code = 'ERR_CRYPTO_HASH_FINALIZED';
      throw err;
    }
    this._done = true;
    return output(this._compute(Buffer.concat(this._chunks)), encoding);
  }
  _compute(data) {
    return native.hash(this._algorithm, data);
  }
  copy() {
    return new Hash(this._algorithm, this._chunks.slice());
  }
}

class Hmac extends Hash {
  constructor(algorithm, key) {
    super(algorithm);
    this._key = Buffer.from(key instanceof Uint8Array ? key : toBuffer(key, undefined, 'key'));
  }
  _compute(data) {
    return native.hmac(this._algorithm, this._key, data);
  }
  copy() {
    throw new Error('Hmac objects cannot be copied');
  }
}

function randomBytes(size, callback) {
  if (typeof size !== 'number' || size < 0 || size > 2 ** 31 - 1) {
    const err = new RangeError(`The value of "size" is out of range. It must be >= 0 && <= 2147483647. Received ${size}`);
    err.code = 'ERR_OUT_OF_RANGE';
    throw err;
  }
  const buf = output(native.randomBytes(size));
  if (typeof callback === 'function') {
    process.nextTick(callback, null, buf);
    return undefined;
  }
  return buf;
}

function randomFillSync(target, offset = 0, size) {
  const view = new Uint8Array(target.buffer || target, target.byteOffset || 0, target.byteLength);
  const n = size === undefined ? view.length - offset : size;
  view.set(native.randomBytes(n), offset);
  return target;
}

function getRandomValues(array) {
  if (!ArrayBuffer.isView(array) || array instanceof Float32Array || array instanceof Float64Array) {
    const err = new TypeError("The data argument must be an integer-type TypedArray");
    err.name = 'TypeMismatchError';
    throw err;
  }
  if (array.byteLength > 65536) {
    const err = new Error(`The ArrayBufferView's byte length (${array.byteLength}) exceeds the number of bytes of entropy available via this API (65536)`);
    err.name = 'QuotaExceededError';
    throw err;
  }
  return randomFillSync(array);
}

function randomUUID() {
  const b = native.randomBytes(16);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = native.hexEncode(b);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function randomInt(min, max, callback) {
  if (max === undefined || typeof max === 'function') {
    callback = max;
    max = min;
    min = 0;
  }
  const range = max - min;
  if (!(range > 0) || !Number.isSafeInteger(min) || !Number.isSafeInteger(max)) {
    const err = new RangeError(`The value of "max" is out of range. It must be greater than the value of "min" (${min}). Received ${max}`);
    err.code = 'ERR_OUT_OF_RANGE';
    throw err;
  }
  // Rejection sampling over 48 random bits keeps the result uniform.
  const limit = 2 ** 48 - (2 ** 48 % range);
  let x;
  do {
    x = Buffer.from(native.randomBytes(6)).readUIntBE(0, 6);
  } while (x >= limit);
  const value = min + (x % range);
  if (typeof callback === 'function') {
    process.nextTick(callback, null, value);
    return undefined;
  }
  return value;
}

function timingSafeEqual(a, b) {
  const x = toBuffer(a, undefined, 'buf1');
  const y = toBuffer(b, undefined, 'buf2');
  if (x.byteLength !== y.byteLength) {
    const err = new RangeError('Input buffers must have the same byte length');
    err.code = 'ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH';
    throw err;
  }
  let diff = 0;
  for (let i = 0; i < x.length; i++) diff |= x[i] ^ y[i];
  return diff === 0;
}

function pbkdf2Sync(password, salt, iterations, keylen, digest) {
  if (typeof digest !== 'string') {
    const err = new TypeError(`The "digest" argument must be of type string. Received ${typeof digest}`);
    err.code = 'ERR_INVALID_ARG_TYPE';
    throw err;
  }
  return output(native.pbkdf2(normalizeAlgorithm(digest), toBuffer(password, undefined, 'password'), toBuffer(salt, undefined, 'salt'), iterations, keylen));
}

function unsupported(name) {
  return () => {
    const err = new Error(`crypto.${name} is not supported by the lambdabox Node.js runtime`);
    err.code = 'ERR_FEATURE_UNAVAILABLE_ON_PLATFORM';
    throw err;
  };
}

const webcrypto = {
  getRandomValues,
  randomUUID,
  subtle: undefined,
};

module.exports = {
  createHash: (algorithm) => new Hash(algorithm),
  createHmac: (algorithm, key) => new Hmac(algorithm, key),
  hash: (algorithm, data, encoding = 'hex') => new Hash(algorithm).update(data).digest(encoding),
  Hash,
  Hmac,
  randomBytes,
  pseudoRandomBytes: randomBytes,
  randomFillSync,
  randomFill: (buf, offset, size, cb) => {
    cb = [offset, size, cb].find((x) => typeof x === 'function');
    randomFillSync(buf, typeof offset === 'number' ? offset : 0, typeof size === 'number' ? size : undefined);
    process.nextTick(cb, null, buf);
  },
  randomUUID,
  randomInt,
  getRandomValues,
  timingSafeEqual,
  getHashes: () => HASHES.slice(),
  getCiphers: () => [],
  webcrypto,
  createCipheriv: unsupported('createCipheriv'),
  createDecipheriv: unsupported('createDecipheriv'),
  createSign: unsupported('createSign'),
  createVerify: unsupported('createVerify'),
  pbkdf2Sync,
  pbkdf2(password, salt, iterations, keylen, digest, callback) {
    let key;
    try {
      key = pbkdf2Sync(password, salt, iterations, keylen, digest);
    } catch (e) {
      process.nextTick(callback, e);
      return;
    }
    process.nextTick(callback, null, key);
  },
  scryptSync: unsupported('scryptSync'),
  constants: {},
};
