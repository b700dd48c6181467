import { Foundation1763800000000 } from './1763800000000-foundation';
import { OutboxFailure1763900000000 } from './1763900000000-outbox-failure';

/** Every migration, oldest first, as classes (bundles and jest find them; no globs). */
export const MIGRATIONS = [Foundation1763800000000, OutboxFailure1763900000000];
