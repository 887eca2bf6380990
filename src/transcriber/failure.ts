// The error a run ends with, for each verdict that says 'fail': one line saying what the service
// did, with its own words, and a hint saying what to change. Pure.
import { TranscribeError } from '../errors.js';
import type { ErrorDetail } from '../realtime/events.js';
import { configRejectedError } from '../realtime/config-rejected.js';
import type { Verdict } from './verdict.js';

/** The endpoint speaks the retired beta protocol (error `beta_api_shape_disabled`, close 4000). */
export function retiredProtocol(code: number, reason: string): TranscribeError {
  return new TranscribeError(
    'PROTOCOL_RETIRED',
    `the service closed the session with ${code}${reason ? ` (${reason})` : ''}`,
    {
      hint: 'this client speaks the GA protocol; use a GA /v1 Realtime endpoint (https://RESOURCE.openai.azure.com)',
    },
  );
}

/** The error for an `error` event the verdict found fatal. */
export function serviceRefusal(detail: ErrorDetail, verdict: Verdict): TranscribeError {
  const said = `${detail.message} (${detail.code ?? detail.type}${detail.param ? `, param ${detail.param}` : ''})`;
  switch (verdict.code) {
    case 'PROTOCOL_RETIRED':
      return retiredProtocol(4000, 'beta_api_shape_disabled');
    case 'AUTH_FAILED':
      return new TranscribeError('AUTH_FAILED', `the service rejected the key: ${said}`, {
        hint: 'check `apiKey` / AZURE_OPENAI_API_KEY (or OPENAI_API_KEY)',
      });
    case 'QUOTA_EXCEEDED':
      return new TranscribeError('QUOTA_EXCEEDED', `the service's quota is spent: ${said}`, {
        hint: 'check the plan and billing of the account; reconnecting will not help',
      });
    case 'CONFIG_REJECTED':
      return configRejectedError(detail);
    default:
      return new TranscribeError('CONFIG_INVALID', `the service refused the session: ${said}`, {
        hint: 'check `deployment` / `model` and the key; this will not get better by retrying',
      });
  }
}

/** The error for a close the verdict found fatal. */
export function closeRefusal(code: number, reason: string): TranscribeError {
  if (code === 4000) return retiredProtocol(code, reason);
  return new TranscribeError(
    'SESSION_REFUSED',
    `the service closed the session with ${code}${reason ? ` (${reason})` : ''}`,
    {
      hint: 'the service refused what this client sent; run with `logEventsPath: FILE` and report it',
    },
  );
}

/** Every item fails with words that say the deployment is wrong. */
export function wrongDeployment(model: string, detail: ErrorDetail | undefined): TranscribeError {
  return new TranscribeError(
    'CONFIG_INVALID',
    `the service cannot transcribe with "${model}": ${detail?.message ?? 'the item failed'}`,
    {
      hint: 'on Azure `deployment` / AZURE_OPENAI_DEPLOYMENT must name the deployment of a transcription model (e.g. gpt-4o-transcribe)',
    },
  );
}

/** Nothing at all was transcribed: every item failed twice. */
export function nothingTranscribed(model: string, reason: string): TranscribeError {
  return new TranscribeError('INCOMPLETE', `the service transcribed nothing: every item failed twice (${reason})`, {
    hint: `on Azure this is also how a wrong deployment shows: check that "${model}" is a transcription deployment, and the service's status`,
  });
}
