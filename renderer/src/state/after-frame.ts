/**
 * Resolves in a task of its own after the browser has drawn its next frame: work that must happen
 * soon but need not be in the frame (an edit's save: building and sending the request costs the
 * main thread several milliseconds) runs after the map and the panel show the edit, not before.
 * A hidden window draws no frames: there the timer resolves at once. A visible one whose frames
 * are held back (a slow software GPU still drawing the previous frame, a throttled window) still
 * saves within a second; a shorter wait would put the save before the very frame it yields to.
 */
const VISIBLE_FALLBACK_MS = 1000;

export function afterNextFrame(): Promise<void> {
  return new Promise((resolve) => {
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(fallback);
      resolve();
    };
    const fallback = setTimeout(finish, typeof document !== 'undefined' && document.hidden ? 0 : VISIBLE_FALLBACK_MS);
    // requestAnimationFrame runs before the frame is drawn; the timeout posted from it runs after.
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(finish, 0));
  });
}
