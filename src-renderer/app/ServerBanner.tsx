/**
 * What the browser build says when its server goes away: that it stopped and how to start it (the tab
 * reconnects by itself, webSession.ts keeps the address), and after a restart that this tab's datasets
 * and fits were held by the stopped server, with a Reload button.
 */
import { useServerConnection } from '../api/serverConnection';

export function ServerBanner() {
  const state = useServerConnection();
  if (state === 'connected') return null;
  return (
    <div className="server-banner" role="alert" data-testid="server-banner" data-state={state}>
      {state === 'lost' && (
        <>
          <strong>Quadrat&apos;s server has stopped.</strong> Nothing can be fitted, saved or exported until it runs again. Start it again with{' '}
          <code>npm start</code> (or <code>npm run web</code>) in the same folder: this tab reconnects by itself.
        </>
      )}
      {state === 'restarted' && (
        <>
          <strong>Quadrat&apos;s server was restarted.</strong> The datasets and fits open in this tab were held by the server that stopped; reload to go on with the
          new one (saved projects open from the start screen).{' '}
          <button type="button" data-testid="server-reload" onClick={() => window.location.reload()}>
            Reload
          </button>
        </>
      )}
      {state === 'refused' && (
        <>
          <strong>The server no longer accepts this tab</strong> (it was started with a new access token). Open the address it printed, which carries the token.
        </>
      )}
    </div>
  );
}
