/**
 * What an import did, shown until the user closes it: the counts, the coordinate system and text
 * encoding that were detected, the extent, the fields used, and the features that were skipped or
 * repaired, the accounts that fall in no unit and the ZIPs that are unknown, each with its reason.
 * The CLI's `tessera import --json` prints the same report.
 */
import type { ReactNode } from 'react';
import type { ImportReport, SkippedFeature } from '../../../shared/model/import.ts';
import { Dialog } from '../tools/Dialog.tsx';

/** Entries listed per section; the rest are counted (the CLI's JSON report lists them all). */
const LISTED = 200;

export interface ImportReportDialogProps {
  report: ImportReport;
  onClose(): void;
}

export function ImportReportDialog({ report, onClose }: ImportReportDialogProps) {
  const what = report.as === 'units' ? 'units' : 'accounts';
  const facts: [string, string][] = [
    ['Source', `${report.layer} (${fileName(report.source)})`],
    ['Read', count(report.read)],
    ['Written', count(report.written)],
    ['Skipped', count(report.skipped.length)],
    ...(report.as === 'units'
      ? ([
          ['Repaired', count(report.repaired.length)],
          ['Merged (same id)', count(report.merged)],
        ] as [string, string][])
      : []),
    ['Coordinate system', report.srs],
    ['Text encoding', report.encoding],
    ['Extent (lon, lat)', report.bbox ? extent(report.bbox) : '—'],
    ['ID field', report.idField ?? 'none: numbered in file order'],
    ['Name field', report.nameField ?? 'none: the id'],
    ...(report.as === 'units' ? ([['Metric fields', report.metrics.join(', ') || 'none']] as [string, string][]) : []),
    ['Time', `${report.seconds.toFixed(1)} s`],
  ];
  return (
    <Dialog title={`Imported ${count(report.written)} ${what}`} onClose={onClose} testId="import-report">
      <dl className="import-report__facts">
        {facts.map(([term, value]) => (
          <div key={term} data-testid={`import-report-${slug(term)}`}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {report.createdScenario && <p className="studio-dialog__note">The project had no plan: “Plan 1” was created, with no territories yet.</p>}
      <FeatureList title="Skipped" items={report.skipped} testId="import-report-skipped-list" />
      <FeatureList title="Repaired" items={report.repaired} testId="import-report-repaired-list" />
      <IdList title="Accounts in no unit" ids={report.unmatched ?? []} testId="import-report-unmatched" />
      <IdList title="Unknown ZIPs" ids={report.unknownZips ?? []} testId="import-report-unknown-zips" />
      <div className="studio-dialog__actions">
        <button type="button" className="button button--primary" onClick={onClose} autoFocus>
          Close
        </button>
      </div>
    </Dialog>
  );
}

function FeatureList({ title, items, testId }: { title: string; items: readonly SkippedFeature[]; testId: string }) {
  return (
    <ReportList title={title} total={items.length} testId={testId}>
      <ol>
        {items.slice(0, LISTED).map((f) => (
          <li key={f.index}>
            <span className="import-report__where">
              #{f.index}
              {f.id !== undefined && ` (${f.id})`}
            </span>{' '}
            {f.reason}
          </li>
        ))}
      </ol>
    </ReportList>
  );
}

function IdList({ title, ids, testId }: { title: string; ids: readonly string[]; testId: string }) {
  return (
    <ReportList title={title} total={ids.length} testId={testId}>
      <p className="import-report__ids">{ids.slice(0, LISTED).join(', ')}</p>
    </ReportList>
  );
}

/** A section of the report: folded when long, absent when empty, the entries past LISTED counted. */
function ReportList({ title, total, testId, children }: { title: string; total: number; testId: string; children: ReactNode }) {
  if (total === 0) return null;
  return (
    <details className="import-report__list" open={total <= 20} data-testid={testId}>
      <summary>
        {title}: {count(total)}
      </summary>
      {children}
      {total > LISTED && <p className="studio-dialog__note">…and {count(total - LISTED)} more (`tessera import --json` lists them all).</p>}
    </details>
  );
}

const count = (n: number) => n.toLocaleString('en-US');
const slug = (term: string) => term.toLowerCase().replace(/[^a-z]+/g, '-').replace(/-$/, '');
const fileName = (source: string) => source.split(/[\\/]/).pop() ?? source;
const extent = ([minLon, minLat, maxLon, maxLat]: [number, number, number, number]) =>
  `${minLon.toFixed(4)}, ${minLat.toFixed(4)} to ${maxLon.toFixed(4)}, ${maxLat.toFixed(4)}`;
