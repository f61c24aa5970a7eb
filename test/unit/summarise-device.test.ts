import { describe, expect, it } from 'vitest';
import { summariseDevice } from '../../server/src/signing/pdf/summarise-device.js';

describe('a device on the audit page', () => {
  it('is its browser, major version and system', () => {
    expect(summariseDevice('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36')).toBe('Chrome 156 · Linux');
    expect(
      summariseDevice('Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1'),
    ).toBe('Safari 17 · iOS');
    expect(
      summariseDevice('Mozilla/5.0 (Linux; Android 13; V2145A) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/116.0 Mobile Safari/537.36 MicroMessenger/8.0.47'),
    ).toBe('WeChat 8 · Android');
    expect(summariseDevice('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36 Edg/120.0')).toBe('Edge 120 · Windows');
    expect(summariseDevice('Mozilla/5.0 (Macintosh; Intel Mac OS X 14.4; rv:128.0) Gecko/20100101 Firefox/128.0')).toBe('Firefox 128 · macOS');
    expect(summariseDevice('')).toBe('');
  });
});
