/** Versions recorded in project files and shown in About. */
import pkg from '../../package.json';

export const APP_VERSION: string = pkg.version;
/** Recorded with every fit, so a result can be traced to the engine that computed it. */
export const ENGINE_VERSION = `quadrat-engine ${pkg.version}`;
