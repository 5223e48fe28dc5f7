#!/usr/bin/env node
// The `piku-server` command as installed: runs dist/bundle/cli.cjs, the one-file build, with the
// code cache that `npm run build` saved beside it, so V8 skips most of parsing and compiling the
// bundle. A missing cache, or one V8 rejects (another Node version), only costs that time back.
// The cache file starts with the CRC-32 of the rest: V8 does not check a cache's bytes, and a
// damaged one can crash it.
'use strict';
const { readFileSync, renameSync, writeFileSync } = require('node:fs');
const { createRequire, wrap } = require('node:module');
const path = require('node:path');
const vm = require('node:vm');
const { crc32 } = require('node:zlib');

const bundleFile = path.join(__dirname, 'cli.cjs');
const cacheFile = `${bundleFile}.cache`;

const script = new vm.Script(wrap(readFileSync(bundleFile, 'utf8')), {
  filename: bundleFile,
  cachedData: readCache(),
});
const bundle = { exports: {} };
script.runInThisContext().call(bundle.exports, bundle.exports, createRequire(bundleFile), bundle, bundleFile, __dirname);

// scripts/bundle.mjs runs one command with this variable set and keeps the code V8 compiled for it.
if (process.env.PIKU_WRITE_CODE_CACHE === '1') {
  process.once('exit', writeCache);
}

function readCache() {
  let file;
  try {
    file = readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  const data = file.subarray(4);

  return file.length > 4 && file.readUInt32BE(0) === crc32(data) ? data : undefined;
}

function writeCache() {
  const data = script.createCachedData();
  const checksum = Buffer.alloc(4);
  checksum.writeUInt32BE(crc32(data));
  writeFileSync(`${cacheFile}.tmp`, Buffer.concat([checksum, data]));
  renameSync(`${cacheFile}.tmp`, cacheFile);
}
