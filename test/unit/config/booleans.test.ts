import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseBoolean } from '../../../src/config/booleans.js';

const TRUE_VALUES = ['1', 'on', 'true', 'enabled', 'yes', 'y', 'TRUE', 'Yes', 'ON', ' y ', 'Enabled'];
const FALSE_VALUES = ['0', 'off', 'false', 'disabled', 'no', 'n', '', '  ', 'FALSE', 'No', 'OFF', 'N'];

for (const value of TRUE_VALUES) {
  test(`booleans: reads ${JSON.stringify(value)} as true`, () => {
    assert.equal(parseBoolean('NGINX_HTTPS_ONLY', value, false), true);
  });
}

for (const value of FALSE_VALUES) {
  test(`booleans: reads ${JSON.stringify(value)} as false`, () => {
    assert.equal(parseBoolean('NGINX_HTTPS_ONLY', value, true), false);
  });
}

test('booleans: uses the fallback when unset', () => {
  assert.equal(parseBoolean('PIKU_AUTO_RESTART', undefined, true), true);
  assert.equal(parseBoolean('DISABLE_IPV6', undefined, false), false);
});

for (const value of ['maybe', '2', 'yess', 't', 'f', 'true!']) {
  test(`booleans: rejects ${JSON.stringify(value)}`, () => {
    assert.throws(() => parseBoolean('NGINX_HTTPS_ONLY', value, false), {
      name: 'PikuError',
      code: 'PIKU_ERR_ENV_BOOLEAN_INVALID',
      message: `Setting NGINX_HTTPS_ONLY has an invalid value "${value}": use 1, on, true, enabled, yes or y for true, and 0, off, false, disabled, no, n or an empty value for false.`,
    });
  });
}
