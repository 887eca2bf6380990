// Which proxy a WebSocket URL goes through: the option, else the environment's variables as
// proxy-from-env reads them, with NO_PROXY; and what of it may be printed.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { proxyRoute } from '../../src/realtime/proxy.js';
import { redact } from '../../src/util/redact.js';

const WSS = 'wss://res.openai.azure.com/openai/v1/realtime?intent=transcription';
const WS = 'ws://127.0.0.1:8080/openai/v1/realtime?intent=transcription';
const NAMES = ['HTTPS_PROXY', 'HTTP_PROXY', 'ALL_PROXY', 'NO_PROXY'];

function env(vars: Record<string, string>): void {
  for (const name of NAMES) {
    vi.stubEnv(name, '');
    vi.stubEnv(name.toLowerCase(), '');
  }
  for (const [name, value] of Object.entries(vars)) vi.stubEnv(name, value);
}
afterEach(() => {
  vi.unstubAllEnvs();
});

describe('proxyRoute', () => {
  it('none when nothing is set', () => {
    env({});
    expect(proxyRoute(WSS, undefined)).toBeUndefined();
  });

  it('wss:// takes HTTPS_PROXY, ws:// HTTP_PROXY; the lower-case form first; ALL_PROXY for either', () => {
    env({ HTTPS_PROXY: 'http://upper:3128', HTTP_PROXY: 'http://plain:3128' });
    expect(proxyRoute(WSS, undefined)).toMatchObject({ url: 'http://upper:3128/', source: 'HTTPS_PROXY' });
    expect(proxyRoute(WS, undefined)).toMatchObject({ url: 'http://plain:3128/', source: 'HTTP_PROXY' });
    env({ HTTPS_PROXY: 'http://upper:3128', https_proxy: 'http://lower:3128' });
    expect(proxyRoute(WSS, undefined)).toMatchObject({ url: 'http://lower:3128/', source: 'https_proxy' });
    env({ ALL_PROXY: 'http://all:3128' });
    expect(proxyRoute(WSS, undefined)).toMatchObject({ url: 'http://all:3128/', source: 'ALL_PROXY' });
  });

  it('NO_PROXY: a host, a .domain or *.domain suffix, host:port, or * goes around the proxy', () => {
    for (const noProxy of [
      'res.openai.azure.com',
      '.openai.azure.com',
      '*.azure.com',
      'res.openai.azure.com:443',
      '*',
    ]) {
      env({ HTTPS_PROXY: 'http://proxy:3128', NO_PROXY: `example.com,${noProxy}` });
      expect(proxyRoute(WSS, undefined), noProxy).toBeUndefined();
    }
    env({ HTTPS_PROXY: 'http://proxy:3128', no_proxy: 'res.openai.azure.com:8443' });
    expect(proxyRoute(WSS, undefined)).toMatchObject({ source: 'HTTPS_PROXY' });
  });

  it('the option wins over the environment; false means none whatever it says', () => {
    env({ HTTPS_PROXY: 'http://env:3128' });
    expect(proxyRoute(WSS, 'http://flag:8080')).toMatchObject({ url: 'http://flag:8080/', source: 'proxy' });
    expect(proxyRoute(WSS, false)).toBeUndefined();
    // The option is used even for a host NO_PROXY names: it was asked for.
    env({ NO_PROXY: '*' });
    expect(proxyRoute(WSS, 'http://flag:8080')).toMatchObject({ source: 'proxy' });
  });

  it('a value without a scheme is an http:// proxy (as curl reads it), even for a wss:// target', () => {
    env({ HTTPS_PROXY: 'proxy.corp:3128' });
    expect(proxyRoute(WSS, undefined)).toMatchObject({ url: 'http://proxy.corp:3128/' });
  });

  it('the credential is kept in the URL, masked in displayUrl, and every form of it is a secret', () => {
    env({});
    const route = proxyRoute(WSS, 'http://alice:p%40ss-word@proxy.corp:3128')!;
    expect(route.url).toBe('http://alice:p%40ss-word@proxy.corp:3128/');
    expect(route.displayUrl).toBe('http://***@proxy.corp:3128');
    const basic = Buffer.from('alice:p@ss-word').toString('base64');
    const text = `p%40ss-word p@ss-word alice:p@ss-word Basic ${basic}`;
    expect(redact(text, route.secrets)).toBe('*** *** *** Basic ***');
    expect(proxyRoute(WSS, 'http://proxy.corp:3128')).toMatchObject({
      displayUrl: 'http://proxy.corp:3128',
      secrets: [],
    });
  });

  it('a proxy that is not http(s):// is refused, naming it without its credential', () => {
    env({});
    expect(() => proxyRoute(WSS, 'socks5://bob:hunter22@proxy:1080')).toThrow(
      'the proxy socks5://***@proxy:1080 is not an http:// or https:// proxy URL (`proxy` or HTTPS_PROXY / HTTP_PROXY)',
    );
    env({ HTTPS_PROXY: 'http://bob:hunter22@' });
    expect(() => proxyRoute(WSS, undefined)).toThrow(
      'the proxy http://***@ is not an http:// or https:// proxy URL (HTTPS_PROXY)',
    );
  });
});
