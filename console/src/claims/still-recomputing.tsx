/**
 * Shown when the server answered part of the range from lines it has not finished recomputing (after a change that
 * touched many dates): the counts may still change, and a batch always bills from current lines.
 */
export function StillRecomputing({ dates }: { dates: number }) {
  return (
    <p className="alert alert--info" role="status">
      {dates} service date{dates === 1 ? " is" : "s are"} still being recomputed after a recent change, so these lines and totals may
      change in a moment. Reload to see them current; a batch always bills from current lines.
    </p>
  );
}
