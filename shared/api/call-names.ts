/**
 * The names of the contract's calls, free of zod so the sandboxed preload can enumerate them
 * without bundling the schemas. contract.ts is checked against this list in both directions.
 */
export const CALL_NAMES = ['getMapData', 'getInfo', 'applyEdit', 'undo', 'redo', 'openProject', 'saveCopy',
  'importFile', 'cancelImport', 'getHistory', 'duplicateScenario', 'renameScenario', 'deleteScenario', 'switchScenario', 'getScenarioPlan',
  'alignPlan', 'cancelAlign',
  'getDriveTimes', 'getDriveAreas', 'assignQuickestReps',
  'exportFile'] as const;

export type CallName = (typeof CALL_NAMES)[number];

export function isCallName(name: string): name is CallName {
  return (CALL_NAMES as readonly string[]).includes(name);
}
