/**
 * Electron main (bundled to dist/main/electron.cjs). Thin glue: security policy, the app://
 * protocol, the window and menus, and the IPC transport to the same API handlers the browser build
 * uses. Fits run in utility processes; the project file is owned by this process.
 */
import { app, type BrowserWindow, dialog, ipcMain, Menu, session } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type ApiApp, createApiApp } from '../api/apiApp';
import { type MethodName, type ParamsIn } from '../api/contract';
import { listExamples } from '../api/handlers/examples';
import { cdpFigureBrowser } from '../export/cdpFigureBrowser';
import { setFigureBrowserFactory } from '../export/apiExports';
import { UserData } from '../store/userData';
import { handleAppProtocol, registerAppScheme } from './appProtocol';
import { electronDialogs } from './dialogs';
import { forwardEvents, registerIpc } from './ipc';
import { buildMenu, type MenuActions } from './menu';
import { denyAllPermissions, lockDownContents } from './security';
import { createUtilityProcessHost } from './utilityProcessHost';
import { createFigureWindow, createMainWindow } from './window';

const root = join(__dirname, '../..');
let mainWindow: BrowserWindow | null = null;
let api: ApiApp | null = null;
/** A file the OS asked us to open before the app was ready (macOS open-file). */
let pendingPath: string | null = null;

registerAppScheme();
app.enableSandbox();

/** A .quadrat path given on the command line (or by the OS file association). */
function projectArg(argv: readonly string[]): string | null {
  return argv.slice(1).find((a) => a.toLowerCase().endsWith('.quadrat') && existsSync(a)) ?? null;
}

async function run<M extends MethodName>(method: M, params: ParamsIn<M>): Promise<void> {
  if (!api) return;
  const out = await api.call(method, params);
  if (!out.ok && mainWindow) await dialog.showMessageBox(mainWindow, { type: 'error', message: out.error.message });
}

function menuActions(dialogs: ReturnType<typeof electronDialogs>): MenuActions {
  return {
    newProject: () => void run('project.new', { path: null }),
    openProject: () =>
      void dialogs.pickPath('open-project').then((path) => (path ? run('project.open', { path }) : undefined)),
    openExample: (name) => void run('project.openExample', { name }),
    saveAs: () =>
      void dialogs.pickPath('save-project', 'Untitled.quadrat').then((path) => (path ? run('project.saveAs', { path }) : undefined)),
    command: (command) => api?.ctx.emit('menu.command', { command }),
    quit: () => app.quit(),
  };
}

async function start(): Promise<void> {
  denyAllPermissions(session.defaultSession);
  app.on('web-contents-created', (_e, contents) => lockDownContents(contents));
  handleAppProtocol(join(root, 'dist-web'));

  const userDataDir = app.getPath('userData');
  const { workers } = new UserData(userDataDir).settings();
  const dialogs = electronDialogs(() => mainWindow);
  const examplesDir = join(root, 'assets', 'examples');
  api = createApiApp({
    userDataDir,
    host: createUtilityProcessHost({ modulePath: join(__dirname, 'utility.cjs'), size: workers, prestart: true }),
    transport: 'electron',
    dialogs,
    examplesDir: existsSync(examplesDir) ? examplesDir : null,
  });
  registerIpc(ipcMain, api);
  // Figure export renders in a hidden, sandboxed window over the DevTools protocol (no separate Chromium).
  setFigureBrowserFactory(async () => cdpFigureBrowser(createFigureWindow));
  forwardEvents(api, () => mainWindow?.webContents ?? null);
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenu(menuActions(dialogs), listExamples(api.ctx), process.platform === 'darwin')));

  mainWindow = createMainWindow(join(__dirname, 'preload.cjs'));
  mainWindow.on('closed', () => (mainWindow = null));
  const path = pendingPath ?? projectArg(process.argv);
  if (path) await run('project.open', { path });
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', (_e, argv) => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
    const path = projectArg(argv);
    if (path) void run('project.open', { path });
  });
  app.on('open-file', (event, path) => {
    event.preventDefault();
    if (api) void run('project.open', { path });
    else pendingPath = path;
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => void api?.close());
  void app.whenReady().then(start);
}
