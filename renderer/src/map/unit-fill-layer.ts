/**
 * The unit fills, coloured from a texture of one texel per unit: every vertex carries its unit's
 * index (computed once with the geometry) and the vertex shader looks the colour up. An edit then
 * uploads the 4 bytes per unit of the colour buffer (unit-colours.ts; 132 KB at 33,000 units)
 * instead of rewriting the colour of every vertex of every changed unit (a 5,000-unit lasso: about
 * 100,000 vertices).
 */
import { SolidPolygonLayer, type SolidPolygonLayerProps } from '@deck.gl/layers';
import type { Accessor, UpdateParameters } from '@deck.gl/core';
import type { FillRow } from './unit-colours.ts';

export type UnitFillLayerProps = SolidPolygonLayerProps<FillRow> & {
  /** RGBA bytes per unit (unit-colours.ts), and a number that changes whenever they did. */
  unitColours: Uint8Array;
  revision: number;
  /** The unit of a row (a MultiPolygon unit has several rows). */
  getUnitIndex: Accessor<FillRow, number>;
  /** The plan version and colour key these colours show (read back by the test hook). */
  planVersion: number;
  fillKey: string;
};

/** The part of luma.gl's Texture this layer uses. */
interface Texture {
  readonly height: number;
  writeData(data: Uint8Array): void;
  destroy(): void;
}

/** Units per row of the colour texture (33,000 units: 17 rows). */
const TEXTURE_WIDTH = 2048;

export class UnitFillLayer extends SolidPolygonLayer<FillRow, Omit<UnitFillLayerProps, keyof SolidPolygonLayerProps<FillRow>>> {
  static override layerName = 'UnitFillLayer';
  // deck.gl merges these with the base layer's defaults.
  static override defaultProps = { getUnitIndex: { type: 'accessor', value: 0 } } as unknown as typeof SolidPolygonLayer.defaultProps;

  declare state: SolidPolygonLayer['state'] & { colourTexture?: Texture; texels?: Uint8Array };

  override getShaders(type: 'top' | 'side') {
    const shaders = super.getShaders(type);
    return {
      ...shaders,
      inject: {
        ...shaders.inject,
        'vs:#decl': `in float unitIndices;\nuniform sampler2D unitColourTexture;`,
        'vs:DECKGL_FILTER_COLOR': `
  int unit = int(unitIndices + 0.5);
  vec4 unitColour = texelFetch(unitColourTexture, ivec2(unit % ${TEXTURE_WIDTH}, unit / ${TEXTURE_WIDTH}), 0);
  color = vec4(unitColour.rgb, unitColour.a * layer.opacity);`,
      },
    };
  }

  override initializeState(): void {
    super.initializeState();
    this.getAttributeManager()!.add({ unitIndices: { size: 1, type: 'float32', accessor: 'getUnitIndex', defaultValue: 0 } });
  }

  override updateState(params: UpdateParameters<this>): void {
    super.updateState(params);
    const { props, oldProps } = params;
    if (!this.state.colourTexture || props.unitColours !== oldProps.unitColours || props.revision !== oldProps.revision) this.uploadColours();
  }

  override draw(params: { uniforms: unknown }): void {
    const model = this.state.topModel as { setBindings(bindings: Record<string, Texture>): void } | undefined;
    if (model && this.state.colourTexture) model.setBindings({ unitColourTexture: this.state.colourTexture });
    super.draw(params as never);
  }

  override finalizeState(context: Parameters<SolidPolygonLayer['finalizeState']>[0]): void {
    this.state.colourTexture?.destroy();
    super.finalizeState(context);
  }

  private uploadColours(): void {
    const colours = this.props.unitColours;
    const height = Math.max(1, Math.ceil(colours.length / 4 / TEXTURE_WIDTH));
    let { colourTexture, texels } = this.state;
    if (!colourTexture || !texels || colourTexture.height !== height) {
      colourTexture?.destroy();
      colourTexture = this.context.device.createTexture({ format: 'rgba8unorm', width: TEXTURE_WIDTH, height }) as Texture;
      texels = new Uint8Array(TEXTURE_WIDTH * height * 4);
      this.setState({ colourTexture, texels });
    }
    texels.set(colours);
    colourTexture.writeData(texels);
  }
}
