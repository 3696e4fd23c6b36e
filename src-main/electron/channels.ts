/** IPC channel names shared by main and preload: one per API method, one for events. */
export const CHANNEL_PREFIX = 'quadrat:';
export const EVENT_CHANNEL = 'quadrat:event';
