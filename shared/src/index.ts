export * from './errors.js';
export * from './schemas/common.js';
export * from './schemas/health.js';
export * from './taxonomy/index.js';
