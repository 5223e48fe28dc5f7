// Picks the runtime of a release from the files at its top, in piku's order: the first match wins.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { PIKU_ERR_DEPLOY_RUNTIME_UNSUPPORTED } from '../errors/codes.js';
import type { Procfile } from '../procfile/types.js';
import { genericRuntime, staticRuntime } from './generic.js';
import { nodeRuntime } from './node.js';
import { pythonRuntime } from './python.js';
import type { Runtime } from './runtime.js';

// Manifests of runtimes piku supports and we do not yet, in piku's detection order.
const UNSUPPORTED_MANIFESTS: Array<[file: string, runtime: string]> = [
  ['pyproject.toml', 'Python with pyproject.toml (uv or poetry)'],
  ['Gemfile', 'Ruby (Gemfile)'],
];
const LATER_UNSUPPORTED_MANIFESTS: Array<[file: string, runtime: string]> = [
  ['pom.xml', 'Java with Maven (pom.xml)'],
  ['build.gradle', 'Java with Gradle (build.gradle)'],
  ['go.mod', 'Go (go.mod)'],
  ['deps.edn', 'Clojure (deps.edn)'],
  ['project.clj', 'Clojure (project.clj)'],
  ['Cargo.toml', 'Rust (Cargo.toml)'],
];

export function detectRuntime(releaseDir: string, procfile: Procfile): Runtime {
  const has = (file: string) => existsSync(path.join(releaseDir, file));
  if (has('requirements.txt')) return pythonRuntime;

  rejectUnsupported(has, UNSUPPORTED_MANIFESTS);
  if (has('package.json')) return nodeRuntime;

  rejectUnsupported(has, LATER_UNSUPPORTED_MANIFESTS);
  if (readdirSync(releaseDir).some((file) => file.endsWith('.go'))) throw PIKU_ERR_DEPLOY_RUNTIME_UNSUPPORTED('Go (*.go files)');

  const categories = new Set(procfile.entries.map((entry) => entry.category));
  if (categories.size === 1 && categories.has('static')) return staticRuntime;

  return genericRuntime;
}

function rejectUnsupported(has: (file: string) => boolean, manifests: Array<[string, string]>): void {
  for (const [file, runtime] of manifests) {
    if (has(file)) throw PIKU_ERR_DEPLOY_RUNTIME_UNSUPPORTED(runtime);
  }
}
