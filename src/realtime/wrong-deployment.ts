// Whether an error says the session names a model or deployment that is not there. Real Azure
// reports a wrong deployment, and also a passing outage, as a generic `server_error` with code
// null on every item (openai-agents-js #297): that alone proves nothing, so only the words count.
import type { ErrorDetail } from './events.js';

// model_not_found: OpenAI ("The model `x` does not exist or you do not have access to it.");
// DeploymentNotFound: Azure's REST code for a missing deployment; invalid_model: a model the
// service will not take for this session (e.g. one in the URL of a transcription session).
const WRONG_MODEL_CODES = new Set(['model_not_found', 'deploymentnotfound', 'invalid_model']);

// The param of a session.update field that names the model, in the GA shape and the older one.
const MODEL_PARAM = /(^|\.)(transcription|input_audio_transcription)\.model$/;

const SAYS_NOT_FOUND =
  /\b(deployment|model)\b[^.]{0,120}?\b(not found|does not exist|doesn't exist|could not be found|is not available)/i;

/** True only when the error itself says the model or deployment is wrong. */
export function saysWrongDeployment(error: Pick<ErrorDetail, 'code' | 'message' | 'param'>): boolean {
  const code = (error.code ?? '').toLowerCase();
  if (WRONG_MODEL_CODES.has(code)) return true;
  if (error.param === 'invalid_model' || MODEL_PARAM.test(error.param ?? '')) return true;
  return SAYS_NOT_FOUND.test(error.message ?? '');
}
