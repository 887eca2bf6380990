import { existsSync, readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerEmulateCommand } from '../../../src/cli/commands/emulate.js';
import { TestClient, sleep } from '../../emulator/client.js';

function program(io: { out: string[]; err: string[]; until: AbortSignal }): Command {
  const p = new Command('realtime-transcribe')
    .exitOverride()
    .configureOutput({ writeOut: (s) => void io.out.push(s), writeErr: (s) => void io.err.push(s) });
  registerEmulateCommand(p, {
    stdout: (s) => void io.out.push(s),
    stderr: (s) => void io.err.push(s),
    until: io.until,
  });
  return p;
}

async function waitForOutput(lines: string[], pattern: RegExp): Promise<RegExpMatchArray> {
  for (let i = 0; i < 1000; i++) {
    // a safety net of 10 s, not a limit on the emulator
    const match = lines.join('').match(pattern);
    if (match) return match;
    await sleep(10);
  }
  throw new Error(`no ${pattern} in ${lines.join('')}`);
}

describe('realtime-transcribe emulate', () => {
  it('prints URL, key and an example, logs to stderr, serves until stopped, then prints stats', async () => {
    const stop = new AbortController();
    const io = { out: [] as string[], err: [] as string[], until: stop.signal };
    const done = program(io).parseAsync(['emulate', '--key', 'k-123', '--time-scale', '10', '--seed', '5', '--log'], {
      from: 'user',
    });
    const [, url] = await waitForOutput(io.out, /url: (http:\/\/127\.0\.0\.1:\d+)\n/);
    const out = io.out.join('');
    expect(out).toContain('key: k-123\n');
    expect(out).toContain('seed: 5\n');
    expect(out).toContain(`try: realtime-transcribe FILE --endpoint ${url} --api-key k-123 --deployment emulator\n`);

    const client = await TestClient.connect(url!, { key: 'k-123' });
    await client.waitFor('session.created');
    await client.close();
    stop.abort();
    await done;
    expect(io.out.join('')).toMatch(
      /stats: upgrades 1; sessions 1 \(max concurrent 1\); items committed 0, completed 0\n$/,
    );
    const err = io.err.join('');
    expect(err).toMatch(/emulator: [\d.]+s session 1: opened on \/openai\/v1\/realtime/);
    expect(err).toMatch(/session 1: closed \(client-close, code 1000\)/);
    expect(err).not.toContain('warning');
  });

  it('says once on stderr, without --log, that it recognises only tonecode when it hears other sound', async () => {
    const stop = new AbortController();
    const io = { out: [] as string[], err: [] as string[], until: stop.signal };
    const done = program(io).parseAsync(['emulate', '--key', 'k-1', '--seed', '2'], { from: 'user' });
    const [, url] = await waitForOutput(io.out, /url: (http:\/\/127\.0\.0\.1:\d+)\n/);
    const client = await TestClient.connect(url!, { key: 'k-1' });
    await client.waitFor('session.created');
    client.configure(null);
    await client.waitFor('session.updated');
    // Two bursts of white noise, each its own item: sound, but no tonecode in it.
    for (let burst = 0; burst < 2; burst++) {
      const noise = new Int16Array(24_000);
      for (let i = 0; i < noise.length; i++) noise[i] = Math.round((Math.random() * 2 - 1) * 8000);
      client.appendPcm(noise);
      client.send({ type: 'input_audio_buffer.commit' });
    }
    await waitForOutput(io.err, /emulator: note: /);
    for (let i = 0; i < 2; i++) await client.waitFor('conversation.item.input_audio_transcription.completed');
    await client.close();
    stop.abort();
    await done;
    const notes = io.err
      .join('')
      .split('\n')
      .filter((line) => line.startsWith('emulator: note:'));
    expect(notes).toEqual([
      'emulator: note: this emulator recognises only tonecode and writes [speech N s] markers for any other sound; ' +
        'to transcribe speech, point the client at a real Azure OpenAI or OpenAI Realtime service (see the README)',
    ]);
  });

  it('warns when listening beyond loopback', async () => {
    const stop = new AbortController();
    const io = { out: [] as string[], err: [] as string[], until: stop.signal };
    const done = program(io).parseAsync(['emulate', '--host', '0.0.0.0'], { from: 'user' });
    await waitForOutput(io.out, /url: /);
    stop.abort();
    await done;
    expect(io.err.join('')).toContain('warning: listening on 0.0.0.0, not loopback');
    expect(io.out.join('')).toMatch(/key: emu-[0-9a-f]+\n/);
  });

  it('takes the transcript-fault flags (a bare --withhold-transcripts means every session)', async () => {
    const stop = new AbortController();
    const io = { out: [] as string[], err: [] as string[], until: stop.signal };
    const args = [
      'emulate',
      '--withhold-transcripts',
      '--commit-keeps-speech',
      '--fail-sentence',
      '3x2',
      '--deaf-after-error',
      '1m',
      '--deaf-error',
      'rate_limit_exceeded',
    ];
    const done = program(io).parseAsync(args, { from: 'user' });
    await waitForOutput(io.out, /url: /);
    stop.abort();
    await done;
    expect(io.err.join('')).toBe('');
  });

  it('--tls: an https URL, the certificate file and how to trust it', async () => {
    const stop = new AbortController();
    const io = { out: [] as string[], err: [] as string[], until: stop.signal };
    const done = program(io).parseAsync(['emulate', '--tls', '--key', 'k-tls'], { from: 'user' });
    const [, url] = await waitForOutput(io.out, /url: (https:\/\/127\.0\.0\.1:\d+)\n/);
    const [, cert] = await waitForOutput(io.out, /cert: (\S+\.pem)\n/);
    const out = io.out.join('');
    expect(out).toContain(
      `trust: set NODE_EXTRA_CA_CERTS=${cert} for Node.js clients, SSL_CERT_FILE=${cert} for OpenSSL-based ones (Python, curl)\n`,
    );
    expect(out).toContain(
      `try: NODE_EXTRA_CA_CERTS=${cert} realtime-transcribe FILE --endpoint ${url} --api-key k-tls --deployment emulator\n`,
    );
    const client = await TestClient.connect(url!, { key: 'k-tls', ca: readFileSync(cert!, 'utf8') });
    await client.waitFor('session.created');
    await client.close();
    stop.abort();
    await done;
    expect(existsSync(cert!)).toBe(false);
  });

  it('rejects a bad flag with a message naming it, exit code 2', async () => {
    const io = { out: [] as string[], err: [] as string[], until: new AbortController().signal };
    const run = program(io).parseAsync(['emulate', '--stall', 'soon'], { from: 'user' });
    await expect(run).rejects.toBeInstanceOf(CommanderError);
    await run.catch((err: CommanderError) => expect(err.exitCode).toBe(2));
    expect(io.err.join('')).toBe(
      "error: --stall: invalid value 'soon': expected SESSION@TIME, such as 2@1m (session 2 goes silent 1 minute in)\n",
    );
  });
});
