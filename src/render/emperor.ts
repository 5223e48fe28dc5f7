// The uwsgi emperor's own config, uwsgi/uwsgi.ini. It holds nothing machine-specific (no user, no
// CPU count), so the same file works on any host with the same PIKU_ROOT.
import path from 'node:path';
import type { Layout } from '../home/layout.js';
import { hasEmperorSocket } from '../uwsgi/emperor-socket.js';
import { renderTemplate } from './templates.js';
import { validateUwsgiValue } from './uwsgi-values.js';

export interface EmperorContext {
  vassalsDir: string;
  /** Empty when the path is too long for a socket. */
  statsSocket: string;
  logFile: string;
  logBackupFile: string;
  logMaxSize: number;
}

// The emperor log rotates at 1 MiB, the default size of worker logs.
const EMPEROR_LOG_MAX_SIZE = 1048576;

// Renders uwsgi.ini for the emperor that runs every vassal in layout.uwsgiEnabled.
export function renderEmperorIni({ layout }: { layout: Layout }): string {
  const logFile = path.join(layout.platformLogs, 'uwsgi.log');
  const context: EmperorContext = {
    vassalsDir: layout.uwsgiEnabled,
    statsSocket: hasEmperorSocket(layout) ? layout.emperorSocket : '',
    logFile,
    logBackupFile: `${logFile}.old`,
    logMaxSize: EMPEROR_LOG_MAX_SIZE,
  };
  validateUwsgiValue('PIKU_ROOT', layout.root);

  return renderTemplate('uwsgi/emperor.ini', context);
}
