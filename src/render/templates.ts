// Loads the handlebars templates under templates/ and registers every helper they use. Handlebars
// HTML escaping is off: the `uwsgi` and `nginx` helpers escape or check values for their file's
// syntax instead, and a template may print only fixed text, numbers and helper output.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { PIKU_ERR_RENDER_TEMPLATE_NOT_FOUND } from '../errors/codes.js';
import { escapeUwsgiValue } from './uwsgi-values.js';
import { validateNginxToken } from './nginx-values.js';

export type TemplateName = 'uwsgi/vassal.ini' | 'uwsgi/emperor.ini' | 'nginx/vhost.conf' | 'git/pre-receive.sh';

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

let engine: typeof Handlebars | undefined;
const compiled = new Map<TemplateName, HandlebarsTemplateDelegate>();

// Renders one template. Each template is read and compiled once per process, on first use.
export function renderTemplate(name: TemplateName, context: object): string {
  let template = compiled.get(name);
  if (template === undefined) {
    template = getEngine().compile(readTemplate(name), COMPILE_OPTIONS);
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
    engine.registerPartial(partial, readTemplate(name));
  }

  return engine;
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
