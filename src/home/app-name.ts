// App names become directory names, file name prefixes (`<app>_<kind>.<n>.ini`) and nginx server
// block names, so one strict rule keeps every one of those places safe.
import { PIKU_ERR_APP_NAME_INVALID } from '../errors/codes.js';

const APP_NAME_PATTERN = /^[a-z0-9][a-z0-9._-]{0,62}$/;

// Validates an app name as a git remote or a command gives it and returns the bare name:
// "/blog.git" -> "blog". The caller removes shell quotes first.
export function validateAppName(raw: string): string {
  const name = stripGitSuffix(raw.startsWith('/') ? raw.slice(1) : raw);

  // NOTE: a name that still ends in ".git" is rejected: "blog.git" always means "blog", so an app
  // named "blog.git" could only be reached as "blog.git.git".
  if (!APP_NAME_PATTERN.test(name) || name.includes('..') || name.endsWith('.git')) {
    throw PIKU_ERR_APP_NAME_INVALID(raw);
  }

  return name;
}

function stripGitSuffix(name: string): string {
  return name.endsWith('.git') ? name.slice(0, -'.git'.length) : name;
}

// True when `name` is an app name exactly as stored, e.g. a directory under repos/.
export function isValidAppName(name: string): boolean {
  try {
    return validateAppName(name) === name;
  } catch {
    return false;
  }
}
