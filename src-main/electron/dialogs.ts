/** Native open/save dialogs for the API's app.pickPath (Electron only). */
import { type BrowserWindow, dialog } from 'electron';
import { type Dialogs, type PickPurpose } from '../api/context';

const PROJECT = [{ name: 'Quadrat project', extensions: ['quadrat'] }];
const DATA = [
  { name: 'Data files', extensions: ['csv', 'tsv', 'tab', 'txt', 'dat', 'xlsx', 'xlsm'] },
  { name: 'All files', extensions: ['*'] },
];

export function electronDialogs(window: () => BrowserWindow | null): Dialogs {
  return {
    async pickPath(purpose: PickPurpose, defaultName?: string): Promise<string | null> {
      const parent = window();
      if (purpose === 'open-project' || purpose === 'import-data') {
        const options = { properties: ['openFile' as const], filters: purpose === 'open-project' ? PROJECT : DATA };
        const r = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
        return r.canceled || r.filePaths.length === 0 ? null : r.filePaths[0];
      }
      const options = { defaultPath: defaultName, filters: purpose === 'save-project' ? PROJECT : undefined };
      const r = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
      return r.canceled || !r.filePath ? null : r.filePath;
    },
  };
}
