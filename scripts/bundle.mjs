// Writes the installed form of `piku-server` into dist/bundle/:
// - cli.cjs: the server CLI and every module of ours it can load, in one CommonJS file, so a
//   command starts without resolving and linking up to 180 ES modules. npm packages stay in
//   node_modules, except the two in BUNDLED_PACKAGES.
// - piku-server.cjs: scripts/bundle-loader.cjs, which runs cli.cjs with a V8 code cache.
// - cli.cjs.cache: that code cache, made by running `help` once.
// Run by `npm run build` after tsc.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

const LOADER = 'dist/bundle/piku-server.cjs';
// Bundled, so the code cache covers them: commander, which every command with arguments loads, and
// better-sqlite3's JavaScript, which every command over SSH loads for the access check.
const BUNDLED_PACKAGES = ['commander', 'better-sqlite3'];
const { dependencies } = JSON.parse(readFileSync('package.json', 'utf8'));

// commander requires node:child_process at load, for subcommands that are executables. We have
// none, and the module pulls in node:net and node:stream (about 3 ms of every command with
// arguments). So commander gets an object that loads the module when a property is first read.
const lazyChildProcessForCommander = {
  name: 'lazy-child-process-for-commander',
  setup(builder) {
    builder.onResolve({ filter: /^node:child_process$/ }, (args) =>
      args.importer.includes('/node_modules/commander/') ? { path: 'lazy-child-process', namespace: 'piku' } : undefined,
    );
    builder.onLoad({ filter: /^lazy-child-process$/, namespace: 'piku' }, () => ({
      contents: "const load = () => require('node:child_process');\nmodule.exports = { get spawn() { return load().spawn; } };\n",
      loader: 'js',
    }));
  },
};

rmSync('dist/bundle', { recursive: true, force: true });
await build({
  entryPoints: ['src/cli-bundle.ts'],
  outfile: 'dist/bundle/cli.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: Object.keys(dependencies).filter((name) => !BUNDLED_PACKAGES.includes(name)),
  sourcemap: 'linked',
  // In every module, import.meta.url is the bundle's URL. Paths built from it go two levels up to
  // the checkout, as they do from src/<dir>/ and dist/<dir>/.
  define: { 'import.meta.url': 'bundleUrl' },
  // The banner starts with "use strict" because esbuild's own directive comes after the banner,
  // where it is a plain expression.
  banner: { js: "'use strict';\nconst bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  // import() in a script compiled with a code cache fails on Node 20 (the cached code loses its
  // import callback), so import('execa') becomes require('execa'), which loads ES modules since
  // Node 20.19.
  supported: { 'dynamic-import': false },
  plugins: [lazyChildProcessForCommander],
  logLevel: 'warning',
});

copyFileSync('scripts/bundle-loader.cjs', LOADER);
chmodSync(LOADER, 0o755);
execFileSync(process.execPath, [LOADER, 'help'], { env: { ...process.env, PIKU_WRITE_CODE_CACHE: '1' }, stdio: 'ignore' });
