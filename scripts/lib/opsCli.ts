/**
 * What the operator commands (backup, restore, migrate) share: paths as the person typed them, DATA_DIR as the
 * server sees it, and refusals printed as one clear line with exit code 1.
 */
import path from 'node:path';
import { loadConfig, ConfigError, type Config } from '../../server/src/config/index.js';
import { OpsError } from '../../server/src/ops/errors.js';

/** A path given on the command line, relative to where npm was run (npm runs scripts in the package folder). */
export function fromInvocation(file: string): string {
  return path.resolve(process.env.INIT_CWD ?? process.cwd(), file);
}

export function opsConfig(): Config & { dataDir: string } {
  const config = loadConfig();
  return { ...config, dataDir: path.resolve(config.DATA_DIR) };
}

/** Runs a command; an OpsError or ConfigError is the person's to fix: its message alone, exit code 1. */
export async function runOps(command: () => Promise<void>): Promise<void> {
  try {
    await command();
  } catch (err) {
    if (err instanceof OpsError || err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
}
