'use strict';
// node:stream — Readable, Writable, Duplex, Transform, PassThrough, pipeline and finished.
// A compact implementation of the documented behaviour (flowing and paused reads, write
// queue with callbacks, backpressure signalled through highWaterMark, async iteration);
// it does not reproduce Node's internal buffering state objects.
const EventEmitter = internal.require('events');
const { Buffer } = internal.require('buffer');
const { nextTick } = process;

function toChunk(chunk, encoding, objectMode) {
  if (objectMode || chunk === null) return chunk;
  if (typeof chunk === 'string') return Buffer.from(chunk, encoding);
  if (chunk instanceof Uint8Array) return chunk;
  const err = new TypeError('The "chunk" argument must be of type string or an instance of Buffer or Uint8Array');
  err.code = 'ERR_INVALID_ARG_TYPE';
  throw err;
}
function chunkSize(chunk, objectMode) {
  return objectMode ? 1 : chunk.length;
}

class Stream extends EventEmitter {
  pipe(dest, options) {
    return Readable.prototype.pipe.call(this, dest, options);
  }
}

class Readable extends Stream {
  constructor(options = {}) {
    super();
    this._rs = {
      objectMode: Boolean(options.objectMode || options.readableObjectMode),
      highWaterMark: options.highWaterMark ?? (options.objectMode ? 16 : 16384),
      buffer: [],
      length: 0,
      ended: false,
      endEmitted: false,
      flowing: null,
      reading: false,
      encoding: options.encoding || null,
      decoder: null,
    };
    if (this._rs.encoding) this.setEncoding(this._rs.encoding);
    if (typeof options.read === 'function') this._read = options.read;
    if (typeof options.destroy === 'function') this._destroy = options.destroy;
    this.destroyed = false;
    this.readable = true;
  }
  get readableEnded() {
    return this._rs.endEmitted;
  }
  get readableFlowing() {
    return this._rs.flowing;
  }
  get readableLength() {
    return this._rs.length;
  }
  get readableObjectMode() {
    return this._rs.objectMode;
  }
  get readableHighWaterMark() {
    return this._rs.highWaterMark;
  }
  _read() {
    const err = new Error('The _read() method is not implemented');
    err.code = 'ERR_METHOD_NOT_IMPLEMENTED';
    throw err;
  }
  setEncoding(enc) {
    const { StringDecoder } = internal.require('string_decoder');
    this._rs.decoder = new StringDecoder(enc);
    this._rs.encoding = enc;
    return this;
  }
  push(chunk, encoding) {
    const rs = this._rs;
    if (chunk === null) {
      rs.ended = true;
      nextTick(() => this._flow());
      return false;
    }
    if (rs.ended) {
      const err = new Error('stream.push() after EOF');
      err.code = 'ERR_STREAM_PUSH_AFTER_EOF';
      this.destroy(err);
      return false;
    }
    chunk = toChunk(chunk, encoding, rs.objectMode);
    if (rs.decoder && !rs.objectMode) chunk = rs.decoder.write(chunk);
    if (!rs.objectMode && chunk.length === 0) return rs.length < rs.highWaterMark;
    rs.buffer.push(chunk);
    rs.length += chunkSize(chunk, rs.objectMode);
    rs.reading = false;
    nextTick(() => this._flow());
    return rs.length < rs.highWaterMark;
  }
  unshift(chunk) {
    this._rs.buffer.unshift(chunk);
    this._rs.length += chunkSize(chunk, this._rs.objectMode);
  }
  _pull() {
    const rs = this._rs;
    if (rs.reading || rs.ended || this.destroyed || rs.length >= rs.highWaterMark) return;
    rs.reading = true;
    try {
      this._read(rs.highWaterMark);
    } catch (e) {
      this.destroy(e);
    }
  }
  _take() {
    const rs = this._rs;
    const chunk = rs.buffer.shift();
    rs.length -= chunkSize(chunk, rs.objectMode);
    return chunk;
  }
  _flow() {
    const rs = this._rs;
    if (this.destroyed) return;
    while (rs.flowing && rs.buffer.length) this.emit('data', this._take());
    if (rs.ended && rs.buffer.length === 0) {
      this._endOnce();
      return;
    }
    if (rs.flowing || rs.buffer.length === 0) this._pull();
    if (rs.flowing === false || rs.flowing === null) {
      if (rs.buffer.length && !rs.readableEmitted) {
        rs.readableEmitted = true;
        this.emit('readable');
        rs.readableEmitted = false;
      }
    }
  }
  _endOnce() {
    const rs = this._rs;
    if (rs.endEmitted) return;
    if (rs.decoder) {
      const tail = rs.decoder.end();
      if (tail && rs.flowing) this.emit('data', tail);
    }
    if (rs.flowing === false && rs.buffer.length) return;
    rs.endEmitted = true;
    this.readable = false;
    this.emit('end');
    if (this._autoClose !== false) nextTick(() => this.emit('close'));
  }
  read() {
    const rs = this._rs;
    if (rs.buffer.length === 0) {
      if (rs.ended) nextTick(() => this._endOnce());
      else this._pull();
      return null;
    }
    let out;
    if (rs.objectMode) out = this._take();
    else {
      const parts = [];
      while (rs.buffer.length) parts.push(this._take());
      out = typeof parts[0] === 'string' ? parts.join('') : Buffer.concat(parts);
    }
    nextTick(() => this._flow());
    return out;
  }
  on(event, fn) {
    super.on(event, fn);
    if (event === 'data' && this._rs.flowing !== false) this.resume();
    if (event === 'readable') nextTick(() => this._flow());
    return this;
  }
  resume() {
    this._rs.flowing = true;
    nextTick(() => this._flow());
    return this;
  }
  pause() {
    this._rs.flowing = false;
    return this;
  }
  isPaused() {
    return this._rs.flowing === false;
  }
  pipe(dest, options = {}) {
    this.on('data', (chunk) => {
      if (dest.write(chunk) === false && typeof this.pause === 'function') {
        this.pause();
        dest.once('drain', () => this.resume());
      }
    });
    if (options.end !== false) this.on('end', () => dest.end());
    dest.emit('pipe', this);
    return dest;
  }
  unpipe() {
    this.removeAllListeners('data');
    return this;
  }
  destroy(err) {
    if (this.destroyed) return this;
    this.destroyed = true;
    const done = (e) => {
      if (e) this.emit('error', e);
      this.emit('close');
    };
    if (this._destroy) this._destroy(err || null, (e) => nextTick(done, e));
    else nextTick(done, err);
    return this;
  }
  async *[Symbol.asyncIterator]() {
    const chunks = [];
    let done = false;
    let error = null;
    let wake = null;
    const signal = () => {
      if (wake) {
        const w = wake;
        wake = null;
        w();
      }
    };
    this.on('data', (c) => {
      chunks.push(c);
      signal();
    });
    this.on('end', () => {
      done = true;
      signal();
    });
    this.on('error', (e) => {
      error = e;
      signal();
    });
    this.on('close', () => {
      done = true;
      signal();
    });
    for (;;) {
      if (error) throw error;
      if (chunks.length) {
        yield chunks.shift();
        continue;
      }
      if (done) return;
      await new Promise((r) => (wake = r));
    }
  }
  static from(iterable, options = {}) {
    if (typeof iterable === 'string' || iterable instanceof Uint8Array) iterable = [iterable];
    const iterator = iterable[Symbol.asyncIterator] ? iterable[Symbol.asyncIterator]() : iterable[Symbol.iterator]();
    const stream = new Readable(Object.assign({ objectMode: true }, options));
    stream._read = function () {
      Promise.resolve(iterator.next()).then(
        ({ value, done }) => {
          if (done) this.push(null);
          else Promise.resolve(value).then((v) => this.push(v));
        },
        (e) => this.destroy(e),
      );
    };
    return stream;
  }
  async toArray() {
    const out = [];
    for await (const c of this) out.push(c);
    return out;
  }
}

class Writable extends Stream {
  constructor(options = {}) {
    super();
    this._ws = {
      objectMode: Boolean(options.objectMode || options.writableObjectMode),
      highWaterMark: options.highWaterMark ?? (options.objectMode ? 16 : 16384),
      decodeStrings: options.decodeStrings !== false,
      queue: [],
      length: 0,
      writing: false,
      ending: false,
      finished: false,
      needDrain: false,
    };
    if (typeof options.write === 'function') this._write = options.write;
    if (typeof options.writev === 'function') this._writev = options.writev;
    if (typeof options.final === 'function') this._final = options.final;
    if (typeof options.destroy === 'function') this._destroy = options.destroy;
    this.destroyed = false;
    this.writable = true;
  }
  get writableEnded() {
    return this._ws.ending;
  }
  get writableFinished() {
    return this._ws.finished;
  }
  get writableLength() {
    return this._ws.length;
  }
  get writableObjectMode() {
    return this._ws.objectMode;
  }
  get writableHighWaterMark() {
    return this._ws.highWaterMark;
  }
  _write(chunk, encoding, callback) {
    if (this._writev) this._writev([{ chunk, encoding }], callback);
    else {
      const err = new Error('The _write() method is not implemented');
      err.code = 'ERR_METHOD_NOT_IMPLEMENTED';
      throw err;
    }
  }
  write(chunk, encoding, callback) {
    if (typeof encoding === 'function') {
      callback = encoding;
      encoding = undefined;
    }
    const ws = this._ws;
    if (ws.ending) {
      const err = new Error('write after end');
      err.code = 'ERR_STREAM_WRITE_AFTER_END';
      nextTick(() => {
        if (callback) callback(err);
        this.emit('error', err);
      });
      return false;
    }
    if (chunk === null) {
      const err = new TypeError('May not write null values to stream');
      err.code = 'ERR_STREAM_NULL_VALUES';
      throw err;
    }
    let enc = encoding || 'utf8';
    if (!ws.objectMode && (ws.decodeStrings || typeof chunk !== 'string')) {
      chunk = toChunk(chunk, encoding, false);
      enc = 'buffer';
    }
    ws.queue.push({ chunk, encoding: enc, callback });
    ws.length += chunkSize(chunk, ws.objectMode);
    const ok = ws.length < ws.highWaterMark;
    if (!ok) ws.needDrain = true;
    this._drainQueue();
    return ok;
  }
  _drainQueue() {
    const ws = this._ws;
    if (ws.writing || this.destroyed) return;
    const item = ws.queue.shift();
    if (!item) {
      if (ws.needDrain) {
        ws.needDrain = false;
        nextTick(() => this.emit('drain'));
      }
      if (ws.ending && !ws.finished && !ws.finishing) this._finish();
      return;
    }
    ws.writing = true;
    let sync = true;
    const done = (err) => {
      const after = () => {
        ws.writing = false;
        ws.length -= chunkSize(item.chunk, ws.objectMode);
        if (item.callback) item.callback(err || null);
        if (err) {
          this.destroy(err);
          return;
        }
        this._drainQueue();
      };
      if (sync) nextTick(after);
      else after();
    };
    try {
      this._write(item.chunk, item.encoding, done);
    } catch (e) {
      done(e);
    }
    sync = false;
  }
  _finish() {
    const ws = this._ws;
    ws.finishing = true;
    const finish = (err) => {
      if (err) {
        this.destroy(err);
        return;
      }
      ws.finished = true;
      this.writable = false;
      this.emit('finish');
      if (this._autoClose !== false) nextTick(() => this.emit('close'));
    };
    if (this._final) this._final((err) => nextTick(finish, err));
    else nextTick(finish);
  }
  end(chunk, encoding, callback) {
    if (typeof chunk === 'function') {
      callback = chunk;
      chunk = undefined;
    } else if (typeof encoding === 'function') {
      callback = encoding;
      encoding = undefined;
    }
    if (chunk !== undefined && chunk !== null) this.write(chunk, encoding);
    if (callback) this.once('finish', callback);
    if (!this._ws.ending) {
      this._ws.ending = true;
      this._drainQueue();
    }
    return this;
  }
  cork() {}
  uncork() {}
  setDefaultEncoding() {
    return this;
  }
  destroy(err) {
    return Readable.prototype.destroy.call(this, err);
  }
}

class Duplex extends Readable {
  constructor(options = {}) {
    super(options);
    const w = new Writable(options);
    this._ws = w._ws;
    if (typeof options.write === 'function') this._write = options.write;
    if (typeof options.writev === 'function') this._writev = options.writev;
    if (typeof options.final === 'function') this._final = options.final;
    this.writable = true;
    this.allowHalfOpen = options.allowHalfOpen !== false;
  }
}
for (const name of ['write', 'end', '_drainQueue', '_finish', 'cork', 'uncork', 'setDefaultEncoding', '_write']) {
  Duplex.prototype[name] = Writable.prototype[name];
}
for (const name of ['writableEnded', 'writableFinished', 'writableLength', 'writableObjectMode', 'writableHighWaterMark']) {
  Object.defineProperty(Duplex.prototype, name, Object.getOwnPropertyDescriptor(Writable.prototype, name));
}

class Transform extends Duplex {
  constructor(options = {}) {
    super(options);
    if (typeof options.transform === 'function') this._transform = options.transform;
    if (typeof options.flush === 'function') this._flush = options.flush;
    this._autoClose = true;
  }
  _read() {}
  _write(chunk, encoding, callback) {
    this._transform(chunk, encoding, (err, data) => {
      if (err) return callback(err);
      if (data !== undefined && data !== null) this.push(data);
      callback();
    });
  }
  _final(callback) {
    const done = (err, data) => {
      if (err) return callback(err);
      if (data !== undefined && data !== null) this.push(data);
      this.push(null);
      callback();
    };
    if (this._flush) this._flush(done);
    else done();
  }
  _transform() {
    const err = new Error('The _transform() method is not implemented');
    err.code = 'ERR_METHOD_NOT_IMPLEMENTED';
    throw err;
  }
}

class PassThrough extends Transform {
  _transform(chunk, encoding, callback) {
    callback(null, chunk);
  }
}

function finished(stream, options, callback) {
  if (typeof options === 'function') {
    callback = options;
  }
  let called = false;
  const done = (err) => {
    if (called) return;
    called = true;
    callback(err || undefined);
  };
  stream.on('error', done);
  const isWritableOnly = stream instanceof Writable && !(stream instanceof Readable);
  if (stream instanceof Readable && !isWritableOnly && !(stream instanceof Transform && false)) stream.on('end', () => done());
  if (stream instanceof Writable || stream instanceof Duplex) stream.on('finish', () => done());
  stream.on('close', () => done());
  return () => {};
}

function pipeline(...streams) {
  const callback = typeof streams[streams.length - 1] === 'function' ? streams.pop() : () => {};
  if (Array.isArray(streams[0])) streams = streams[0];
  streams = streams.map((s, i) => (i === 0 && !(s instanceof Stream) ? Readable.from(s) : s));
  let failed = false;
  const fail = (err) => {
    if (failed) return;
    failed = true;
    for (const s of streams) if (typeof s.destroy === 'function' && !s.destroyed) s.destroy();
    callback(err);
  };
  for (let i = 0; i < streams.length - 1; i++) streams[i].pipe(streams[i + 1]);
  for (const s of streams) s.on('error', fail);
  const last = streams[streams.length - 1];
  finished(last, (err) => {
    if (err) fail(err);
    else if (!failed) callback();
  });
  return last;
}

const promises = {
  pipeline: (...streams) => new Promise((resolve, reject) => pipeline(...streams, (err) => (err ? reject(err) : resolve()))),
  finished: (stream) => new Promise((resolve, reject) => finished(stream, (err) => (err ? reject(err) : resolve()))),
};

module.exports = Stream;
Object.assign(Stream, { Stream, Readable, Writable, Duplex, Transform, PassThrough, pipeline, finished, promises });
