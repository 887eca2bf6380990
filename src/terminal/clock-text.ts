// Human durations for the terminal: m:ss under an hour, h:mm:ss above.

export function formatClock(seconds: number): string {
  // Round to the millisecond first so 29.9999999 (float noise) reads as 0:30, not 0:29.
  const total = Math.floor(Math.round(Math.max(0, seconds) * 1000) / 1000);
  if (!Number.isFinite(total)) return '--:--';
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor(total / 60) % 60;
  const secs = String(total % 60).padStart(2, '0');
  if (hours === 0) return `${minutes}:${secs}`;
  return `${hours}:${String(minutes).padStart(2, '0')}:${secs}`;
}

/** `×15.0`: audio seconds per wall-clock second. */
export function formatSpeed(factor: number): string {
  return Number.isFinite(factor) && factor > 0 ? `×${factor.toFixed(1)}` : '×-';
}
