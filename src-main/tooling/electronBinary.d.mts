/** The Electron executable, or the reason there is none. */
export function electronBinary(): { path: string; reason?: undefined } | { path?: undefined; reason: string };
