// Small truths a newcomer meets: the --local note, the summary of a continued run, the refused
// upgrade in --log-events, the JSON metadata of an interrupted run.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectError } from '../../src/realtime/transport-types.js';
import { NO_USAGE } from '../../src/realtime/usage.js';
import { TranscribeError } from '../../src/errors.js';
import { LOCAL_NOTE, localMarkerNote } from '../../src/cli/local-note.js';
import { findRefusedUpgrade, logRefusedUpgrade } from '../../src/cli/refused-upgrade.js';
import { thisRunSummary } from '../../src/cli/run-summary.js';
import { transcriptMetadata } from '../../src/cli/metadata.js';
import { formatRunSummary, paint } from '../../src/terminal/index.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rt-first-contact-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const summary = {
  sessions: 1,
  rotations: 0,
  resumes: 0,
  resentSec: 0,
  audioSec: 239.5,
  utterances: 1,
  failedItems: 0,
  endReasons: { finished: 1 },
  acknowledgedSec: 239.5,
  sentSec: 239.5,
  skippedSec: 0,
  speechSec: 0,
  speechPeakDbfs: null,
  notTranscribed: [],
  usage: NO_USAGE,
};

describe('the --local note', () => {
  it('is said once, at the first marker, and only with --local', () => {
    const lines: string[] = [];
    const note = localMarkerNote(true, (line) => lines.push(line));
    note('Alpha alpha alpha hotel lotus.');
    expect(lines).toEqual([]);
    note('[speech 3.6 s]');
    note('[speech 1.2 s]');
    expect(lines).toEqual([LOCAL_NOTE]);
    const remote: string[] = [];
    localMarkerNote(false, (line) => remote.push(line))('[speech 3.6 s]');
    expect(remote).toEqual([]);
  });
});

describe('the summary of a continued run', () => {
  it('counts the audio this run did, and its speed, with "1 utterance"', () => {
    const text = formatRunSummary(thisRunSummary(summary, 112.5, 31.75), paint(false));
    expect(text.split('\n')[0]).toBe('done: 1 utterance from 2:07 of audio in 0:31 (×4.0)');
  });

  it('after an interrupt, claims only the audio up to where transcription stopped', () => {
    expect(thisRunSummary({ ...summary, audioSec: 46.2 }, 0, 4, 44.6).audioSec).toBeCloseTo(44.6);
  });
});

describe('JSON metadata', () => {
  const run = {
    endpoint: { provider: 'azure', transcriptionModel: 'emulator' },
    speech: { detector: 'webrtc', sensitivity: 'normal' },
  } as unknown as Parameters<typeof transcriptMetadata>[0]['run'];
  const base = { label: 'talk.wav', run, startedAt: new Date(0), toolVersion: '0.1.0' };

  it('says provider local with --local, and the input length after an interrupt', () => {
    const m = transcriptMetadata({
      ...base,
      summary: { ...summary, audioSec: 24.88 },
      complete: false,
      provider: 'local',
      totalSec: 239.5,
      acknowledgedSec: 23.1,
    });
    expect(m).toMatchObject({ provider: 'local', durationSec: 239.5, complete: false, notTranscribedFromSec: 23.1 });
  });

  it('uses the decoded length when the run read it all', () => {
    const m = transcriptMetadata({ ...base, summary, complete: true, totalSec: 239.6, acknowledgedSec: 239.5 });
    expect(m).toMatchObject({ provider: 'azure', durationSec: 239.5, complete: true });
    expect(m).not.toHaveProperty('notTranscribedFromSec');
  });

  it('says what the speech detector decided, and with which settings', () => {
    const m = transcriptMetadata({
      ...base,
      summary: { ...summary, speechSec: 12.3456, skippedSec: 40.1, speechPeakDbfs: -37 },
      complete: true,
      acknowledgedSec: 239.5,
    });
    expect(m.speech).toEqual({
      detector: 'webrtc',
      sensitivity: 'normal',
      speechSec: 12.346,
      skippedSec: 40.1,
      speechPeakDbfs: -37,
    });
  });
});

describe('a refused upgrade in --log-events', () => {
  const endpoint = {
    displayUrl: 'wss://res.openai.azure.com/openai/v1/realtime?intent=transcription',
    secrets: ['sk-secret-key-123456'],
  };
  const refused = () =>
    new TranscribeError('AUTH_FAILED', 'the service rejected the key (401 from …)', {
      cause: new ConnectError(
        'HTTP 401 Unauthorized',
        401,
        '{"error":{"message":"Incorrect API key sk-secret-key-123456"}}',
      ),
    });

  it('is found in the cause chain', () => {
    expect(findRefusedUpgrade(refused())).toEqual({
      status: 401,
      body: '{"error":{"message":"Incorrect API key sk-secret-key-123456"}}',
    });
    expect(findRefusedUpgrade(new Error('other'))).toBeUndefined();
  });

  it('is appended to an empty log with the URL, status and body, and no secret', async () => {
    const path = join(dir, 'events.jsonl');
    await writeFile(path, '');
    logRefusedUpgrade(path, refused(), endpoint);
    const lines = (await readFile(path, 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(entry).toMatchObject({ kind: 'upgrade-refused', url: endpoint.displayUrl, status: 401 });
    expect(String(entry.body)).toContain('Incorrect API key');
    expect(lines[0]).not.toContain('sk-secret-key-123456');
    // Not twice, when the log already has it.
    logRefusedUpgrade(path, refused(), endpoint);
    expect((await readFile(path, 'utf8')).trim().split('\n')).toHaveLength(1);
  });
});
