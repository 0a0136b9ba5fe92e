/**
 * Turns the syntax tree into JavaScript closures, one per node, that run
 * against a frame (the function's local slots, its upvalue boxes and its
 * extra arguments). A local that a closure captures lives in a box made
 * each time its declaration runs, so every loop turn gets its own, as in
 * Lua; other locals live in the slot itself.
 *
 * Statements return undefined to go on, BREAK, or the array of values a
 * `return` gives. Each loop turn and call counts a step (call-stack.ts),
 * so a script that runs too long is stopped.
 *
 * @module
 */

import type { Block, Expr, FunctionNode, LocalDecl, Stat, Target } from './ast.js';
import { callStack } from './call-stack.js';
import type { ChunkName } from './chunk-name.js';
import { sharedZero } from './constants.js';
import {
  arith,
  call,
  concat,
  equals,
  errorAt,
  index,
  length,
  lessEqual,
  lessThan,
  NO_VALUES,
  negate,
  setIndex,
} from './operations.js';
import { invalidKey, LuaTable, sizeHint, stringHash } from './table.js';
import { LuaError, type LuaFunction, nanOf, negateNumber, toNumber } from './value.js';
import { oneValue, valueSlots } from './value-array.js';

interface Box {
  v: unknown;
}

interface Frame {
  readonly slots: unknown[];
  readonly upvals: Box[];
  varargs: unknown[];
}

type ExprCode = (f: Frame) => unknown;
type MultiCode = (f: Frame) => unknown[];
type StatCode = (f: Frame) => Signal;
type Signal = undefined | typeof BREAK | unknown[] | TailCall;

const BREAK = Symbol('break');

// A Lua closure's own entry (ENTER): runs its body in the call stack's
// slot `depth` without taking a new one, for a tail call.
type Enter = (args: unknown[], depth: number) => unknown[] | TailCall;
const ENTER = Symbol('enter');
type TailCallable = LuaFunction & { [ENTER]?: Enter };

/**
 * `return f(args)` with f a Lua function: Lua 5.1 runs f in place of the
 * returning function (OP_TAILCALL reuses its frame), so tail recursion
 * never deepens the stack and runs until the script's time limit, as in
 * Redis. The return statement hands this to the function's entry, which
 * runs f there (see function()).
 */
class TailCall {
  constructor(
    readonly enter: Enter,
    readonly args: unknown[],
  ) {}
}

/** Lua 5.1's LFIELDS_PER_FLUSH: a constructor stores positional values 50 at a time. */
const FIELDS_PER_FLUSH = 50;

/**
 * The most nested Lua calls. Lua 5.1 allows about 20,000; each call here
 * is several JavaScript frames, and Node's stack held 1,200 (with a
 * metamethod, pcall and redis.call at the bottom) but not 1,500 on a
 * cold server: 1,000 leaves a margin. Past it: "stack overflow", as Lua.
 */
export const MAX_CALL_DEPTH = 1000;

/**
 * Compiles a parsed chunk into a function that runs it with `globals` as
 * its environment; its errors are positioned with `name`.
 */
export function compileChunk(main: FunctionNode, globals: LuaTable, name: ChunkName): LuaFunction {
  const compiler = new Compiler(globals, name);
  const make = compiler.function(main);
  return make({ slots: [], upvals: [], varargs: NO_VALUES });
}

// How an expression is named in error messages (Lua's getobjname).
function describe(expr: Expr): string {
  switch (expr.kind) {
    case 'name':
      return `${expr.ref.kind} '${expr.name}'`;
    case 'index':
      // Lua names a key that is not a constant string '?'.
      return `field '${expr.key.kind === 'string' ? expr.key.value : '?'}'`;
    case 'method':
      return `method '${expr.name}'`;
    default:
      return '';
  }
}

// The name a call gives its function, as Lua's getfuncname finds it (for
// argument errors): a variable's or a field's name, else none.
function calleeName(expr: Expr): string | undefined {
  if (expr.kind === 'name') return expr.name;
  if (expr.kind === 'index' && expr.key.kind === 'string') return expr.key.value;
  return undefined;
}

function isMulti(expr: Expr): boolean {
  return expr.kind === 'call' || expr.kind === 'method' || expr.kind === 'vararg';
}

class Compiler {
  readonly #globals: LuaTable;
  readonly #chunk: ChunkName;
  // See function().
  #zero: number | undefined;

  constructor(globals: LuaTable, chunk: ChunkName) {
    this.#globals = globals;
    this.#chunk = chunk;
  }

  /** A function node into a maker: given the enclosing frame, a new closure. */
  function(node: FunctionNode): (outer: Frame) => LuaFunction {
    // The zero this function's zero numerals read (constants.ts); the
    // enclosing function's again once this one is compiled.
    const enclosingZero = this.#zero;
    this.#zero = sharedZero(node);
    const body = this.#block(node.body);
    this.#zero = enclosingZero;
    const params = node.params;
    const count = params.length;
    const slots = node.slots;
    const isVararg = node.isVararg;
    const compatArg = node.compatArg;
    const line = node.line;
    const chunk = this.#chunk;
    const sources = node.upvalues;
    return (outer) => {
      const upvals: Box[] = sources.map((source) =>
        'fromLocal' in source
          ? (outer.slots[source.fromLocal.slot] as Box)
          : outer.upvals[source.fromUpvalue]!,
      );
      const enter: Enter = (args, depth) => {
        const frame: Frame = { slots: new Array(slots), upvals, varargs: NO_VALUES };
        for (let i = 0; i < count; i++) {
          const decl = params[i]!;
          frame.slots[decl.slot] = decl.captured ? { v: args[i] } : args[i];
        }
        if (isVararg && args.length > count) frame.varargs = args.slice(count);
        if (compatArg !== undefined) {
          // adjust_varargs: the extra arguments, then n (their count).
          const extra = frame.varargs;
          const table = new LuaTable(extra.length, 1);
          for (let i = 0; i < extra.length; i++) table.set(i + 1, extra[i]);
          table.set('n', extra.length);
          frame.slots[compatArg.slot] = compatArg.captured ? { v: table } : table;
        }
        callStack.lines[depth] = line;
        callStack.chunks[depth] = chunk;
        const result = body(frame);
        return result === undefined || result === BREAK ? NO_VALUES : result;
      };
      const closure: LuaFunction = (args) => {
        if (callStack.depth >= MAX_CALL_DEPTH) throw new LuaError('stack overflow', 1);
        callStack.step();
        const depth = ++callStack.depth;
        callStack.tailCalls[depth] = 0;
        try {
          let result = enter(args, depth);
          // Tail calls run here, one after another in this same slot:
          // each is a level Lua's debug info reports as lost.
          while (result instanceof TailCall) {
            callStack.step();
            callStack.tailCalls[depth]!++;
            result = result.enter(result.args, depth);
          }
          return result;
        } finally {
          callStack.depth = depth - 1;
        }
      };
      (closure as TailCallable)[ENTER] = enter;
      return closure;
    };
  }

  #block(block: Block): StatCode {
    const stats = block.map((stat) => this.#stat(stat));
    if (stats.length === 0) return () => undefined;
    if (stats.length === 1) return stats[0]!;
    return (f) => {
      for (let i = 0; i < stats.length; i++) {
        const signal = stats[i]!(f);
        if (signal !== undefined) return signal;
      }
      return undefined;
    };
  }

  #stat(stat: Stat): StatCode {
    switch (stat.kind) {
      case 'local':
        return this.#local(stat.decls, stat.values);
      case 'assign':
        return this.#assign(stat.targets, stat.values, stat.line);
      case 'callstat': {
        const code = this.#multi(stat.call);
        return (f) => {
          code(f);
          return undefined;
        };
      }
      case 'do':
        return this.#block(stat.body);
      case 'while': {
        const cond = this.#expr(stat.cond);
        const body = this.#block(stat.body);
        return (f) => {
          while (truthy(cond(f))) {
            callStack.step();
            const signal = body(f);
            if (signal !== undefined) return signal === BREAK ? undefined : signal;
          }
          return undefined;
        };
      }
      case 'repeat': {
        const cond = this.#expr(stat.cond);
        const body = this.#block(stat.body);
        return (f) => {
          do {
            callStack.step();
            const signal = body(f);
            if (signal !== undefined) return signal === BREAK ? undefined : signal;
          } while (!truthy(cond(f)));
          return undefined;
        };
      }
      case 'if': {
        const conds = stat.clauses.map((clause) => this.#expr(clause.cond));
        const bodies = stat.clauses.map((clause) => this.#block(clause.body));
        const orelse = stat.orelse === undefined ? undefined : this.#block(stat.orelse);
        if (conds.length === 1) {
          const cond = conds[0]!;
          const body = bodies[0]!;
          return (f) => (truthy(cond(f)) ? body(f) : orelse?.(f));
        }
        return (f) => {
          for (let i = 0; i < conds.length; i++) if (truthy(conds[i]!(f))) return bodies[i]!(f);
          return orelse?.(f);
        };
      }
      case 'numfor':
        return this.#numericFor(stat);
      case 'genfor':
        return this.#genericFor(stat);
      case 'localfunction': {
        const make = this.function(stat.func);
        const { slot, captured } = stat.decl;
        return (f) => {
          // The box exists before the closure, so the function sees itself.
          if (captured) {
            const box: Box = { v: undefined };
            f.slots[slot] = box;
            box.v = make(f);
          } else {
            f.slots[slot] = make(f);
          }
          return undefined;
        };
      }
      case 'return': {
        const only = stat.values.length === 1 ? stat.values[0]! : undefined;
        if (only !== undefined && (only.kind === 'call' || only.kind === 'method'))
          return this.#tailCall(only);
        if (stat.values.length === 1 && !isMulti(stat.values[0]!)) {
          const value = this.#expr(stat.values[0]!);
          return (f) => [value(f)];
        }
        const values = this.#list(stat.values);
        return (f) => values(f);
      }
      case 'break':
        return () => BREAK;
    }
  }

  #local(decls: readonly LocalDecl[], values: readonly Expr[]): StatCode {
    if (decls.length === 1 && values.length <= 1 && (values.length === 0 || !isMulti(values[0]!))) {
      const { slot, captured } = decls[0]!;
      const value = values.length === 0 ? () => undefined : this.#expr(values[0]!);
      if (captured)
        return (f) => {
          f.slots[slot] = { v: value(f) };
          return undefined;
        };
      return (f) => {
        f.slots[slot] = value(f);
        return undefined;
      };
    }
    const list = this.#list(values);
    return (f) => {
      const results = list(f);
      for (let i = 0; i < decls.length; i++) {
        const decl = decls[i]!;
        f.slots[decl.slot] = decl.captured ? { v: results[i] } : results[i];
      }
      return undefined;
    };
  }

  // A setter for one target: it evaluates the target's table and key when
  // `prepare` runs (before the right-hand side, as Lua does), and assigns later.
  #setter(
    target: Target,
    line: number,
  ): {
    prepare: (f: Frame) => unknown;
    assign: (f: Frame, prepared: unknown, value: unknown) => void;
  } {
    if (target.kind === 'name') {
      const ref = target.ref;
      const name = target.name;
      const prepare = () => undefined;
      if (ref.kind === 'local') {
        const { slot, captured } = ref.decl;
        return {
          prepare,
          assign: captured
            ? (f, _, value) => {
                (f.slots[slot] as Box).v = value;
              }
            : (f, _, value) => {
                f.slots[slot] = value;
              },
        };
      }
      if (ref.kind === 'upvalue') {
        const at = ref.index;
        return {
          prepare,
          assign: (f, _, value) => {
            f.upvals[at]!.v = value;
          },
        };
      }
      const globals = this.#globals;
      return { prepare, assign: (_, __, value) => setIndex(globals, name, value, line, '') };
    }
    const object = this.#expr(target.object);
    const key = this.#expr(target.key);
    const what = describe(target.object);
    return {
      prepare: (f) => [object(f), key(f)],
      assign: (_, prepared, value) => {
        const [o, k] = prepared as [unknown, unknown];
        setIndex(o, k, value, line, what);
      },
    };
  }

  #assign(targets: readonly Target[], values: readonly Expr[], line: number): StatCode {
    if (targets.length === 1 && values.length === 1 && !isMulti(values[0]!)) {
      const target = targets[0]!;
      const value = this.#expr(values[0]!);
      if (target.kind === 'index') {
        const object = this.#expr(target.object);
        const key = this.#expr(target.key);
        const what = describe(target.object);
        return (f) => {
          const o = object(f);
          const k = key(f);
          const v = value(f);
          // A plain table without a metatable: set it here.
          if (
            o instanceof LuaTable &&
            o.metatable === undefined &&
            !o.readonly &&
            k !== undefined &&
            !Number.isNaN(k)
          )
            o.set(k, v);
          else setIndex(o, k, v, line, what);
          return undefined;
        };
      }
      const setter = this.#setter(target, line);
      return (f) => {
        setter.assign(f, undefined, value(f));
        return undefined;
      };
    }
    const setters = targets.map((target) => this.#setter(target, line));
    const list = this.#list(values);
    return (f) => {
      const prepared = setters.map((setter) => setter.prepare(f));
      const results = list(f);
      // Lua 5.1 assigns right to left.
      for (let i = setters.length - 1; i >= 0; i--) setters[i]!.assign(f, prepared[i], results[i]);
      return undefined;
    };
  }

  #numericFor(stat: Extract<Stat, { kind: 'numfor' }>): StatCode {
    const start = this.#expr(stat.start);
    const limit = this.#expr(stat.limit);
    const step = stat.step === undefined ? () => 1 : this.#expr(stat.step);
    const body = this.#block(stat.body);
    const { slot, captured } = stat.decl;
    const line = stat.line;
    return (f) => {
      const from = toNumber(start(f));
      if (from === undefined) errorAt(line, "'for' initial value must be a number");
      const to = toNumber(limit(f));
      if (to === undefined) errorAt(line, "'for' limit must be a number");
      const by = toNumber(step(f));
      if (by === undefined) errorAt(line, "'for' step must be a number");
      const slots = f.slots;
      callStack.lines[callStack.depth] = line;
      // As FORPREP and FORLOOP: start at init - step and add the step
      // before each test, so the rounding is Lua's (for x = 1/3, 1/3, 3
      // runs no turn).
      const up = 0 < by!;
      for (let i = from! - by! + by!; up ? i <= to! : to! <= i; i += by!) {
        callStack.step();
        slots[slot] = captured ? { v: i } : i;
        const signal = body(f);
        if (signal !== undefined) return signal === BREAK ? undefined : signal;
      }
      return undefined;
    };
  }

  #genericFor(stat: Extract<Stat, { kind: 'genfor' }>): StatCode {
    const list = this.#list(stat.exprs);
    const body = this.#block(stat.body);
    const decls = stat.decls;
    const line = stat.line;
    return (f) => {
      const [iterator, state, initial] = list(f);
      let control = initial;
      const slots = f.slots;
      for (;;) {
        callStack.step();
        callStack.lines[callStack.depth] = line;
        // Lua 5.1 names the iterator by its hidden local.
        callStack.callee = '(for generator)';
        callStack.calleeIsMethod = false;
        callStack.nativeCaller = false;
        const results = call(iterator, [state, control], line, '');
        control = results[0];
        if (control === undefined) return undefined;
        for (let i = 0; i < decls.length; i++) {
          const decl = decls[i]!;
          slots[decl.slot] = decl.captured ? { v: results[i] } : results[i];
        }
        const signal = body(f);
        if (signal !== undefined) return signal === BREAK ? undefined : signal;
      }
    };
  }

  // An expression list, adjusted as Lua does: every value but the last
  // cut to one, the last expanded when it is a call or '...'.
  #list(exprs: readonly Expr[]): MultiCode {
    if (exprs.length === 0) return () => NO_VALUES;
    const last = exprs[exprs.length - 1]!;
    const firsts = exprs.slice(0, -1).map((expr) => this.#expr(expr));
    if (isMulti(last)) {
      const tail = this.#multi(last);
      if (firsts.length === 0) return tail;
      return (f) => {
        const values = valueSlots(firsts.length);
        for (let i = 0; i < firsts.length; i++) values[i] = firsts[i]!(f);
        const rest = tail(f);
        for (let i = 0; i < rest.length; i++) values.push(rest[i]);
        return values;
      };
    }
    const codes = [...firsts, this.#expr(last)];
    if (codes.length === 1) {
      const only = codes[0]!;
      return (f) => oneValue(only(f));
    }
    return (f) => {
      const values = valueSlots(codes.length);
      for (let i = 0; i < codes.length; i++) values[i] = codes[i]!(f);
      return values;
    };
  }

  // `return f(args)` or `return o:m(args)`: a TailCall when the callee is
  // a Lua function; a native one (redis.call) is simply called, as Lua
  // 5.1's OP_TAILCALL calls a C function in place.
  #tailCall(expr: Extract<Expr, { kind: 'call' } | { kind: 'method' }>): StatCode {
    const args = this.#list(expr.args);
    const line = expr.line;
    const tail = (fn: unknown, values: unknown[], what: string): unknown[] | TailCall => {
      const enter = typeof fn === 'function' ? (fn as TailCallable)[ENTER] : undefined;
      if (enter !== undefined) return new TailCall(enter, values);
      return typeof fn === 'function' ? (fn as LuaFunction)(values) : call(fn, values, line, what);
    };
    if (expr.kind === 'call') {
      const callee = this.#expr(expr.callee);
      const what = describe(expr.callee);
      const name = calleeName(expr.callee);
      return (f) => {
        const fn = callee(f);
        const values = args(f);
        callStack.lines[callStack.depth] = line;
        callStack.callee = name;
        callStack.calleeIsMethod = false;
        callStack.nativeCaller = false;
        return tail(fn, values, what);
      };
    }
    const object = this.#expr(expr.object);
    const name = expr.name;
    const what = describe(expr.object);
    const methodWhat = `method '${name}'`;
    return (f) => {
      const self = object(f);
      const fn = index(self, name, line, what);
      const values = args(f);
      callStack.lines[callStack.depth] = line;
      callStack.callee = name;
      callStack.calleeIsMethod = true;
      callStack.nativeCaller = false;
      return tail(fn, [self, ...values], methodWhat);
    };
  }

  // A call or '...' with all its values.
  #multi(expr: Expr): MultiCode {
    switch (expr.kind) {
      case 'vararg':
        return (f) => f.varargs;
      case 'call': {
        const callee = this.#expr(expr.callee);
        const args = this.#list(expr.args);
        const line = expr.line;
        const what = describe(expr.callee);
        const name = calleeName(expr.callee);
        return (f) => {
          const fn = callee(f);
          const values = args(f);
          callStack.lines[callStack.depth] = line;
          callStack.callee = name;
          callStack.calleeIsMethod = false;
          callStack.nativeCaller = false;
          if (typeof fn === 'function') return (fn as LuaFunction)(values);
          return call(fn, values, line, what);
        };
      }
      case 'method': {
        const object = this.#expr(expr.object);
        const args = this.#list(expr.args);
        const name = expr.name;
        const line = expr.line;
        const what = describe(expr.object);
        const methodWhat = `method '${name}'`;
        return (f) => {
          const self = object(f);
          const fn = index(self, name, line, what);
          const values = args(f);
          callStack.lines[callStack.depth] = line;
          callStack.callee = name;
          callStack.calleeIsMethod = true;
          callStack.nativeCaller = false;
          return call(fn, [self, ...values], line, methodWhat);
        };
      }
      default: {
        const code = this.#expr(expr);
        return (f) => [code(f)];
      }
    }
  }

  #expr(expr: Expr): ExprCode {
    switch (expr.kind) {
      case 'nil':
        return () => undefined;
      case 'true':
        return () => true;
      case 'false':
        return () => false;
      case 'number': {
        // 0 and -0 are one constant of the function (constants.ts).
        const value = expr.value === 0 ? (this.#zero ?? expr.value) : expr.value;
        return () => value;
      }
      case 'string': {
        const value = expr.value;
        return () => value;
      }
      case 'vararg':
        return (f) => f.varargs[0];
      case 'function': {
        const make = this.function(expr);
        return (f) => make(f);
      }
      case 'table':
        return this.#table(expr);
      case 'name': {
        const ref = expr.ref;
        if (ref.kind === 'local') {
          const slot = ref.decl.slot;
          return ref.decl.captured ? (f) => (f.slots[slot] as Box).v : (f) => f.slots[slot];
        }
        if (ref.kind === 'upvalue') {
          const at = ref.index;
          return (f) => f.upvals[at]!.v;
        }
        const globals = this.#globals;
        const name = expr.name;
        const hash = stringHash(name);
        const line = expr.line;
        return () => {
          const value = globals.getStringHashed(name, hash);
          return value !== undefined ? value : index(globals, name, line, '');
        };
      }
      case 'index': {
        const object = this.#expr(expr.object);
        const line = expr.line;
        const what = describe(expr.object);
        if (expr.key.kind === 'string') {
          const key = expr.key.value;
          const hash = stringHash(key);
          return (f) => {
            const o = object(f);
            if (o instanceof LuaTable) {
              const value = o.getStringHashed(key, hash);
              if (value !== undefined || o.metatable === undefined) return value;
            }
            return index(o, key, line, what);
          };
        }
        const key = this.#expr(expr.key);
        return (f) => {
          const o = object(f);
          const k = key(f);
          if (o instanceof LuaTable) {
            const value = o.get(k);
            if (value !== undefined || o.metatable === undefined) return value;
          }
          return index(o, k, line, what);
        };
      }
      case 'call':
      case 'method': {
        const code = this.#multi(expr);
        return (f) => code(f)[0];
      }
      case 'paren': {
        const code = this.#multi(expr.expr);
        return (f) => code(f)[0];
      }
      case 'unary':
        return this.#unary(expr);
      case 'binary':
        return this.#binary(expr);
    }
  }

  #unary(expr: Extract<Expr, { kind: 'unary' }>): ExprCode {
    const operand = this.#expr(expr.operand);
    const line = expr.line;
    const what = describe(expr.operand);
    switch (expr.op) {
      case 'not':
        return (f) => !truthy(operand(f));
      case '-':
        return (f) => {
          const value = operand(f);
          // A NaN's sign is flipped by negateNumber (see value.ts's nanOf).
          if (typeof value === 'number') return Number.isNaN(value) ? negateNumber(value) : -value;
          return negate(value, line, what);
        };
      default:
        return (f) => length(operand(f), line, what);
    }
  }

  #binary(expr: Extract<Expr, { kind: 'binary' }>): ExprCode {
    const left = this.#expr(expr.left);
    const right = this.#expr(expr.right);
    const line = expr.line;
    const op = expr.op;
    const whatLeft = describe(expr.left);
    const whatRight = describe(expr.right);
    switch (op) {
      case 'and':
        return (f) => {
          const a = left(f);
          return truthy(a) ? right(f) : a;
        };
      case 'or':
        return (f) => {
          const a = left(f);
          return truthy(a) ? a : right(f);
        };
      case '+':
        return (f) => {
          const a = left(f);
          const b = right(f);
          if (typeof a === 'number' && typeof b === 'number') {
            const result = a + b;
            return Number.isNaN(result) ? nanOf(a, b) : result;
          }
          return arith(op, a, b, line, whatLeft, whatRight);
        };
      case '-':
        return (f) => {
          const a = left(f);
          const b = right(f);
          if (typeof a === 'number' && typeof b === 'number') {
            const result = a - b;
            return Number.isNaN(result) ? nanOf(a, b) : result;
          }
          return arith(op, a, b, line, whatLeft, whatRight);
        };
      case '*':
        return (f) => {
          const a = left(f);
          const b = right(f);
          if (typeof a === 'number' && typeof b === 'number') {
            const result = a * b;
            return Number.isNaN(result) ? nanOf(a, b) : result;
          }
          return arith(op, a, b, line, whatLeft, whatRight);
        };
      case '/':
      case '%':
      case '^':
        return (f) => arith(op, left(f), right(f), line, whatLeft, whatRight);
      case '..':
        return (f) => {
          const a = left(f);
          const b = right(f);
          return typeof a === 'string' && typeof b === 'string'
            ? a + b
            : concat(a, b, line, whatLeft, whatRight);
        };
      case '==':
        return (f) => equals(left(f), right(f), line);
      case '~=':
        return (f) => !equals(left(f), right(f), line);
      case '<':
        return (f) => {
          const a = left(f);
          const b = right(f);
          return typeof a === 'number' && typeof b === 'number' ? a < b : lessThan(a, b, line);
        };
      case '<=':
        return (f) => {
          const a = left(f);
          const b = right(f);
          return typeof a === 'number' && typeof b === 'number' ? a <= b : lessEqual(a, b, line);
        };
      case '>':
        return (f) => {
          const a = left(f);
          const b = right(f);
          return typeof a === 'number' && typeof b === 'number' ? a > b : lessThan(b, a, line);
        };
      default:
        return (f) => {
          const a = left(f);
          const b = right(f);
          return typeof a === 'number' && typeof b === 'number' ? a >= b : lessEqual(b, a, line);
        };
    }
  }

  #table(expr: Extract<Expr, { kind: 'table' }>): ExprCode {
    const items = expr.items;
    const line = expr.line;
    const lastItem = items[items.length - 1];
    const expandLast =
      lastItem !== undefined && lastItem.key === undefined && isMulti(lastItem.value);
    const codes = items.map((item, i) => ({
      key: item.key === undefined ? undefined : this.#expr(item.key),
      value: i === items.length - 1 && expandLast ? undefined : this.#expr(item.value),
    }));
    const tail = expandLast ? this.#multi(lastItem!.value) : undefined;
    // The sizes Lua's NEWTABLE gets: positional items (a last call's
    // values not counted) and keyed ones, each rounded as its bytecode
    // stores it. They decide the layout, and so the order `pairs` sees.
    const positional = items.filter((item) => item.key === undefined).length - (expandLast ? 1 : 0);
    const arraySize = sizeHint(positional);
    const hashSize = sizeHint(items.length - positional - (expandLast ? 1 : 0));
    return (f) => {
      const table = new LuaTable(arraySize, hashSize);
      // Positional values wait, as in Lua's registers, and are stored by
      // SETLIST 50 at a time (last first, the array grown to fit); keyed
      // ones are set as they come.
      let pending: unknown[] = [];
      let stored = 0;
      const flush = (values: unknown[]) => {
        const last = stored + values.length;
        if (last > table.array.length) table.resizeArray(last);
        for (let i = values.length - 1; i >= 0; i--) table.set(stored + i + 1, values[i]);
        stored = last;
      };
      for (let i = 0; i < codes.length; i++) {
        if (pending.length === FIELDS_PER_FLUSH) {
          flush(pending);
          pending = [];
        }
        const code = codes[i]!;
        if (code.value === undefined) {
          const rest = tail!(f);
          for (let j = 0; j < rest.length; j++) pending.push(rest[j]);
        } else if (code.key === undefined) {
          pending.push(code.value(f));
        } else {
          const key = code.key(f);
          const value = code.value(f);
          const invalid = invalidKey(key);
          if (invalid !== undefined) errorAt(line, invalid);
          table.set(key, value);
        }
      }
      if (pending.length > 0) flush(pending);
      return table;
    };
  }
}

function truthy(value: unknown): boolean {
  return value !== undefined && value !== false;
}
