// LOLWUT against a real redis-server: the same bytes wherever Redis's
// drawing does not depend on rand() (the default version line, Schotter
// with at most two rows of squares, every error), in RESP2 and RESP3;
// the same shape where it does (Schotter's tumbling rows, the skyline).
import { describe, expect, it } from 'vitest';
import { hasRedis, RawClient, useDifferentialServers } from './helpers.js';

const DETERMINISTIC: readonly (readonly string[])[] = [
  ['LOLWUT'],
  ['LOLWUT', 'foo', 'bar'],
  ['LOLWUT', 'VERSION'],
  ['LOLWUT', 'VERSION', '7'],
  ['LOLWUT', 'version', '4'],
  ['LOLWUT', 'VERSION', '-1'],
  ['LOLWUT', 'VERSION', 'x'],
  ['LOLWUT', 'VERSION', '5', 'x'],
  ['LOLWUT', 'VERSION', '6', '10', 'y'],
  ['LOLWUT', 'VERSION', '5', '10', '1', '1'],
  ['LOLWUT', 'VERSION', '5', '10', '3', '2'],
  ['LOLWUT', 'VERSION', '5', '66', '8', '2'],
  ['LOLWUT', 'VERSION', '5', '77', '13', '2'],
  ['LOLWUT', 'VERSION', '5', '40', '7', '1'],
  ['LOLWUT', 'VERSION', '5', '3', '1', '1'],
  ['LOLWUT', 'VERSION', '5', '1', '1', '1'],
  ['LOLWUT', 'VERSION', '5', '-5', '-5', '-5'],
  ['LOLWUT', 'VERSION', '5', '5000', '300', '2'],
];

// A line of the skyline: cells of one of the four greys.
const ESC = String.fromCharCode(27);
const GREY_CELLS = new RegExp(`^(${ESC}\\[0;(30;40|90;100|37;47|97;107)m ${ESC}\\[0m)*$`);

describe.skipIf(!hasRedis())('differential: LOLWUT', () => {
  const ports = useDifferentialServers();

  for (const protocol of ['2', '3']) {
    it(`draws what does not depend on chance byte for byte (RESP${protocol})`, async () => {
      const [theirs, mine] = await Promise.all([
        RawClient.connect(ports.redis),
        RawClient.connect(ports.ours),
      ]);
      try {
        for (const client of [theirs, mine]) {
          client.send([['HELLO', protocol]]);
          await client.read(1);
        }
        for (const command of DETERMINISTIC) {
          theirs.send([[...command]]);
          mine.send([[...command]]);
          const [expected, actual] = await Promise.all([theirs.read(1), mine.read(1)]);
          expect(actual, command.join(' ')).toBe(expected);
        }
      } finally {
        theirs.close();
        mine.close();
      }
    });
  }

  it('draws the random pieces in the same shape', async () => {
    // The text of a verbatim or bulk reply, decoded: its lines, the last
    // ones the caption (the same on both), the others the drawing.
    const lines = (reply: string) =>
      Buffer.from(reply.slice(reply.indexOf('\r\n') + 2, -2), 'latin1')
        .toString('utf8')
        .replace(/^txt:/, '')
        .split('\n');
    for (const [command, captionLines, cell] of [
      [['LOLWUT', 'VERSION', '5'], 1, /^[\u2800-\u28ff]*$/],
      [['LOLWUT', 'VERSION', '5', '30', '4', '6'], 1, /^[\u2800-\u28ff]*$/],
      [['LOLWUT', 'VERSION', '6'], 2, GREY_CELLS],
      [['LOLWUT', 'VERSION', '6', '33', '7'], 2, GREY_CELLS],
    ] as const) {
      const [theirs, mine] = await Promise.all([
        RawClient.connect(ports.redis),
        RawClient.connect(ports.ours),
      ]);
      try {
        theirs.send([[...command]]);
        mine.send([[...command]]);
        const [expected, actual] = (await Promise.all([theirs.read(1), mine.read(1)])).map(lines);
        const name = command.join(' ');
        // Cells per line: a Braille character, or a coloured space.
        const cells = (line: string) =>
          captionLines === 2 ? line.split(`${ESC}[0m`).length - 1 : [...line].length;
        const drawing = (all: string[]) => all.slice(0, -captionLines - 1).map(cells);
        expect(drawing(actual!), name).toEqual(drawing(expected!));
        expect(actual!.slice(-captionLines - 1), name).toEqual(expected!.slice(-captionLines - 1));
        for (const line of actual!.slice(0, -captionLines - 1)) expect(line, name).toMatch(cell);
      } finally {
        theirs.close();
        mine.close();
      }
    }
  });
});
