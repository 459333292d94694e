'use strict';
// node:string_decoder — keeps incomplete multi-byte sequences between writes.
const { Buffer } = internal.require('buffer');
const { _completeUtf8Length } = internal.require('util');

class StringDecoder {
  constructor(encoding = 'utf8') {
    const enc = String(encoding).toLowerCase().replace('-', '');
    if (!Buffer.isEncoding(enc)) {
      const err = new TypeError(`Unknown encoding: ${encoding}`);
      err.code = 'ERR_UNKNOWN_ENCODING';
      throw err;
    }
    this.encoding = enc === 'utf-8' ? 'utf8' : enc === 'ucs-2' || enc === 'ucs2' || enc === 'utf-16le' ? 'utf16le' : enc;
    this._pending = Buffer.alloc(0);
  }
  write(buf) {
    if (typeof buf === 'string') return buf;
    let bytes = Buffer.concat([this._pending, Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength)]);
    let end = bytes.length;
    if (this.encoding === 'utf8') end = _completeUtf8Length(bytes);
    else if (this.encoding === 'utf16le') end -= end % 2;
    else if (this.encoding === 'base64' || this.encoding === 'base64url') end -= end % 3;
    this._pending = Buffer.from(bytes.subarray(end));
    return bytes.toString(this.encoding, 0, end);
  }
  end(buf) {
    let out = buf ? this.write(buf) : '';
    if (this._pending.length) {
      out += this._pending.toString(this.encoding);
      this._pending = Buffer.alloc(0);
    }
    return out;
  }
}
module.exports = { StringDecoder };
