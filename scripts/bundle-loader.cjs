#!/usr/bin/env node
// The `piku-server` command as installed: runs dist/bundle/cli.cjs, the one-file build, with the
// code cache that `npm run build` saved beside it, so V8 skips most of parsing and compiling the
// bundle. A missing cache, or one V8 rejects (another Node version), only costs that time back.
'use strict';
const { readFileSync, writeFileSync } = require('node:fs');
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
  process.once('exit', () => writeFileSync(cacheFile, script.createCachedData()));
}

function readCache() {
  try {
    return readFileSync(cacheFile);
  } catch {
    return undefined;
  }
}
