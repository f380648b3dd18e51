// Enforces the import matrix in ARCHITECTURE.md ("Import matrix"). Read that section before
// adding an exception: each rule's comment names the reason it exists.
const DOC = 'see ARCHITECTURE.md#import-matrix';

module.exports = {
  forbidden: [
    {
      name: 'api-is-leaf',
      comment: `api/ holds the types that cross process boundaries; it imports nothing of ours (${DOC})`,
      severity: 'error',
      from: { path: '^api/' },
      to: { path: '^(core|db|cli|server|electron|renderer|bench|demo|models)/' },
    },
    {
      name: 'db-below-core',
      comment: `db/ is the storage layer: it may use api/ types, never the engine or a face (${DOC})`,
      severity: 'error',
      from: { path: '^db/' },
      to: { path: '^(core|cli|server|electron|renderer|bench|demo)/' },
    },
    {
      name: 'core-has-no-face',
      comment: `core/ is the engine shared by the CLI, the app and the tests: no Electron, server, CLI or UI code (${DOC})`,
      severity: 'error',
      from: { path: '^core/' },
      to: { path: '^(cli|server|electron|renderer|bench|demo)/|(^|/)node_modules/electron/' },
    },
    {
      name: 'renderer-only-api',
      comment: `the renderer talks to the engine only through the typed API: it imports api/ types and its own files (${DOC})`,
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: '^(core|db|cli|server|electron|bench|demo)/' },
    },
    {
      name: 'faces-use-core-not-db',
      comment: `the CLI, the server and Electron go through core/, never straight to SQLite (${DOC})`,
      severity: 'error',
      from: { path: '^(cli|server|electron)/' },
      to: { path: '^db/' },
    },
    {
      name: 'sqlite-only-in-db',
      comment: `better-sqlite3 is used only under db/ (${DOC})`,
      severity: 'error',
      from: { path: '^(?!db/)', pathNot: '\\.test\\.ts$' },
      to: { path: 'node_modules/better-sqlite3/' },
    },
    {
      name: 'onnxruntime-only-in-model-runners',
      comment: `onnxruntime-node is used only by the model runners under core/embed and core/text, the mark detector's (core/detect/markDetector.ts), the vector scan in core/search, and their shared session options (core/onnx) (${DOC})`,
      severity: 'error',
      from: { path: '^(?!core/embed/|core/text/|core/search/|core/onnx/|core/detect/markDetector\\.ts$)', pathNot: '^(models/scripts|bench)/|\\.test\\.ts$' },
      to: { path: 'node_modules/onnxruntime-node/' },
    },
    {
      name: 'sharp-only-in-image',
      comment: `sharp is used only under core/image; tooling (bench, demo, tests) may use it to make pictures (${DOC})`,
      severity: 'error',
      from: { path: '^(core|db|cli|server|electron|renderer)/', pathNot: '^core/image/|\\.test\\.ts$' },
      to: { path: 'node_modules/sharp/' },
    },
    {
      name: 'no-circular',
      comment: 'cycles make load order and ownership unclear',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|out)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] },
  },
};
