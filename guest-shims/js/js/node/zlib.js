'use strict';
// node:zlib — the one-shot (sync, callback, promisified) gzip/deflate APIs, compressed in
// Rust. Streams (createGzip, ...) and brotli are not provided.
const { native } = internal;
const { Buffer } = internal.require('buffer');

function toBytes(data) {
  if (typeof data === 'string') return Buffer.from(data);
  if (data instanceof Uint8Array) return data;
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  const err = new TypeError('The "buffer" argument must be of type string or an instance of Buffer, TypedArray, DataView, or ArrayBuffer.');
  err.code = 'ERR_INVALID_ARG_TYPE';
  throw err;
}

function wrap(bytes) {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function compressor(format) {
  return (data, options = {}) => wrap(native.zlibCompress(format, toBytes(data), options.level === undefined ? -1 : options.level));
}
function decompressor(format) {
  return (data) => {
    try {
      return wrap(native.zlibDecompress(format, toBytes(data)));
    } catch (e) {
      const err = new Error(e.message);
      err.errno = -3;
      err.code = 'Z_DATA_ERROR';
      throw err;
    }
  };
}

const sync = {
  gzipSync: compressor('gzip'),
  gunzipSync: decompressor('gzip'),
  deflateSync: compressor('deflate'),
  inflateSync: decompressor('deflate'),
  deflateRawSync: compressor('raw'),
  inflateRawSync: decompressor('raw'),
  unzipSync: decompressor('unzip'),
};

const zlib = Object.assign({}, sync);
for (const [name, fn] of Object.entries(sync)) {
  const asyncName = name.slice(0, -4);
  zlib[asyncName] = (data, options, callback) => {
    if (typeof options === 'function') {
      callback = options;
      options = {};
    }
    let result;
    try {
      result = fn(data, options);
    } catch (e) {
      internal.timers.setImmediate(callback, e);
      return;
    }
    internal.timers.setImmediate(callback, null, result);
  };
}
zlib.constants = {
  Z_NO_COMPRESSION: 0,
  Z_BEST_SPEED: 1,
  Z_BEST_COMPRESSION: 9,
  Z_DEFAULT_COMPRESSION: -1,
  Z_DATA_ERROR: -3,
};
module.exports = zlib;
