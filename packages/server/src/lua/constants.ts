/**
 * Where Lua 5.1's code generator shows through in what a script computes:
 * constant folding, and the constant table in which 0 and -0 are one
 * constant.
 *
 * Lua 5.1 (lcode.c) folds arithmetic on two numerals while compiling,
 * unless the divisor of `/` or `%` is zero or the result is NaN. Each
 * function then keeps its constants in a table keyed by value, where 0 and
 * -0 are the same key: the first of the two the code generator adds is the
 * one every later zero of the function reads. So in real Redis
 * `return tostring(0) .. tostring(-0)` gives "00", and
 * `local a = 0 return 1/-0` gives inf. The parser folds with
 * `foldNumerals`; the compiler asks `sharedZero` which zero a function's
 * numerals read.
 *
 * @module
 */

import type { Block, Expr, FunctionNode, Stat } from './ast.js';
import { arithmetic } from './operations.js';

const ARITHMETIC = new Set(['+', '-', '*', '/', '%', '^']);

/** A numeral's value, through parentheses (Lua keeps `(2)` a numeral); undefined for anything else. */
export function numeral(expr: Expr): number | undefined {
  if (expr.kind === 'number') return expr.value;
  if (expr.kind === 'paren') return numeral(expr.expr);
  return undefined;
}

/**
 * The value Lua 5.1 folds `left op right` (or `-left` when `right` is
 * undefined and `op` is '-') into while compiling, or undefined when it
 * does not fold it (an operand that is not a numeral, a zero divisor, a
 * NaN result, an operator that is not arithmetic).
 */
export function foldNumerals(op: string, left: Expr, right?: Expr): number | undefined {
  const x = numeral(left);
  if (x === undefined) return undefined;
  if (right === undefined) return op === '-' ? -x : undefined;
  const y = numeral(right);
  if (y === undefined || !ARITHMETIC.has(op)) return undefined;
  if ((op === '/' || op === '%') && y === 0) return undefined;
  const result = arithmetic(op, x, y);
  return Number.isNaN(result) ? undefined : result;
}

/**
 * The zero (0 or -0) that every zero numeral of `fn` reads: the first one
 * Lua's code generator adds to the function's constant table, or
 * undefined when it adds none. Nested functions have tables of their own.
 */
export function sharedZero(fn: FunctionNode): number | undefined {
  return new ConstantOrder().firstZero(fn.body);
}

// Walks a function's body in the order lcode.c adds numerals to the
// constant table. That is the order of the source, but for two cases:
// a numeral only tested for truth (a condition, the left of `and`, the
// operand of `not`) is never added, since it is always true; and a
// numeral on the left of an arithmetic operator is added after the right
// operand (luaK_infix leaves it undischarged, hoping to fold, and
// codearith discharges the right operand first).
class ConstantOrder {
  #first: number | undefined;

  firstZero(body: Block): number | undefined {
    this.#block(body);
    return this.#first;
  }

  #block(body: Block): void {
    for (const stat of body) {
      if (this.#first !== undefined) return;
      this.#stat(stat);
    }
  }

  #stat(stat: Stat): void {
    switch (stat.kind) {
      case 'local':
      case 'return':
        this.#exprs(stat.values);
        return;
      case 'assign':
        // Targets are parsed first: their keys are added then.
        for (const target of stat.targets)
          if (target.kind === 'index') this.#exprs([target.object, target.key]);
        this.#exprs(stat.values);
        return;
      case 'callstat':
        this.#expr(stat.call, false);
        return;
      case 'do':
        this.#block(stat.body);
        return;
      case 'while':
        this.#expr(stat.cond, true);
        this.#block(stat.body);
        return;
      case 'repeat':
        this.#block(stat.body);
        this.#expr(stat.cond, true);
        return;
      case 'if':
        for (const clause of stat.clauses) {
          this.#expr(clause.cond, true);
          this.#block(clause.body);
        }
        if (stat.orelse !== undefined) this.#block(stat.orelse);
        return;
      case 'numfor':
        this.#exprs(
          stat.step === undefined ? [stat.start, stat.limit] : [stat.start, stat.limit, stat.step],
        );
        this.#block(stat.body);
        return;
      case 'genfor':
        this.#exprs(stat.exprs);
        this.#block(stat.body);
        return;
      case 'localfunction':
      case 'break':
        return;
    }
  }

  #exprs(exprs: readonly Expr[]): void {
    for (const expr of exprs) this.#expr(expr, false);
  }

  // `tested`: the value is only tested for truth (luaK_goiftrue, codenot),
  // which for a numeral adds no constant.
  #expr(expr: Expr, tested: boolean): void {
    if (this.#first !== undefined) return;
    switch (expr.kind) {
      case 'number':
        if (!tested && expr.value === 0) this.#first = expr.value;
        return;
      case 'paren':
        this.#expr(expr.expr, tested);
        return;
      case 'unary':
        this.#expr(expr.operand, expr.op === 'not');
        return;
      case 'binary':
        if (expr.op === 'and' || expr.op === 'or') {
          // `and` tests its left operand; `or` jumps on its left's value
          // (luaK_goiffalse), which loads a numeral as a constant.
          this.#expr(expr.left, expr.op === 'and');
          this.#expr(expr.right, tested);
        } else if (ARITHMETIC.has(expr.op) && numeral(expr.left) !== undefined) {
          this.#expr(expr.right, false);
          this.#expr(expr.left, false);
        } else {
          this.#exprs([expr.left, expr.right]);
        }
        return;
      case 'call':
        this.#exprs([expr.callee, ...expr.args]);
        return;
      case 'method':
        this.#exprs([expr.object, ...expr.args]);
        return;
      case 'index':
        this.#exprs([expr.object, expr.key]);
        return;
      case 'table':
        for (const item of expr.items) {
          if (item.key !== undefined) this.#expr(item.key, false);
          this.#expr(item.value, false);
        }
        return;
      default:
        // Names, strings, nil, booleans, `...`, and functions (whose
        // constants are their own).
        return;
    }
  }
}
