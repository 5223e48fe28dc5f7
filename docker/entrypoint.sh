#!/usr/bin/env bash
# Starts a piku host in the container: prepares $PIKU_ROOT with `piku setup`, authorizes
# PIKU_SSH_PUBLIC_KEY when it is set, then runs sshd, nginx and the uwsgi emperor. When one of them
# stops, the others are stopped and the container exits with that server's status.
set -euo pipefail

PIKU_HOME=/home/piku
PIKU_ROOT=$PIKU_HOME/.piku
export PIKU_ROOT

as_piku() {
  runuser -u piku -- env HOME="$PIKU_HOME" PIKU_ROOT="$PIKU_ROOT" "$@"
}

# Volumes may come up owned by root; the piku user must own its home folders.
mkdir -p "$PIKU_ROOT" "$PIKU_HOME/.ssh" /etc/ssh/host-keys /run/sshd
chown piku:piku "$PIKU_ROOT" "$PIKU_HOME/.ssh"
chmod 700 "$PIKU_HOME/.ssh"

for type in ed25519 rsa; do
  key=/etc/ssh/host-keys/ssh_host_${type}_key
  [[ -f $key ]] || ssh-keygen -q -t "$type" -N '' -f "$key"
done

# nginx's master runs as root, so the CLI tests and reloads it through sudo (see /etc/sudoers.d/piku).
if [[ ! -f $PIKU_ROOT/piku.conf ]]; then
  as_piku sh -c "cat > '$PIKU_ROOT/piku.conf'" <<'CONF'
PIKU_NGINX_TEST=sudo -n /usr/sbin/nginx -t
PIKU_NGINX_RELOAD=sudo -n /usr/sbin/nginx -s reload
CONF
fi

as_piku piku setup
if [[ -n ${PIKU_SSH_PUBLIC_KEY:-} ]]; then
  printf '%s\n' "$PIKU_SSH_PUBLIC_KEY" | as_piku piku setup:ssh -
fi

/usr/sbin/sshd -D -e &
sshd_pid=$!
/usr/sbin/nginx -g 'daemon off;' &
nginx_pid=$!
as_piku uwsgi --ini "$PIKU_ROOT/uwsgi/uwsgi.ini" &
emperor_pid=$!

# SIGINT makes the emperor stop its vassals before it exits; SIGQUIT makes nginx finish its requests.
stop_servers() {
  kill -INT "$emperor_pid" 2>/dev/null || true
  kill -QUIT "$nginx_pid" 2>/dev/null || true
  kill -TERM "$sshd_pid" 2>/dev/null || true
  wait
}
trap 'stop_servers; exit 0' TERM INT

echo "piku is running: sshd (pid $sshd_pid), nginx (pid $nginx_pid), uwsgi emperor (pid $emperor_pid)"
status=0
wait -n || status=$?
echo "A server stopped with status $status: stopping the others." >&2
stop_servers
exit "$status"
