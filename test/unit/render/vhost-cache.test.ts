import { test } from 'node:test';
import {
  GIT_DENIED,
  HEADER,
  PROXY,
  PROXY_DIRECTIVES,
  ROOT,
  SERVER_START,
  UWSGI_PARAMS,
  WEB_UPSTREAM,
  WSGI,
  assertVhost,
  getStaticLocation,
  RELEASE,
  render,
  useVhostRoot,
} from '../../helpers/vhost-render.js';

useVhostRoot();

function getCacheMap(maxAge: number): string[] {
  return [
    '# Cache-Control of cached locations: the app\'s own header, else public for NGINX_CACHE_CONTROL seconds.',
    'map $upstream_http_cache_control $piku_blog_cache_control {',
    `    '' "public, max-age=${maxAge}";`,
    '    default $upstream_http_cache_control;',
    '}',
    '',
  ];
}

function getCacheDirectives(module: string, content: number, redirects: number, any: number): string[] {
  return [
    `        ${module}_cache blog-cache;`,
    `        ${module}_cache_key $scheme$host$request_uri;`,
    `        ${module}_cache_valid 200 304 ${content}s;`,
    `        ${module}_cache_valid 301 302 307 308 ${redirects}s;`,
    `        ${module}_cache_valid any ${any}s;`,
    `        ${module}_cache_use_stale error timeout updating http_500 http_503;`,
    `        ${module}_cache_lock on;`,
    `        ${module}_hide_header Cache-Control;`,
    '        add_header Cache-Control $piku_blog_cache_control;',
    '        add_header X-Cache $upstream_cache_status always;',
  ];
}

test('vhost: web cache with every setting', async () => {
  const env = {
    NGINX_SERVER_NAME: 'blog.example.com',
    NGINX_CACHE_PREFIXES: '/api/feed, images',
    NGINX_CACHE_SIZE: '5',
    NGINX_CACHE_TIME: '600',
    NGINX_CACHE_REDIRECTS: '60',
    NGINX_CACHE_ANY: '0',
    NGINX_CACHE_CONTROL: '120',
    NGINX_CACHE_EXPIRY: '7200',
    NGINX_CACHE_PATH: `${ROOT}/web-cache`,
  };
  const text = render({ env });
  const cached = [...getCacheDirectives('proxy', 600, 60, 0), ...PROXY_DIRECTIVES, '    }'];

  await assertVhost(text, [
    ...HEADER,
    ...WEB_UPSTREAM,
    `proxy_cache_path ${ROOT}/web-cache levels=1:2 keys_zone=blog-cache:10m max_size=5g inactive=7200s use_temp_path=off;`,
    '',
    ...getCacheMap(120),
    ...SERVER_START,
    ...GIT_DENIED,
    '',
    '    location /api/feed {',
    ...cached,
    '',
    '    location /images {',
    ...cached,
    ...PROXY,
    '}',
  ]);
});

test('vhost: wsgi cache with defaults beside static files', async () => {
  const env = { NGINX_SERVER_NAME: 'blog.example.com', NGINX_CACHE_PREFIXES: '/api/', NGINX_STATIC_PATHS: '/static:public' };
  const text = render({ env, entries: [WSGI], webSockets: [], wsgiSockets: [`${ROOT}/nginx/blog.wsgi.1.sock`] });
  const pass = [...UWSGI_PARAMS, '        uwsgi_pass blog-app;', '    }'];

  await assertVhost(text, [
    ...HEADER,
    'upstream blog-app {',
    `    server unix:${ROOT}/nginx/blog.wsgi.1.sock;`,
    '}',
    '',
    `uwsgi_cache_path ${ROOT}/cache/blog levels=1:2 keys_zone=blog-cache:10m max_size=1g inactive=86400s use_temp_path=off;`,
    '',
    ...getCacheMap(3600),
    ...SERVER_START,
    ...GIT_DENIED,
    ...getStaticLocation('/static/', `${RELEASE}/public`),
    '',
    '    location /api/ {',
    ...getCacheDirectives('uwsgi', 3600, 3600, 3600),
    ...pass,
    '',
    '    location / {',
    ...pass,
    '}',
  ]);
});
