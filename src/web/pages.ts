// Renders the dashboard's HTML from the handlebars templates under templates/web/. Unlike the
// nginx and uwsgi templates, these keep handlebars' HTML escaping on: every `{{value}}` is escaped.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { PIKU_ERR_RENDER_TEMPLATE_NOT_FOUND } from '../errors/codes.js';

export type PageName = 'login' | 'apps' | 'app' | 'deploy' | 'message';

export interface PageLayout {
  title: string;
  /** The signed-in user, shown with a sign-out button; undefined on the login page. */
  user?: string;
  csrf?: string;
}

// Both src/web/ and dist/web/ sit two levels below the repository root.
const WEB_DIR = new URL('../../templates/web/', import.meta.url);
const COMPILE_OPTIONS: CompileOptions = { strict: false, knownHelpersOnly: true, knownHelpers: { eq: true } };

const engine = Handlebars.create();
engine.registerHelper('eq', (a: unknown, b: unknown) => a === b);
const compiled = new Map<string, HandlebarsTemplateDelegate>();

// Renders a page inside the shared layout.
export function renderPage(name: PageName, layout: PageLayout, context: object): string {
  const body = getTemplate(name)(context);

  return getTemplate('layout')({ ...layout, body: new Handlebars.SafeString(body) });
}

// The CSS and JavaScript files of the dashboard, served from templates/web/assets/.
export function readAsset(name: 'dashboard.css' | 'dashboard.js'): string {
  return readFileSync(fileURLToPath(new URL(`assets/${name}`, WEB_DIR)), 'utf8');
}

function getTemplate(name: string): HandlebarsTemplateDelegate {
  let template = compiled.get(name);
  if (template === undefined) {
    template = engine.compile(readTemplate(name), COMPILE_OPTIONS);
    compiled.set(name, template);
  }

  return template;
}

function readTemplate(name: string): string {
  const file = fileURLToPath(new URL(`${name}.html.hbs`, WEB_DIR));
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw PIKU_ERR_RENDER_TEMPLATE_NOT_FOUND.with({ cause: error }, file);
  }
}
