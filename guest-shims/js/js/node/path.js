'use strict';
// node:path (POSIX).

function assertPath(p, name = 'path') {
  if (typeof p !== 'string') {
    const err = new TypeError(`The "${name}" argument must be of type string. Received ${p === null ? 'null' : typeof p}`);
    err.code = 'ERR_INVALID_ARG_TYPE';
    throw err;
  }
}

function normalizeSegments(p, allowAboveRoot) {
  const out = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length && out[out.length - 1] !== '..') out.pop();
      else if (allowAboveRoot) out.push('..');
    } else out.push(seg);
  }
  return out.join('/');
}

const path = {
  sep: '/',
  delimiter: ':',
  resolve(...args) {
    let resolved = '';
    let absolute = false;
    for (let i = args.length - 1; i >= -1 && !absolute; i--) {
      const p = i >= 0 ? args[i] : process.cwd();
      assertPath(p, `paths[${i}]`);
      if (p === '') continue;
      resolved = `${p}/${resolved}`;
      absolute = p.charCodeAt(0) === 47;
    }
    resolved = normalizeSegments(resolved, !absolute);
    return absolute ? `/${resolved}` : resolved.length > 0 ? resolved : '.';
  },
  normalize(p) {
    assertPath(p);
    if (p === '') return '.';
    const absolute = p.startsWith('/');
    const trailing = p.endsWith('/');
    let out = normalizeSegments(p, !absolute);
    if (out === '' && !absolute) out = '.';
    if (out !== '' && trailing) out += '/';
    return absolute ? `/${out}` : out;
  },
  isAbsolute(p) {
    assertPath(p);
    return p.startsWith('/');
  },
  join(...args) {
    if (args.length === 0) return '.';
    for (const a of args) assertPath(a);
    const joined = args.filter((a) => a !== '').join('/');
    return joined === '' ? '.' : path.normalize(joined);
  },
  relative(from, to) {
    assertPath(from, 'from');
    assertPath(to, 'to');
    if (from === to) return '';
    from = path.resolve(from);
    to = path.resolve(to);
    if (from === to) return '';
    const f = from.split('/').filter(Boolean);
    const t = to.split('/').filter(Boolean);
    let i = 0;
    while (i < f.length && i < t.length && f[i] === t[i]) i++;
    return [...Array(f.length - i).fill('..'), ...t.slice(i)].join('/');
  },
  dirname(p) {
    assertPath(p);
    if (p.length === 0) return '.';
    let end = p.length;
    while (end > 1 && p[end - 1] === '/') end--;
    const i = p.lastIndexOf('/', end - 1);
    if (i === -1) return '.';
    if (i === 0) return '/';
    let d = i;
    while (d > 1 && p[d - 1] === '/') d--;
    return p.slice(0, d);
  },
  basename(p, ext) {
    assertPath(p);
    let end = p.length;
    while (end > 0 && p[end - 1] === '/') end--;
    if (end === 0) return '';
    const start = p.lastIndexOf('/', end - 1) + 1;
    let base = p.slice(start, end);
    if (ext !== undefined && base !== ext && base.endsWith(ext)) base = base.slice(0, base.length - ext.length);
    return base;
  },
  extname(p) {
    assertPath(p);
    const base = path.basename(p);
    const i = base.lastIndexOf('.');
    if (i <= 0 || (i === 1 && base === '..')) return '';
    return base.slice(i);
  },
  format(obj) {
    const dir = obj.dir || obj.root || '';
    const base = obj.base || `${obj.name || ''}${obj.ext ? (obj.ext.startsWith('.') ? '' : '.') + obj.ext : ''}`;
    if (!dir) return base;
    return dir === obj.root ? `${dir}${base}` : `${dir}/${base}`;
  },
  parse(p) {
    assertPath(p);
    const root = p.startsWith('/') ? '/' : '';
    const base = path.basename(p);
    const ext = path.extname(p);
    let dir = path.dirname(p);
    if (dir === '.' && !p.startsWith('.')) dir = '';
    return { root, dir: base === '' ? root : dir, base, ext, name: ext ? base.slice(0, base.length - ext.length) : base };
  },
  toNamespacedPath: (p) => p,
  matchesGlob: undefined,
};
delete path.matchesGlob;
path.posix = path;
path.win32 = path;
module.exports = path;
