/** Road attributes from OSM tags and TIGER fields, and the drive-time territory helpers. */
import { describe, expect, it } from 'vitest';
import { lineSpeedKmh, parseMaxspeed, parseOneway, roadAttributes, DEFAULT_SPEEDS_KMH } from '../../shared/routing/speeds.ts';
import { assignToQuickestRep, withinMinutesCheck } from '../../shared/routing/territories.ts';

describe('road attributes', () => {
  it('reads OpenStreetMap maxspeed in km/h, mph and knots, and ignores symbolic values', () => {
    expect(parseMaxspeed('50')).toBe(50);
    expect(parseMaxspeed('30 mph')).toBeCloseTo(48.3, 1);
    expect(parseMaxspeed('50;30')).toBe(50);
    expect(parseMaxspeed(70)).toBe(70);
    expect(parseMaxspeed('none')).toBeNull();
    expect(parseMaxspeed('DE:urban')).toBeNull();
    expect(parseMaxspeed('0')).toBeNull();
    expect(parseMaxspeed(undefined)).toBeNull();
  });

  it('reads one-way tags, roundabouts and motorways', () => {
    expect(parseOneway('yes', undefined, 'residential')).toBe(1);
    expect(parseOneway('-1', undefined, 'residential')).toBe(-1);
    expect(parseOneway('no', 'roundabout', 'primary')).toBe(0);
    expect(parseOneway(undefined, 'roundabout', 'primary')).toBe(1);
    expect(parseOneway(undefined, undefined, 'motorway')).toBe(1);
    expect(parseOneway(undefined, undefined, 'residential')).toBe(0);
  });

  it('reads TIGER/Line MTFCC classes and names whatever the field case, and gives class-less lines a class', () => {
    expect(roadAttributes({ MTFCC: 'S1400', FULLNAME: 'Main St' })).toEqual({ roadClass: 'S1400', name: 'Main St', maxspeedKmh: null, oneway: 0 });
    expect(roadAttributes({ id: 3 }).roadClass).toBe('road');
    expect(roadAttributes({ highway: 'primary', maxspeed: '40 mph', oneway: 'yes' })).toMatchObject({ roadClass: 'primary', oneway: 1 });
  });

  it('drives a line at its speed limit, else its class speed, and not at all when its class has no speed', () => {
    expect(lineSpeedKmh({ roadClass: 'residential', maxspeedKmh: null }, DEFAULT_SPEEDS_KMH)).toBe(30);
    expect(lineSpeedKmh({ roadClass: 'residential', maxspeedKmh: 40 }, DEFAULT_SPEEDS_KMH)).toBe(40);
    expect(lineSpeedKmh({ roadClass: 'footway', maxspeedKmh: 20 }, DEFAULT_SPEEDS_KMH)).toBe(0);
    expect(lineSpeedKmh({ roadClass: 'S1100', maxspeedKmh: null }, { ...DEFAULT_SPEEDS_KMH, S1100: 0 })).toBe(0);
  });
});

describe('drive-time territories', () => {
  // 2 reps x 4 units; unit 3 is reachable by nobody
  const m = [
    [10, 50, 30, NaN],
    [20, 15, 30, NaN],
  ];
  const provider = { minutes: (r: number, u: number) => m[r]![u]! };

  it('gives each unit to the rep quickest to reach it (ties to the first), leaving unreachable units out', () => {
    const a = assignToQuickestRep(provider, 2, 4);
    expect([...a.repOf]).toEqual([0, 1, 0, -1]);
    expect([...a.minutes].slice(0, 3)).toEqual([10, 15, 30]);
    expect(a.minutes[3]).toBeNaN();
  });

  it('counts units within N minutes of their rep, worst offenders first', () => {
    const c = withinMinutesCheck(provider, [0, 0, 0, 1], 2, 25);
    expect(c[0]).toMatchObject({ units: 3, within: 1, beyond: 2, unreachable: 0, worstMinutes: 50, offenders: [1, 2] });
    expect(c[1]).toMatchObject({ units: 1, within: 0, beyond: 0, unreachable: 1, offenders: [3] });
  });

  it('treats an empty territory as all within', () => {
    expect(withinMinutesCheck(provider, [0, 0, 0, 0], 2, 60)[1]).toMatchObject({ units: 0, within: 0, worstMinutes: 0 });
  });
});
