/** The main window: sandboxed, context-isolated, loading only app://quadrat/. */
import { BrowserWindow } from 'electron';
import { APP_START_URL, secureWebPreferences } from './security';

export function createMainWindow(preload: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Quadrat',
    backgroundColor: '#ffffff',
    webPreferences: secureWebPreferences(preload),
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_START_URL);
  return win;
}
