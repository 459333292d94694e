#!/usr/bin/env node
// A small stand-in for the AWS Lambda Node.js runtime, for differential tests: it loads a
// handler the way the runtime does, builds the same context, honours callback / promise /
// callbackWaitsForEmptyEventLoop semantics, and prints one JSON document on stdout:
//   {"ok":true,"result":<value>}  or  {"ok":false,"errorType":..,"errorMessage":..,"stackTrace":[..]}
// console.* goes to stderr (util.format, one call = one line), as in lambdabox.
//
// usage: node node-harness.js TASK_ROOT HANDLER EVENT_JSON [USER_CONTEXT_JSON]
'use strict';
const path = require('path');
const fs = require('fs');
const util = require('util');
const { pathToFileURL } = require('url');

const [taskRoot, fullHandler, eventText, userContextText] = process.argv.slice(2);
if (!taskRoot || !fullHandler || eventText === undefined) {
  process.stderr.write('usage: node node-harness.js TASK_ROOT HANDLER EVENT_JSON [USER_CONTEXT_JSON]\n');
  process.exit(2);
}

for (const name of ['log', 'info', 'debug', 'error', 'warn']) {
  console[name] = (...args) => process.stderr.write(util.format(...args) + '\n');
}

let reported = false;
function report(doc) {
  if (reported) return;
  reported = true;
  process.stdout.write(JSON.stringify(doc) + '\n', () => process.exit(0));
}

function runtimeError(name, message) {
  const e = new Error(message);
  e.name = 'Runtime.' + name;
  return e;
}

function toErrorDoc(error) {
  try {
    if (util.types.isNativeError(error) || (error && typeof error.name === 'string' && typeof error.message === 'string' && typeof error.stack === 'string')) {
      return { ok: false, errorType: error.name, errorMessage: error.message, stackTrace: String(error.stack).split('\n') };
    }
    return { ok: false, errorType: typeof error, errorMessage: error.toString(), stackTrace: [] };
  } catch (_) {
    return {
      ok: false,
      errorType: 'handled',
      errorMessage: 'callback called with Error argument, but there was a problem while retrieving one or more of its message, name, and stack',
      stackTrace: [],
    };
  }
}

function succeed(value) {
  let text;
  try {
    text = JSON.stringify(value === undefined ? null : value);
  } catch (e) {
    return report(toErrorDoc(e));
  }
  report({ ok: true, result: JSON.parse(text === undefined ? 'null' : text) });
}
function fail(error) {
  report(toErrorDoc(error));
}

process.on('uncaughtException', (e) => fail(e));
process.on('unhandledRejection', (reason) => {
  const e = new Error(reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason));
  e.name = 'Runtime.UnhandledPromiseRejection';
  fail(e);
});

async function loadHandler() {
  if (fullHandler.includes('..')) {
    throw runtimeError('MalformedHandlerName', "'" + fullHandler + "' is not a valid handler name. Use absolute paths when specifying root directories in handler names.");
  }
  const slash = fullHandler.lastIndexOf('/');
  const moduleRoot = fullHandler.slice(0, slash + 1);
  const handlerString = fullHandler.slice(slash + 1);
  const match = /^([^.]*)\.(.*)$/.exec(handlerString);
  if (!match) throw runtimeError('MalformedHandlerName', 'Bad handler');
  const [, moduleName, functionPath] = match;
  const base = path.resolve(taskRoot, moduleRoot, moduleName);
  let file = ['.js', '.mjs', '.cjs'].map((e) => base + e).find((f) => fs.existsSync(f));
  let exportsValue;
  try {
    if (!file) file = require.resolve(moduleName, { paths: [path.resolve(taskRoot, moduleRoot)] });
    const esm = file.endsWith('.mjs') || (file.endsWith('.js') && nearestType(file) === 'module');
    exportsValue = esm ? await import(pathToFileURL(file).href) : require(file);
  } catch (e) {
    if (e instanceof SyntaxError) throw runtimeError('UserCodeSyntaxError', `${e.name}: ${e.message}`);
    if (e && (e.code === 'MODULE_NOT_FOUND' || e.code === 'ERR_MODULE_NOT_FOUND') && !file) {
      throw runtimeError('ImportModuleError', `Error: Cannot find module '${moduleName}'\nRequire stack:\n- /var/runtime/index.mjs`);
    }
    throw e;
  }
  const fn = functionPath.split('.').reduce((o, k) => (o == null ? undefined : o[k]), exportsValue);
  if (fn == null) throw runtimeError('HandlerNotFound', `${fullHandler} is undefined or not exported`);
  if (typeof fn !== 'function') throw runtimeError('HandlerNotFound', `${fullHandler} is not a function`);
  return fn;
}

function nearestType(file) {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    const p = path.join(dir, 'package.json');
    if (fs.existsSync(p)) return JSON.parse(fs.readFileSync(p, 'utf8')).type === 'module' ? 'module' : 'commonjs';
    if (dir === path.dirname(dir)) return 'commonjs';
  }
}

function buildContext(hooks) {
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
    functionVersion: '$LATEST',
    functionName: 'svc-dev-fn',
    memoryLimitInMB: '1024',
    logGroupName: '/aws/lambda/svc-dev-fn',
    logStreamName: '2026/01/01/[$LATEST]lambdabox',
    clientContext: undefined,
    identity: undefined,
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:svc-dev-fn',
    awsRequestId: 'diff-request-id',
    getRemainingTimeInMillis: () => 6000,
  };
  if (userContextText) Object.assign(context, JSON.parse(userContextText));
  return context;
}

async function main() {
  process.chdir(taskRoot);
  let handler;
  try {
    handler = await loadHandler();
  } catch (e) {
    return fail(e);
  }
  let waits = true;
  let deferred = null;
  let completed = false;
  const complete = (fn, arg, immediately) => {
    if (completed) {
      console.error('Invocation has already been reported as done. Cannot call complete more than once per invocation.');
      return;
    }
    completed = true;
    if (immediately || !waits) fn(arg);
    else deferred = () => fn(arg);
  };
  const callback = (err, data) => {
    if (err !== undefined && err !== null) complete(fail, err, false);
    else complete(succeed, data, false);
  };
  const done = (err, data) => {
    waits = false;
    callback(err, data);
  };
  process.on('beforeExit', () => {
    if (reported) return;
    if (deferred) deferred();
    else succeed(null);
  });
  const context = buildContext({
    getWaits: () => waits,
    setWaits: (v) => (waits = Boolean(v)),
    done,
    succeed: (r) => done(null, r),
    fail: (e) => done(e === undefined || e === null ? '__emptyFailParamBackCompat' : e, null),
  });
  try {
    const result = handler(JSON.parse(eventText), context, callback);
    if (result && typeof result.then === 'function') {
      result.then(
        (v) => complete(succeed, v, true),
        (e) => complete(fail, e, true),
      );
    }
  } catch (e) {
    complete(fail, e, true);
  }
}

main();
