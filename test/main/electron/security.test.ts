import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));
const { denyAllPermissions, isTrustedUrl, lockDownContents } = await import('../../../src-main/electron/security');

describe('Electron security policy', () => {
  it.each([
    ['app://quadrat/index.html', true],
    ['app://quadrat/assets/x.js?y=1#z', true],
    ['app://quadrat.evil.com/index.html', false],
    ['app://evil/index.html', false],
    ['app://user:pw@quadrat/index.html', false],
    ['app://quadrat:8080/index.html', false],
    ['file:///etc/passwd', false],
    ['http://127.0.0.1:5173/', false],
    ['https://quadrat/', false],
    ['javascript:alert(1)', false],
    ['not a url', false],
    ['', false],
  ])('trusts %s: %s', (url, trusted) => {
    expect(isTrustedUrl(url)).toBe(trusted);
  });

  it('refuses every permission request and check', () => {
    const handlers: Record<string, (...a: unknown[]) => unknown> = {};
    const session = {
      setPermissionRequestHandler: (h: (...a: unknown[]) => unknown) => (handlers.request = h),
      setPermissionCheckHandler: (h: (...a: unknown[]) => unknown) => (handlers.check = h),
      setDevicePermissionHandler: (h: (...a: unknown[]) => unknown) => (handlers.device = h),
    };
    denyAllPermissions(session as never);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const cb = vi.fn();
      handlers.request({}, permission, cb);
      expect(cb).toHaveBeenCalledWith(false);
    }
    expect(handlers.check({}, 'media')).toBe(false);
    expect(handlers.device({})).toBe(false);
  });

  it('blocks navigation away from the app, redirects, webviews and new windows', () => {
    const contents = Object.assign(new EventEmitter(), { openHandler: null as null | (() => unknown), setWindowOpenHandler(h: () => unknown) { this.openHandler = h; } });
    lockDownContents(contents as never);
    const event = () => ({ preventDefault: vi.fn() });
    const away = event();
    contents.emit('will-navigate', away, 'https://example.com/');
    expect(away.preventDefault).toHaveBeenCalled();
    const inside = event();
    contents.emit('will-navigate', inside, 'app://quadrat/index.html#/data');
    expect(inside.preventDefault).not.toHaveBeenCalled();
    const frame = { ...event(), url: 'https://example.com/' };
    contents.emit('will-frame-navigate', frame);
    expect(frame.preventDefault).toHaveBeenCalled();
    const redirect = event();
    contents.emit('will-redirect', redirect, 'http://127.0.0.1/');
    expect(redirect.preventDefault).toHaveBeenCalled();
    const webview = event();
    contents.emit('will-attach-webview', webview);
    expect(webview.preventDefault).toHaveBeenCalled();
    expect(contents.openHandler!()).toEqual({ action: 'deny' });
  });
});
