// Loads the handlebars templates under templates/ and registers every helper they use. Handlebars
// HTML escaping is off: the `uwsgi` and `nginx` helpers escape or check values for their file's
// syntax instead, and a template may print only fixed text, numbers and helper output.
// `npm run build` also writes dist/render/precompiled-templates.cjs, so a deploy skips compiling
// (about 40 ms). A template whose .hbs text differs from the precompiled copy is compiled at runtime.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { PIKU_ERR_RENDER_TEMPLATE_NOT_FOUND } from '../errors/codes.js';
import { escapeUwsgiValue } from './uwsgi-values.js';
import { validateNginxToken } from './nginx-values.js';

export type TemplateName = 'uwsgi/vassal.ini' | 'uwsgi/emperor.ini' | 'nginx/vhost.conf' | 'git/pre-receive.sh';

const TEMPLATE_NAMES: TemplateName[] = ['uwsgi/vassal.ini', 'uwsgi/emperor.ini', 'nginx/vhost.conf', 'git/pre-receive.sh'];

// Both src/render/ (run by tsx) and dist/render/ (built by tsc) sit two levels below the repo root.
const TEMPLATES_DIR = new URL('../../templates/', import.meta.url);

const PARTIALS = {
  'uwsgi-placeholders': 'uwsgi/placeholders.ini',
  'uwsgi-params': 'nginx/uwsgi-params.conf',
  'vhost-upstream': 'nginx/vhost-upstream.conf',
  'vhost-cache': 'nginx/vhost-cache.conf',
};

const COMPILE_OPTIONS: CompileOptions = {
  noEscape: true,
  strict: true,
  knownHelpersOnly: true,
  knownHelpers: { uwsgi: true, nginx: true },
};

// The precompiled copy in dist/render/ after a build, found from dist/render/ and dist/bundle/;
// src/render/ has none.
const PRECOMPILED_FILE = fileURLToPath(new URL('../render/precompiled-templates.cjs', import.meta.url));

interface PrecompiledTemplate {
  /** The .hbs text the spec was compiled from. */
  source: string;
  spec: TemplateSpecification;
}

let engine: typeof Handlebars | undefined;
let precompiled: Record<string, PrecompiledTemplate> | undefined;
const compiled = new Map<TemplateName, HandlebarsTemplateDelegate>();

// Renders one template. Each template is read and compiled once per process, on first use.
export function renderTemplate(name: TemplateName, context: object): string {
  let template = compiled.get(name);
  if (template === undefined) {
    template = loadTemplate(name);
    compiled.set(name, template);
  }

  return template(context);
}

function getEngine(): typeof Handlebars {
  if (engine !== undefined) {
    return engine;
  }

  engine = Handlebars.create();
  engine.registerHelper('uwsgi', renderUwsgiValue);
  engine.registerHelper('nginx', renderNginxValue);
  for (const [partial, name] of Object.entries(PARTIALS)) {
    engine.registerPartial(partial, loadTemplate(name));
  }

  return engine;
}

// Returns the precompiled template when its source is unchanged, else compiles the source now.
function loadTemplate(name: string): HandlebarsTemplateDelegate {
  const source = readTemplate(name);
  const entry = getPrecompiled()[name];
  const handlebars = getEngine();

  if (entry?.source === source) {
    try {
      return handlebars.template(entry.spec);
    } catch {
      // Precompiled by another handlebars version than the one installed: compile it now.
    }
  }

  return handlebars.compile(source, COMPILE_OPTIONS);
}

function getPrecompiled(): Record<string, PrecompiledTemplate> {
  precompiled ??= existsSync(PRECOMPILED_FILE) ? (createRequire(import.meta.url)(PRECOMPILED_FILE) as Record<string, PrecompiledTemplate>) : {};

  return precompiled;
}

// Writes every template and partial, precompiled with the options used at runtime, into one
// CommonJS module (run by `npm run build`).
export function writePrecompiledTemplates(file = PRECOMPILED_FILE): void {
  const names = [...TEMPLATE_NAMES, ...Object.values(PARTIALS)];
  const entries = names.map((name) => {
    const source = readTemplate(name);

    return `  ${JSON.stringify(name)}: { source: ${JSON.stringify(source)}, spec: ${Handlebars.precompile(source, COMPILE_OPTIONS)} },`;
  });
  writeFileSync(file, `// Written by npm run build from templates/; edits are lost.\nmodule.exports = {\n${entries.join('\n')}\n};\n`);
}

function readTemplate(name: string): string {
  const file = fileURLToPath(new URL(`${name}.hbs`, TEMPLATES_DIR));
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw PIKU_ERR_RENDER_TEMPLATE_NOT_FOUND.with({ cause: error }, file);
  }
}

// `{{uwsgi value}}`: numbers as they are, strings escaped for the right-hand side of an ini line.
function renderUwsgiValue(value: unknown): string {
  return typeof value === 'number' ? String(value) : escapeUwsgiValue(getString(value));
}

// `{{nginx value}}`: a number, or one token that the context builder has already validated.
function renderNginxValue(value: unknown): string {
  return typeof value === 'number' ? String(value) : validateNginxToken(getString(value));
}

function getString(value: unknown): string {
  if (typeof value !== 'string') {
    throw new Error(`A template helper received a ${typeof value} where it needs a string.`);
  }

  return value;
}
