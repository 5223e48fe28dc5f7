#!/usr/bin/env node
// The `piku-server` command as installed: runs dist/bundle/cli.cjs, the one-file build, with the
// code cache that `npm run build` saved beside it, so V8 skips most of parsing and compiling the
// bundle. A missing cache, or one V8 rejects (another Node version), only costs that time back.
// NOTE: V8 rejects a truncated cache or one from another build, but release builds do not
// checksum it, and a cache whose middle bytes were changed can crash Node. The build writes it
// through a rename, so an interrupted build leaves none; `npm run build` writes a new one.
// Checking a CRC-32 here would cost 2 ms of every command for loading node:zlib.
'use strict';
const { readFileSync, renameSync, writeFileSync } = require('node:fs');
const { createRequire, wrap } = require('node:module');
const path = require('node:path');
const vm = require('node:vm');

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
  try {
    return readFileSync(cacheFile);
  } catch {
    return undefined;
  }
}

function writeCache() {
  writeFileSync(`${cacheFile}.tmp`, script.createCachedData());
  renameSync(`${cacheFile}.tmp`, cacheFile);
}
