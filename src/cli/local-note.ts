// With --local, the emulator recognises tonecode and nothing else: other sound comes back as a
// marker with its length (`[speech 3.6 s]`). A newcomer trying a real recording would otherwise
// get a transcript of markers, exit 0 and no word why; the first marker says it, once a run.
import { isLoneSpeechMarker, SPEECH_MARKER_FORM } from '../emulator/index.js';

export const LOCAL_NOTE =
  `note: --local transcribes with the built-in emulator, which recognises only tonecode and writes ${SPEECH_MARKER_FORM} markers for any other sound; ` +
  'to transcribe speech, use a real service (--endpoint, --deployment and --api-key, or OPENAI_API_KEY; see the README)';

/** Returns a function to call with each segment's text; it logs the note the first time a marker comes. */
export function localMarkerNote(local: boolean, log: (line: string) => void): (text: string) => void {
  let said = !local;
  return (text) => {
    if (said || !isLoneSpeechMarker(text)) return;
    said = true;
    log(LOCAL_NOTE);
  };
}
