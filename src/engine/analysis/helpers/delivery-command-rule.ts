import type { PackageRule, Rule, RuleMeta } from '../types';
import { type CommandCategory, commandHits } from './delivery-commands';

/**
 * A package rule reporting one category of the command analysis (lifecycle scripts, binding.gyp
 * expansions, shipped shell/batch/PowerShell files). The analysis runs once per package.
 */
export function commandRule(meta: RuleMeta, category: CommandCategory): Rule {
  const check: PackageRule['check'] = (context) => {
    const perFile = new Map<string, number>();
    for (const hit of commandHits(context.pkg)) {
      if (hit.category !== category) continue;
      const count = perFile.get(hit.location.file) ?? 0;
      if (count >= (meta.maxPerFile ?? 3)) continue;
      perFile.set(hit.location.file, count + 1);
      context.report({ message: hit.message, severity: hit.severity, ...hit.location, ...(hit.indicators.length ? { indicators: hit.indicators } : {}) });
    }
  };
  return { type: 'package', meta, check };
}
