/**
 * Inputs the fuzzer once turned into internal errors, kept as regression tests: each minimal
 * input in test/fixtures/fuzz/ must now be refused with a plain message and leave the project as
 * it was (import-fuzz.test.ts). Add a fixture here for every new finding, with what it did.
 */
export interface RegressionInput {
  fixture: string;
  as: 'units' | 'accounts';
  /** What the importer did before the fix. */
  was: string;
}

export const REGRESSION_INPUTS: readonly RegressionInput[] = [
  { fixture: 'string-coordinate.geojson', as: 'units', was: 'internal "c.forEach is not a function" in the bounding-box walk' },
  { fixture: 'null-coordinate.geojson', as: 'units', was: "internal \"Cannot read properties of null (reading '0')\"" },
  {
    fixture: 'geometry-collection-without-geometries.geojson',
    as: 'units',
    was: "internal \"Cannot read properties of undefined (reading 'filter')\" in cleanPolygonal",
  },
  { fixture: 'bad-local-header-offset.zip', as: 'accounts', was: 'yauzl "unexpected EOF" escaping main/import/zip.ts' },
];
