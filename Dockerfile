# One container that is a whole piku host: sshd for `git push`, nginx in front of the apps, and the
# uwsgi emperor that supervises their workers. See docker-compose.yml for ports and volumes.

# Node.js 20 comes from the official image: Debian 12's nodejs package is 18, and better-sqlite3 12
# needs Node.js 20 or later.
FROM node:20-bookworm-slim AS node

FROM debian:bookworm-slim

RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      nginx uwsgi-core uwsgi-plugin-python3 openssh-server git \
      python3 python3-venv python3-pip sudo ca-certificates \
 && rm -rf /var/lib/apt/lists/*

COPY --from=node /usr/local/bin/node /usr/local/bin/node
COPY --from=node /usr/local/lib/node_modules /usr/local/lib/node_modules
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx

WORKDIR /opt/piku
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
COPY templates ./templates
COPY scripts/bundle.mjs scripts/bundle-loader.cjs ./scripts/
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

# The `piku` user owns the apps. '*' is a password that matches nothing without locking the account,
# so sshd still accepts its keys.
RUN useradd --create-home --shell /bin/bash --password '*' piku \
 && mkdir -p /home/piku/.piku /home/piku/.ssh /etc/ssh/host-keys /run/sshd \
 && chown -R piku:piku /home/piku \
 && chmod 700 /home/piku/.ssh

COPY docker/piku /usr/local/bin/piku
COPY docker/sshd.conf /etc/ssh/sshd_config.d/piku.conf
COPY docker/nginx-piku.conf /etc/nginx/conf.d/piku.conf
COPY docker/sudoers /etc/sudoers.d/piku
COPY docker/entrypoint.sh /usr/local/bin/piku-entrypoint
# nginx workers run as piku so they can reach the apps' sockets and static files.
RUN chmod 755 /usr/local/bin/piku /usr/local/bin/piku-entrypoint \
 && chmod 440 /etc/sudoers.d/piku \
 && rm -f /etc/nginx/sites-enabled/default \
 && sed -i 's/^user www-data;/user piku;/' /etc/nginx/nginx.conf \
 && /usr/sbin/nginx -t

EXPOSE 22 80 443
VOLUME ["/home/piku/.piku"]
ENTRYPOINT ["/usr/local/bin/piku-entrypoint"]
