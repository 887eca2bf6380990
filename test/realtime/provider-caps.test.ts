import { describe, expect, it } from 'vitest';
import { MIN_SESSION_CAP_MS, PROVIDER_SESSION_CAPS, sessionCapMs } from '../../src/realtime/provider-caps.js';

describe('session caps per provider', () => {
  it('keeps the conservative 30 minutes for Azure and 60 for OpenAI', () => {
    expect(PROVIDER_SESSION_CAPS.azure.capMs).toBe(30 * 60_000);
    expect(PROVIDER_SESSION_CAPS.openai.capMs).toBe(60 * 60_000);
    expect(sessionCapMs('azure')).toBe(30 * 60_000);
    expect(sessionCapMs('openai')).toBe(60 * 60_000);
  });
  it('uses the smallest cap when the provider is not known', () => {
    expect(MIN_SESSION_CAP_MS).toBe(30 * 60_000);
    expect(sessionCapMs(undefined)).toBe(30 * 60_000);
  });
  it('names a source for every figure', () => {
    for (const cap of Object.values(PROVIDER_SESSION_CAPS)) expect(cap.source).toMatch(/\d+ min/);
  });
});
