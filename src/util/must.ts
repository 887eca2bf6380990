// For values the code's own invariants guarantee (an index inside the array, a map entry just set):
// an absent one is a bug here, and says so loudly instead of travelling on as `undefined`.

/** `value`, or an internal error naming `what` when it is missing. */
export function defined<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`internal: ${what} missing`);
  return value;
}
