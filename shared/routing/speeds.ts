/**
 * Road classes and speeds. A road line's speed is its `maxspeed` where the source has one, else
 * the speed of its class in the project's speed table (tessera_settings `roads.speedsKmh`, shown
 * and edited with `tessera roads speeds`). Classes are OpenStreetMap `highway` values and Census
 * TIGER/Line MTFCC codes; a class missing from the table, or at 0 km/h, is not driven (footways,
 * cycleways, steps, medians...). The default speeds are Tessera's planning assumptions (typical
 * average speeds including junctions), not published figures.
 */

/** Road class -> km/h. */
export type SpeedTable = Record<string, number>;

/** Class given to lines whose source has no class attribute at all. */
export const UNCLASSIFIED_ROAD = 'road';

export const DEFAULT_SPEEDS_KMH: Readonly<SpeedTable> = {
  // OpenStreetMap highway=*
  motorway: 110,
  motorway_link: 60,
  trunk: 90,
  trunk_link: 50,
  primary: 70,
  primary_link: 45,
  secondary: 60,
  secondary_link: 40,
  tertiary: 50,
  tertiary_link: 35,
  unclassified: 40,
  residential: 30,
  living_street: 10,
  service: 20,
  track: 15,
  road: 40,
  // Census TIGER/Line MTFCC
  S1100: 105, // primary road (limited-access highway)
  S1200: 80, // secondary road (US / state highway)
  S1400: 40, // local neighbourhood road, rural road, city street
  S1500: 15, // vehicular trail (4WD)
  S1630: 55, // ramp
  S1640: 40, // service drive along a limited-access highway
  S1730: 15, // alley
  S1740: 20, // private road for service vehicles
  S1780: 10, // parking lot road
};

/** Descriptions of the classes, for the speed table display. */
export const ROAD_CLASS_LABELS: Readonly<Record<string, string>> = {
  S1100: 'TIGER primary road (limited access)',
  S1200: 'TIGER secondary road',
  S1400: 'TIGER local road / city street',
  S1500: 'TIGER vehicular trail (4WD)',
  S1630: 'TIGER ramp',
  S1640: 'TIGER service drive',
  S1730: 'TIGER alley',
  S1740: 'TIGER private road',
  S1780: 'TIGER parking lot road',
  road: 'lines without a road class',
};

/** One-way flag: 1 = only in drawing direction, -1 = only against it, 0 = both ways. */
export type OneWay = -1 | 0 | 1;

export interface RoadAttributes {
  roadClass: string;
  name: string | null;
  /** Posted speed limit from the source, km/h, or null. */
  maxspeedKmh: number | null;
  oneway: OneWay;
}

const CLASS_FIELDS = ['highway', 'mtfcc', 'mtfcc10', 'road_class', 'fclass'];
const NAME_FIELDS = ['name', 'fullname', 'street', 'road_name'];

/** Road attributes from a source feature's properties (OpenStreetMap tags or TIGER fields). */
export function roadAttributes(properties: Record<string, unknown>): RoadAttributes {
  const lower = new Map(Object.entries(properties).map(([k, v]) => [k.toLowerCase(), v]));
  const pick = (names: string[]) => {
    for (const n of names) {
      const v = lower.get(n);
      if (v !== null && v !== undefined && String(v).trim() !== '') return String(v).trim();
    }
    return null;
  };
  const roadClass = pick(CLASS_FIELDS) ?? UNCLASSIFIED_ROAD;
  return {
    roadClass,
    name: pick(NAME_FIELDS),
    maxspeedKmh: parseMaxspeed(lower.get('maxspeed')),
    oneway: parseOneway(lower.get('oneway'), lower.get('junction'), roadClass),
  };
}

/** OpenStreetMap `maxspeed` in km/h ("50", "30 mph", "50;30"), or null when absent or symbolic ("none", "DE:urban"). */
export function parseMaxspeed(raw: unknown): number | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'number') return raw > 0 && raw <= 200 ? raw : null;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(mph|km\/h|kmh|kph|knots)?/i.exec(String(raw).split(';')[0]!);
  if (!m) return null;
  let v = Number(m[1]);
  const unit = (m[2] ?? '').toLowerCase();
  if (unit === 'mph') v *= 1.609344;
  else if (unit === 'knots') v *= 1.852;
  return v > 0 && v <= 200 ? Math.round(v * 10) / 10 : null;
}

/**
 * OpenStreetMap one-way rules: `oneway=yes|true|1` forward, `-1|reverse` backward, `no` both;
 * roundabouts and motorways are one-way in drawing direction unless tagged otherwise.
 */
export function parseOneway(oneway: unknown, junction: unknown, roadClass: string): OneWay {
  const v = oneway === null || oneway === undefined ? '' : String(oneway).trim().toLowerCase();
  if (v === 'yes' || v === 'true' || v === '1') return 1;
  if (v === '-1' || v === 'reverse') return -1;
  if (v === 'no' || v === 'false' || v === '0') return 0;
  const j = junction === null || junction === undefined ? '' : String(junction).toLowerCase();
  if (j === 'roundabout' || j === 'circular' || roadClass === 'motorway') return 1;
  return 0;
}

/** Speed of a road line, km/h: its maxspeed, else its class's; 0 = not driven. */
export function lineSpeedKmh(attrs: Pick<RoadAttributes, 'roadClass' | 'maxspeedKmh'>, table: SpeedTable): number {
  const classSpeed = table[attrs.roadClass] ?? 0;
  if (classSpeed <= 0) return 0;
  return attrs.maxspeedKmh ?? classSpeed;
}
