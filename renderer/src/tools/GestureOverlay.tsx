/**
 * The gesture in progress drawn over the map in SVG: box, lasso path or brush circle. It subscribes
 * to the gesture store itself, so only this overlay re-renders while the pointer moves.
 */
import { useGesture, type GestureStore } from './gesture-store.ts';

export function GestureOverlay({ gestures }: { gestures: GestureStore }) {
  const gesture = useGesture(gestures);
  if (!gesture) return null;
  return (
    <svg className="gesture-overlay" data-testid="gesture" aria-hidden="true">
      {gesture.kind === 'box' && (
        <rect
          x={Math.min(gesture.from[0], gesture.to[0])}
          y={Math.min(gesture.from[1], gesture.to[1])}
          width={Math.abs(gesture.to[0] - gesture.from[0])}
          height={Math.abs(gesture.to[1] - gesture.from[1])}
        />
      )}
      {gesture.kind === 'lasso' && <polygon points={gesture.points.map((p) => p.join(',')).join(' ')} />}
      {gesture.kind === 'brush' && (
        <circle className={gesture.erase ? 'gesture-overlay--erase' : undefined} cx={gesture.at[0]} cy={gesture.at[1]} r={gesture.radius} />
      )}
    </svg>
  );
}
