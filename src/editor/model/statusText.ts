import type { QueueProgress } from './taskQueue';
import type { VerdictCounts } from './workspaceState';

/** Status bar text: scanning progress, then flagged counts. Pure, so the wording is tested. */
export function statusText(progress: QueueProgress, counts: VerdictCounts): { text: string; tooltip: string } {
  if (progress.running + progress.queued > 0) {
    const current = Math.min(progress.total, progress.done + 1);
    return { text: `$(sync~spin) Takedown: scanning ${current} of ${progress.total}`, tooltip: 'Takedown is scanning new dependencies in the background' };
  }
  if (counts.malicious + counts.suspicious === 0) {
    const tail = counts.unknown ? `; ${counts.unknown} could not be checked` : '';
    return { text: counts.unknown ? `$(shield) Takedown: ${counts.unknown} unknown` : '$(shield) Takedown', tooltip: `Takedown: no malicious or suspicious dependencies found${tail}` };
  }
  const parts = [counts.malicious ? `$(error) ${counts.malicious} malicious` : '', counts.suspicious ? `$(warning) ${counts.suspicious} suspicious` : ''].filter(Boolean);
  return { text: `Takedown: ${parts.join(' ')}`, tooltip: 'Takedown: open the Problems view' };
}
