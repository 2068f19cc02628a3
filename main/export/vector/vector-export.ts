/**
 * The SVG, PDF and PPTX exports: one plan loaded once (vector-source.ts), drawn by the shared map
 * model (shared/print/), handed to the format's writer. Called by exportProject inside its atomic
 * write, so a failure leaves no file behind.
 */
import fs from 'node:fs';
import { mapPage, PAGE_SIZES, type PageSize } from '../../../shared/print/map-page.ts';
import { UserError } from '../../../shared/errors.ts';
import type { ExportSource, ProgressFn } from '../layers.ts';
import { writePdf } from './pdf-writer.ts';
import { writePptx } from './pptx-writer.ts';
import { pageToSvg } from './svg-writer.ts';
import { measureText } from './text-metrics.ts';
import { legendEntries, loadVectorPlan, type VectorResult } from './vector-source.ts';

export const VECTOR_FORMATS = ['svg', 'pdf', 'pptx'] as const;
export type VectorFormat = (typeof VECTOR_FORMATS)[number];

export interface VectorOptions {
  /** Page title; default "<project> — <scenario>". */
  title?: string;
  page?: string;
  labels?: boolean;
  /** Date printed in the corner, default today (fixed by tests and docs for stable output). */
  date?: Date;
}

export function isVectorFormat(format: string): format is VectorFormat {
  return (VECTOR_FORMATS as readonly string[]).includes(format);
}

export function checkPageSize(page: string | undefined): PageSize {
  const p = (page ?? 'a4').toLowerCase();
  if (!(p in PAGE_SIZES)) throw new UserError(`--page must be a4 or letter (landscape), not "${page}".`);
  return p as PageSize;
}

export async function writeVector(
  format: VectorFormat,
  file: string,
  source: ExportSource,
  options: VectorOptions,
  progress?: ProgressFn,
): Promise<VectorResult> {
  const pageSize = checkPageSize(options.page);
  const plan = loadVectorPlan(source);
  const title = options.title?.trim() || plan.project;
  const date = (options.date ?? new Date()).toISOString().slice(0, 10);
  if (format === 'pptx') return writePptx(file, plan, { title, date, labels: options.labels ?? false }, progress);
  progress?.({ stage: `${format} map`, done: 0, total: 1 });
  const { page, map } = mapPage(plan.input, {
    page: pageSize,
    title,
    subtitle: `Scenario “${plan.scenario}” · ${plan.territories.length} territories · ${plan.report.territories.reduce((s, t) => s + t.units, 0).toLocaleString('en-US')} units assigned`,
    legend: legendEntries(plan),
    labels: options.labels ?? false,
    measure: measureText,
    note: date,
  });
  progress?.({ stage: `${format} write`, done: 0, total: 1 });
  if (format === 'svg') fs.writeFileSync(file, pageToSvg(page));
  else await writePdf(file, [page], { title, subject: `Territory plan, scenario ${plan.scenario}` });
  return { pages: 1, territories: plan.territories.length, vertices: map.vertices };
}
