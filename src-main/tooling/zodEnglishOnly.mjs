// An esbuild plugin for the Node bundles (build-node.mjs; the code-cache test builds the CLI with it too).
import { dirname } from 'node:path';

/**
 * zod's `z.locales` (error messages in ~60 languages, 370 KB of the CLI's 2.4 MB for `quadrat batch`)
 * is reached only through that namespace, which Quadrat never reads (its messages are its own, in
 * English): the Node bundles get English alone, and every process and worker parses ~15 % less.
 */
export const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]/.test(args.importer) ? { path: args.resolveDir + '/../locales/en.js', namespace: 'zod-locales' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({ contents: `export { default as en } from ${JSON.stringify(args.path)};`, resolveDir: dirname(args.path) }));
  },
};
