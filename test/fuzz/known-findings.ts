/**
 * Importer bugs the fuzzer found and main/import has not fixed yet, each with its minimal input in
 * test/fixtures/fuzz/. The short fuzz run tolerates exactly these (matched on the error text);
 * import-fuzz.test.ts keeps one `it.fails` per entry, which turns red once the bug is fixed —
 * then delete the entry here and flip the test to a plain `it`.
 */
export interface KnownFinding {
  id: string;
  fixture: string;
  as: 'units' | 'accounts';
  /** What the user gets today. */
  symptom: string;
  match: RegExp;
}

export const KNOWN_FINDINGS: readonly KnownFinding[] = [
  {
    id: 'geojson-string-coordinate',
    fixture: 'string-coordinate.geojson',
    as: 'units',
    symptom: 'internal error "TypeError: c.forEach is not a function" in bboxOf (main/import/text-readers.ts) when a position starts with a string',
    match: /c\.forEach is not a function/,
  },
  {
    id: 'geojson-geometry-collection-without-geometries',
    fixture: 'geometry-collection-without-geometries.geojson',
    as: 'units',
    symptom:
      'internal error "TypeError: Cannot read properties of undefined (reading \'filter\')" in cleanPolygonal (main/import/geometry.ts) ' +
      'for a GeometryCollection without a "geometries" member',
    match: /reading 'filter'/,
  },
  {
    id: 'zip-bad-local-header-offset',
    fixture: 'bad-local-header-offset.zip',
    as: 'accounts',
    symptom:
      'internal error "Error: unexpected EOF" from yauzl when a central-directory entry points past the end of the file; other yauzl read errors ' +
      '("file data overflows file bounds" for a huge compressed size) escape the same way: main/import/zip.ts does not turn them into a UserError',
    match: /node_modules\/yauzl\//,
  },
];

export function isKnownFinding(message: string): KnownFinding | undefined {
  return KNOWN_FINDINGS.find((k) => k.match.test(message));
}
