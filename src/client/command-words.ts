// Builds the words the server runs from what the user typed, putting the app name after the
// command when the command works on an app:
//   config:set GREETING=hi  (app "blog") -> config:set blog GREETING=hi
//   apps                                 -> apps
import { PIKU_ERR_CLIENT_APP_MISSING } from '../errors/codes.js';
// The registry lists lazy loaders only, so importing it loads no command module.
import { findCommand } from '../cli/registry.js';

// Returns the server words for `command` and its arguments. `app` is undefined when none is known.
export function getRemoteWords(command: string, args: string[], app: string | undefined): string[] {
  if (!isAppCommand(command, app)) return [command, ...args];
  if (app === undefined) throw PIKU_ERR_CLIENT_APP_MISSING(command);

  return [command, app, ...args];
}

// A registry entry's needsApp decides whether a command takes an app. A command the registry does
// not list may come from a newer server: it gets the app when one is known, as in piku's own client, where
// every command except a few setup ones takes one.
export function isAppCommand(command: string, app: string | undefined): boolean {
  const spec = findCommand(command);

  return spec === undefined ? app !== undefined : spec.needsApp;
}
