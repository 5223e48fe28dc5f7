// Every error code of the platform, grouped by area. Each message says what was wrong, shows the
// value in quotes, then the fix. Exit codes: 1 for a failed operation, 2 for bad usage or input.
// Never pass a secret (a config value, a key, a token) to a message.
import { defineError } from './piku-error.js';

const USAGE = 2;
const FAILED = 1;

// --- cli ---
export const PIKU_ERR_CLI_UNKNOWN_COMMAND = defineError(
  'PIKU_ERR_CLI_UNKNOWN_COMMAND',
  USAGE,
  (command: string) => `Unknown command "${command}": run "help" to list the commands.`,
);
export const PIKU_ERR_CLI_APP_MISSING = defineError(
  'PIKU_ERR_CLI_APP_MISSING',
  USAGE,
  (command: string) => `Command "${command}" needs an app name: use "${command} APP".`,
);
export const PIKU_ERR_CLI_USAGE = defineError(
  'PIKU_ERR_CLI_USAGE',
  USAGE,
  (command: string, problem: string) => `Invalid use of "${command}": ${problem}.`,
);
export const PIKU_ERR_CLI_QUOTE_UNCLOSED = defineError(
  'PIKU_ERR_CLI_QUOTE_UNCLOSED',
  USAGE,
  (commandLine: string) => `Command line "${commandLine}" has an unclosed quote: close it and retry.`,
);

// --- client ---
// Errors of the laptop-side `piku` command. Config values typed on its command line are secrets,
// so no message shows an argument.
export const PIKU_ERR_CLIENT_SERVER_MISSING = defineError(
  'PIKU_ERR_CLIENT_SERVER_MISSING',
  USAGE,
  (directory: string) =>
    `No piku server is configured for "${directory}": add a git remote with "git remote add piku piku@HOST:APP", or set PIKU_SERVER=piku@HOST.`,
);
export const PIKU_ERR_CLIENT_APP_MISSING = defineError(
  'PIKU_ERR_CLIENT_APP_MISSING',
  USAGE,
  (command: string) =>
    `Command "${command}" needs an app and none is known: run it in a checkout whose "piku" remote is piku@HOST:APP, pass -r REMOTE, or set PIKU_APP.`,
);
export const PIKU_ERR_CLIENT_REMOTE_NOT_FOUND = defineError(
  'PIKU_ERR_CLIENT_REMOTE_NOT_FOUND',
  USAGE,
  (remote: string, directory: string) =>
    `Git remote "${remote}" not found in "${directory}": list the remotes with "git remote -v", or add it with "git remote add ${remote} piku@HOST:APP".`,
);
export const PIKU_ERR_CLIENT_REMOTE_INVALID = defineError(
  'PIKU_ERR_CLIENT_REMOTE_INVALID',
  USAGE,
  (source: string, value: string, expected: string) => `${source} "${value}" is invalid: use ${expected}.`,
);
export const PIKU_ERR_CLIENT_ARGUMENT_MULTILINE = defineError(
  'PIKU_ERR_CLIENT_ARGUMENT_MULTILINE',
  USAGE,
  (command: string, position: number) =>
    `Argument ${position} of "${command}" contains a newline or carriage return, which an SSH command line cannot carry: put the value on one line, e.g. encoded as base64.`,
);
export const PIKU_ERR_CLIENT_SSH_FAILED = defineError(
  'PIKU_ERR_CLIENT_SSH_FAILED',
  FAILED,
  (program: string, reason: string) =>
    `SSH client "${program}" could not be started: ${reason}. Install OpenSSH, or fix GIT_SSH_COMMAND or git's core.sshCommand.`,
);

// --- settings ---
export const PIKU_ERR_SETTINGS_INVALID = defineError(
  'PIKU_ERR_SETTINGS_INVALID',
  FAILED,
  (where: string, value: string, fix: string) => `Platform setting ${where} has an invalid value "${value}": ${fix}.`,
);

// --- ssh ---
export const PIKU_ERR_SSH_KEY_INVALID = defineError(
  'PIKU_ERR_SSH_KEY_INVALID',
  USAGE,
  (source: string, problem: string) => `Public key in "${source}" is invalid: ${problem}. Pass one OpenSSH public key line, e.g. the contents of ~/.ssh/id_ed25519.pub.`,
);
export const PIKU_ERR_SSH_PATH_UNSAFE = defineError(
  'PIKU_ERR_SSH_PATH_UNSAFE',
  FAILED,
  (value: string) => `Path "${value}" cannot go into authorized_keys because it contains a quote, a backslash or a newline: install the platform under a plain path.`,
);

// --- ports ---
export const PIKU_ERR_PORTS_EXHAUSTED = defineError(
  'PIKU_ERR_PORTS_EXHAUSTED',
  FAILED,
  (range: string) => `No free port is left in PIKU_PORT_RANGE "${range}": widen the range in piku.conf.`,
);

// --- locks ---
export const PIKU_ERR_LOCK_TIMEOUT = defineError(
  'PIKU_ERR_LOCK_TIMEOUT',
  FAILED,
  (name: string, holder: string) =>
    `Lock "${name}" is still held: ${holder}. Wait for it to finish, or stop that process; a lock whose process is gone is taken over automatically.`,
);

// --- deploy ---
export const PIKU_ERR_DEPLOY_CHECKOUT_FAILED = defineError(
  'PIKU_ERR_DEPLOY_CHECKOUT_FAILED',
  FAILED,
  (commit: string, reason: string) => `Checking out commit "${commit}" failed: ${reason}. Push again; if it persists, check the repository with git fsck.`,
);

// --- scaling ---
export const PIKU_ERR_SCALING_INVALID = defineError(
  'PIKU_ERR_SCALING_INVALID',
  FAILED,
  (file: string, line: number, text: string) =>
    `Scaling file "${file}" line ${line} "${text.slice(0, 80)}" is invalid: write "kind:count" with a whole number, or set counts with ps:scale.`,
);

export const PIKU_ERR_DEPLOY_COMMAND_FAILED = defineError(
  'PIKU_ERR_DEPLOY_COMMAND_FAILED',
  FAILED,
  (label: string, status: string) => `Command "${label}" ${status}: fix the error shown above and push again.`,
);
export const PIKU_ERR_DEPLOY_PROCFILE_MISSING = defineError(
  'PIKU_ERR_DEPLOY_PROCFILE_MISSING',
  FAILED,
  (commit: string) => `Commit "${commit}" has no Procfile at the top of the repository: add one with a line like "web: node server.js".`,
);
export const PIKU_ERR_DEPLOY_RUNTIME_UNSUPPORTED = defineError(
  'PIKU_ERR_DEPLOY_RUNTIME_UNSUPPORTED',
  FAILED,
  (what: string) => `${what} is not supported yet: build it in a "release" entry and run it as a "web" or worker entry.`,
);

export const PIKU_ERR_DEPLOY_MANIFEST_INVALID = defineError(
  'PIKU_ERR_DEPLOY_MANIFEST_INVALID',
  FAILED,
  (file: string, reason: string) => `Dependency manifest "${file}" cannot be read: ${reason}. Fix the file and push again.`,
);
export const PIKU_ERR_DEPLOY_PACKAGE_MANAGER_INVALID = defineError(
  'PIKU_ERR_DEPLOY_PACKAGE_MANAGER_INVALID',
  FAILED,
  (value: string) => `NODE_PACKAGE_MANAGER "${value}" is not supported: use npm, yarn or pnpm.`,
);

export const PIKU_ERR_DEPLOY_KIND_UNSUPPORTED = defineError(
  'PIKU_ERR_DEPLOY_KIND_UNSUPPORTED',
  FAILED,
  (kind: string, line: number) => `Procfile line ${line}: kind "${kind}" is not supported yet: serve the app with a "wsgi" or "web" entry.`,
);

export const PIKU_ERR_DEPLOY_BRANCH_MISSING = defineError(
  'PIKU_ERR_DEPLOY_BRANCH_MISSING',
  FAILED,
  (app: string, branch: string) => `App "${app}" has no branch "${branch}" to deploy: push it first, or set DEPLOY_BRANCH with config:set.`,
);

export const PIKU_ERR_DEPLOY_NOT_FOUND = defineError(
  'PIKU_ERR_DEPLOY_NOT_FOUND',
  FAILED,
  (app: string, id: string) => `Deploy "${id}" of app "${app}" not found: run "deploys ${app}" to list its deploys.`,
);

// --- health ---
export const PIKU_ERR_HEALTH_SETTING_INVALID = defineError(
  'PIKU_ERR_HEALTH_SETTING_INVALID',
  USAGE,
  (key: string, value: string, fix: string) => `Health check setting ${key} has an invalid value "${value}": ${fix}.`,
);

export const PIKU_ERR_HEALTH_CHECK_FAILED = defineError(
  'PIKU_ERR_HEALTH_CHECK_FAILED',
  FAILED,
  (worker: string, path: string, lastResult: string) =>
    `Worker ${worker} failed its health check on "${path}" (last result: ${lastResult}): the old release keeps serving. Fix the app, or tune HEALTHCHECK_PATH, HEALTHCHECK_STATUS or HEALTHCHECK_ATTEMPTS.`,
);

export const PIKU_ERR_ROLLBACK_TARGET_MISSING = defineError(
  'PIKU_ERR_ROLLBACK_TARGET_MISSING',
  FAILED,
  (app: string, target: string, available: string) =>
    `Release "${target}" of app "${app}" cannot be rolled back to: it is not a kept release. Kept releases: ${available}; run "releases ${app}".`,
);

export const PIKU_ERR_DEPLOY_NOT_RUNNING = defineError(
  'PIKU_ERR_DEPLOY_NOT_RUNNING',
  FAILED,
  (app: string) => `App "${app}" has no deploy running: nothing to cancel. Run "deploys ${app}" to see its deploys.`,
);
export const PIKU_ERR_DEPLOY_CANCELLED = defineError(
  'PIKU_ERR_DEPLOY_CANCELLED',
  FAILED,
  (label: string) => `The ${label} was cancelled: nothing live changed. Push again when ready.`,
);

export const PIKU_ERR_WORKERS_STOP_TIMEOUT = defineError(
  'PIKU_ERR_WORKERS_STOP_TIMEOUT',
  FAILED,
  (app: string, slot: string, seconds: number) =>
    `The old workers of app "${app}" in slot "${slot}" still listen ${seconds} s after their vassals were removed: check the emperor's log (logs/_platform/uwsgi.log), then deploy again.`,
);

// --- nginx ---
export const PIKU_ERR_NGINX_CONFIG_REJECTED = defineError(
  'PIKU_ERR_NGINX_CONFIG_REJECTED',
  FAILED,
  (app: string, nginxError: string) => `nginx rejected the vhost of "${app}": ${nginxError}. The previous vhost stays; fix the NGINX_* settings and deploy again.`,
);
export const PIKU_ERR_NGINX_RELOAD_FAILED = defineError(
  'PIKU_ERR_NGINX_RELOAD_FAILED',
  FAILED,
  (command: string, output: string) => `Reloading nginx with "${command}" failed: ${output || 'no output'}. Check that nginx runs and that PIKU_NGINX_RELOAD is right.`,
);

// --- certificates and cloudflare ranges ---
export const PIKU_ERR_CERTS_SELF_SIGNED_FAILED = defineError(
  'PIKU_ERR_CERTS_SELF_SIGNED_FAILED',
  FAILED,
  (app: string, output: string) => `Creating a self-signed certificate for "${app}" with openssl failed: ${output || 'no output'}. Install openssl (scripts/install-deps) and deploy again.`,
);
export const PIKU_ERR_CERTS_ACME_FAILED = defineError(
  'PIKU_ERR_CERTS_ACME_FAILED',
  FAILED,
  (names: string, reason: string) =>
    `Requesting a certificate for "${names}" from the ACME server failed: ${reason}. Check that each name resolves to this host and that port 80 is reachable, or set PIKU_ACME_DIRECTORY=none.`,
);
export const PIKU_ERR_CERTS_REJECTED = defineError(
  'PIKU_ERR_CERTS_REJECTED',
  FAILED,
  (app: string, nginxError: string) => `nginx rejected the new certificate of "${app}": ${nginxError}. The previous certificate stays; run "certs:renew ${app}" again.`,
);
export const PIKU_ERR_CERTS_RENEW_FAILED = defineError(
  'PIKU_ERR_CERTS_RENEW_FAILED',
  FAILED,
  (apps: string) => `Renewing the certificates of "${apps}" failed, see the lines above: they keep serving their current certificate. Fix the cause and run certs:renew again.`,
);
export const PIKU_ERR_CLOUDFLARE_FETCH_FAILED = defineError(
  'PIKU_ERR_CLOUDFLARE_FETCH_FAILED',
  FAILED,
  (url: string, reason: string) => `Fetching Cloudflare's ranges from "${url}" failed: ${reason}. The previous list stays; retry later or pass another URL.`,
);
export const PIKU_ERR_CLOUDFLARE_RANGES_INVALID = defineError(
  'PIKU_ERR_CLOUDFLARE_RANGES_INVALID',
  FAILED,
  (source: string, entry: string) =>
    `Cloudflare range list "${source}" has an invalid entry "${entry.slice(0, 80)}": it must hold IPv4 and IPv6 CIDR ranges only. Run cloudflare:refresh again.`,
);

// --- apps ---
export const PIKU_ERR_APP_NAME_INVALID = defineError(
  'PIKU_ERR_APP_NAME_INVALID',
  USAGE,
  (name: string) =>
    `App name "${name}" is invalid: use 1 to 63 lowercase letters, digits, "-", "." or "_", starting with a letter or digit.`,
);
export const PIKU_ERR_APP_NOT_DEPLOYED = defineError(
  'PIKU_ERR_APP_NOT_DEPLOYED',
  FAILED,
  (name: string) => `App "${name}" has no live release yet: push it first with git push.`,
);
export const PIKU_ERR_APP_NOT_FOUND = defineError(
  'PIKU_ERR_APP_NOT_FOUND',
  FAILED,
  (name: string) => `App "${name}" not found: push to it first, or run "apps" to list the apps.`,
);

// --- app lifecycle (ps, ps:scale, logs, restart, stop, destroy, run) ---
export const PIKU_ERR_APP_KIND_UNKNOWN = defineError(
  'PIKU_ERR_APP_KIND_UNKNOWN',
  USAGE,
  (app: string, kind: string, kinds: string[]) =>
    `App "${app}" has no process kind "${getMessageExcerpt(kind)}": ${kinds.length === 0 ? 'its Procfile has no wsgi, web, worker or cron entry' : `use one of ${kinds.join(', ')}`}.`,
);
export const PIKU_ERR_SCALE_ARGUMENT_INVALID = defineError(
  'PIKU_ERR_SCALE_ARGUMENT_INVALID',
  USAGE,
  (argument: string, fix: string) => `Scale argument "${getMessageExcerpt(argument)}" is invalid: ${fix}.`,
);
export const PIKU_ERR_APP_PROCFILE_MISSING = defineError(
  'PIKU_ERR_APP_PROCFILE_MISSING',
  FAILED,
  (app: string, file: string) => `Live release of app "${app}" has no Procfile at "${file}": deploy it again with git push.`,
);
export const PIKU_ERR_APP_STOP_TIMED_OUT = defineError(
  'PIKU_ERR_APP_STOP_TIMED_OUT',
  FAILED,
  (app: string, seconds: number, workers: string) =>
    `Workers of app "${app}" still run ${seconds} s after their vassals were removed: ${workers}. Check the emperor log logs/_platform/uwsgi.log, then stop them by PID.`,
);
export const PIKU_ERR_RUN_START_FAILED = defineError(
  'PIKU_ERR_RUN_START_FAILED',
  FAILED,
  (app: string, reason: string) => `Starting the command in app "${app}" failed: ${reason}. Check that the live release exists with "ps ${app}", or deploy again.`,
);

// --- procfile ---
// Procfile and ENV text in messages goes through getMessageExcerpt: one long line must not flood
// the pusher's terminal, and a control character must not reach it raw.
export const PIKU_ERR_PROCFILE_EMPTY = defineError(
  'PIKU_ERR_PROCFILE_EMPTY',
  USAGE,
  () => 'Procfile has no entries: add one "kind: command" line per process, e.g. "web: node server.js".',
);
export const PIKU_ERR_PROCFILE_LINE_NO_COLON = defineError(
  'PIKU_ERR_PROCFILE_LINE_NO_COLON',
  USAGE,
  (line: number, text: string) =>
    `Procfile line ${line} "${getMessageExcerpt(text)}" has no colon: write it as "kind: command".`,
);
export const PIKU_ERR_PROCFILE_KIND_INVALID = defineError(
  'PIKU_ERR_PROCFILE_KIND_INVALID',
  USAGE,
  (line: number, kind: string) =>
    `Procfile line ${line} has an invalid kind "${getMessageExcerpt(kind)}": use 1 to 30 ASCII letters, digits and "-", starting with a letter.`,
);
export const PIKU_ERR_PROCFILE_COMMAND_EMPTY = defineError(
  'PIKU_ERR_PROCFILE_COMMAND_EMPTY',
  USAGE,
  (line: number, kind: string) =>
    `Procfile line ${line} has an empty command for kind "${kind}": write the command after the colon.`,
);
export const PIKU_ERR_PROCFILE_CRON_FIELD_INVALID = defineError(
  'PIKU_ERR_PROCFILE_CRON_FIELD_INVALID',
  USAGE,
  (line: number, field: string, value: string, min: number, max: number) =>
    `Procfile line ${line} has an invalid cron ${field} "${getMessageExcerpt(value)}": use a number from ${min} to ${max}, "*" or "*/N" with N from 1 to ${max}. Lists, ranges, names and shortcuts such as "@daily" are not supported.`,
);
export const PIKU_ERR_PROCFILE_CRON_COMMAND_MISSING = defineError(
  'PIKU_ERR_PROCFILE_CRON_COMMAND_MISSING',
  USAGE,
  (line: number, text: string) =>
    `Procfile line ${line} cron entry "${getMessageExcerpt(text)}" has no command: write 5 schedule fields (minute hour day month weekday), then the command.`,
);
export const PIKU_ERR_PROCFILE_CRON_EXTRA_FIELD = defineError(
  'PIKU_ERR_PROCFILE_CRON_EXTRA_FIELD',
  USAGE,
  (line: number, value: string) =>
    `Procfile line ${line} has a sixth cron field "${getMessageExcerpt(value)}": write exactly 5 schedule fields (minute hour day month weekday), then the command.`,
);
export const PIKU_ERR_PROCFILE_CRON_NEVER_RUNS = defineError(
  'PIKU_ERR_PROCFILE_CRON_NEVER_RUNS',
  USAGE,
  (line: number, schedule: string) =>
    `Procfile line ${line} cron schedule "${schedule}" never runs because no month it allows has that day: change the day or the month field.`,
);

// --- env ---
// No ENV message shows a value or a whole line: values are secrets. Keys and boolean settings are not.
export const PIKU_ERR_ENV_LINE_NO_EQUALS = defineError(
  'PIKU_ERR_ENV_LINE_NO_EQUALS',
  USAGE,
  (source: string, line: number) => `ENV file "${source}" line ${line} has no "=": write it as KEY=VALUE.`,
);
export const PIKU_ERR_ENV_KEY_INVALID = defineError(
  'PIKU_ERR_ENV_KEY_INVALID',
  USAGE,
  (source: string, line: number, key: string) =>
    `ENV file "${source}" line ${line} has an invalid key "${getMessageExcerpt(key)}": use letters, digits and "_", starting with a letter or "_".`,
);
export const PIKU_ERR_ENV_BOOLEAN_INVALID = defineError(
  'PIKU_ERR_ENV_BOOLEAN_INVALID',
  USAGE,
  (key: string, value: string) =>
    `Setting ${key} has an invalid value "${getMessageExcerpt(value)}": use 1, on, true, enabled, yes or y for true, and 0, off, false, disabled, no, n or an empty value for false.`,
);
export const PIKU_ERR_ENV_NAME_INVALID = defineError(
  'PIKU_ERR_ENV_NAME_INVALID',
  USAGE,
  (key: string) =>
    `Variable name "${getMessageExcerpt(key)}" is invalid: use letters, digits and "_", starting with a letter or "_".`,
);
export const PIKU_ERR_ENV_VALUE_MULTILINE = defineError(
  'PIKU_ERR_ENV_VALUE_MULTILINE',
  USAGE,
  (key: string) =>
    `Value of ${key} contains a newline, carriage return or NUL, which LIVE_ENV cannot store: put the value on one line, e.g. encoded as base64.`,
);

// --- config ---
// config:set words are the user's values: a message names keys and positions, never a value.
export const PIKU_ERR_CONFIG_PAIR_NO_EQUALS = defineError(
  'PIKU_ERR_CONFIG_PAIR_NO_EQUALS',
  USAGE,
  (position: number, previousKey: string | undefined) =>
    `Argument ${position} after the app name${previousKey === undefined ? '' : ` (the word after ${previousKey}=...)`} has no "=": write each setting as KEY=VALUE and quote a value with spaces as one word, e.g. 'GREETING="hello all"'. Nothing was written.`,
);
export const PIKU_ERR_CONFIG_KEY_INVALID = defineError(
  'PIKU_ERR_CONFIG_KEY_INVALID',
  USAGE,
  (key: string) =>
    `Config key "${getMessageExcerpt(key)}" is invalid: use letters, digits and "_", starting with a letter or "_". Nothing was written.`,
);
export const PIKU_ERR_CONFIG_VALUE_MULTILINE = defineError(
  'PIKU_ERR_CONFIG_VALUE_MULTILINE',
  USAGE,
  (key: string) =>
    `Value of ${key} contains a newline, carriage return or NUL, which an ENV line cannot hold: put the value on one line, e.g. encoded as base64. Nothing was written.`,
);
export const PIKU_ERR_CONFIG_KEY_NOT_SET = defineError(
  'PIKU_ERR_CONFIG_KEY_NOT_SET',
  FAILED,
  (key: string, app: string) =>
    `Config key "${key}" is not set for app "${app}": set it with "config:set ${app} ${key}=VALUE", or run "config ${app}" to list the keys.`,
);
export const PIKU_ERR_CONFIG_LIVE_ENV_MISSING = defineError(
  'PIKU_ERR_CONFIG_LIVE_ENV_MISSING',
  FAILED,
  (app: string) => `App "${app}" has no LIVE_ENV because its workers never started: deploy it with git push first.`,
);
export const PIKU_ERR_CONFIG_CHANGE_FAILED = defineError(
  'PIKU_ERR_CONFIG_CHANGE_FAILED',
  FAILED,
  (app: string) =>
    `Config change of app "${app}" failed, so envs/${app}/ENV is back to its previous content: fix the cause shown above and run the command again.`,
);

// --- render ---
export const PIKU_ERR_RENDER_SETTING_INVALID = defineError(
  'PIKU_ERR_RENDER_SETTING_INVALID',
  USAGE,
  (setting: string, value: string, expected: string) =>
    `Setting ${setting} has an invalid value "${getMessageExcerpt(value)}": ${expected}.`,
);
export const PIKU_ERR_RENDER_UWSGI_VALUE_UNSAFE = defineError(
  'PIKU_ERR_RENDER_UWSGI_VALUE_UNSAFE',
  USAGE,
  (source: string, problem: string) =>
    `${source} contains ${problem}, which a uwsgi config cannot hold literally: remove it from the value.`,
);
export const PIKU_ERR_RENDER_WSGI_MODULE_INVALID = defineError(
  'PIKU_ERR_RENDER_WSGI_MODULE_INVALID',
  USAGE,
  (module: string) =>
    `WSGI module "${getMessageExcerpt(module)}" is invalid: use "package.module:callable", e.g. "app:application".`,
);
export const PIKU_ERR_RENDER_KIND_NOT_SUPERVISED = defineError(
  'PIKU_ERR_RENDER_KIND_NOT_SUPERVISED',
  FAILED,
  (kind: string, category: string) =>
    `Procfile entry "${kind}" of category "${category}" has no uwsgi vassal: render vassals only for wsgi, web, worker and cron entries.`,
);
export const PIKU_ERR_RENDER_PORT_MISSING = defineError(
  'PIKU_ERR_RENDER_PORT_MISSING',
  FAILED,
  (kind: string) => `Web worker "${kind}" has no port: allocate a port before rendering its vassal.`,
);
export const PIKU_ERR_RENDER_SOCKET_PATH_TOO_LONG = defineError(
  'PIKU_ERR_RENDER_SOCKET_PATH_TOO_LONG',
  FAILED,
  (socket: string, bytes: number, limit: number) =>
    `Socket path "${socket}" is ${bytes} bytes, more than the ${limit} that a unix socket allows: use a shorter app name, or move PIKU_ROOT to a shorter path.`,
);
export const PIKU_ERR_RENDER_STATIC_PATH_INVALID = defineError(
  'PIKU_ERR_RENDER_STATIC_PATH_INVALID',
  USAGE,
  (source: string, mapping: string, fix: string) =>
    `Static path "${getMessageExcerpt(mapping)}" in ${source} is invalid: ${fix}.`,
);
export const PIKU_ERR_RENDER_STATIC_URL_DUPLICATE = defineError(
  'PIKU_ERR_RENDER_STATIC_URL_DUPLICATE',
  USAGE,
  (url: string) =>
    `Static URL "${url}" is mapped twice or clashes with a location of the app: map each URL once, and serve the static files of a web or wsgi app under a prefix such as /static.`,
);
export const PIKU_ERR_RENDER_VHOST_EMPTY = defineError(
  'PIKU_ERR_RENDER_VHOST_EMPTY',
  USAGE,
  (app: string) =>
    `App "${app}" sets NGINX_SERVER_NAME but has no wsgi, web or static entry to serve: add one to the Procfile or unset NGINX_SERVER_NAME.`,
);
export const PIKU_ERR_RENDER_TEMPLATE_NOT_FOUND = defineError(
  'PIKU_ERR_RENDER_TEMPLATE_NOT_FOUND',
  FAILED,
  (file: string) => `Template "${file}" not found: reinstall piku so that templates/ sits next to src/ or dist/.`,
);

export const PIKU_ERR_RENDER_SLOT_UNKNOWN = defineError(
  'PIKU_ERR_RENDER_SLOT_UNKNOWN',
  FAILED,
  (app: string) => `App "${app}" has HTTP workers but no serving slot on record: deploy it once, then run nginx:render again.`,
);
export const PIKU_ERR_RENDER_WEB_SOCKET_MISSING = defineError(
  'PIKU_ERR_RENDER_WEB_SOCKET_MISSING',
  FAILED,
  (app: string) =>
    `App "${app}" runs web workers started by an earlier version of piku, which nginx cannot reach through a socket: run "restart ${app}", which starts them with one and installs the new vhost.`,
);

// --- access (users, keys, tokens, grants, piku-server serve) ---
export const PIKU_ERR_ACCESS_DENIED = defineError(
  'PIKU_ERR_ACCESS_DENIED',
  FAILED,
  (permission: string, app: string, user: string) =>
    `Permission "${permission}" on app "${app}" is missing for user "${user}": ask an admin to run "access:grant ${app} ${user} ${permission}".`,
);
export const PIKU_ERR_ACCESS_ADMIN_REQUIRED = defineError(
  'PIKU_ERR_ACCESS_ADMIN_REQUIRED',
  FAILED,
  (command: string, user: string) =>
    `Permission "admin" is missing for user "${user}", and "${command}" needs it: ask an admin to run it (a token restricted to one app never has it).`,
);
export const PIKU_ERR_ACCESS_KEY_UNKNOWN = defineError(
  'PIKU_ERR_ACCESS_KEY_UNKNOWN',
  FAILED,
  (fingerprint: string) =>
    `SSH key "${fingerprint}" belongs to no user: ask an admin to add it with "keys:add NAME FILE".`,
);
export const PIKU_ERR_ACCESS_TOKEN_INVALID = defineError(
  'PIKU_ERR_ACCESS_TOKEN_INVALID',
  FAILED,
  (id: string) => `Token "${id}" is revoked, expired or unknown: create a new one with "tokens:create NAME".`,
);
export const PIKU_ERR_ACCESS_LEVEL_INVALID = defineError(
  'PIKU_ERR_ACCESS_LEVEL_INVALID',
  USAGE,
  (level: string) => `Access level "${getMessageExcerpt(level)}" is invalid: use read, deploy or manage.`,
);
export const PIKU_ERR_USER_NAME_INVALID = defineError(
  'PIKU_ERR_USER_NAME_INVALID',
  USAGE,
  (name: string) =>
    `User name "${getMessageExcerpt(name)}" is invalid: use 1 to 32 lowercase letters, digits, ".", "_" and "-", starting with a letter.`,
);
export const PIKU_ERR_USER_EXISTS = defineError(
  'PIKU_ERR_USER_EXISTS',
  FAILED,
  (name: string) => `User "${name}" already exists: pick another name, or remove it first with "users:remove ${name}".`,
);
export const PIKU_ERR_USER_NOT_FOUND = defineError(
  'PIKU_ERR_USER_NOT_FOUND',
  FAILED,
  (name: string) => `User "${name}" not found: run "users" to list the users.`,
);
export const PIKU_ERR_USER_LAST_ADMIN = defineError(
  'PIKU_ERR_USER_LAST_ADMIN',
  FAILED,
  (name: string) => `User "${name}" is the last admin: add another with "users:add NAME --admin" before removing it.`,
);
export const PIKU_ERR_KEY_TAKEN = defineError(
  'PIKU_ERR_KEY_TAKEN',
  FAILED,
  (fingerprint: string, user: string) =>
    `SSH key "${fingerprint}" already belongs to user "${user}": remove it first with "keys:remove ${fingerprint}".`,
);
export const PIKU_ERR_KEY_NOT_FOUND = defineError(
  'PIKU_ERR_KEY_NOT_FOUND',
  FAILED,
  (fingerprint: string) => `SSH key "${getMessageExcerpt(fingerprint)}" not found: run "users" to list the keys.`,
);
export const PIKU_ERR_TOKEN_NOT_FOUND = defineError(
  'PIKU_ERR_TOKEN_NOT_FOUND',
  FAILED,
  (id: string) => `Token "${getMessageExcerpt(id)}" not found or already revoked: run "users" to list the tokens.`,
);
export const PIKU_ERR_GRANT_NOT_FOUND = defineError(
  'PIKU_ERR_GRANT_NOT_FOUND',
  FAILED,
  (app: string, user: string) => `User "${user}" has no grant on app "${app}": run "access ${app}" to list the grants.`,
);
export const PIKU_ERR_SERVE_LISTEN_INVALID = defineError(
  'PIKU_ERR_SERVE_LISTEN_INVALID',
  USAGE,
  (address: string) => `Listen address "${getMessageExcerpt(address)}" is invalid: use ADDRESS:PORT, e.g. 127.0.0.1:5080 or [::1]:5080.`,
);

// Cuts text to 80 characters and writes control characters as JSON escapes, so an ESC byte
// shows as the six characters \u001b and a tab as \t.
function getMessageExcerpt(text: string, maxLength = 80): string {
  const visible = text.replace(/[\u0000-\u001f\u007f]/g, (char) => JSON.stringify(char).slice(1, -1));

  return visible.length <= maxLength ? visible : `${visible.slice(0, maxLength - 3)}...`;
}
