/**
 * Boots the real Electron main (src-main/electron/main.ts) and preload against a fake `electron`
 * module, then drives the app the way the renderer would: window.quadrat → IPC → handlers → SQLite.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bridgeTransport, createClient, type QuadratApi, type QuadratBridge } from '../../../src-main/api/client';
import { apiMethods, methodNames } from '../../../src-main/api/contract';
import { fake } from './fakeElectron';

vi.mock('electron', async () => (await import('./fakeElectron')).fake.module);

const userData = mkdtempSync(join(tmpdir(), 'quadrat-electron-'));
let api: QuadratApi;
let bridge: QuadratBridge;

/** What Electron passes to an ipcMain handler, as sent from `contents`' main frame (or a given frame). */
function invokeEvent(contents: InstanceType<typeof fake.FakeContents>, frame: { url: string } | null = contents.mainFrame) {
  return { sender: contents, senderFrame: frame };
}

beforeAll(async () => {
  fake.module.app.getPath.mockImplementation(() => userData);
  await import('../../../src-main/electron/main');
  fake.ready();
  await vi.waitFor(() => expect(fake.windows).toHaveLength(1));
  // The renderer side: the preload's bridge, its invoke wired to main's handlers as Electron would.
  const win = fake.windows[0];
  fake.module.ipcRenderer.invoke.mockImplementation(async (channel: string, ...args: unknown[]) => {
    const h = fake.ipcHandlers.get(channel);
    if (!h) throw new Error(`No handler registered for '${channel}'`);
    return h(invokeEvent(win.webContents), ...args);
  });
  await import('../../../src-main/electron/preload');
  bridge = fake.exposed.quadrat as QuadratBridge;
  api = createClient(bridgeTransport(bridge));
});
afterAll(() => {
  fake.module.app.emit('will-quit');
  rmSync(userData, { recursive: true, force: true });
});

describe('Electron main', () => {
  it('enables the sandbox and registers app:// as a secure standard scheme before ready', () => {
    expect(fake.module.app.enableSandbox).toHaveBeenCalled();
    expect(fake.module.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
    ]);
    expect(fake.module.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
  });

  it('opens one secure window on app://quadrat/', () => {
    const win = fake.windows[0];
    expect(win.loaded).toBe('app://quadrat/index.html');
    expect(win.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(String((win.options.webPreferences as { preload: string }).preload)).toMatch(/preload\.cjs$/);
  });

  it('renders figures for export in a hidden window with the same locked-down preferences', async () => {
    const { createFigureWindow } = await import('../../../src-main/electron/window');
    const before = fake.windows.length;
    createFigureWindow();
    const win = fake.windows[before];
    expect(win.options.show).toBe(false);
    expect(win.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, disableBlinkFeatures: 'Auxclick' });
    expect((win.options.webPreferences as { preload?: string }).preload).toBeUndefined();
    fake.windows.splice(before, 1);
  });

  it('denies permissions and locks down every web contents', () => {
    const cb = vi.fn();
    fake.session.permissionRequest!({}, 'media', cb);
    expect(cb).toHaveBeenCalledWith(false);
    const contents = new fake.FakeContents();
    fake.module.app.emit('web-contents-created', {}, contents);
    expect(contents.windowOpenHandler!({})).toEqual({ action: 'deny' });
    const e = { preventDefault: vi.fn() };
    contents.emit('will-navigate', e, 'https://example.com');
    expect(e.preventDefault).toHaveBeenCalled();
  });

  it('registers one IPC channel per API method, and the preload exposes one function per method', () => {
    expect([...fake.ipcHandlers.keys()].sort()).toEqual(methodNames.map((m) => `quadrat:${m}`).sort());
    expect(fake.module.contextBridge.exposeInMainWorld).toHaveBeenCalledWith('quadrat', expect.any(Object));
    for (const m of methodNames) {
      const [d, v] = m.split('.');
      expect(typeof (bridge as unknown as Record<string, Record<string, unknown>>)[d][v]).toBe('function');
    }
  });

  it('builds the File, Edit and Help menus', () => {
    const template = fake.module.Menu.buildFromTemplate.mock.calls[0][0] as { label?: string; submenu?: { label?: string; role?: string }[] }[];
    const file = template.find((m) => m.label === '&File')!;
    expect(file.submenu!.map((i) => i.label).filter(Boolean)).toEqual(['New Project', 'Open…', 'Open Example', 'Import Data…', 'Save As…', 'Export…', 'Quit']);
    expect(template.map((m) => m.label)).toEqual(['&File', '&Edit', '&Help']);
  });

  it('serves calls from the app page through IPC to the real handlers and SQLite', async () => {
    const info = await api.project.new({ path: join(userData, 'via-ipc') });
    expect(info).toMatchObject({ title: 'via-ipc', untitled: false });
    expect(await api.project.current()).toMatchObject({ path: join(userData, 'via-ipc.quadrat') });
    expect(await api.app.info()).toMatchObject({ transport: 'electron', fileDialogs: true });
  });

  it('sends a picked file as its path, and a file without one as its bytes, to dataset.import over IPC', async () => {
    // main's side of dataset.import is the file dialog's (tested with the handlers); here: what crosses IPC
    const csv = readFileSync(join(process.cwd(), 'test/data/sleepstudy.csv'));
    const invoke = fake.module.ipcRenderer.invoke;
    const answer = { ok: true, result: { dataset: { id: 1 }, warnings: ['w'] } };
    const sent: unknown[][] = [];
    invoke.mockImplementation(async (channel: string, ...args: unknown[]) => (sent.push([channel, ...args]), answer));
    try {
      fake.module.webUtils.getPathForFile.mockImplementationOnce(() => '/home/me/sleepstudy.csv');
      expect(await api.upload(new Blob([csv]), { fileName: 'sleepstudy.csv', name: 'from disk' })).toEqual(answer.result);
      const dropped = await api.upload(new Blob([csv]), { fileName: 'dropped.csv' });
      expect(dropped).toEqual(answer.result);
      expect(sent).toEqual([
        ['quadrat:dataset.import', { source: { kind: 'path', path: '/home/me/sleepstudy.csv' }, name: 'from disk' }],
        ['quadrat:dataset.import', { source: { kind: 'bytes', fileName: 'dropped.csv', base64: csv.toString('base64') } }],
      ]);
      // and main validates it as any other call: the params above are what the contract accepts
      expect(apiMethods['dataset.import'].params.safeParse(sent[1][1]).success).toBe(true);
    } finally {
      invoke.mockImplementation(async (channel: string, ...args: unknown[]) => {
        const h = fake.ipcHandlers.get(channel);
        if (!h) throw new Error(`No handler registered for '${channel}'`);
        return h(invokeEvent(fake.windows[0].webContents), ...args);
      });
    }
  });

  it('turns handler errors into ApiErrors with their kind, and validates payloads', async () => {
    await expect(api.dataset.get({ datasetId: 42 })).rejects.toMatchObject({ name: 'ApiError', kind: 'input', status: 422 });
    await expect(api.dataset.rows({ datasetId: 1, offset: -5, limit: 1 })).rejects.toMatchObject({ status: 400 });
  });

  it('refuses IPC from another origin or from a subframe', async () => {
    const h = fake.ipcHandlers.get('quadrat:settings.get')!;
    const win = fake.windows[0];
    const evil = new fake.FakeContents();
    evil.url = 'https://evil.example/';
    evil.mainFrame.url = 'https://evil.example/';
    expect(await h(invokeEvent(evil), {})).toMatchObject({ ok: false, status: 403 });
    expect(await h(invokeEvent(win.webContents, { url: 'app://quadrat/index.html' }), {})).toMatchObject({ ok: false, status: 403 });
    expect(await h(invokeEvent(win.webContents, null), {})).toMatchObject({ ok: false, status: 403 });
    expect(await h(invokeEvent(win.webContents), {})).toMatchObject({ ok: true });
  });

  it('forwards API events to the window, and the preload delivers them to subscribers', async () => {
    const win = fake.windows[0];
    const seen: unknown[] = [];
    const off = api.on('project.changed', (p) => seen.push(p));
    win.webContents.sent.length = 0;
    await api.project.close();
    expect(win.webContents.sent).toEqual([['quadrat:event', 'project.changed', null]]);
    for (const l of fake.ipcRendererListeners.get('quadrat:event') ?? []) l({}, 'project.changed', null);
    expect(seen).toEqual([null]);
    off();
    expect(() => (bridge.on as (e: string, l: () => void) => void)('nope', () => undefined)).toThrow('unknown event "nope"');
  });

  it('sends menu commands the renderer acts on as events', () => {
    const template = fake.module.Menu.buildFromTemplate.mock.calls[0][0] as { label?: string; submenu?: { label?: string; click?: () => void }[] }[];
    const win = fake.windows[0];
    win.webContents.sent.length = 0;
    template[0].submenu!.find((i) => i.label === 'Export…')!.click!();
    expect(win.webContents.sent).toEqual([['quadrat:event', 'menu.command', { command: 'export' }]]);
  });
});
