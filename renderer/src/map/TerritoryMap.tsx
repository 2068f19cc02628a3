/**
 * The map: deck.gl in Web Mercator over the bundled base map, with units coloured by territory.
 * Layers are derived from state on every render; those whose inputs did not change are reused
 * (layer-cache.ts), so an edit gives deck.gl new unit fills and territory borders only. The heavy
 * parts — decoded geometry and the territory-border mesh — are memoized by project and plan version.
 */
import { useEffect, useMemo, useRef, useState, type MouseEvent, type PointerEvent, type ReactNode, type RefObject } from 'react';
import DeckGL, { type DeckGLRef } from '@deck.gl/react';
import { MapView, WebMercatorViewport, type Deck, type Layer, type MapViewState, type Viewport } from '@deck.gl/core';
import type { MapData, Rep } from '../../../shared/model/project.ts';
import type { PlanState } from '../../../shared/edit/edit-ops.ts';
import { decodeUnits, type UnitFeature } from './unit-geometry.ts';
import { borderArcs } from './border-arcs.ts';
import { UNIT_FILL_LAYER_ID } from './unit-layers.ts';
import { unitPicker } from './unit-picker.ts';
import { REP_LABELS_LAYER_ID, repColourKey, repMarkers, repTagWidth, tagPlace, type RepMarker } from './point-layers.ts';
import { placeRepLabels } from './rep-label-placement.ts';
import { territoryMapLayers } from './map-layers.ts';
import { LayerCache } from './layer-cache.ts';
import { lightMapTheme, type MapTheme } from './map-theme.ts';
import { CONTIGUOUS_US, fittedViewState, type LegendBox } from './initial-view.ts';
import { unitsBox, type LonLatBox } from './units-extent.ts';
import { TesseraMapController } from './map-controller.ts';
import { UnitTooltip } from './UnitTooltip.tsx';
import { MapLegend } from './MapLegend.tsx';
import { MapControls } from './MapControls.tsx';
import { ColourModeSwitcher } from './ColourModeSwitcher.tsx';
import type { MapColouring } from './use-map-colouring.ts';
import { testHook } from '../test-hook.ts';

const MAP_VIEW = new MapView({ id: 'map', repeat: false });
/** A press that moved farther than this is a pan, not a click. */
const CLICK_TOLERANCE_PX = 4;
/** A rep marker is a 6 px dot with a 2 px outline: the pointer within this reach is over it. */
const REP_HOVER_PX = 9;
const DEVICE_PROPS = { type: 'webgl' as const, webgl: { preserveDrawingBuffer: true } };

/**
 * The plan version of the unit fills deck.gl holds (and has just drawn, when called from
 * onAfterRender), read from the layer's own props so it cannot disagree with the pixels.
 */
function drawnFill(deck: Deck<null> | undefined): { planVersion: number; fillKey: string } {
  const props = drawnLayer(deck, UNIT_FILL_LAYER_ID)?.props as { planVersion?: unknown; fillKey?: unknown } | undefined;
  if (typeof props?.planVersion !== 'number') return { planVersion: -1, fillKey: '' };
  return { planVersion: props.planVersion, fillKey: String(props.fillKey ?? '') };
}

/** The layer `id` among those deck.gl was last given to draw. */
function drawnLayer(deck: Deck<null> | undefined, id: string): Layer | undefined {
  const layers = (deck?.props.layers ?? []) as unknown[];
  return layers.find((layer): layer is Layer => (layer as Layer | null)?.id === id);
}

/** The rep name tags deck.gl was given to draw (repLayers' text layer), as the test hook reports them. */
function drawnRepTags(deck: Deck<null> | undefined) {
  return ((drawnLayer(deck, REP_LABELS_LAYER_ID)?.props.data ?? []) as readonly RepMarker[]).map((m) => ({ name: m.rep.name, ...tagPlace(m) }));
}

const quarterStep = (zoom: number) => Math.round(zoom * 4) / 4;
/** How long the view rests before the rep tags are placed for it. */
const TAG_PLACEMENT_DELAY_MS = 150;
/** A view that moved less than this (px) keeps its rep tags where they are. */
const TAG_VIEW_SLACK_PX = 24;

/** The view the rep tags were last placed for: its quarter zoom step and the part of the map in it. */
interface TagView {
  zoom: number;
  visible: LonLatBox;
}

/** How far (px, in `viewport`) the corners of box `b` lie from those of box `a`. */
function cornerShift(viewport: Viewport, a: LonLatBox, b: LonLatBox): number {
  let most = 0;
  for (const i of [0, 1]) {
    const [ax, ay] = viewport.project(a[i]!);
    const [bx, by] = viewport.project(b[i]!);
    most = Math.max(most, Math.abs(ax! - bx!), Math.abs(ay! - by!));
  }
  return most;
}

export interface TerritoryMapProps {
  data: MapData;
  plan: PlanState;
  planVersion: number;
  /** Bumped when territories change, not on an assignment (PlanStore.structureVersion): the memo key for the rep markers' colours. */
  structureVersion: number;
  onUnitClick(unitId: string, modifiers?: { shiftKey: boolean }): void;
  /** Studio additions (tools, selection, compare): layers drawn above the unit borders. */
  extraLayers?: Layer[];
  /** False while a drag tool (box, lasso, brush) owns the drag. */
  dragPan?: boolean;
  /** Pointer events over the map for drag tools, in canvas pixels. */
  onMapPointer?(kind: 'down' | 'move' | 'up', event: PointerEvent, at: [number, number]): void;
  /** Filled with the map's projection and fly-to for tools and search. */
  mapApiRef?: RefObject<MapApi | null>;
  /** Overlays drawn over the map (toolbar, status bar, gesture outline). */
  children?: ReactNode;
  cursor?: string;
  /** Map colours (the dark theme); the light theme when omitted. */
  theme?: MapTheme;
  colouring: MapColouring;
  /** The field a fresh choropleth shows. */
  defaultField: string;
}

/** What tools and search need from the map: projection between [lon, lat] and canvas pixels, and flying. */
export interface MapApi {
  project(lonLat: [number, number]): [number, number] | null;
  unproject(xy: [number, number]): [number, number] | null;
  flyTo(lonLat: [number, number], zoom: number): void;
  /** Frame a lon/lat box [[west, south], [east, north]], leaving `padding` pixels free on each side (for cards over the map). */
  fitBounds(box: [[number, number], [number, number]], padding: { top: number; right: number; bottom: number; left: number }): void;
}

interface Hover {
  unit: UnitFeature;
  /** The rep whose marker is under the pointer, if any. */
  rep: Rep | null;
  x: number;
  y: number;
  /** Open the card to the left / above the pointer, near the right / bottom edge. */
  flipX: boolean;
  flipY: boolean;
}

export function TerritoryMap({ data, plan, planVersion, structureVersion, onUnitClick, colouring, defaultField, extraLayers, dragPan = true, onMapPointer, mapApiRef, children, cursor, theme = lightMapTheme }: TerritoryMapProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const deckRef = useRef<DeckGLRef>(null);
  // Deck owns the view while the user pans; a new initialViewState object (zoom buttons, fit) moves it.
  const [initialViewState, setInitialViewState] = useState<MapViewState | null>(null);
  const currentView = useRef<MapViewState | null>(null);
  const [hover, setHover] = useState<Hover | null>(null);
  const layerCache = useMemo(() => new LayerCache(), []);
  const legendRef = useRef<HTMLDivElement>(null);
  /** The legend's box in map pixels, as laid out now (its size follows the colour mode). */
  const legendBox = (): LegendBox | undefined => {
    const map = containerRef.current?.getBoundingClientRect();
    const legend = legendRef.current?.getBoundingClientRect();
    return map && legend ? { top: legend.top - map.top, right: legend.right - map.left, bottom: legend.bottom - map.top } : undefined;
  };

  const geometry = useMemo(() => decodeUnits(data.unitTopology), [data.unitTopology]);
  const unitsById = useMemo(() => new Map(data.units.map((u) => [u.id, u])), [data.units]);
  // The plan is mutated in place; planVersion is what tells these memos it changed.
  const borders = useMemo(() => borderArcs(geometry.topology, geometry.collection), [geometry]);
  // Rebuilt only when a rep's colour changes, not per edit: new data would re-lay out every rep label.
  // The key itself is read only when territories changed: an assignment cannot change it.
  const repColours = useMemo(() => repColourKey(plan.territories.values()), [plan, structureVersion]);
  const colouredMarkers = useMemo(() => repMarkers(data.reps, plan.territories.values()), [data.reps, plan, repColours]);

  // The map opens on the units (a state's ZIPs fill the map, not a corner of the US). unitsBox
  // hands back the same box for the same geometry, so the effect runs once per loaded project.
  const dataBox = unitsBox(geometry) ?? CONTIGUOUS_US;

  // Rep name tags are placed (rep-label-placement.ts) per quarter zoom step and within the view
  // once it rests: placing 500 reps' tags takes about 20 ms, too long for every frame of a zoom or pan.
  // Until the view first moves, the fitted view's zoom (the units' box keeps tags on the map).
  const [tagView, setTagView] = useState<TagView | null>(null);
  const tagTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(tagTimer.current), []);
  const zoomForTags = tagView?.zoom ?? (initialViewState ? quarterStep(initialViewState.zoom) : null);
  const visibleForTags = tagView?.visible;
  const markers = useMemo(
    () => (zoomForTags === null ? colouredMarkers : placeRepLabels(colouredMarkers, zoomForTags, dataBox, repTagWidth, { view: visibleForTags })),
    [colouredMarkers, zoomForTags, visibleForTags, dataBox],
  );
  const placeTagsForView = () => {
    const viewport = deckRef.current?.deck?.getViewports()[0];
    if (!viewport) return;
    const [west, south, east, north] = viewport.getBounds();
    const next: TagView = { zoom: quarterStep(viewport.zoom), visible: [[west!, south!], [east!, north!]] };
    setTagView((last) => (last?.zoom === next.zoom && cornerShift(viewport, last.visible, next.visible) < TAG_VIEW_SLACK_PX ? last : next));
  };
  useEffect(() => {
    const element = containerRef.current;
    if (!element) return;
    let fitted = false;
    // Once the map area has a size (it may have none at first); later resizes keep the view.
    const fit = () => {
      const { width, height } = element.getBoundingClientRect();
      if (fitted || width <= 0 || height <= 0) return;
      fitted = true;
      setInitialViewState(fittedViewState(width, height, dataBox, legendBox()));
    };
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(element);
    return () => observer.disconnect();
  }, [dataBox]);

  useEffect(() => testHook.rendered(planVersion), [planVersion]);

  useEffect(() => {
    testHook.connect({
      assignments: () => plan.assignments,
      project: (lonLat) => {
        const deck = deckRef.current?.deck;
        const canvas = deck?.getCanvas();
        const viewport = deck?.getViewports()[0];
        if (!canvas || !viewport) return null;
        const [x, y] = viewport.project(lonLat);
        const rect = canvas.getBoundingClientRect();
        return [rect.left + x!, rect.top + y!];
      },
      settled: () => {
        const deck = deckRef.current?.deck;
        return !!deck && deck.isInitialized && !deck.needsRedraw({ clearRedrawFlags: false });
      },
      repTags: () => drawnRepTags(deckRef.current?.deck),
    });
    return () => testHook.connect(null);
  }, [plan]);

  const hoveredUnit = hover?.unit ?? null;
  const hovered = useMemo(() => (hoveredUnit ? [hoveredUnit] : []), [hoveredUnit]);
  const layerInput = { geometry, plan, planVersion, territoryBorders: borders, hovered, theme, fillScale: colouring.scale };
  const layers = territoryMapLayers({ ...layerInput, data, markers, extraLayers }, layerCache);

  // Units are picked on the CPU (unit-picker.ts), not by deck.gl's GPU read-back, which stalls the
  // main thread until the (software) GPU has drawn the frame: seconds per hover or click.
  const picker = useMemo(() => unitPicker(geometry), [geometry]);
  const unitAt = (x: number, y: number): UnitFeature | null => {
    const viewport = deckRef.current?.deck?.getViewports()[0];
    if (!viewport) return null;
    const [lon, lat] = viewport.unproject([x, y]);
    return picker.unitAt([lon!, lat!]);
  };
  /** The rep whose marker (6 px, outlined) is nearest the canvas point within REP_HOVER_PX. */
  const repAt = (x: number, y: number): Rep | null => {
    const viewport = deckRef.current?.deck?.getViewports()[0];
    if (!viewport) return null;
    let best: Rep | null = null;
    let bestDistance = REP_HOVER_PX;
    for (const { rep } of markers) {
      const [px, py] = viewport.project(rep.location);
      const distance = Math.hypot(px! - x, py! - y);
      if (distance <= bestDistance) [best, bestDistance] = [rep, distance];
    }
    return best;
  };
  const onHover = (x: number, y: number) => {
    const unit = unitAt(x, y);
    // A pointer that did not move (a click sends one) sets no state: even an unchanged state
    // would render the map once more before React bails out.
    if (!unit) {
      if (hover) setHover(null);
      return;
    }
    if (hover?.unit === unit && hover.x === x && hover.y === y) return;
    const box = containerRef.current?.getBoundingClientRect();
    const flipX = !!box && x > box.width - 320;
    const flipY = !!box && y > box.height - 200;
    setHover({ unit, rep: repAt(x, y), x, y, flipX, flipY });
  };
  // Clicks are taken from the DOM, not deck.gl's tap gesture: the gesture gives up when a slow
  // frame (software GL) delays pointerup past its time limit, and a lost click is a lost edit.
  const pointerDownAt = useRef<[number, number] | null>(null);
  const canvasPoint = (event: PointerEvent): [number, number] => {
    const rect = deckRef.current?.deck?.getCanvas()?.getBoundingClientRect();
    return rect ? [event.clientX - rect.left, event.clientY - rect.top] : [event.clientX, event.clientY];
  };
  const onPointerDown = (event: PointerEvent) => {
    pointerDownAt.current = event.button === 0 ? [event.clientX, event.clientY] : null;
    if (event.button === 0 && onMapPointer && event.target === deckRef.current?.deck?.getCanvas()) {
      onMapPointer('down', event, canvasPoint(event));
    }
  };
  const onPointerMove = (event: PointerEvent) => {
    const at = canvasPoint(event);
    if (event.target === deckRef.current?.deck?.getCanvas() && event.buttons === 0) onHover(at[0], at[1]);
    else if (hover) setHover(null);
    onMapPointer?.('move', event, at);
  };
  const onPointerUp = (event: PointerEvent) => onMapPointer?.('up', event, canvasPoint(event));
  if (mapApiRef) {
    (mapApiRef as { current: MapApi | null }).current = {
      project: (lonLat) => {
        const viewport = deckRef.current?.deck?.getViewports()[0];
        if (!viewport) return null;
        const [x, y] = viewport.project(lonLat);
        return [x!, y!];
      },
      unproject: (xy) => {
        const viewport = deckRef.current?.deck?.getViewports()[0];
        if (!viewport) return null;
        const [lon, lat] = viewport.unproject(xy);
        return [lon!, lat!];
      },
      flyTo: (lonLat, zoom) => {
        const view = currentView.current ?? initialViewState;
        if (view) setInitialViewState({ ...view, longitude: lonLat[0], latitude: lonLat[1], zoom, transitionDuration: 600 });
      },
      fitBounds: (box, padding) => {
        const viewport = deckRef.current?.deck?.getViewports()[0];
        const view = currentView.current ?? initialViewState;
        if (!viewport || !view || viewport.width <= padding.left + padding.right || viewport.height <= padding.top + padding.bottom) return;
        const fitted = new WebMercatorViewport({ width: viewport.width, height: viewport.height }).fitBounds(box, { padding });
        const zoom = Math.min(fitted.zoom, view.maxZoom ?? 20);
        setInitialViewState({ ...view, longitude: fitted.longitude, latitude: fitted.latitude, zoom, transitionDuration: 600 });
      },
    };
  }
  const onContainerClick = (event: MouseEvent) => {
    const down = pointerDownAt.current;
    pointerDownAt.current = null;
    if (!down || Math.hypot(event.clientX - down[0], event.clientY - down[1]) > CLICK_TOLERANCE_PX) return;
    const deck = deckRef.current?.deck;
    const canvas = deck?.getCanvas();
    if (!deck || !canvas || event.target !== canvas) return;
    const rect = canvas.getBoundingClientRect();
    const unit = unitAt(event.clientX - rect.left, event.clientY - rect.top);
    if (unit) onUnitClick(String(unit.id), { shiftKey: event.shiftKey });
  };

  const zoomBy = (delta: number) => {
    const view = currentView.current ?? initialViewState;
    if (view) setInitialViewState({ ...view, zoom: view.zoom + delta, transitionDuration: 200 });
  };
  const fit = () => {
    const box = containerRef.current?.getBoundingClientRect();
    if (box) setInitialViewState({ ...fittedViewState(box.width, box.height, dataBox, legendBox()), transitionDuration: 300 });
  };

  const hoveredRecord = hover ? unitsById.get(hover.unit.id) : undefined;
  const hoveredTerritoryId = hover ? plan.assignments.get(hover.unit.id) : undefined;
  return (
    <div className="map" ref={containerRef} data-testid="map" onPointerDown={onPointerDown} onPointerMove={onPointerMove} onPointerUp={onPointerUp} onClick={onContainerClick}>
      {initialViewState && (
        <DeckGL
          ref={deckRef}
          views={MAP_VIEW}
          initialViewState={initialViewState}
          controller={{ type: TesseraMapController, doubleClickZoom: false, dragRotate: false, touchRotate: false, dragPan }}
          layers={layers}
          deviceProps={DEVICE_PROPS}
          onAfterRender={() => {
            const drawn = drawnFill(deckRef.current?.deck);
            testHook.drawn(drawn.planVersion, drawn.fillKey);
          }}
          onViewStateChange={({ viewState }) => {
            currentView.current = viewState as MapViewState;
            clearTimeout(tagTimer.current);
            tagTimer.current = setTimeout(placeTagsForView, TAG_PLACEMENT_DELAY_MS);
          }}
          getCursor={({ isDragging }) => cursor ?? (isDragging ? 'grabbing' : hover ? 'pointer' : 'grab')}
        />
      )}
      <ColourModeSwitcher mode={colouring.mode} onMode={colouring.setMode} fields={colouring.fields} defaultField={defaultField} />
      <MapControls onZoom={zoomBy} onFit={fit} />
      {children}
      <MapLegend legend={colouring.scale.legend} ref={legendRef} />
      {hover && (
        // Its own relayout boundary: the card's new text on an edit does not lay out the page.
        <div className="map__hover-layer">
          <UnitTooltip
            x={hover.x}
            y={hover.y}
            flipX={hover.flipX}
            flipY={hover.flipY}
            unitId={hover.unit.id}
            record={hoveredRecord}
            fields={data.fields}
            territory={hoveredTerritoryId === undefined ? undefined : plan.territories.get(hoveredTerritoryId)}
            rep={hover.rep ?? undefined}
          />
        </div>
      )}
    </div>
  );
}
