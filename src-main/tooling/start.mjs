// `npm start`: launch the Electron app; when no Electron binary is installed (our machines cannot
// download it), say so plainly and start the browser build instead.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';

const require = createRequire(import.meta.url);

function electronBinary() {
  try {
    const path = require('electron'); // the package exports the binary's path, or throws if absent
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

run(process.execPath, ['src-main/tooling/build-node.mjs']);
const binary = electronBinary();
if (binary && existsSync('dist/main/electron.cjs')) {
  run('npx', ['vite', 'build', '--logLevel', 'warn']);
  const child = spawn(binary, ['.'], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  if (!binary) {
    console.log(
      'Quadrat: no Electron binary is installed (it is downloaded from GitHub, which this machine cannot reach;\n' +
        '  on a connected machine run `node node_modules/electron/install.js`).\n' +
        '  Starting the browser build instead.',
    );
  }
  if (!existsSync('src-main/web/server.ts')) {
    console.log('Quadrat: the browser build is not part of this checkout yet (src-main/web/server.ts is missing).');
    process.exit(1);
  }
  run('npx', ['vite', 'build', '--logLevel', 'warn']);
  const child = spawn(process.execPath, ['dist/web/server.mjs', ...process.argv.slice(2)], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}
