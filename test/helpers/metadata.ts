import type { TranscriptMetadata } from '../../src/transcript/json.js';

export const metadata: TranscriptMetadata = {
  input: 'meeting.wav',
  durationSec: 30.00049,
  provider: 'azure',
  model: 'gpt-4o-transcribe',
  sessions: 2,
  resumes: 0,
  rotations: 1,
  startedAt: '2025-01-01T10:00:00.000Z',
  finishedAt: '2025-01-01T10:00:02.000Z',
  toolVersion: '0.1.0',
  complete: true,
};
