import { describe, expect, it } from 'vitest';
import { saysWrongDeployment } from '../../src/realtime/wrong-deployment.js';

describe('saysWrongDeployment', () => {
  it.each([
    [
      {
        code: 'model_not_found',
        message: 'The model `gpt-5-transcribe` does not exist or you do not have access to it.',
      },
    ],
    [{ code: 'DeploymentNotFound', message: 'The API deployment for this resource does not exist.' }],
    [{ code: 'invalid_model', message: 'You must not provide a model parameter for transcription sessions.' }],
    [{ code: null, message: 'Deployment transcribe-prod not found' }],
    [{ code: null, message: 'The deployment "x" could not be found.' }],
    [
      {
        code: 'invalid_value',
        message: "Invalid value: 'whisper-2'.",
        param: 'session.audio.input.transcription.model',
      },
    ],
    [{ code: null, message: 'bad', param: 'input_audio_transcription.model' }],
    [{ code: null, message: 'bad', param: 'invalid_model' }],
  ])('says so: %j', (error) => {
    expect(saysWrongDeployment(error)).toBe(true);
  });

  it.each([
    // What real Azure sends for a wrong deployment and for a passing outage alike.
    [{ code: null, message: 'Input transcription failed for item item_1', param: null }],
    [{ code: null, message: 'The server had an error while processing your request. Sorry about that!' }],
    [{ code: 'rate_limit_exceeded', message: 'Please try again in 20s.' }],
    [{ code: 'invalid_value', message: 'Invalid language', param: 'session.audio.input.transcription.language' }],
    [{ code: null, message: '' }],
  ])('does not: %j', (error) => {
    expect(saysWrongDeployment(error)).toBe(false);
  });
});
