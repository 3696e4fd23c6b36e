/**
 * EngineHost on Electron utility processes: each worker is its own process (own V8 heap, so an
 * out-of-memory fit ends that process, not the app). Inside, utilityEntry runs the engine in a
 * worker thread so the cancel flag can be shared; here cancel is a message, kill the fallback.
 */
import { utilityProcess } from 'electron';
import { type EngineProcess, PoolEngineHost, type PoolOptions, type ProcessEvents } from '../host/pool';
import { type FromWorker } from '../host/protocol';

export interface UtilityHostOptions extends PoolOptions {
  /** The bundled dist/main/utility.cjs. */
  modulePath: string;
}

export function utilityEngineProcess(modulePath: string, events: ProcessEvents): EngineProcess {
  const child = utilityProcess.fork(modulePath, [], { serviceName: 'Quadrat engine', stdio: 'inherit' });
  let ended = false;
  child.on('message', (m: FromWorker) => events.message(m));
  child.on('exit', (code) => {
    if (ended) return;
    ended = true;
    events.exit(`exit code ${code}`);
  });
  return {
    send: (msg) => child.postMessage(msg),
    requestCancel: (jobId) => child.postMessage({ type: 'cancel', jobId }),
    kill() {
      ended = true;
      child.kill();
    },
  };
}

export function createUtilityProcessHost(options: UtilityHostOptions): PoolEngineHost {
  return new PoolEngineHost((events) => utilityEngineProcess(options.modulePath, events), options);
}
