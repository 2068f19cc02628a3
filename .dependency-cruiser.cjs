/**
 * The layering of Tessera (see DESIGN.md), checked in `npm test`:
 * renderer -> shared, main -> shared; shared imports neither and no Node/DOM/Electron;
 * only main/electron imports electron.
 */
module.exports = {
  forbidden: [
    { name: 'shared-is-pure', severity: 'error', comment: 'shared/ runs in both processes: no main/ or renderer/ imports.',
      from: { path: '^shared/' }, to: { path: '^(main|renderer)/' } },
    { name: 'shared-no-node', severity: 'error', comment: 'shared/ must not use Node built-ins.',
      from: { path: '^shared/' }, to: { dependencyTypes: ['core'] } },
    { name: 'renderer-not-main', severity: 'error', comment: 'The renderer reaches main only through the API contract.',
      from: { path: '^renderer/' }, to: { path: '^main/' } },
    { name: 'renderer-no-node', severity: 'error', comment: 'The renderer is a web page: no Node built-ins.',
      from: { path: '^renderer/' }, to: { dependencyTypes: ['core'] } },
    { name: 'main-not-renderer', severity: 'error', from: { path: '^main/' }, to: { path: '^renderer/' } },
    { name: 'electron-only-in-shell', severity: 'error', comment: 'Services run in plain Node; only the shell imports electron.',
      from: { pathNot: '^main/electron/' }, to: { path: '(^|/)node_modules/electron/' } },
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'] },
  },
};
