import { readFileSync } from 'node:fs';
import path from 'node:path';
import { configSchema, type Config } from './schema.js';

export type { Config } from './schema.js';

/** Thrown when the environment is wrong; lists every bad variable at once. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Where the data lives, as an absolute path. A relative DATA_DIR is taken from the directory `npm` was started in
 * (INIT_CWD), else the working directory: `npm start` at the repository root keeps its data in `./data` there,
 * although the server's workspace script runs in `server/`.
 */
export function resolveDataDir(dir: string, env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.INIT_CWD || process.cwd(), dir);
}

/** Parses the environment once, at boot. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
    throw new ConfigError(problems);
  }
  const config = result.data;
  config.DATA_DIR = resolveDataDir(config.DATA_DIR, env);
  if (config.MEILI_API_KEY_FILE && !config.MEILI_API_KEY) {
    try {
      config.MEILI_API_KEY = readFileSync(config.MEILI_API_KEY_FILE, 'utf8').trim() || undefined;
    } catch (err) {
      throw new ConfigError([`MEILI_API_KEY_FILE: cannot read it (${(err as Error).message})`]);
    }
    if (!config.MEILI_API_KEY) throw new ConfigError(['MEILI_API_KEY_FILE: the file is empty']);
  }
  return config;
}
