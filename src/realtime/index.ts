// The realtime layer as the session manager sees it: endpoint, codec, policy, transport.
export * from './events.js';
export * from './transport-types.js';
export * from './endpoint.js';
export * from './codec.js';
export * from '../util/redact.js';
export * from './backoff.js';
export * from './transport.js';
export * from './models.js';
export * from './provider-caps.js';
export * from './retry-after.js';
export * from './wrong-deployment.js';
export * from './config-rejected.js';
export * from './usage.js';
