import type { InvestigateModel } from './investigate/protocol';

export interface ExcerptRequest {
  id: string;
  file: string;
  line: number;
  column?: number;
}

export interface ExcerptPlan {
  /** Files to read, in the order their first evidence item appears. */
  files: string[];
  items: ExcerptRequest[];
}

/**
 * Which evidence items get a few lines of context: the first `maxItems` with a file and line (the
 * model lists the most severe first), from at most `maxFiles` distinct files, so a package with
 * hundreds of findings costs a bounded number of reads.
 */
export function planExcerpts(model: Pick<InvestigateModel, 'evidence'>, maxItems = 30, maxFiles = 10): ExcerptPlan {
  const files: string[] = [];
  const items: ExcerptRequest[] = [];
  for (const item of model.evidence.flatMap((g) => g.items)) {
    if (items.length >= maxItems) break;
    if (!item.file || !item.line || item.line < 1) continue;
    if (!files.includes(item.file)) {
      if (files.length >= maxFiles) continue;
      files.push(item.file);
    }
    items.push({ id: item.id, file: item.file, line: item.line, ...(item.column !== undefined ? { column: item.column } : {}) });
  }
  return { files, items };
}
