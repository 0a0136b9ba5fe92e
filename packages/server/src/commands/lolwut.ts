/**
 * LOLWUT: Redis's piece of computer art for each version, as Redis 7.0
 * draws it. Version 7 (the default) is the version line alone; VERSION 5
 * is Georg Nees's "Schotter" (squares that tumble more the lower they
 * are) in Braille characters; VERSION 6 is a skyline of 8-bit
 * skyscrapers in terminal colours. The randomness is Redis's too: rows
 * below the second of Schotter, and all of the skyline, differ per call.
 *
 * ```text
 * LOLWUT [VERSION version] [args ...]
 * ```
 *
 * @module
 */

import type { RequestArgs } from '@mini-redis/resp';
import { type Command, NO_KEYS } from '../command.js';
import { CommandError, Replies } from '../errors.js';
import { toInteger } from '../internal/args.js';

// C's rand(): 0 .. RAND_MAX.
const RAND_MAX = 2147483647;
const rand = () => Math.floor(Math.random() * (RAND_MAX + 1));
// C's float: every stored float is rounded to single precision.
const float = Math.fround;

/** A canvas of pixels holding colours (0 = nothing drawn), as Redis's lwCanvas. */
class Canvas {
  readonly pixels: Uint8Array;
  constructor(
    readonly width: number,
    readonly height: number,
    background = 0,
  ) {
    this.pixels = new Uint8Array(width * height).fill(background);
  }
  draw(x: number, y: number, color: number): void {
    if (x < 0 || x >= this.width || y < 0 || y >= this.height) return;
    this.pixels[x + y * this.width] = color;
  }
  get(x: number, y: number): number {
    if (x < 0 || x >= this.width || y < 0 || y >= this.height) return 0;
    return this.pixels[x + y * this.width]!;
  }
  // Bresenham's line, as lwDrawLine.
  line(x1: number, y1: number, x2: number, y2: number, color: number): void {
    const dx = Math.abs(x2 - x1);
    const dy = Math.abs(y2 - y1);
    const sx = x1 < x2 ? 1 : -1;
    const sy = y1 < y2 ? 1 : -1;
    let err = dx - dy;
    for (;;) {
      this.draw(x1, y1, color);
      if (x1 === x2 && y1 === y2) return;
      const e2 = err * 2;
      if (e2 > -dy) {
        err -= dy;
        x1 += sx;
      }
      if (e2 < dx) {
        err += dx;
        y1 += sy;
      }
    }
  }
  // A square of side `size` centred on x,y and turned by `angle`: its
  // corners on a circle, as lwDrawSquare (C's float arithmetic kept).
  square(x: number, y: number, size: number, angle: number, color: number): void {
    // biome-ignore lint/suspicious/noApproximativeNumericConstant: Redis's own constant, not Math.SQRT2: the drawing must round as Redis's does.
    let side = float(size / 1.4142135623);
    side = float(Math.round(side));
    const px: number[] = [];
    const py: number[] = [];
    let k = float(Math.PI / 4 + angle);
    for (let j = 0; j < 4; j++) {
      px.push(cRound(Math.sin(k) * side + x));
      py.push(cRound(Math.cos(k) * side + y));
      k = float(k + Math.PI / 2);
    }
    for (let j = 0; j < 4; j++)
      this.line(px[j]!, py[j]!, px[(j + 1) % 4]!, py[(j + 1) % 4]!, color);
  }
}

// C's round(): halves away from zero (Math.round rounds them up).
function cRound(value: number): number {
  return Math.sign(value) * Math.round(Math.abs(value));
}

// Version 5: Schotter, drawn on a canvas twice as wide as `cols`.
function schotter(cols: number, perRow: number, perColumn: number): Canvas {
  const width = cols * 2;
  const padding = width > 4 ? 2 : 0;
  const side = float((width - padding * 2) / perRow);
  const canvas = new Canvas(width, Math.trunc(float(float(side * perColumn) + padding * 2)));
  for (let y = 0; y < perColumn; y++) {
    for (let x = 0; x < perRow; x++) {
      let sx = Math.trunc(float(float(float(x * side) + float(side / 2)) + padding));
      let sy = Math.trunc(float(float(float(y * side) + float(side / 2)) + padding));
      let angle = 0;
      // Tumbling as the rows go down: Redis's rand() calls, in its order.
      if (y > 1) {
        let r1 = float(float(float(rand() / RAND_MAX) / perColumn) * y);
        let r2 = float(float(float(rand() / RAND_MAX) / perColumn) * y);
        let r3 = float(float(float(rand() / RAND_MAX) / perColumn) * y);
        if (rand() % 2) r1 = -r1;
        if (rand() % 2) r2 = -r2;
        if (rand() % 2) r3 = -r3;
        angle = r1;
        sx = Math.trunc(float(sx + float(float(r2 * side) / 3)));
        sy = Math.trunc(float(sy + float(float(r3 * side) / 3)));
      }
      canvas.square(sx, sy, side, angle, 1);
    }
  }
  return canvas;
}

// Each 2x4 block of pixels as one Braille character (U+2800 + its dots).
function renderBraille(canvas: Canvas): string {
  let text = '';
  for (let y = 0; y < canvas.height; y += 4) {
    for (let x = 0; x < canvas.width; x += 2) {
      let byte = 0;
      if (canvas.get(x, y)) byte |= 1 << 0;
      if (canvas.get(x, y + 1)) byte |= 1 << 1;
      if (canvas.get(x, y + 2)) byte |= 1 << 2;
      if (canvas.get(x + 1, y)) byte |= 1 << 3;
      if (canvas.get(x + 1, y + 1)) byte |= 1 << 4;
      if (canvas.get(x + 1, y + 2)) byte |= 1 << 5;
      if (canvas.get(x, y + 3)) byte |= 1 << 6;
      if (canvas.get(x + 1, y + 3)) byte |= 1 << 7;
      text += String.fromCharCode(0x2800 + byte);
    }
    if (y !== canvas.height - 1) text += '\n';
  }
  return text;
}

// Version 6: one skyscraper from the ground up; windows of the grey the
// building is not, two pixels wide.
function skyscraper(
  canvas: Canvas,
  building: { xoff: number; width: number; height: number; windows: boolean; color: number },
): void {
  const { xoff, width, height, windows } = building;
  const starty = canvas.height - 1;
  const endy = starty - height + 1;
  for (let y = starty; y >= endy; y--) {
    for (let x = xoff; x < xoff + width; x++) {
      // The roof is four pixels narrower.
      if (y === endy && (x <= xoff + 1 || x >= xoff + width - 2)) continue;
      let color = building.color;
      if (windows && x > xoff + 1 && x < xoff + width - 2 && y > endy + 1 && y < starty - 1) {
        const relx = x - (xoff + 1);
        const rely = y - (endy + 1);
        if (Math.trunc(relx / 2) % 2 && rely % 2) {
          do color = 1 + (rand() % 2);
          while (color === building.color);
          if (relx % 2) color = canvas.get(x - 1, y);
        }
      }
      canvas.draw(x, y, color);
    }
  }
}

// The skyline: two rows of grey buildings behind, black ones with windows in front.
function skyline(canvas: Canvas): void {
  const h = canvas.height;
  for (let color = 2; color >= 1; color--) {
    for (let offset = -10; offset < canvas.width; ) {
      offset += rand() % 8;
      const width = 10 + (rand() % 9);
      // C's `rand()%h/2`: the remainder first.
      const height =
        color === 2
          ? Math.trunc(h / 2) + Math.trunc((rand() % h) / 2)
          : Math.trunc(h / 2) + Math.trunc((rand() % h) / 3);
      skyscraper(canvas, { xoff: offset, width, height, windows: false, color });
      offset += color === 2 ? Math.trunc(width / 2) : width + 1;
    }
  }
  for (let offset = -10; offset < canvas.width; ) {
    offset += rand() % 8;
    let width = 5 + (rand() % 14);
    if (width % 4) width += width % 3;
    const height = Math.trunc(h / 3) + Math.trunc((rand() % h) / 2);
    skyscraper(canvas, { xoff: offset, width, height, windows: true, color: 0 });
    offset += width + 5;
  }
}

// The terminal's four greys, foreground and background both.
const GREYS = ['0;30;40m', '0;90;100m', '0;37;47m', '0;97;107m'];

function renderColours(canvas: Canvas): string {
  let text = '';
  for (let y = 0; y < canvas.height; y++) {
    for (let x = 0; x < canvas.width; x++)
      text += `\x1b[${GREYS[canvas.get(x, y)] ?? GREYS[0]} \x1b[0m`;
    if (y !== canvas.height - 1) text += '\n';
  }
  return text;
}

// An optional numeric argument, as getLongFromObjectOrReply reads it,
// then clamped to [min, max].
function numberArg(
  args: RequestArgs,
  i: number,
  fallback: number,
  min: number,
  max: number,
): number {
  if (i >= args.length) return fallback;
  const value = toInteger(args.latin1(i));
  if (value === undefined) throw new CommandError(Replies.notInteger);
  return Math.min(Math.max(Number(value), min), max);
}

export const lolwut: Command = {
  name: 'lolwut',
  arity: -1,
  flags: ['readonly', 'fast'],
  keys: NO_KEYS,
  execute({ reply, server }, args) {
    let version = server.version;
    let first = 1;
    if (args.length >= 3 && args.latin1(1).toLowerCase() === 'version') {
      const given = toInteger(args.latin1(2));
      if (given === undefined) throw new CommandError(Replies.notInteger);
      // C's `%u` of the number cast to an unsigned int.
      version = `${BigInt.asUintN(32, BigInt(given))}.0.0`;
      first = 3;
    }
    // Redis's choice: 4.9 and 5.x draw Schotter, 5.9 and 6.x the skyline.
    const [major, minor = ''] = version.split('.');
    const art =
      (major === '5' && !minor.startsWith('9')) || (major === '4' && minor.startsWith('9'))
        ? 5
        : (major === '6' && !minor.startsWith('9')) || (major === '5' && minor.startsWith('9'))
          ? 6
          : 0;
    let text: string;
    if (art === 5) {
      const cols = numberArg(args, first, 66, 1, 1000);
      const perRow = numberArg(args, first + 1, 8, 1, 200);
      const perColumn = numberArg(args, first + 2, 12, 1, 200);
      text = `${renderBraille(schotter(cols, perRow, perColumn))}\nGeorg Nees - schotter, plotter on paper, 1968. Redis ver. ${server.version}\n`;
    } else if (art === 6) {
      const cols = numberArg(args, first, 80, 1, 1000);
      const rows = numberArg(args, first + 1, 20, 1, 1000);
      const canvas = new Canvas(cols, rows, 3);
      skyline(canvas);
      text = `${renderColours(canvas)}\nDedicated to the 8 bit game developers of past and present.\nOriginal 8 bit image from Plaguemon by hikikomori. Redis ver. ${server.version}\n`;
    } else {
      text = `Redis ver. ${server.version}\n`;
    }
    reply.verbatim('txt', text);
  },
};
