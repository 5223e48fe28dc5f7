import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import * as codes from '../../../src/errors/codes.js';

const definitions = Object.entries(codes).filter(([, value]) => typeof value === 'function' && 'code' in value) as Array<
  [string, { code: string; exitCode: number }]
>;

test('errors: each export is named after its code', () => {
  for (const [name, definition] of definitions) assert.equal(definition.code, name);
});

test('errors: codes are unique and follow PIKU_ERR_AREA_PROBLEM', () => {
  const seen = new Set<string>();
  for (const [, definition] of definitions) {
    assert.match(definition.code, /^PIKU_ERR_[A-Z]+_[A-Z0-9_]+$/);
    assert.ok(!seen.has(definition.code), `duplicate code ${definition.code}`);
    seen.add(definition.code);
  }
  assert.ok(seen.size > 20);
});

test('errors: every code is documented in docs/errors.md', () => {
  const docs = readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8');
  const missing = definitions.map(([, definition]) => definition.code).filter((code) => !docs.includes(`\`${code}\``));
  assert.deepEqual(missing, []);
});

test('errors: exit codes are 1 for failures and 2 for usage', () => {
  for (const [, definition] of definitions) assert.ok([1, 2].includes(definition.exitCode), definition.code);
});
