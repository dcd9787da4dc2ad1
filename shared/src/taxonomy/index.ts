export * from './labelled.js';
export * from './roles.js';
export * from './listings.js';
export * from './domains.js';
export * from './organizations.js';
export * from './bases.js';
export * from './places.js';
export * from './creditCode.js';
