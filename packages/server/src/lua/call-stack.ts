/**
 * The interpreter's running state that errors need to see: which Lua
 * function is innermost (`depth`), the line each one is at and the chunk
 * it came from (for positions: "user_script:3:"), and the step count and deadline
 * that stop a script that runs too long.
 *
 * One per process: scripts run synchronously, one at a time, so a module
 * object is simplest (and LuaError's constructor, far from any state,
 * can read it to position a native function's error as luaL_error does).
 *
 * @module
 */

import type { ChunkName } from './chunk-name.js';

/** Thrown when a script passes its deadline; `pcall` cannot catch it. */
export class ScriptTimeout extends Error {
  /** The innermost Lua line running when it was stopped. */
  readonly line: number;
  /** That function's chunk, as loaded ("@user_script"); undefined outside Lua code. */
  readonly source: string | undefined;
  constructor(line: number, source: string | undefined) {
    super('script timed out');
    this.line = line;
    this.source = source;
  }
}

/** How many loop iterations and calls pass between two looks at the clock. */
const STEPS_BETWEEN_CLOCK_CHECKS = 1 << 14;

export const callStack = {
  /** The innermost running Lua function's level (1: the main chunk; 0: none). */
  depth: 0,
  /** `lines[level]`: the line the function at that level is running. */
  lines: [0] as number[],
  /** `chunks[level]`: the chunk the function at that level was loaded from. */
  chunks: [] as ChunkName[],
  /**
   * `tailCalls[level]`: how many tail calls ran in that level's place
   * (compiler.ts): Lua 5.1 counts each as a level of its own, lost, with
   * no position.
   */
  tailCalls: [0] as number[],
  /**
   * The name the running native function was called by (`max` for
   * math.max(...), `f` for a local f), or undefined when Lua cannot tell
   * (a metamethod, or a call from another native function): argument
   * errors name it, or '?', as Lua 5.1's luaL_argerror does.
   */
  callee: undefined as string | undefined,
  /** Whether that call was a method call (`s:rep()`): argument numbers then skip self. */
  calleeIsMethod: false,
  /**
   * Whether the running native function was called by another native
   * (pcall(f), table.sort's comparator): its errors then carry no
   * position, since its caller has no line.
   */
  nativeCaller: false,
  steps: 0,
  /** Date.now() past which the script is stopped (Infinity: never). */
  deadline: Number.POSITIVE_INFINITY,

  /**
   * Counts a step (a loop turn or a call) and, every few thousand, looks
   * at the clock.
   * @throws ScriptTimeout past the deadline.
   */
  step(): void {
    if (++this.steps < STEPS_BETWEEN_CLOCK_CHECKS) return;
    this.steps = 0;
    if (Date.now() > this.deadline)
      throw new ScriptTimeout(this.lines[this.depth] ?? 0, this.chunks[this.depth]?.source);
  },

  /** "chunk:line: " for the function `level` levels out from the innermost (1), or "" outside Lua code. */
  where(level: number): string {
    // A native caller (pcall) is a level of its own, with no line.
    if (this.nativeCaller) {
      if (level === 1) return '';
      level--;
    }
    if (level <= 0) return '';
    // Level 1 is the innermost function; out from each function come the
    // tail calls lost in its place (lua_getstack's ci->tailcalls), then
    // the function that called it.
    let at = this.depth;
    while (level > 1 && at >= 1) {
      const lost = this.tailCalls[at] ?? 0;
      if (level - 1 <= lost) return '';
      level -= 1 + lost;
      at--;
    }
    if (at < 1) return '';
    return `${this.chunks[at]!.short}:${this.lines[at]}: `;
  },
};
