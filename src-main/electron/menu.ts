/** The application menu: File (New, Open, Open Example, Save As, Export), Edit, Help. */
import { type MenuItemConstructorOptions } from 'electron';
import { type Example } from '../api/shapes';

export interface MenuActions {
  newProject(): void;
  openProject(): void;
  openExample(name: string): void;
  saveAs(): void;
  /** Menu items the renderer acts on (it knows what is selected): export, undo, redo, about. */
  command(command: 'export' | 'undo' | 'redo' | 'about' | 'import-data'): void;
  quit(): void;
}

export function buildMenu(actions: MenuActions, examples: readonly Example[], isMac: boolean): MenuItemConstructorOptions[] {
  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { label: 'New Project', accelerator: 'CmdOrCtrl+N', click: () => actions.newProject() },
      { label: 'Open…', accelerator: 'CmdOrCtrl+O', click: () => actions.openProject() },
      {
        label: 'Open Example',
        enabled: examples.length > 0,
        submenu: examples.map((e) => ({ label: e.title, toolTip: e.description, click: () => actions.openExample(e.name) })),
      },
      { type: 'separator' },
      { label: 'Import Data…', accelerator: 'CmdOrCtrl+I', click: () => actions.command('import-data') },
      { label: 'Save As…', accelerator: 'CmdOrCtrl+Shift+S', click: () => actions.saveAs() },
      { label: 'Export…', accelerator: 'CmdOrCtrl+E', click: () => actions.command('export') },
      { type: 'separator' },
      isMac ? { role: 'close' } : { label: 'Quit', accelerator: 'Ctrl+Q', click: () => actions.quit() },
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [
      // Data edits have their own undo log; the renderer routes these to a text field or the dataset.
      { label: 'Undo', accelerator: 'CmdOrCtrl+Z', click: () => actions.command('undo') },
      { label: 'Redo', accelerator: isMac ? 'Cmd+Shift+Z' : 'Ctrl+Y', click: () => actions.command('redo') },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  };
  const help: MenuItemConstructorOptions = {
    label: '&Help',
    submenu: [{ label: 'About Quadrat', click: () => actions.command('about') }],
  };
  const menu: MenuItemConstructorOptions[] = [file, edit, help];
  if (isMac) menu.unshift({ role: 'appMenu' });
  return menu;
}
