/**
 * A deck.gl path layer whose per-row width is refreshed only for the rows a change log names,
 * instead of re-running the accessor over all paths and re-uploading the whole buffer as an
 * `updateTriggers` change would. Props: the `changes` log and its `revision`; a new revision
 * invalidates `changes.since(old revision)`, or everything when that is unknown.
 */
import { PathLayer } from '@deck.gl/layers';
import type { UpdateParameters } from '@deck.gl/core';
import type { RowChangeLog } from './row-changes.ts';

interface PartialProps {
  changes: RowChangeLog;
  revision: number;
}

/** A path layer whose widths follow a change log (the territory borders). */
export class PartialWidthPathLayer<D> extends PathLayer<D, PartialProps> {
  static override layerName = 'PartialWidthPathLayer';

  override updateState(params: UpdateParameters<this>): void {
    super.updateState(params);
    const { props, oldProps, changeFlags } = params;
    // New data or a new log: deck.gl has already invalidated every attribute (or must now).
    if (changeFlags.dataChanged) return;
    const attributes = this.getAttributeManager();
    if (!attributes) return;
    if (props.changes !== oldProps.changes) return attributes.invalidate('getWidth');
    if (props.revision === oldProps.revision) return;
    const ranges = props.changes.since(oldProps.revision);
    if (!ranges) return attributes.invalidate('getWidth');
    for (const [startRow, endRow] of ranges) attributes.invalidate('getWidth', { startRow, endRow });
  }
}
