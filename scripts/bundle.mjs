// Writes dist/bundle/piku-server.cjs: the server CLI and every module of ours it can load, in one
// CommonJS file, so a command starts without resolving and linking up to 180 ES modules. npm
// packages stay in node_modules. Run by `npm run build` after tsc.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli-bundle.ts'],
  outfile: 'dist/bundle/piku-server.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  // In every module, import.meta.url is the bundle's URL. Paths built from it go two levels up to
  // the checkout, as they do from src/<dir>/ and dist/<dir>/.
  define: { 'import.meta.url': 'bundleUrl' },
  // The banner starts with "use strict" because esbuild's own directive comes after the banner,
  // where it is a plain expression.
  banner: { js: "'use strict';\nconst bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  logLevel: 'warning',
});
