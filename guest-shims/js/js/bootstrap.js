// The lambdabox Node.js runtime, evaluated once per QuickJS context.
// It builds the Node globals, the CommonJS/ES module system, the event loop (timers and
// immediates; QuickJS runs the microtasks) and the AWS-Lambda-style handler invocation.
// Rust drives it through `globalThis.__lambdabox` (see src/runtime.rs).
(function bootstrap(native) {
  const G = globalThis;
  delete G.__native;

  // Shared with the built-in modules (their 4th wrapper argument).
  const internal = { native, taskRoot: '/var/task' };

  // ---------------------------------------------------------------- built-in modules
  const builtinNames = new Set(native.builtinNames());
  const builtinCache = new Map();

  function builtinName(id) {
    const name = id.startsWith('node:') ? id.slice(5) : id;
    return builtinNames.has(name) && !name.startsWith('internal/') ? name : null;
  }

  function loadBuiltin(name) {
    const cached = builtinCache.get(name);
    if (cached) return cached.exports;
    const module = { exports: {}, id: name };
    builtinCache.set(name, module);
    const wrapper = native.evalScript(
      '(function (exports, require, module, internal) {' + native.builtinSource(name) + '\n})',
      'node:' + name,
    );
    wrapper.call(module.exports, module.exports, requireBuiltin, module, internal);
    return module.exports;
  }

  function requireBuiltin(id) {
    if (id.startsWith('internal/') && builtinNames.has(id)) return loadBuiltin(id);
    const name = builtinName(id);
    if (name === null) throw notFound(id, 'node:internal');
    return loadBuiltin(name);
  }
  internal.require = requireBuiltin;

  function lazyGlobal(name, get) {
    Object.defineProperty(G, name, {
      configurable: true,
      enumerable: false,
      get() {
        const value = get();
        Object.defineProperty(G, name, { value, writable: true, configurable: true, enumerable: false });
        return value;
      },
      set(value) {
        Object.defineProperty(G, name, { value, writable: true, configurable: true, enumerable: false });
      },
    });
  }

  // ---------------------------------------------------------------- paths (tiny; `path` has the full API)
  function dirname(p) {
    const i = p.lastIndexOf('/');
    return i <= 0 ? (i === 0 ? '/' : '.') : p.slice(0, i);
  }
  function normalize(p) {
    const abs = p.startsWith('/');
    const out = [];
    for (const seg of p.split('/')) {
      if (seg === '' || seg === '.') continue;
      if (seg === '..') {
        if (out.length && out[out.length - 1] !== '..') out.pop();
        else if (!abs) out.push('..');
      } else out.push(seg);
    }
    return (abs ? '/' : '') + out.join('/') || (abs ? '/' : '.');
  }
  function resolvePath(base, rel) {
    return normalize(rel.startsWith('/') ? rel : base + '/' + rel);
  }

  // ---------------------------------------------------------------- filesystem probes
  function statKind(p) {
    try {
      return native.fsStat(p, true).kind;
    } catch (e) {
      return null;
    }
  }
  function readText(p) {
    return native.utf8Decode(native.fsRead(p));
  }
  const packageJsonCache = new Map();
  function readPackageJson(dir) {
    if (packageJsonCache.has(dir)) return packageJsonCache.get(dir);
    let pkg = null;
    const file = dir + '/package.json';
    if (statKind(file) === 'file') {
      try {
        pkg = JSON.parse(readText(file));
      } catch (e) {
        const err = new Error(`Invalid package config ${file}.`);
        err.code = 'ERR_INVALID_PACKAGE_CONFIG';
        throw err;
      }
    }
    packageJsonCache.set(dir, pkg);
    return pkg;
  }
  // "module" when the nearest package.json says "type": "module".
  function packageType(file) {
    let dir = dirname(file);
    for (;;) {
      const pkg = readPackageJson(dir);
      if (pkg) return pkg.type === 'module' ? 'module' : 'commonjs';
      if (dir === '/' || dir === '.') return 'commonjs';
      dir = dirname(dir);
    }
  }
  function formatOf(file) {
    if (file.startsWith('node:')) return 'builtin';
    if (file.endsWith('.mjs')) return 'esm';
    if (file.endsWith('.cjs')) return 'cjs';
    if (file.endsWith('.json')) return 'json';
    return packageType(file) === 'module' ? 'esm' : 'cjs';
  }

  // ---------------------------------------------------------------- resolution (CommonJS and ESM)
  function notFound(request, parent) {
    const err = new Error(`Cannot find module '${request}'\nRequire stack:\n- ${parent}`);
    err.code = 'MODULE_NOT_FOUND';
    err.requireStack = [parent];
    return err;
  }

  const EXTENSIONS = ['.js', '.json', '.cjs', '.mjs'];
  function tryFile(p) {
    return statKind(p) === 'file' ? p : null;
  }
  function tryExtensions(p) {
    for (const ext of EXTENSIONS) {
      if (tryFile(p + ext)) return p + ext;
    }
    return null;
  }
  function tryDirectory(p) {
    if (statKind(p) !== 'dir') return null;
    const pkg = readPackageJson(p);
    const main = pkg && pkg.main;
    if (typeof main === 'string' && main) {
      const m = resolvePath(p, main);
      const found = tryFile(m) || tryExtensions(m) || tryIndex(m);
      if (found) return found;
    }
    return tryIndex(p);
  }
  function tryIndex(p) {
    return tryExtensions(p + '/index');
  }
  function resolveAsPath(p, conditions) {
    return tryFile(p) || tryExtensions(p) || tryDirectory(p);
  }

  // package.json "exports": conditions objects, subpaths and "*" patterns.
  function resolveExportsTarget(target, conditions, star) {
    if (typeof target === 'string') return star === undefined ? target : target.split('*').join(star);
    if (Array.isArray(target)) {
      for (const t of target) {
        const r = resolveExportsTarget(t, conditions, star);
        if (r) return r;
      }
      return null;
    }
    if (target && typeof target === 'object') {
      for (const key of Object.keys(target)) {
        if (key === 'default' || conditions.includes(key)) {
          const r = resolveExportsTarget(target[key], conditions, star);
          if (r) return r;
        }
      }
    }
    return null;
  }
  function resolveExports(pkgDir, exportsField, subpath, conditions) {
    let map = exportsField;
    const isSubpathMap =
      map && typeof map === 'object' && !Array.isArray(map) && Object.keys(map).some((k) => k.startsWith('.'));
    if (!isSubpathMap) map = { '.': exportsField };
    let target = null;
    if (Object.prototype.hasOwnProperty.call(map, subpath)) {
      target = resolveExportsTarget(map[subpath], conditions);
    } else {
      let best = null;
      for (const key of Object.keys(map)) {
        const star = key.indexOf('*');
        if (star < 0) continue;
        const prefix = key.slice(0, star);
        const suffix = key.slice(star + 1);
        if (subpath.startsWith(prefix) && subpath.endsWith(suffix) && subpath.length >= key.length - 1) {
          if (!best || prefix.length > best.prefix.length) {
            best = { key, prefix, star: subpath.slice(prefix.length, subpath.length - suffix.length) };
          }
        }
      }
      if (best) target = resolveExportsTarget(map[best.key], conditions, best.star);
    }
    if (!target) {
      const err = new Error(`Package subpath '${subpath}' is not defined by "exports" in ${pkgDir}/package.json`);
      err.code = 'ERR_PACKAGE_PATH_NOT_EXPORTED';
      throw err;
    }
    return resolvePath(pkgDir, target);
  }

  function resolveBare(request, fromDir, conditions) {
    const parts = request.split('/');
    const nameLen = request.startsWith('@') ? 2 : 1;
    const pkgName = parts.slice(0, nameLen).join('/');
    const subpath = parts.length > nameLen ? './' + parts.slice(nameLen).join('/') : '.';
    let dir = fromDir;
    for (;;) {
      if (!dir.endsWith('/node_modules')) {
        const nm = (dir === '/' ? '' : dir) + '/node_modules';
        const pkgDir = nm + '/' + pkgName;
        if (statKind(pkgDir) === 'dir') {
          const pkg = readPackageJson(pkgDir);
          if (pkg && pkg.exports !== undefined && pkg.exports !== null) {
            const target = resolveExports(pkgDir, pkg.exports, subpath, conditions);
            if (tryFile(target)) return target;
          } else {
            const found = resolveAsPath(nm + '/' + request, conditions);
            if (found) return found;
          }
        } else if (nameLen === 1 && subpath === '.') {
          const found = tryFile(pkgDir + '.js') || tryFile(pkgDir + '.json');
          if (found) return found;
        }
      }
      if (dir === '/' || dir === '.' || dir === '') return null;
      dir = dirname(dir);
    }
  }

  const REQUIRE_CONDITIONS = ['require', 'node', 'node-addons'];
  const IMPORT_CONDITIONS = ['import', 'node', 'node-addons'];

  function resolveRequest(request, fromDir, conditions, parent) {
    const name = builtinName(request);
    if (name !== null && (request.startsWith('node:') || !request.startsWith('.'))) return 'node:' + name;
    if (request.startsWith('node:')) throw notFound(request, parent);
    let found = null;
    if (request.startsWith('./') || request.startsWith('../') || request.startsWith('/') || request === '.' || request === '..') {
      found = resolveAsPath(resolvePath(fromDir, request), conditions);
    } else if (request.startsWith('file://')) {
      found = resolveAsPath(decodeURIComponent(request.slice(7)), conditions);
    } else {
      found = resolveBare(request, fromDir, conditions);
    }
    if (!found) throw notFound(request, parent);
    return found;
  }

  // ---------------------------------------------------------------- CommonJS
  class Module {
    constructor(id, parent) {
      this.id = id;
      this.filename = id;
      this.path = dirname(id);
      this.exports = {};
      this.parent = parent;
      this.loaded = false;
      this.children = [];
      this.paths = nodeModulePaths(this.path);
    }
    require(request) {
      return requireFrom(this, request);
    }
  }
  function nodeModulePaths(dir) {
    const out = [];
    for (let d = dir; ; d = dirname(d)) {
      if (!d.endsWith('/node_modules')) out.push((d === '/' ? '' : d) + '/node_modules');
      if (d === '/' || d === '.') break;
    }
    return out;
  }
  Module._cache = Object.create(null);
  Module.Module = Module;
  Module.isBuiltin = (id) => builtinName(String(id)) !== null;
  internal.Module = Module;
  Module.builtinModules = [...builtinNames].filter((n) => !n.startsWith('internal/'));
  Module.createRequire = (filename) => {
    const f = String(filename).replace(/^file:\/\//, '');
    return makeRequire(new Module(f, null));
  };

  function makeRequire(module) {
    const require = (request) => requireFrom(module, request);
    require.resolve = (request, options) => {
      const name = builtinName(request);
      if (name !== null && !request.startsWith('.')) return request;
      const dirs = options && options.paths ? options.paths : [module.path];
      for (const d of dirs) {
        try {
          return resolveRequest(request, d, REQUIRE_CONDITIONS, module.filename);
        } catch (e) {
          if (e.code !== 'MODULE_NOT_FOUND') throw e;
        }
      }
      throw notFound(request, module.filename);
    };
    require.resolve.paths = (request) => (builtinName(request) !== null ? null : module.paths);
    require.cache = Module._cache;
    require.main = mainModule;
    return require;
  }

  let mainModule;

  function requireFrom(parent, request) {
    if (typeof request !== 'string' || request === '') {
      throw new TypeError('The "id" argument must be of type string. Received ' + typeof request);
    }
    const id = resolveRequest(request, parent.path, REQUIRE_CONDITIONS, parent.filename);
    if (id.startsWith('node:')) return loadBuiltin(id.slice(5));
    return loadCjs(id, parent).exports;
  }

  function loadCjs(filename, parent) {
    const cached = Module._cache[filename];
    if (cached) return cached;
    const format = formatOf(filename);
    if (format === 'esm') {
      const err = new Error(`require() of ES Module ${filename} not supported.\nInstead change the require to a dynamic import() which is available in all CommonJS modules.`);
      err.code = 'ERR_REQUIRE_ESM';
      throw err;
    }
    const module = new Module(filename, parent);
    if (parent && parent.children) parent.children.push(module);
    Module._cache[filename] = module;
    try {
      if (format === 'json') {
        const text = readText(filename);
        try {
          module.exports = JSON.parse(stripBom(text));
        } catch (e) {
          e.message = filename + ': ' + e.message;
          throw e;
        }
      } else {
        const source = stripShebang(stripBom(readText(filename)));
        const wrapper = native.evalScript(
          '(function (exports, require, module, __filename, __dirname) {' + source + '\n})',
          filename,
        );
        const require = makeRequire(module);
        wrapper.call(module.exports, module.exports, require, module, filename, module.path);
      }
      module.loaded = true;
    } catch (e) {
      delete Module._cache[filename];
      throw e;
    }
    return module;
  }
  function stripBom(s) {
    return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
  }
  function stripShebang(s) {
    return s.startsWith('#!') ? '//' + s : s;
  }

  // ---------------------------------------------------------------- ES modules (called from Rust)
  function esmResolve(base, specifier) {
    const fromDir = base.startsWith('/') ? dirname(base) : internal.taskRoot;
    return resolveRequest(specifier, fromDir, IMPORT_CONDITIONS, base);
  }

  function isIdentifier(name) {
    return /^[A-Za-z_$][\w$]*$/.test(name) && !RESERVED.has(name);
  }
  const RESERVED = new Set(
    ('break case catch class const continue debugger default delete do else enum export extends false finally for ' +
      'function if import in instanceof new null return super switch this throw true try typeof var void while with ' +
      'yield let static implements interface package private protected public await arguments eval').split(' '),
  );

  const esmExportsCache = new Map();
  function esmExports(id) {
    return esmExportsCache.get(id);
  }

  // Source text for one ES module id: the file itself, or a facade re-exporting the
  // exports of a CommonJS module, a JSON file or a built-in.
  function esmSource(id) {
    const format = formatOf(id);
    if (format === 'esm') return stripShebang(stripBom(readText(id)));
    let exportsValue;
    if (format === 'builtin') exportsValue = loadBuiltin(id.slice(5));
    else if (format === 'json') exportsValue = JSON.parse(stripBom(readText(id)));
    else exportsValue = loadCjs(id, null).exports;
    esmExportsCache.set(id, exportsValue);
    let src = `const __cjs = globalThis.__lambdabox.esmExports(${JSON.stringify(id)});\nexport default __cjs;\n`;
    if (format !== 'json' && exportsValue && (typeof exportsValue === 'object' || typeof exportsValue === 'function')) {
      for (const key of Object.keys(exportsValue)) {
        if (key !== 'default' && key !== '__cjs' && isIdentifier(key)) src += `export const ${key} = __cjs.${key};\n`;
      }
    }
    return src;
  }

  // ---------------------------------------------------------------- event loop
  let loopTime = 0;
  function now() {
    const t = native.monotonicMs();
    if (t > loopTime) loopTime = t;
    return loopTime;
  }
  const TIMEOUT_MAX = 2 ** 31 - 1;
  let timerSeq = 0;
  const timers = new Map();
  let immediates = [];

  class Timeout {
    constructor(callback, delay, args, repeat) {
      delay = Number(delay);
      if (!(delay >= 1 && delay <= TIMEOUT_MAX)) delay = 1;
      this._id = ++timerSeq;
      this._callback = callback;
      this._delay = Math.trunc(delay);
      this._args = args;
      this._repeat = repeat;
      this._ref = true;
      this._when = now() + this._delay;
      this._order = this._id;
      timers.set(this._id, this);
    }
    ref() {
      this._ref = true;
      return this;
    }
    unref() {
      this._ref = false;
      return this;
    }
    hasRef() {
      return this._ref;
    }
    refresh() {
      this._when = now() + this._delay;
      this._order = ++timerSeq;
      if (!timers.has(this._id)) timers.set(this._id, this);
      return this;
    }
    close() {
      timers.delete(this._id);
      return this;
    }
    [Symbol.toPrimitive]() {
      return this._id;
    }
  }
  class Immediate {
    constructor(callback, args) {
      this._callback = callback;
      this._args = args;
      this._cleared = false;
      this._ref = true;
    }
    ref() {
      this._ref = true;
      return this;
    }
    unref() {
      this._ref = false;
      return this;
    }
    hasRef() {
      return this._ref;
    }
  }
  function checkCallback(cb) {
    if (typeof cb !== 'function') {
      const err = new TypeError(`The "callback" argument must be of type function. Received ${typeof cb}`);
      err.code = 'ERR_INVALID_ARG_TYPE';
      throw err;
    }
  }
  function clearTimer(t) {
    if (t == null) return;
    if (t instanceof Timeout) timers.delete(t._id);
    else if (t instanceof Immediate) t._cleared = true;
    else timers.delete(Number(t));
  }
  const timerApi = {
    setTimeout(cb, delay, ...args) {
      checkCallback(cb);
      return new Timeout(cb, delay, args, false);
    },
    setInterval(cb, delay, ...args) {
      checkCallback(cb);
      return new Timeout(cb, delay, args, true);
    },
    setImmediate(cb, ...args) {
      checkCallback(cb);
      const im = new Immediate(cb, args);
      immediates.push(im);
      return im;
    },
    clearTimeout: clearTimer,
    clearInterval: clearTimer,
    clearImmediate: clearTimer,
  };
  // util.promisify(setTimeout) / (setImmediate) resolve after the delay, as in Node.
  const promisifyCustom = Symbol.for('nodejs.util.promisify.custom');
  for (const name of ['setTimeout', 'setImmediate']) {
    Object.defineProperty(timerApi[name], promisifyCustom, {
      get: () => loadBuiltin('timers/promises')[name],
      configurable: true,
    });
  }
  internal.timers = timerApi;
  internal.Timeout = Timeout;
  internal.Immediate = Immediate;
  Object.assign(G, timerApi);

  // process.nextTick: a queue drained as one microtask, ahead of later promise jobs.
  let ticks = [];
  function drainTicks() {
    while (ticks.length) {
      const batch = ticks;
      ticks = [];
      for (const [fn, args] of batch) guarded(fn, args);
    }
  }
  // Like Node, the tick queue runs after each macrotask callback and whenever the
  // microtask queue has drained (tick() is called by Rust only then).
  function nextTick(fn, ...args) {
    checkCallback(fn);
    ticks.push([fn, args]);
  }

  G.queueMicrotask = function queueMicrotask(fn) {
    checkCallback(fn);
    Promise.resolve().then(() => guarded(fn, []));
  };

  function guarded(fn, args, thisArg) {
    try {
      fn.apply(thisArg, args);
    } catch (e) {
      uncaught(e);
    }
  }

  // ---------------------------------------------------------------- invocation state
  // `phase`: null, or the current init/invoke; it settles once with `outcome`.
  let phase = null;
  let outcome = null;
  const rejections = new Map();

  function uncaught(error) {
    if (processListeners('uncaughtException').length) {
      G.process.emit('uncaughtException', error, 'uncaughtException');
      return;
    }
    settle({ error });
  }

  function settle(result) {
    if (!phase || phase.settled) return false;
    phase.settled = true;
    outcome = result;
    return true;
  }

  function onRejection(promise, reason, handled) {
    if (handled) rejections.delete(promise);
    else rejections.set(promise, reason);
  }

  function reportRejections() {
    if (rejections.size === 0) return;
    const list = [...rejections];
    rejections.clear();
    for (const [promise, reason] of list) {
      if (processListeners('unhandledRejection').length) {
        G.process.emit('unhandledRejection', reason, promise);
        continue;
      }
      const error = new Error(String(describeReason(reason)));
      error.name = 'Runtime.UnhandledPromiseRejection';
      error.reason = reason;
      error.promise = promise;
      settle({ error });
      return;
    }
  }
  function describeReason(reason) {
    try {
      return reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason);
    } catch (e) {
      return Object.prototype.toString.call(reason);
    }
  }

  function runTimersDue(t) {
    let due = null;
    for (const timer of timers.values()) {
      if (timer._when <= t && (!due || timer._when < due._when || (timer._when === due._when && timer._order < due._order))) due = timer;
    }
    if (!due) return false;
    if (due._repeat) {
      due._when = Math.max(due._when + due._delay, t);
      due._order = ++timerSeq;
    } else {
      timers.delete(due._id);
    }
    guarded(due._callback, due._args, due);
    drainTicks();
    return true;
  }

  function nextRefTimer() {
    let next = null;
    for (const timer of timers.values()) {
      if (timer._ref && (!next || timer._when < next._when)) next = timer;
    }
    return next;
  }

  // One turn of the event loop, after Rust ran all pending microtasks.
  // Returns true when the current phase is complete.
  function tick() {
    if (ticks.length) {
      drainTicks();
      return false;
    }
    reportRejections();
    if (!phase) return true;
    if (phase.settled) return finish();
    if (immediates.length) {
      const batch = immediates;
      immediates = [];
      for (const im of batch) {
        if (!im._cleared) {
          guarded(im._callback, im._args, im);
          drainTicks();
        }
      }
      return false;
    }
    const t = now();
    if (runTimersDue(t)) return false;
    const next = nextRefTimer();
    if (next) {
      const wait = next._when - t;
      if (wait > 0) {
        native.sleepMs(wait);
        loopTime = Math.max(native.monotonicMs(), t + wait);
      }
      return false;
    }
    // The loop is empty.
    if (G.process && !phase.settled) {
      G.process.emit('beforeExit', 0);
      if (immediates.length || nextRefTimer() || ticks.length) return false;
    }
    phase.onLoopEmpty();
    return finish();
  }
  function finish() {
    flushStdio();
    phase = null;
    return true;
  }

  function takeOutcome() {
    const result = outcome;
    outcome = null;
    if (!result) return { ok: false, errorType: 'Runtime.InternalError', errorMessage: 'invocation ended without a result', trace: [] };
    if ('error' in result) return toRapidResponse(result.error);
    if (result.rapid) return result.rapid;
    try {
      const payload = JSON.stringify(result.value === undefined ? null : result.value);
      return { ok: true, payload: payload === undefined ? 'null' : payload };
    } catch (e) {
      return toRapidResponse(e);
    }
  }

  // The Lambda error document for a thrown or rejected value, as the AWS Node runtime builds it.
  function toRapidResponse(error) {
    try {
      if (isError(error)) {
        return {
          ok: false,
          errorType: String(error.name),
          errorMessage: String(error.message),
          trace: stackLines(error),
        };
      }
      return { ok: false, errorType: typeof error, errorMessage: String(error.toString()), trace: [] };
    } catch (e) {
      return {
        ok: false,
        errorType: 'handled',
        errorMessage:
          'callback called with Error argument, but there was a problem while retrieving one or more of its message, name, and stack',
        trace: [],
      };
    }
  }
  function isError(e) {
    return (
      e instanceof Error ||
      (e !== null && typeof e === 'object' && typeof e.name === 'string' && typeof e.message === 'string' && typeof e.stack === 'string')
    );
  }
  // V8-style stack text: a `Name: message` header, then the frames.
  function stackLines(error) {
    const stack = typeof error.stack === 'string' ? error.stack : '';
    const header = error.message ? `${error.name}: ${error.message}` : String(error.name);
    const lines = stack.split('\n').filter((l) => l.trim() !== '');
    const hasHeader = lines.length && !/^\s+at /.test(lines[0]);
    const frames = (hasHeader ? lines.slice(1) : lines).filter((l) => !l.includes('node:internal/bootstrap'));
    const head = hasHeader ? [lines[0]] : header.split('\n');
    return [...head, ...frames.map((l) => l.replace(/^\s*at /, '    at '))];
  }

  // ---------------------------------------------------------------- handler loading (init)
  function runtimeError(name, message, cause) {
    const err = new Error(message);
    err.name = 'Runtime.' + name;
    if (cause && cause.stack) err.stack = cause.stack;
    return err;
  }

  let handlerFn = null;
  let handlerName = '';

  function startInit(handlerString, taskRoot) {
    internal.taskRoot = taskRoot;
    handlerName = handlerString;
    if (G.process) G.process.chdir(taskRoot);
    phase = { settled: false, onLoopEmpty: initLoopEmpty };
    outcome = null;
    mainModule = undefined;
    let loaded;
    try {
      loaded = loadHandler(handlerString, taskRoot);
    } catch (e) {
      settle({ error: e });
      return;
    }
    Promise.resolve(loaded).then(
      (fn) => {
        handlerFn = fn;
        settle({ value: null });
      },
      (e) => settle({ error: wrapLoadError(e) }),
    );
  }
  function initLoopEmpty() {
    settle({
      error: runtimeError('ImportModuleError', 'Error: the handler module never finished loading (unsettled top-level await)'),
    });
  }

  function loadHandler(fullHandler, taskRoot) {
    const slash = fullHandler.lastIndexOf('/');
    const moduleRoot = fullHandler.slice(0, slash + 1);
    const handlerString = fullHandler.slice(slash + 1);
    if (fullHandler.includes('..')) {
      throw runtimeError('MalformedHandlerName', "'" + fullHandler + "' is not a valid handler name. Use absolute paths when specifying root directories in handler names.");
    }
    const match = /^([^.]*)\.(.*)$/.exec(handlerString);
    if (!match) throw runtimeError('MalformedHandlerName', 'Bad handler');
    const [, moduleName, functionPath] = match;
    const base = resolvePath(taskRoot, moduleRoot + moduleName);
    const pick = (exportsValue) => {
      const fn = functionPath.split('.').reduce((o, key) => (o == null ? undefined : o[key]), exportsValue);
      if (fn === undefined || fn === null) throw runtimeError('HandlerNotFound', `${fullHandler} is undefined or not exported`);
      if (typeof fn !== 'function') throw runtimeError('HandlerNotFound', `${fullHandler} is not a function`);
      return fn;
    };
    let file = null;
    for (const ext of ['.js', '.mjs', '.cjs']) {
      if (statKind(base + ext) === 'file') {
        file = base + ext;
        break;
      }
    }
    if (file === null) {
      // Not a file in the task root: the module may be a package in node_modules.
      try {
        file = resolveRequest(moduleName, resolvePath(taskRoot, moduleRoot), REQUIRE_CONDITIONS, '/var/runtime/index.mjs');
      } catch (e) {
        throw wrapLoadError(e, moduleName);
      }
      if (file.startsWith('node:')) throw wrapLoadError(notFound(moduleName, '/var/runtime/index.mjs'), moduleName);
    }
    if (formatOf(file) === 'esm') {
      return import(file).then(pick, (e) => {
        throw wrapLoadError(e);
      });
    }
    let module;
    try {
      module = loadCjs(file, null);
    } catch (e) {
      throw wrapLoadError(e);
    }
    mainModule = module;
    return pick(module.exports);
  }

  function wrapLoadError(e, moduleName) {
    if (e && typeof e.name === 'string' && e.name.startsWith('Runtime.')) return e;
    if (e instanceof SyntaxError) return runtimeError('UserCodeSyntaxError', `${e.name}: ${e.message}`, e);
    if (e && e.code === 'MODULE_NOT_FOUND') {
      // The handler's own module is missing: reported as the runtime's require failing.
      if (moduleName) return runtimeError('ImportModuleError', `Error: Cannot find module '${moduleName}'\nRequire stack:\n- /var/runtime/index.mjs`, e);
      return runtimeError('ImportModuleError', `Error: ${e.message}`, e);
    }
    if (e && typeof e.message === 'string' && /could not load module|Cannot find module/.test(e.message)) {
      return runtimeError('ImportModuleError', `Error: ${e.message}`, e);
    }
    return e;
  }

  // ---------------------------------------------------------------- invocation
  function startInvoke(eventText, record) {
    outcome = null;
    if (!handlerFn) {
      phase = { settled: false, onLoopEmpty() {} };
      settle({ error: runtimeError('InternalError', 'invoke before a successful init') });
      return;
    }
    let waits = true;
    let deferred = null; // a callback result waiting for the empty event loop
    const current = {
      settled: false,
      // No result yet when the loop runs dry (a sync handler): Lambda reports null.
      onLoopEmpty: () => settle(deferred || { value: null }),
    };
    phase = current;
    const complete = (result, immediately) => {
      if (current.settled || deferred) {
        G.console.error('Invocation has already been reported as done. Cannot call complete more than once per invocation.');
        return;
      }
      if (immediately || !waits) settle(result);
      else deferred = result;
    };
    const callback = (err, data) => {
      if (err !== undefined && err !== null) complete({ error: err }, false);
      else complete({ value: data }, false);
    };
    const done = (err, data) => {
      waits = false;
      callback(err, data);
    };
    let event;
    try {
      event = JSON.parse(eventText);
    } catch (e) {
      settle({ error: runtimeError('InvalidEventJson', `the event is not JSON: ${e.message}`) });
      return;
    }
    const context = buildContext(record, {
      getWaits: () => waits,
      setWaits: (v) => {
        waits = Boolean(v);
      },
      done,
      succeed: (result) => done(null, result),
      fail: (err) => done(err === undefined || err === null ? '__emptyFailParamBackCompat' : err, null),
    });
    try {
      const result = handlerFn(event, context, callback);
      if (result && typeof result.then === 'function') {
        result.then(
          (value) => complete({ value }, true),
          (error) => complete({ error }, true),
        );
      }
    } catch (e) {
      complete({ error: e }, true);
    }
  }

  function buildContext(record, hooks) {
    const parseJson = (text) => {
      if (text === null || text === undefined) return undefined;
      try {
        return JSON.parse(text);
      } catch (e) {
        return text;
      }
    };
    const context = {
      get callbackWaitsForEmptyEventLoop() {
        return hooks.getWaits();
      },
      set callbackWaitsForEmptyEventLoop(v) {
        hooks.setWaits(v);
      },
      succeed: hooks.succeed,
      fail: hooks.fail,
      done: hooks.done,
      functionVersion: record.functionVersion,
      functionName: record.functionName,
      memoryLimitInMB: String(record.memoryLimitInMB),
      logGroupName: record.logGroupName,
      logStreamName: record.logStreamName,
      clientContext: parseJson(record.clientContext),
      identity: parseJson(record.identity),
      invokedFunctionArn: record.invokedFunctionArn,
      awsRequestId: record.awsRequestId,
      getRemainingTimeInMillis: () => native.remainingTimeMs(),
    };
    const user = parseJson(record.userContext);
    if (user && typeof user === 'object' && !Array.isArray(user)) Object.assign(context, user);
    return context;
  }

  // ---------------------------------------------------------------- console and stdio
  let stdoutPartial = '';
  let stderrPartial = '';
  function writeStream(which, text) {
    let buf = (which === 1 ? stdoutPartial : stderrPartial) + text;
    const nl = buf.lastIndexOf('\n');
    if (nl >= 0) {
      native.log(buf.slice(0, nl + 1));
      buf = buf.slice(nl + 1);
    }
    if (which === 1) stdoutPartial = buf;
    else stderrPartial = buf;
  }
  function flushStdio() {
    if (stdoutPartial) native.log(stdoutPartial + '\n');
    if (stderrPartial) native.log(stderrPartial + '\n');
    stdoutPartial = stderrPartial = '';
  }
  internal.writeStream = writeStream;

  let util;
  const getUtil = () => util || (util = loadBuiltin('util'));
  let groupIndent = '';
  function logLine(args) {
    let text = getUtil().format(...args);
    if (groupIndent) text = text.split('\n').map((l) => groupIndent + l).join('\n');
    native.log(text + '\n');
  }
  const counts = new Map();
  const timeLabels = new Map();
  const console = {
    log: (...a) => logLine(a),
    info: (...a) => logLine(a),
    debug: (...a) => logLine(a),
    error: (...a) => logLine(a),
    warn: (...a) => logLine(a),
    trace: (...a) => {
      const err = new Error(getUtil().format(...a));
      logLine(['Trace: ' + err.message + '\n' + stackLines(err).slice(2).join('\n')]);
    },
    dir: (obj, options) => logLine([getUtil().inspect(obj, Object.assign({ customInspect: false }, options))]),
    dirxml: (...a) => logLine(a),
    table: (data) => logLine([data]),
    assert: (cond, ...a) => {
      if (!cond) logLine(a.length ? ['Assertion failed: ' + (typeof a[0] === 'string' ? a[0] : getUtil().inspect(a[0])), ...a.slice(1)] : ['Assertion failed']);
    },
    count: (label = 'default') => {
      const n = (counts.get(label) || 0) + 1;
      counts.set(label, n);
      logLine([`${label}: ${n}`]);
    },
    countReset: (label = 'default') => counts.delete(label),
    time: (label = 'default') => timeLabels.set(label, now()),
    timeEnd: (label = 'default') => {
      if (!timeLabels.has(label)) return;
      logLine([`${label}: ${formatMs(now() - timeLabels.get(label))}`]);
      timeLabels.delete(label);
    },
    timeLog: (label = 'default', ...a) => {
      if (timeLabels.has(label)) logLine([`${label}: ${formatMs(now() - timeLabels.get(label))}`, ...a]);
    },
    group: (...a) => {
      if (a.length) logLine(a);
      groupIndent += '  ';
    },
    groupEnd: () => {
      groupIndent = groupIndent.slice(2);
    },
  };
  console.groupCollapsed = console.group;
  function formatMs(ms) {
    return ms >= 1000 ? (ms / 1000).toFixed(3) + 's' : ms.toFixed(3) + 'ms';
  }
  G.console = console;

  // ---------------------------------------------------------------- process
  const listeners = new Map();
  function processListeners(name) {
    return listeners.get(name) || [];
  }
  const envObject = {};
  for (const [k, v] of native.env()) envObject[k] = v;
  let cwd = '/var/task';
  const startMs = now();
  const process = {
    title: 'node',
    version: 'v20.18.0',
    versions: { node: '20.18.0', quickjs: 'ng', lambdabox: '0.1.0' },
    arch: 'x64',
    platform: 'linux',
    release: { name: 'node', lts: 'Iron' },
    pid: 1,
    ppid: 0,
    execPath: '/var/lang/bin/node',
    execArgv: [],
    argv: ['/var/lang/bin/node', '/var/runtime/index.mjs'],
    argv0: 'node',
    env: envObject,
    exitCode: undefined,
    features: {},
    config: { variables: {} },
    stdout: {
      write(chunk, encoding, cb) {
        writeStream(1, typeof chunk === 'string' ? chunk : String(chunk));
        if (typeof encoding === 'function') encoding();
        else if (typeof cb === 'function') cb();
        return true;
      },
      isTTY: false,
      fd: 1,
    },
    stderr: {
      write(chunk, encoding, cb) {
        writeStream(2, typeof chunk === 'string' ? chunk : String(chunk));
        if (typeof encoding === 'function') encoding();
        else if (typeof cb === 'function') cb();
        return true;
      },
      isTTY: false,
      fd: 2,
    },
    cwd: () => cwd,
    chdir: (dir) => {
      cwd = resolvePath(cwd, String(dir));
    },
    umask: () => 0o22,
    uptime: () => (now() - startMs) / 1000,
    hrtime: Object.assign(
      (prev) => {
        const t = now();
        let s = Math.floor(t / 1000);
        let ns = Math.floor((t % 1000) * 1e6);
        if (prev) {
          s -= prev[0];
          ns -= prev[1];
          if (ns < 0) {
            s -= 1;
            ns += 1e9;
          }
        }
        return [s, ns];
      },
      { bigint: () => BigInt(Math.floor(now() * 1e6)) },
    ),
    memoryUsage: Object.assign(
      () => {
        const rss = native.memoryBytes();
        return { rss, heapTotal: rss, heapUsed: rss, external: 0, arrayBuffers: 0 };
      },
      { rss: () => native.memoryBytes() },
    ),
    cpuUsage: () => {
      const us = Math.floor(now() * 1000);
      return { user: us, system: 0 };
    },
    nextTick,
    emitWarning(warning, type) {
      const text = warning instanceof Error ? `${warning.name}: ${warning.message}` : `${typeof type === 'string' ? type : 'Warning'}: ${warning}`;
      native.log(`(node:1) ${text}\n`);
    },
    exit(code) {
      const c = code === undefined ? process.exitCode || 0 : code;
      settle({
        rapid: {
          ok: false,
          errorType: 'Runtime.ExitError',
          errorMessage: `RequestId: ${currentRequestId()} Error: Runtime exited with error: exit status ${c}`,
          trace: [],
        },
      });
      const stop = new Error('process.exit');
      stop.name = 'ProcessExit';
      throw stop;
    },
    abort() {
      process.exit(134);
    },
    kill() {
      return true;
    },
    on(name, fn) {
      listeners.set(name, [...processListeners(name), fn]);
      return process;
    },
    once(name, fn) {
      const wrapped = (...a) => {
        process.off(name, wrapped);
        fn(...a);
      };
      wrapped.listener = fn;
      return process.on(name, wrapped);
    },
    off(name, fn) {
      listeners.set(name, processListeners(name).filter((l) => l !== fn && l.listener !== fn));
      return process;
    },
    emit(name, ...args) {
      const ls = processListeners(name);
      for (const l of ls) l.apply(process, args);
      return ls.length > 0;
    },
    listeners: (name) => processListeners(name).slice(),
    listenerCount: (name) => processListeners(name).length,
    removeAllListeners(name) {
      if (name === undefined) listeners.clear();
      else listeners.delete(name);
      return process;
    },
  };
  process.addListener = process.on;
  process.removeListener = process.off;
  process.prependListener = process.on;
  let requestId = '';
  function currentRequestId() {
    return requestId;
  }
  G.process = process;
  G.global = G;

  // ---------------------------------------------------------------- other globals
  lazyGlobal('Buffer', () => loadBuiltin('buffer').Buffer);
  lazyGlobal('URL', () => loadBuiltin('url').URL);
  lazyGlobal('URLSearchParams', () => loadBuiltin('url').URLSearchParams);
  lazyGlobal('TextEncoder', () => loadBuiltin('util').TextEncoder);
  lazyGlobal('TextDecoder', () => loadBuiltin('util').TextDecoder);
  lazyGlobal('crypto', () => loadBuiltin('crypto').webcrypto);
  // No sockets in the sandbox: fetch fails the way undici reports a refused connection.
  G.fetch = function fetch(input) {
    const target = typeof input === 'string' ? input : input && input.url ? input.url : String(input);
    let host = target;
    let port = '';
    try {
      const u = new G.URL(target);
      host = u.hostname;
      port = u.port || (u.protocol === 'https:' ? '443' : '80');
    } catch (e) {
      return Promise.reject(new TypeError('Failed to parse URL from ' + target));
    }
    const err = new TypeError('fetch failed');
    err.cause = loadBuiltin('internal/http').networkError(host, port);
    return Promise.reject(err);
  };
  for (const name of ['Event', 'EventTarget', 'AbortController', 'AbortSignal']) {
    lazyGlobal(name, () => loadBuiltin('internal/abort')[name]);
  }

  G.btoa = function btoa(input) {
    const s = String(input);
    const bytes = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c > 255) {
        const err = new Error('Invalid character');
        err.name = 'InvalidCharacterError';
        throw err;
      }
      bytes[i] = c;
    }
    return native.base64Encode(bytes, false);
  };
  G.atob = function atob(input) {
    const s = String(input).replace(/[\t\n\f\r ]/g, '');
    if (s.length % 4 === 1 || /[^A-Za-z0-9+/=]/.test(s) || /=[^=]/.test(s)) {
      const err = new Error('The string to be decoded is not correctly encoded.');
      err.name = 'InvalidCharacterError';
      throw err;
    }
    const bytes = native.base64Decode(s);
    let out = '';
    for (let i = 0; i < bytes.length; i += 4096) out += String.fromCharCode.apply(null, bytes.subarray(i, i + 4096));
    return out;
  };

  if (typeof G.structuredClone !== 'function') {
    G.structuredClone = function structuredClone(value) {
      const seen = new Map();
      const clone = (v) => {
        if (v === null || typeof v !== 'object') {
          if (typeof v === 'function' || typeof v === 'symbol') {
            const err = new Error(`${typeof v === 'function' ? String(v) : v.toString()} could not be cloned.`);
            err.name = 'DataCloneError';
            throw err;
          }
          return v;
        }
        if (seen.has(v)) return seen.get(v);
        let out;
        if (Array.isArray(v)) {
          out = [];
          seen.set(v, out);
          v.forEach((x, i) => (out[i] = clone(x)));
          return out;
        }
        if (v instanceof Date) return new Date(v.getTime());
        if (v instanceof RegExp) return new RegExp(v.source, v.flags);
        if (v instanceof Map) {
          out = new Map();
          seen.set(v, out);
          for (const [k, x] of v) out.set(clone(k), clone(x));
          return out;
        }
        if (v instanceof Set) {
          out = new Set();
          seen.set(v, out);
          for (const x of v) out.add(clone(x));
          return out;
        }
        if (ArrayBuffer.isView(v)) return new v.constructor(v);
        if (v instanceof ArrayBuffer) return v.slice(0);
        if (v instanceof Error) {
          out = new (G[v.name] || Error)(v.message);
          out.stack = v.stack;
          return out;
        }
        out = {};
        seen.set(v, out);
        for (const k of Object.keys(v)) out[k] = clone(v[k]);
        return out;
      };
      return clone(value);
    };
  }

  const timeOrigin = Date.now() - now();
  Object.defineProperty(G, 'performance', {
    value: { now: () => now() - startMs, timeOrigin: timeOrigin + startMs, toJSON: () => ({ timeOrigin: timeOrigin + startMs }) },
    writable: true,
    configurable: true,
    enumerable: false,
  });


  // ---------------------------------------------------------------- the Rust-facing API
  Object.defineProperty(G, '__lambdabox', {
    enumerable: false,
    configurable: false,
    writable: false,
    value: Object.freeze({
      startInit,
      startInvoke: (eventText, record) => {
        requestId = record.awsRequestId;
        return startInvoke(eventText, record);
      },
      tick,
      takeOutcome,
      onRejection,
      esmResolve,
      esmSource,
      esmExports,
    }),
  });
})(globalThis.__native);
