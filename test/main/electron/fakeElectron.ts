/**
 * A small stand-in for the `electron` module (there is no Electron binary on our machines): records
 * what the app's glue registers so tests can drive it. Used through vi.mock('electron', ...).
 */
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

export function makeFakeElectron() {
  const ipcHandlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  const ipcRendererListeners = new Map<string, Set<(...args: unknown[]) => void>>();
  const exposed: Record<string, unknown> = {};
  const windows: FakeWindow[] = [];
  const children: FakeChild[] = [];
  const appEmitter = new EventEmitter();
  let readyResolve: () => void = () => undefined;
  const ready = new Promise<void>((r) => (readyResolve = r));

  class FakeContents extends EventEmitter {
    url = '';
    sent: unknown[][] = [];
    windowOpenHandler: ((d: unknown) => unknown) | null = null;
    mainFrame = { url: '' };
    setWindowOpenHandler(h: (d: unknown) => unknown) {
      this.windowOpenHandler = h;
    }
    getURL() {
      return this.url;
    }
    isDestroyed() {
      return false;
    }
    send(...args: unknown[]) {
      this.sent.push(args);
    }
  }

  class FakeWindow extends EventEmitter {
    webContents = new FakeContents();
    loaded: string | null = null;
    constructor(public options: Record<string, unknown>) {
      super();
      windows.push(this);
    }
    loadURL(url: string) {
      this.loaded = url;
      this.webContents.url = url;
      this.webContents.mainFrame.url = url;
      return Promise.resolve();
    }
    show() {}
    isMinimized() {
      return false;
    }
    restore() {}
    focus() {}
  }

  class FakeChild extends EventEmitter {
    posted: unknown[] = [];
    killed = false;
    constructor(public modulePath: string, public options: unknown) {
      super();
      children.push(this);
    }
    postMessage(m: unknown) {
      this.posted.push(m);
    }
    kill() {
      this.killed = true;
      return true;
    }
  }

  const session = {
    permissionRequest: null as null | ((wc: unknown, p: string, cb: (ok: boolean) => void) => void),
    permissionCheck: null as null | ((...a: unknown[]) => boolean),
    deviceCheck: null as null | ((...a: unknown[]) => boolean),
    setPermissionRequestHandler(h: (wc: unknown, p: string, cb: (ok: boolean) => void) => void) {
      this.permissionRequest = h;
    },
    setPermissionCheckHandler(h: (...a: unknown[]) => boolean) {
      this.permissionCheck = h;
    },
    setDevicePermissionHandler(h: (...a: unknown[]) => boolean) {
      this.deviceCheck = h;
    },
  };

  const module = {
    app: Object.assign(appEmitter, {
      enableSandbox: vi.fn(),
      requestSingleInstanceLock: vi.fn(() => true),
      whenReady: () => ready,
      getPath: vi.fn((_name: string) => ''),
      quit: vi.fn(),
    }),
    BrowserWindow: FakeWindow,
    Menu: {
      template: null as unknown,
      buildFromTemplate: vi.fn((t: unknown) => ({ template: t })),
      setApplicationMenu: vi.fn(),
    },
    dialog: {
      showOpenDialog: vi.fn(async () => ({ canceled: true, filePaths: [] })),
      showSaveDialog: vi.fn(async () => ({ canceled: true, filePath: '' })),
      showMessageBox: vi.fn(async () => ({ response: 0 })),
    },
    session: { defaultSession: session },
    protocol: {
      registerSchemesAsPrivileged: vi.fn(),
      handle: vi.fn(),
    },
    ipcMain: {
      handle: (channel: string, h: (event: unknown, ...args: unknown[]) => unknown) => ipcHandlers.set(channel, h),
      removeHandler: (channel: string) => ipcHandlers.delete(channel),
    },
    ipcRenderer: {
      invoke: vi.fn(async (_channel: string, ..._args: unknown[]) => undefined as unknown),
      on: (channel: string, l: (...args: unknown[]) => void) => {
        const set = ipcRendererListeners.get(channel) ?? new Set();
        set.add(l);
        ipcRendererListeners.set(channel, set);
      },
      removeListener: (channel: string, l: (...args: unknown[]) => void) => ipcRendererListeners.get(channel)?.delete(l),
    },
    contextBridge: { exposeInMainWorld: vi.fn((key: string, api: unknown) => (exposed[key] = api)) },
    webUtils: { getPathForFile: vi.fn((_file: unknown) => '') },
    utilityProcess: { fork: vi.fn((modulePath: string, _args: string[], options: unknown) => new FakeChild(modulePath, options)) },
  };
  return { module, ipcHandlers, ipcRendererListeners, exposed, windows, children, session, ready: readyResolve, FakeContents };
}

export type FakeElectron = ReturnType<typeof makeFakeElectron>;

/** One shared fake per test file: vi.mock's factory and the test both import this instance. */
export const fake = makeFakeElectron();
