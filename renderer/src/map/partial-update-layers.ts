/**
 * deck.gl layers whose per-row attribute (fill colour, path width) is refreshed only for the rows a
 * change log names, instead of re-running the accessor over all 33,000 units and re-uploading the
 * whole buffer as an `updateTriggers` change would. Props: the `changes` log and its `revision`;
 * a new revision invalidates `changes.since(old revision)`, or everything when that is unknown.
 */
import { SolidPolygonLayer, PathLayer, type SolidPolygonLayerProps, type PathLayerProps } from '@deck.gl/layers';
import type { Layer, PickingInfo, UpdateParameters, GetPickingInfoParams } from '@deck.gl/core';
import type { RowChangeLog } from './row-changes.ts';
import type { UnitFeature } from './unit-geometry.ts';
import type { FillRow } from './unit-colours.ts';

interface PartialProps {
  changes: RowChangeLog;
  revision: number;
}

function invalidateChangedRows(layer: Layer, accessor: string, params: UpdateParameters<Layer<PartialProps>>): void {
  const { props, oldProps, changeFlags } = params;
  // New data or a new log: deck.gl has already invalidated every attribute (or must now).
  if (changeFlags.dataChanged) return;
  const attributes = layer.getAttributeManager();
  if (!attributes) return;
  if (props.changes !== oldProps.changes) return attributes.invalidate(accessor);
  if (props.revision === oldProps.revision) return;
  const ranges = props.changes.since(oldProps.revision);
  if (!ranges) return attributes.invalidate(accessor);
  for (const [startRow, endRow] of ranges) attributes.invalidate(accessor, { startRow, endRow });
}

export type UnitFillLayerProps = SolidPolygonLayerProps<FillRow> &
  PartialProps & {
    /** The unit features (picking reports the unit of the polygon under the pointer). */
    features: UnitFeature[];
    /** The plan version and colour key these colours show (read back by the test hook). */
    planVersion: number;
    fillKey: string;
  };

export class UnitFillLayer extends SolidPolygonLayer<FillRow, Omit<UnitFillLayerProps, keyof SolidPolygonLayerProps<FillRow>>> {
  static override layerName = 'UnitFillLayer';

  override updateState(params: UpdateParameters<this>): void {
    super.updateState(params);
    invalidateChangedRows(this as unknown as Layer, 'getFillColor', params as unknown as UpdateParameters<Layer<PartialProps>>);
  }

  override getPickingInfo(params: GetPickingInfoParams): PickingInfo {
    const info = super.getPickingInfo(params);
    const row = info.index >= 0 ? (this.props.data as FillRow[])[info.index] : undefined;
    info.object = row ? this.props.features[row.unit] : undefined;
    return info;
  }
}

export type PartialPathLayerProps<D> = PathLayerProps<D> & PartialProps;

/** A path layer whose widths follow a change log (the territory borders). */
export class PartialWidthPathLayer<D> extends PathLayer<D, PartialProps> {
  static override layerName = 'PartialWidthPathLayer';

  override updateState(params: UpdateParameters<this>): void {
    super.updateState(params);
    invalidateChangedRows(this as unknown as Layer, 'getWidth', params as unknown as UpdateParameters<Layer<PartialProps>>);
  }
}
