/**
 * Deviation of a territory's potential from the mean, as a bar growing left or right from a
 * centre line; the scale ends at ±50 %, the ±10 % band is marked, and beyond it the bar turns red.
 */
const SCALE = 0.5;
export const BALANCE_TOLERANCE = 0.1;

export function DeviationBar({ deviation }: { deviation: number }) {
  const clamped = Math.max(-SCALE, Math.min(SCALE, deviation));
  const width = (Math.abs(clamped) / SCALE) * 50;
  const outside = Math.abs(deviation) > BALANCE_TOLERANCE;
  return (
    <div className="deviation-bar" aria-hidden="true">
      <div className="deviation-bar__band" />
      <div
        className={`deviation-bar__fill${outside ? ' deviation-bar__fill--out' : ''}`}
        style={clamped >= 0 ? { left: '50%', width: `${width}%` } : { left: `${50 - width}%`, width: `${width}%` }}
      />
      <div className="deviation-bar__centre" />
    </div>
  );
}
