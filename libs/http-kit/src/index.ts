export * from './lib/domain-error';
export * from './lib/error-response';
export * from './lib/exception.filter';
export * from './lib/validation';
export * from './lib/pagination';
export * from './lib/fastify-errors';
export * from './lib/validators';
export * from './lib/rate-limit';
