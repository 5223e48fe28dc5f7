# shellcheck shell=bash
# Shared by the scripts in scripts/bench, which source it after `set -euo pipefail`. Each script
# calls start_sandbox first: it builds the product and starts a sandbox in $dir, with a scratch
# folder in $work, both removed when the script exits.

# Starts the sandbox and exports its variables (PIKU_REMOTE, PIKU_HTTP_PORT, GIT_SSH_COMMAND...).
start_sandbox() {
  # NODE_EXTRA_CA_CERTS makes every Node process load that file at start: about 55 ms on the
  # development machine, whose shell sets it. SSH sessions and a piku user have no such variable,
  # so the scripts run without it; command-latency also times the commands with it.
  shell_extra_ca_certs=${NODE_EXTRA_CA_CERTS:-}
  unset NODE_EXTRA_CA_CERTS
  dir=$(mktemp -d /tmp/piku-bench-XXXXXX)
  work=$(mktemp -d /tmp/piku-bench-app-XXXXXX)
  trap 'scripts/sandbox down --purge "$dir" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
  scripts/install-deps >/dev/null
  npm run build >/dev/null
  scripts/sandbox up "$dir" >/dev/null
  eval "$(scripts/sandbox env "$dir")"
}

# Exits with a message unless VALUE is a whole number of 1 or more; NAME names it in the message.
require_count() {
  local script=$1 name=$2 value=$3
  [[ $value =~ ^[1-9][0-9]*$ ]] || { echo "$script: $name \"$value\" is invalid: use a whole number of 1 or more." >&2; exit 1; }
}

# Sets floor_ssh to an ssh command with a second key that has no forced command, added to the
# sandbox's authorized_keys for this run only: `$floor_ssh $PIKU_REMOTE true` is the SSH floor.
add_floor_key() {
  ssh-keygen -q -t ed25519 -N '' -f "$dir/ssh/floor_key"
  cat "$dir/ssh/floor_key.pub" >>"$dir/home/.ssh/authorized_keys"
  # shellcheck disable=SC2034 # read by the scripts that source this file.
  floor_ssh=${GIT_SSH_COMMAND/$PIKU_SSH_KEY/$dir/ssh/floor_key}
}

# Commits every change in the checkout CHECKOUT with the message MESSAGE.
git_commit() {
  git -C "$1" add -A
  git -C "$1" -c user.name=bench -c user.email=bench@piku.invalid commit -qm "$2"
}

# Copies the test fixture FIXTURE into the folder CHECKOUT as a git checkout with one commit, whose
# remote `piku` is the app APP on the sandbox. ENV, when given, replaces the fixture's ENV file.
make_checkout() {
  local fixture=$1 checkout=$2 app=$3
  mkdir -p "$checkout"
  cp -r "test/fixtures/apps/$fixture/." "$checkout/"
  [[ $# -lt 4 ]] || printf '%s' "$4" >"$checkout/ENV"
  git -C "$checkout" init -q -b main
  git_commit "$checkout" "$app"
  git -C "$checkout" remote add piku "$PIKU_REMOTE:$app"
}

# Milliseconds since the epoch.
now() {
  local micros=${EPOCHREALTIME/./}
  echo $((micros / 1000))
}

median() {
  printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { printf "%.0f\n", (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}

# Prints "NAME: median X ms, min Y ms, max Z ms (N runs)SUFFIX" for the milliseconds in the
# arguments after SUFFIX.
print_figures() {
  local name=$1 suffix=$2 sorted
  shift 2
  sorted=$(printf '%s\n' "$@" | sort -n)
  echo "$name: median $(median "$@") ms, min $(echo "$sorted" | head -1) ms, max $(echo "$sorted" | tail -1) ms ($# runs)$suffix"
}

# Runs hyperfine with the options in the arguments and prints
# "NAME: median X ms, min Y ms, max Z ms (N runs)" for each command, NAME being its -n name. The
# commands run without a shell (-N), so no shell's start is counted, in the floors or elsewhere.
# With `--rounds N` first, hyperfine runs N times and the figures cover every round's runs: the
# commands then take turns, so a change in the machine's load between them evens out.
time_commands() {
  local rounds=1 round files=()
  if [[ $1 == --rounds ]]; then
    rounds=$2
    shift 2
  fi
  for ((round = 1; round <= rounds; round++)); do
    files+=("$dir/hyperfine-$round.json")
    hyperfine -N --style none --export-json "$dir/hyperfine-$round.json" "$@" >/dev/null 2>&1
  done
  # shellcheck disable=SC2016 # ${...} is JavaScript here.
  node -e '
    const runs = new Map();
    for (const file of process.argv.slice(1)) {
      for (const { command, times } of JSON.parse(require("node:fs").readFileSync(file, "utf8")).results) {
        runs.set(command, [...(runs.get(command) ?? []), ...times]);
      }
    }
    const ms = (seconds) => (seconds * 1000).toFixed(1);
    for (const [command, times] of runs) {
      const sorted = [...times].sort((a, b) => a - b);
      const middle = sorted.length / 2;
      const median = sorted.length % 2 === 1 ? sorted[Math.floor(middle)] : (sorted[middle - 1] + sorted[middle]) / 2;
      console.log(`${command}: median ${ms(median)} ms, min ${ms(sorted[0])} ms, max ${ms(sorted.at(-1))} ms (${times.length} runs)`);
    }' "${files[@]}"
}

# Waits until the processes in PIDS have exited or are zombies. After `nginx -s reload`, workers
# started before it keep accepting connections with the old configuration until they handle the
# signal.
wait_for_exit() {
  local pid
  for pid in "$@"; do
    while [[ -e /proc/$pid ]] && ! grep -q '^[0-9]* (.*) Z' "/proc/$pid/stat" 2>/dev/null; do sleep 0.05; done
  done
}
