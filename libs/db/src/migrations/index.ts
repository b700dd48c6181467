import { Foundation1763800000000 } from './1763800000000-foundation';

/** Every migration, oldest first, as classes (bundles and jest find them; no globs). */
export const MIGRATIONS = [Foundation1763800000000];
