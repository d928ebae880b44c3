import type { Rule } from '../analysis/types';
import { ARCHIVE_RULES } from './registry/archive';
import { BEHAVIOUR_RULES } from './registry/behaviour';
import { CONCEALMENT_RULES } from './registry/concealment';
import { DELIVERY_RULES } from './registry/delivery';
import { METADATA_RULES } from './registry/metadata';

/**
 * Every detection rule, from explicit lists (no file-system discovery at run time: the engine is
 * bundled). A test fails when a rule file is missing from these lists, or lacks its docs page or
 * fixtures.
 */
export const RULES: readonly Rule[] = [...ARCHIVE_RULES, ...DELIVERY_RULES, ...BEHAVIOUR_RULES, ...CONCEALMENT_RULES, ...METADATA_RULES].sort((a, b) => (a.meta.id < b.meta.id ? -1 : a.meta.id > b.meta.id ? 1 : 0));

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.meta.id === id);
}
