import { z } from 'zod';

const optionalUrl = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .pipe(z.url().optional())
  .optional();

const flag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .optional()
    .transform((v) => (v === undefined ? fallback : ['true', '1', 'yes'].includes(v)));

/**
 * Every environment variable the server reads. The README's configuration table mirrors this list;
 * `describe()` text is what an operator sees when a value is wrong.
 */
export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('0.0.0.0').describe('address the HTTP server listens on'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000).describe('HTTP port (0 picks a free one)'),
  DATA_DIR: z
    .string()
    .min(1)
    .default('./data')
    .describe('where the embedded database and uploaded files live'),
  MONGODB_URI: optionalUrl.describe('a MongoDB replica set; unset runs the embedded engine'),
  MEILI_HOST: optionalUrl.describe('a Meilisearch server; unset runs the embedded search adapter'),
  MEILI_MASTER_KEY: z
    .string()
    .optional()
    .describe('Meilisearch master key: for `npm run meili:keys` and tests; servers should get MEILI_API_KEY'),
  MEILI_API_KEY: z
    .string()
    .optional()
    .describe('the Meilisearch key the server uses (made by `npm run meili:keys`)'),
  MEILI_API_KEY_FILE: z
    .string()
    .optional()
    .describe('a file holding MEILI_API_KEY (read once at start when MEILI_API_KEY is unset)'),
  REDIS_URL: optionalUrl.describe('Redis for Socket.IO fan-out across processes; unset keeps it in memory'),
  SESSION_SECRET: z
    .string()
    .min(32, 'must be at least 32 characters')
    .optional()
    .describe('secret that signs session cookies; generated and kept in DATA_DIR when unset'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .describe('comma-separated origins allowed to call the API and the socket from another origin'),
  TRUST_PROXY: flag(false).describe('true behind a proxy (client IPs and the scheme from X-Forwarded-*)'),
  PUBLIC_HTTPS: flag(false).describe(
    'true when browsers reach the site only over https (CSP upgrade-insecure-requests, HSTS)',
  ),
  SEED_DEMO: flag(true).describe('load demo data into an empty embedded database at start'),
  SEARCH_RATE_LIMIT: z.coerce
    .number()
    .int()
    .min(0)
    .default(600)
    .describe('searches and recommendations per minute from one address (0 turns the limit off)'),
  WORKERS: z.coerce
    .number({ error: 'must be a whole number from 1 to 16' })
    .int('must be a whole number from 1 to 16')
    .min(1, 'must be a whole number from 1 to 16')
    .max(16, 'must be a whole number from 1 to 16')
    .default(1)
    .describe(
      'HTTP worker processes on this machine (1: one process); with more, the primary process holds the embedded database and search index',
    ),
  CLIENT_DIST: z.string().optional().describe('built client to serve; defaults to client/dist'),
});

export type Config = z.infer<typeof configSchema>;
