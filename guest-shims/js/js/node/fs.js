'use strict';
// node:fs and node:fs/promises over the sandbox's WASI filesystem (/var/task read-only,
// /tmp writable). Sync calls map to Rust; callback and promise forms wrap them.
const { native } = internal;
const { Buffer } = internal.require('buffer');
const pathMod = internal.require('path');

const ERRORS = {
  ENOENT: [-2, 'no such file or directory'],
  EACCES: [-13, 'permission denied'],
  EROFS: [-30, 'read-only file system'],
  EEXIST: [-17, 'file already exists'],
  ENOTDIR: [-20, 'not a directory'],
  EISDIR: [-21, 'illegal operation on a directory'],
  ENOTEMPTY: [-39, 'directory not empty'],
  EINVAL: [-22, 'invalid argument'],
  EXDEV: [-18, 'cross-device link not permitted'],
  ENOSPC: [-28, 'no space left on device'],
  EFBIG: [-27, 'file too large'],
  EPERM: [-1, 'operation not permitted'],
  ENOSYS: [-38, 'function not implemented'],
  EIO: [-5, 'i/o error'],
  EBADF: [-9, 'bad file descriptor'],
  ELOOP: [-40, 'too many symbolic links encountered'],
  ENAMETOOLONG: [-36, 'name too long'],
};

function fsError(code, syscall, path, dest) {
  const [errno, text] = ERRORS[code] || ERRORS.EIO;
  let message = `${code}: ${text}, ${syscall}`;
  if (path !== undefined) message += ` '${path}'`;
  if (dest !== undefined) message += ` -> '${dest}'`;
  const err = new Error(message);
  err.errno = errno;
  err.code = code;
  err.syscall = syscall;
  if (path !== undefined) err.path = path;
  if (dest !== undefined) err.dest = dest;
  return err;
}

function underTaskRoot(p) {
  const root = internal.taskRoot;
  return p === root || p.startsWith(root.endsWith('/') ? root : root + '/');
}

function toPath(p, name = 'path') {
  if (typeof p === 'string') return p;
  if (p instanceof Uint8Array) return Buffer.from(p).toString();
  if (p && typeof p === 'object' && p.protocol === 'file:' && typeof p.pathname === 'string') return decodeURIComponent(p.pathname);
  const err = new TypeError(`The "${name}" argument must be of type string or an instance of Buffer or URL. Received ${p === null ? 'null' : typeof p}`);
  err.code = 'ERR_INVALID_ARG_TYPE';
  throw err;
}

// Runs a native call; a thrown code string becomes a Node error. Writes refused inside the
// read-only task root report EROFS, as on Lambda.
function call(syscall, path, write, fn, dest) {
  const abs = pathMod.resolve(path);
  try {
    return fn(abs);
  } catch (e) {
    if (typeof e !== 'string') throw e;
    let code = e;
    if (write && (code === 'EACCES' || code === 'EPERM') && underTaskRoot(abs)) code = 'EROFS';
    throw fsError(code, syscall, path, dest);
  }
}

function encodingOf(options) {
  if (typeof options === 'string') return options;
  if (options && typeof options === 'object') return options.encoding;
  return undefined;
}
function flagOf(options, fallback) {
  return (options && typeof options === 'object' && options.flag) || fallback;
}

class Stats {
  constructor(raw) {
    const isDir = raw.kind === 'dir';
    const perm = isDir ? 0o755 : raw.readonly ? 0o444 : 0o644;
    const type = isDir ? 0o040000 : raw.kind === 'symlink' ? 0o120000 : raw.kind === 'file' ? 0o100000 : 0;
    this._kind = raw.kind;
    this.dev = 0;
    this.mode = type | perm;
    this.nlink = 1;
    this.uid = 0;
    this.gid = 0;
    this.rdev = 0;
    this.blksize = 4096;
    this.ino = 0;
    this.size = raw.size;
    this.blocks = Math.ceil(raw.size / 512);
    this.atimeMs = raw.atimeMs;
    this.mtimeMs = raw.mtimeMs;
    this.ctimeMs = raw.mtimeMs;
    this.birthtimeMs = raw.birthtimeMs;
    this.atime = new Date(raw.atimeMs);
    this.mtime = new Date(raw.mtimeMs);
    this.ctime = new Date(raw.mtimeMs);
    this.birthtime = new Date(raw.birthtimeMs);
    Object.defineProperty(this, '_kind', { enumerable: false });
  }
  isFile() {
    return this._kind === 'file';
  }
  isDirectory() {
    return this._kind === 'dir';
  }
  isSymbolicLink() {
    return this._kind === 'symlink';
  }
  isFIFO() {
    return false;
  }
  isSocket() {
    return false;
  }
  isBlockDevice() {
    return false;
  }
  isCharacterDevice() {
    return false;
  }
}

class Dirent {
  constructor(name, kind, parentPath) {
    this.name = name;
    this.parentPath = parentPath;
    this.path = parentPath;
    Object.defineProperty(this, '_kind', { value: kind, enumerable: false });
  }
  isFile() {
    return this._kind === 'file';
  }
  isDirectory() {
    return this._kind === 'dir';
  }
  isSymbolicLink() {
    return this._kind === 'symlink';
  }
  isFIFO() {
    return false;
  }
  isSocket() {
    return false;
  }
  isBlockDevice() {
    return false;
  }
  isCharacterDevice() {
    return false;
  }
}

function readFileSync(path, options) {
  if (typeof path === 'number') throw fsError('ENOSYS', 'read');
  path = toPath(path);
  const bytes = call('open', path, false, (p) => native.fsRead(p));
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const enc = encodingOf(options);
  return enc && enc !== 'buffer' ? buf.toString(enc) : buf;
}

function dataBytes(data, options) {
  if (typeof data === 'string') return Buffer.from(data, encodingOf(options));
  if (data instanceof Uint8Array) return data;
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const err = new TypeError(
    `The "data" argument must be of type string or an instance of Buffer, TypedArray, or DataView. Received ${data === null ? 'null' : typeof data}`,
  );
  err.code = 'ERR_INVALID_ARG_TYPE';
  throw err;
}

function writeFileSync(path, data, options) {
  path = toPath(path);
  const flag = flagOf(options, 'w');
  const bytes = dataBytes(data, options);
  call('open', path, true, (p) => native.fsWrite(p, bytes, flag));
}

function appendFileSync(path, data, options) {
  path = toPath(path);
  const flag = flagOf(options, 'a');
  const bytes = dataBytes(data, options);
  call('open', path, true, (p) => native.fsWrite(p, bytes, flag));
}

function existsSync(path) {
  try {
    native.fsStat(pathMod.resolve(toPath(path)), true);
    return true;
  } catch (e) {
    return false;
  }
}

function statSync(path, options, follow = true) {
  path = toPath(path);
  try {
    return new Stats(call(follow ? 'stat' : 'lstat', path, false, (p) => native.fsStat(p, follow)));
  } catch (e) {
    if (options && options.throwIfNoEntry === false && e.code === 'ENOENT') return undefined;
    throw e;
  }
}
function lstatSync(path, options) {
  return statSync(path, options, false);
}

function readdirSync(path, options) {
  path = toPath(path);
  const withTypes = options && typeof options === 'object' && options.withFileTypes;
  const recursive = options && typeof options === 'object' && options.recursive;
  const out = [];
  const walk = (dir, prefix) => {
    const entries = call('scandir', dir, false, (p) => native.fsReaddir(p));
    for (const [name, kind] of entries) {
      const rel = prefix ? `${prefix}/${name}` : name;
      out.push(withTypes ? new Dirent(name, kind, prefix ? pathMod.join(path, prefix) : path) : rel);
      if (recursive && kind === 'dir') walk(pathMod.join(dir, name), rel);
    }
  };
  walk(path, '');
  return out;
}

function mkdirSync(path, options) {
  path = toPath(path);
  const recursive = Boolean(options && typeof options === 'object' && options.recursive);
  if (!recursive) {
    call('mkdir', path, true, (p) => native.fsMkdir(p, false));
    return undefined;
  }
  // Node returns the first directory created, or undefined when all existed.
  let first;
  const abs = pathMod.resolve(path);
  let probe = abs;
  while (!existsSync(probe)) {
    first = probe;
    const parent = pathMod.dirname(probe);
    if (parent === probe) break;
    probe = parent;
  }
  if (existsSync(abs) && !statSync(abs).isDirectory()) throw fsError('EEXIST', 'mkdir', path);
  call('mkdir', path, true, (p) => native.fsMkdir(p, true));
  return first;
}

function unlinkSync(path) {
  path = toPath(path);
  call('unlink', path, true, (p) => native.fsRemove(p, 'file'));
}

function rmdirSync(path, options) {
  path = toPath(path);
  const recursive = options && options.recursive;
  call('rmdir', path, true, (p) => native.fsRemove(p, recursive ? 'tree' : 'dir'));
}

function rmSync(path, options = {}) {
  path = toPath(path);
  const abs = pathMod.resolve(path);
  let st;
  try {
    st = native.fsStat(abs, false);
  } catch (e) {
    if (options.force && e === 'ENOENT') return;
    throw fsError(typeof e === 'string' ? e : 'EIO', 'rm', path);
  }
  if (st.kind === 'dir' && !options.recursive) {
    const err = new Error(`Path is a directory: rm returned EISDIR (is a directory) ${path}`);
    err.code = 'ERR_FS_EISDIR';
    throw err;
  }
  call('rm', path, true, (p) => native.fsRemove(p, 'tree'));
}

function renameSync(from, to) {
  from = toPath(from, 'oldPath');
  to = toPath(to, 'newPath');
  const dest = pathMod.resolve(to);
  call('rename', from, true, (p) => native.fsRename(p, dest), to);
}

function copyFileSync(src, dest, mode = 0) {
  src = toPath(src, 'src');
  dest = toPath(dest, 'dest');
  const bytes = call('copyfile', src, false, (p) => native.fsRead(p), dest);
  const flag = mode & 1 ? 'wx' : 'w';
  call('copyfile', dest, true, (p) => native.fsWrite(p, bytes, flag));
}

function accessSync(path, mode = 0) {
  path = toPath(path);
  const st = call('access', path, false, (p) => native.fsStat(p, true));
  if (mode & 2) {
    const abs = pathMod.resolve(path);
    if (underTaskRoot(abs)) throw fsError('EROFS', 'access', path);
    if (st.readonly) throw fsError('EACCES', 'access', path);
  }
}

function realpathSync(path) {
  path = toPath(path);
  call('realpath', path, false, (p) => native.fsStat(p, true));
  return pathMod.resolve(path);
}
realpathSync.native = realpathSync;

function mkdtempSync(prefix) {
  const chars = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  for (;;) {
    const bytes = native.randomBytes(6);
    let suffix = '';
    for (const b of bytes) suffix += chars[b % chars.length];
    const dir = `${prefix}${suffix}`;
    if (existsSync(dir)) continue;
    call('mkdtemp', dir, true, (p) => native.fsMkdir(p, false));
    return dir;
  }
}

function unsupported(name) {
  return () => {
    const err = new Error(`fs.${name} is not supported by the lambdabox Node.js runtime`);
    err.code = 'ERR_FEATURE_UNAVAILABLE_ON_PLATFORM';
    throw err;
  };
}

const syncApi = {
  readFileSync,
  writeFileSync,
  appendFileSync,
  existsSync,
  statSync,
  lstatSync,
  readdirSync,
  mkdirSync,
  unlinkSync,
  rmdirSync,
  rmSync,
  renameSync,
  copyFileSync,
  accessSync,
  realpathSync,
  mkdtempSync,
};

// Callback forms: the result is delivered asynchronously, like real I/O.
function callbackify(fn) {
  return function (...args) {
    const cb = args.pop();
    if (typeof cb !== 'function') {
      const err = new TypeError(`The "cb" argument must be of type function. Received ${typeof cb}`);
      err.code = 'ERR_INVALID_ARG_TYPE';
      throw err;
    }
    let result;
    try {
      result = fn(...args);
    } catch (e) {
      internal.timers.setImmediate(cb, e);
      return;
    }
    internal.timers.setImmediate(cb, null, result);
  };
}

function promisify(fn) {
  return (...args) =>
    new Promise((resolve, reject) => {
      let result;
      try {
        result = fn(...args);
      } catch (e) {
        internal.timers.setImmediate(reject, e);
        return;
      }
      internal.timers.setImmediate(resolve, result);
    });
}

const NAMES = {
  readFile: readFileSync,
  writeFile: writeFileSync,
  appendFile: appendFileSync,
  stat: statSync,
  lstat: lstatSync,
  readdir: readdirSync,
  mkdir: mkdirSync,
  unlink: unlinkSync,
  rmdir: rmdirSync,
  rm: rmSync,
  rename: renameSync,
  copyFile: copyFileSync,
  access: accessSync,
  realpath: realpathSync,
  mkdtemp: mkdtempSync,
};

const constants = {
  F_OK: 0,
  R_OK: 4,
  W_OK: 2,
  X_OK: 1,
  COPYFILE_EXCL: 1,
  COPYFILE_FICLONE: 2,
  COPYFILE_FICLONE_FORCE: 4,
  O_RDONLY: 0,
  O_WRONLY: 1,
  O_RDWR: 2,
  O_CREAT: 64,
  O_EXCL: 128,
  O_TRUNC: 512,
  O_APPEND: 1024,
  S_IFMT: 0o170000,
  S_IFREG: 0o100000,
  S_IFDIR: 0o040000,
  S_IFLNK: 0o120000,
};

const promises = { constants };
const fs = Object.assign({}, syncApi, { constants, Stats, Dirent, promises }, constants);
for (const [name, fn] of Object.entries(NAMES)) {
  fs[name] = callbackify(fn);
  promises[name] = promisify(fn);
}
fs.exists = (path, cb) => internal.timers.setImmediate(cb, existsSync(path));
fs.realpath.native = fs.realpath;
for (const name of ['openSync', 'readSync', 'writeSync', 'closeSync', 'createReadStream', 'createWriteStream', 'watch', 'watchFile', 'open', 'read', 'write', 'close']) {
  fs[name] = unsupported(name);
}
promises.open = unsupported('promises.open');
module.exports = fs;
