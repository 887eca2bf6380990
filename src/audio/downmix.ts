// Interleaved frames to one channel by averaging, which keeps a signal common to all channels
// at its level (what ffmpeg's -ac 1 does for plain layouts).

export function downmix(interleaved: Float32Array, channels: number): Float32Array {
  if (!Number.isInteger(channels) || channels < 1)
    throw new RangeError(`channels must be a whole number, 1 or more, got ${channels}`);
  if (channels === 1) return interleaved;
  const frames = Math.floor(interleaved.length / channels);
  const mono = new Float32Array(frames);
  for (let f = 0; f < frames; f++) {
    let sum = 0;
    const base = f * channels;
    for (let c = 0; c < channels; c++) sum += interleaved[base + c] ?? 0; // always in range
    mono[f] = sum / channels;
  }
  return mono;
}
