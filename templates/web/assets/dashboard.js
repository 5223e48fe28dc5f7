// Follows a running deploy: polls the deploy's log.json once a second and appends new lines to
// their step until the deploy is no longer running. Pages work without this file; it only adds
// the live view.
'use strict';

const POLL_INTERVAL_MS = 1000;

function startFollowing(section) {
  let lastLine = Number(section.dataset.lastLine || '0');

  async function poll() {
    const response = await fetch(`${section.dataset.followUrl}?after=${lastLine}`, { credentials: 'same-origin' });
    if (!response.ok) return;

    const update = await response.json();
    for (const step of update.steps) showStep(section, step);
    for (const line of update.lines) {
      appendLine(section, line);
      lastLine = line.id;
    }
    section.dataset.status = update.status;
    const status = document.getElementById('deploy-status');
    status.textContent = update.statusText;
    status.className = `status ${update.status}`;
    if (update.status === 'running') setTimeout(poll, POLL_INTERVAL_MS);
  }

  setTimeout(poll, POLL_INTERVAL_MS);
}

function showStep(section, step) {
  let details = section.querySelector(`details[data-step-id="${step.id}"]`);
  if (details === null) {
    details = document.createElement('details');
    details.dataset.stepId = String(step.id);
    details.open = true;
    const summary = document.createElement('summary');
    for (const name of ['title', 'step-status', 'duration']) {
      const span = document.createElement('span');
      span.className = name;
      summary.append(span, ' ');
    }
    const pre = document.createElement('pre');
    pre.className = 'log';
    details.append(summary, pre);
    section.append(details);
  }
  details.className = `step ${step.status}`;
  details.querySelector('.title').textContent = step.title;
  details.querySelector('.step-status').textContent = step.status;
  details.querySelector('.duration').textContent = step.duration;
}

function appendLine(section, line) {
  const details = section.querySelector(`details[data-step-id="${line.stepId}"]`);
  let pre = details === null ? section.querySelector('pre.prologue') : details.querySelector('pre');
  if (pre === null) {
    pre = document.createElement('pre');
    pre.className = 'log prologue';
    section.prepend(pre);
  }
  pre.append(`${line.line}\n`);
}

const section = document.getElementById('deploy-log');
if (section !== null && section.dataset.status === 'running') startFollowing(section);
