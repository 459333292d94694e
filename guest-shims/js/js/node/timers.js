'use strict';
// node:timers — the same functions as the globals.
module.exports = Object.assign({}, internal.timers, { promises: undefined });
Object.defineProperty(module.exports, 'promises', { get: () => internal.require('timers/promises'), enumerable: true });
