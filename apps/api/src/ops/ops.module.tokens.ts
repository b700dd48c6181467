export const OPS_REDIS = Symbol('OPS_REDIS');
