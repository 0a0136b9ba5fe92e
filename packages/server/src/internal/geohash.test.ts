// The geohash arithmetic, checked against values redis-server computes.
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../test/helpers.js';
import {
  cellScores,
  decode,
  decodeScore,
  distance,
  distanceInShape,
  encode,
  pointScore,
  searchCells,
  standardGeohash,
} from './geohash.js';

describe('geohash', () => {
  it("encodes points to Redis's scores and decodes them to their cell centers", () => {
    expect(pointScore(13.361389, 38.115556)).toBe(3479099956230698);
    expect(pointScore(-180, -85.05112878)).toBe(0);
    // Longitude 180 needs a 54th bit: the score is rounded as Redis's is.
    expect(pointScore(180, 85.05112878)).toBe(13510798882111488);
    expect(decodeScore(3479099956230698)).toEqual([13.361389338970184, 38.1155563954963]);
    expect(decodeScore(13510798882111488)).toEqual([180, 85.05112878]);
  });

  it("decodes any score as C's uint64 conversion reads it", () => {
    // Negative and huge scores still decode to a point within the limits.
    const [longitude, latitude] = decodeScore(-1);
    expect(longitude).toBe(180);
    expect(latitude).toBe(85.05112878);
    expect(decodeScore(Number.POSITIVE_INFINITY)).toEqual(decodeScore(0));
  });

  it('prints the standard geohash', () => {
    expect(standardGeohash(13.361389338970184, 38.1155563954963)).toBe('sqc8b49rny0');
    expect(standardGeohash(0.00000268220901489, 0.00000126736058093)).toBe('s0000000000');
  });

  it('finds the cells a search visits, leaving out those beyond the shape', () => {
    const shape = {
      kind: 'radius',
      longitude: 15,
      latitude: 37,
      radius: 200,
      conversion: 1000,
    } as const;
    const cells = searchCells(shape);
    expect(cells).toHaveLength(9);
    const center = cells[0]!;
    expect(center.step).toBe(6);
    // Every cell kept is the center's neighbour at the same step.
    for (const cell of cells) if (cell !== null) expect(cell.step).toBe(center.step);
    const area = decode(center);
    expect(area.longitudeMin).toBeLessThanOrEqual(15);
    expect(area.longitudeMax).toBeGreaterThan(15);
    const { min, max } = cellScores(center);
    expect(max - min).toBe(2 ** (52 - 12));
    expect(pointScore(15, 37)).toBeGreaterThanOrEqual(min);
    expect(pointScore(15, 37)).toBeLessThan(max);
  });

  it('wraps neighbours around the antimeridian', () => {
    const hash = encode(179.99, 0, 4);
    const east = searchCells({
      kind: 'radius',
      longitude: 179.99,
      latitude: 0,
      radius: 1000,
      conversion: 1000,
    })[3];
    expect(east).not.toBeNull();
    expect(decode(east!).longitudeMin).toBeLessThan(-170);
    expect(hash.step).toBe(4);
  });

  it('measures great-circle distances in meters', () => {
    // Palermo to Catania, as GEODIST replies it.
    const palermo = decodeScore(3479099956230698);
    const catania = decodeScore(3479447370796909);
    expect(distance(palermo[0], palermo[1], catania[0], catania[1]).toFixed(4)).toBe('166274.1516');
    expect(distance(10, 20, 10, 20)).toBe(0);
  });

  it('decides membership by the exact distance, also within an ulp of the limit', () => {
    // distanceInShape rules points out with V8's functions where they are
    // clearly outside; at the limit itself, and an ulp either side, it
    // must decide as the exact distance does (inside at equality).
    const random = seededRandom(5);
    let compared = 0;
    for (let i = 0; i < 2000; i++) {
      const center = [(random() - 0.5) * 358, (random() - 0.5) * 170] as const;
      const point = [
        center[0] + (random() - 0.5) * 20,
        Math.max(-85, Math.min(85, center[1] + (random() - 0.5) * 20)),
      ] as const;
      const meters = distance(center[0], center[1], point[0], point[1]);
      const alongParallel = distance(point[0], point[1], center[0], point[1]);
      const alongMeridian = distance(point[0], point[1], point[0], center[1]);
      for (const nudge of [-1, 0, 1]) {
        const radius = nudge === 0 ? meters : meters * (1 + nudge * 2 ** -52);
        const circle = { kind: 'radius', ...at(center), conversion: 1, radius } as const;
        expect(distanceInShape(circle, ...point)).toBe(meters > radius ? undefined : meters);
        const width = 2 * (nudge === 0 ? alongParallel : alongParallel * (1 + nudge * 2 ** -52));
        const height = 2 * alongMeridian * 1.5;
        const box = { kind: 'box', ...at(center), conversion: 1, width, height } as const;
        expect(distanceInShape(box, ...point)).toBe(alongParallel > width / 2 ? undefined : meters);
        compared += 2;
      }
    }
    expect(compared).toBe(12_000);
  });
});

function at([longitude, latitude]: readonly [number, number]) {
  return { longitude, latitude };
}
