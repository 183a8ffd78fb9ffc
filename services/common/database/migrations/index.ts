import { InitialSchema1764070000000 } from './1764070000000-initial-schema';

/** Every migration, oldest first. A new migration is added here as well as in its own file. */
export const migrations = [InitialSchema1764070000000];
