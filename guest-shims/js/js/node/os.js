'use strict';
// node:os — what a Lambda x86_64 sandbox would report; values that cannot be known are fixed.
module.exports = {
  EOL: '\n',
  devNull: '/dev/null',
  arch: () => 'x64',
  platform: () => 'linux',
  type: () => 'Linux',
  release: () => '5.10.0-lambdabox',
  version: () => '#1 SMP',
  machine: () => 'x86_64',
  hostname: () => 'localhost',
  homedir: () => process.env.HOME || '/home/sbx_user1051',
  tmpdir: () => {
    const t = process.env.TMPDIR || process.env.TMP || process.env.TEMP || '/tmp';
    return t.length > 1 && t.endsWith('/') ? t.slice(0, -1) : t;
  },
  endianness: () => 'LE',
  uptime: () => Math.floor(process.uptime()),
  loadavg: () => [0, 0, 0],
  totalmem: () => Number(process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE || 1024) * 1024 * 1024,
  freemem: () => Math.max(0, Number(process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE || 1024) * 1024 * 1024 - process.memoryUsage.rss()),
  availableParallelism: () => 1,
  cpus: () => [{ model: 'lambdabox virtual CPU', speed: 0, times: { user: 0, nice: 0, sys: 0, idle: 0, irq: 0 } }],
  networkInterfaces: () => ({}),
  userInfo: () => ({ uid: 993, gid: 990, username: 'sbx_user1051', homedir: '/home/sbx_user1051', shell: null }),
  constants: { signals: {}, errno: {} },
};
