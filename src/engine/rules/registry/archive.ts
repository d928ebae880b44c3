import type { Rule } from '../../analysis/types';
import archiveUnsafeEntry from '../archive-unsafe-entry';
import integrityMismatch from '../integrity-mismatch';
import tooLarge from '../too-large';

/** Facts about the archive itself rather than its code. Sorted by id. */
export const ARCHIVE_RULES: readonly Rule[] = [archiveUnsafeEntry, integrityMismatch, tooLarge];
