// `npm start`: build, then launch the Electron app; when no Electron binary is installed (our
// offline machines cannot download it), say so plainly and start the browser build instead.
// Arguments after `npm start --` go to the app (e.g. a .quadrat file, or --port for the browser build).
import { spawn, spawnSync } from 'node:child_process';
import { electronBinary } from './electronBinary.mjs';

const args = process.argv.slice(2);

function run(cmd, cmdArgs) {
  const r = spawnSync(cmd, cmdArgs, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

/** Runs the app in the foreground, passing Ctrl+C on and exiting with its code. */
function launch(cmd, cmdArgs) {
  const child = spawn(cmd, cmdArgs, { stdio: 'inherit' });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

run(process.execPath, ['src-main/tooling/build-node.mjs']);
run(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn']);

const electron = electronBinary();
if (electron.path) {
  launch(electron.path, ['.', ...args]);
} else {
  console.log(
    'Quadrat: there is no Electron binary on this machine, so the desktop window cannot open.\n' +
      `  (${electron.reason})\n` +
      '  Electron downloads its binary from GitHub, which this machine cannot reach. On a connected machine:\n' +
      '  `node node_modules/electron/install.js`, then rebuild better-sqlite3 for Electron (see docs/architecture.md).\n' +
      '  Starting the browser build instead: open the address below in a browser.\n',
  );
  launch(process.execPath, ['dist/web/server.mjs', ...args]);
}
