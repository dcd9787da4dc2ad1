export * from './errors.js';
export * from './events.js';
export * from './schemas/common.js';
export * from './schemas/health.js';
export * from './schemas/message.js';
export * from './taxonomy/index.js';
