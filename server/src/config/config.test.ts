import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { ConfigError, loadConfig } from './index.js';

describe('loadConfig', () => {
  it('gives working defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.DATA_DIR).toBe(path.resolve('data'));
    expect(config.MONGODB_URI).toBeUndefined();
    expect(config.SEED_DEMO).toBe(true);
  });

  it('keeps the data in ./data of the directory npm was started in (npm start runs the server in server/)', () => {
    expect(loadConfig({ INIT_CWD: '/srv/resourcelink' }).DATA_DIR).toBe('/srv/resourcelink/data');
    expect(loadConfig({ INIT_CWD: '/srv/resourcelink', DATA_DIR: 'state' }).DATA_DIR).toBe(
      '/srv/resourcelink/state',
    );
    expect(loadConfig({ INIT_CWD: '/srv/resourcelink', DATA_DIR: '/var/lib/rl' }).DATA_DIR).toBe(
      '/var/lib/rl',
    );
  });

  it('treats empty service URLs as unset', () => {
    const config = loadConfig({ MONGODB_URI: '', MEILI_HOST: ' ', REDIS_URL: '' });
    expect(config.MONGODB_URI).toBeUndefined();
    expect(config.MEILI_HOST).toBeUndefined();
    expect(config.REDIS_URL).toBeUndefined();
  });

  it('reports every bad variable at once', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        LOG_LEVEL: 'loud',
        MEILI_HOST: 'not a url',
        SESSION_SECRET: 'short',
        SEED_DEMO: 'maybe',
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['PORT', 'LOG_LEVEL', 'MEILI_HOST', 'SESSION_SECRET', 'SEED_DEMO']) {
      expect(problems).toContain(name);
    }
    expect((error as ConfigError).problems).toHaveLength(5);
  });

  it('takes WORKERS as a whole number from 1 to 16 (1 when unset), and says so otherwise', () => {
    expect(loadConfig({}).WORKERS).toBe(1);
    expect(loadConfig({ WORKERS: '2' }).WORKERS).toBe(2);
    for (const bad of ['0', '17', '1.5', 'two', '']) {
      let error: unknown;
      try {
        loadConfig({ WORKERS: bad });
      } catch (err) {
        error = err;
      }
      expect(error, bad).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems.join('\n')).toMatch(/WORKERS.*whole number from 1 to 16/);
    }
  });

  it('splits the CORS allowlist', () => {
    expect(loadConfig({ CORS_ORIGINS: 'https://a.example, https://b.example,' }).CORS_ORIGINS).toEqual([
      'https://a.example',
      'https://b.example',
    ]);
  });
});
