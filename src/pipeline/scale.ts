// ps:scale: checks every `kind=N` word against the live Procfile, then writes SCALING and applies
// it under the app's lock. Only the workers whose count changed start or stop: the vassals of the
// others keep their text and mtime, so the emperor leaves them running.
import { parseScaleChanges, writeScaling } from '../config/scaling.js';
import { getAppPaths } from '../home/layout.js';
import { getProcessKinds, readLiveProcfile } from '../procfile/live-procfile.js';
import { reconfigureApp, type ReconfigureRequest } from './reconfigure.js';

export type ScaleRequest = Omit<ReconfigureRequest, 'label' | 'startsApp' | 'prepare'> & {
  /** The words after the app name, e.g. ["web=2", "worker=0"]. */
  changes: string[];
};

// Returns false when a step failed, and SCALING is then back as it was.
export async function scaleApp({ changes: words, ...request }: ScaleRequest): Promise<boolean> {
  const kinds = getProcessKinds(readLiveProcfile(request.layout, request.app));
  const changes = parseScaleChanges(request.app, words, kinds);
  const scalingFile = getAppPaths(request.layout, request.app).scalingFile;

  return reconfigureApp({ ...request, label: 'scale', startsApp: false, prepare: () => writeScaling(scalingFile, changes) });
}
