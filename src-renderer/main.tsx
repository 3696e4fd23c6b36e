/** Renderer entry: connect to the app (Electron preload or loopback HTTP), then render the workbench. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connect } from './api/connect';
import { App } from './app/App';
import { WorkbenchProvider } from './app/context';
import { Workbench } from './app/workbench';
import './styles.css';

const wb = new Workbench(connect());
void wb.init();
// Keep the open view when the window closes or reloads.
window.addEventListener('beforeunload', () => void wb.flushUi());

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <WorkbenchProvider wb={wb}>
      <App />
    </WorkbenchProvider>
  </StrictMode>,
);
