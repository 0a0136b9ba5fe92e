/**
 * The Lua 5.1 parser: tokens into the syntax tree of ast.ts, resolving
 * every name to a local, an upvalue or a global as it goes (a local is
 * marked `captured` when an inner function uses it). Syntax errors read as
 * Lua 5.1's (`user_script:1: 'end' expected near '<eof>'`).
 *
 * @module
 */

import type { Block, Expr, FunctionNode, LocalDecl, NameRef, Stat, Target } from './ast.js';
import { foldNumerals } from './constants.js';
import { nearText, type Token, tokens } from './lexer.js';
import { LuaError } from './value.js';

// Binary operators' left and right priorities (lparser.c's `priority`).
const BINARY: Record<string, readonly [number, number]> = {
  '+': [6, 6],
  '-': [6, 6],
  '*': [7, 7],
  '/': [7, 7],
  '%': [7, 7],
  '^': [10, 9],
  '..': [5, 4],
  '==': [3, 3],
  '~=': [3, 3],
  '<': [3, 3],
  '<=': [3, 3],
  '>': [3, 3],
  '>=': [3, 3],
  and: [2, 2],
  or: [1, 1],
};
const UNARY_PRIORITY = 8;
/** Lua 5.1's LUAI_MAXCCALLS: how deep blocks and subexpressions may nest. */
const MAX_SYNTAX_LEVELS = 200;
/** LUAI_MAXVARS: active locals a function may have. */
const MAX_VARS = 200;
/** LUAI_MAXUPVALUES: upvalues a function may have. */
const MAX_UPVALUES = 60;
/** lcode.c's MAXSTACK: a function's registers stay below it. */
const MAX_REGISTERS = 250;
/** LFIELDS_PER_FLUSH: positional values a constructor holds before storing them. */
const FIELDS_PER_FLUSH = 50;

// One function being parsed: its blocks' visible locals and its upvalues.
class FunctionScope {
  readonly parent: FunctionScope | undefined;
  /** Where its `function` keyword was (Lua's linedefined); 0 for the main chunk. */
  readonly line: number;
  // Raises errorlimit's error for this function (the parser positions it).
  readonly #overLimit: (scope: FunctionScope, limit: number, what: string) => never;
  // The hidden control locals of the numeric and generic for loops open
  // here (three each): they count among the active locals, as in Lua.
  hidden = 0;
  // Whether the body used '...' (then no compatibility `arg` table).
  usedVararg = false;
  readonly node: { slots: number; upvalues: FunctionNode['upvalues'] };
  // Visible locals, innermost last; `marks` says where each block began.
  readonly active: LocalDecl[] = [];
  readonly marks: number[] = [];
  readonly upvalueNames: string[] = [];
  // Open loops, for 'break'; whether '...' may be used (the main chunk's is).
  loops = 0;
  vararg = true;

  constructor(
    parent: FunctionScope | undefined,
    line: number,
    overLimit: (scope: FunctionScope, limit: number, what: string) => never,
  ) {
    this.parent = parent;
    this.line = line;
    this.#overLimit = overLimit;
    this.node = { slots: 0, upvalues: [] };
  }

  /**
   * Lua's new_localvar check: the active locals, those of the statement
   * declared before this one (`pending`), and this one, at most 200.
   */
  checkLocals(pending: number): void {
    if (this.active.length + this.hidden + pending + 1 > MAX_VARS)
      this.#overLimit(this, MAX_VARS, 'local variables');
  }

  declare(name: string): LocalDecl {
    return { name, slot: this.node.slots++, captured: false };
  }

  findLocal(name: string): LocalDecl | undefined {
    for (let i = this.active.length - 1; i >= 0; i--)
      if (this.active[i]!.name === name) return this.active[i];
    return undefined;
  }

  // The index of `name` among this function's upvalues, added (with the
  // enclosing functions') when first seen; undefined for a global.
  findUpvalue(name: string): number | undefined {
    const known = this.upvalueNames.indexOf(name);
    if (known >= 0) return known;
    const parent = this.parent;
    if (parent === undefined) return undefined;
    // The enclosing functions resolve it first (singlevaraux), then this
    // one takes it as an upvalue, checked against LUAI_MAXUPVALUES.
    const local = parent.findLocal(name);
    const index = local === undefined ? parent.findUpvalue(name) : undefined;
    if (local === undefined && index === undefined) return undefined;
    if (this.upvalueNames.length + 1 > MAX_UPVALUES)
      this.#overLimit(this, MAX_UPVALUES, 'upvalues');
    if (local !== undefined) {
      local.captured = true;
      this.node.upvalues.push({ fromLocal: local });
    } else {
      this.node.upvalues.push({ fromUpvalue: index! });
    }
    this.upvalueNames.push(name);
    return this.upvalueNames.length - 1;
  }
}

// A call or '...' (not in parentheses): a list's last value that keeps
// all its values, so takes no register of its own there.
function isMultiValue(expr: Expr): boolean {
  return expr.kind === 'call' || expr.kind === 'method' || expr.kind === 'vararg';
}

/**
 * Parses a chunk into the main function's node (vararg, no parameters);
 * `skipShebang` as for `tokenize`.
 * @throws LuaError with Lua 5.1's syntax error text, prefixed by `chunk:line:`.
 */
export function parseChunk(source: string, chunk: string, skipShebang = false): FunctionNode {
  return new Parser(tokens(source, chunk, skipShebang), chunk).chunk();
}

class Parser {
  // The tokens read so far, pulled from the lexer as the parser reaches
  // them (one ahead of the last consumed, as Lua's lexer).
  readonly #tokens: Token[] = [];
  readonly #source: Generator<Token>;
  readonly #chunk: string;
  #pos = 0;
  #scope: FunctionScope = new FunctionScope(undefined, 0, (scope, limit, what) =>
    this.#overLimit(scope, limit, what),
  );
  // Nesting of blocks and subexpressions, bounded as Lua's enterlevel
  // bounds it (which also bounds this parser's and the compiled code's
  // recursion).
  #levels = 0;
  // Names and indexes read in parentheses: values, never assigned to.
  readonly #parenthesized = new WeakSet<Expr>();
  // The registers Lua's code generator holds above the active locals for
  // the calls and expression lists being parsed: each call's function
  // (and self), and each finished value of a list. A function has fewer
  // than 250 (luaK_checkstack's "function or expression too complex").
  // Other expressions' temporaries are not counted, so a script Redis
  // refuses may run here, but never the other way round.
  #registers = 0;

  constructor(source: Generator<Token>, chunk: string) {
    this.#source = source;
    this.#chunk = chunk;
  }

  // The token at `index`, lexed now if it was not yet.
  #at(index: number): Token {
    const tokens = this.#tokens;
    while (tokens.length <= index) tokens.push(this.#source.next().value as Token);
    return tokens[index]!;
  }

  chunk(): FunctionNode {
    const body = this.#block();
    if (this.#peek().type !== 'eof') this.#fail(`'<eof>' expected`);
    return { kind: 'function', params: [], isVararg: true, body, ...this.#scope.node, line: 1 };
  }

  // The line of the last token consumed (Lua's lastline).
  // The line the last token read ends on (Lua's `lastline`): the line
  // Lua gives an operation it emits now.
  #lastLine(): number {
    return this.#at(this.#pos - 1).endLine;
  }

  #peek(): Token {
    return this.#at(this.#pos);
  }

  // Consumes the current token and, as luaX_next, lexes the next one.
  #next(): Token {
    const token = this.#at(this.#pos);
    if (token.type !== 'eof') this.#pos++;
    this.#at(this.#pos);
    return token;
  }

  #check(type: string): boolean {
    return this.#peek().type === type;
  }

  #accept(type: string): boolean {
    if (this.#peek().type !== type) return false;
    this.#next();
    return true;
  }

  #fail(message: string, token: Token = this.#peek()): never {
    throw new LuaError(`${this.#chunk}:${token.endLine}: ${message} near '${nearText(token.raw)}'`);
  }

  #expect(type: string): Token {
    if (!this.#check(type)) this.#fail(`'${type}' expected`);
    return this.#next();
  }

  // `end` (or another closing word) for a construct opened at `line`.
  #close(what: string, opener: string, line: number): void {
    if (this.#accept(what)) return;
    const token = this.#peek();
    if (token.endLine === line) this.#fail(`'${what}' expected`);
    this.#fail(`'${what}' expected (to close '${opener}' at line ${line})`);
  }

  #name(): string {
    if (!this.#check('name')) this.#fail(`'<name>' expected`);
    return this.#next().value as string;
  }

  #openBlock(): void {
    this.#scope.marks.push(this.#scope.active.length);
  }

  #closeBlock(): void {
    this.#scope.active.length = this.#scope.marks.pop()!;
  }

  #blockFollows(): boolean {
    const type = this.#peek().type;
    return (
      type === 'else' || type === 'elseif' || type === 'end' || type === 'until' || type === 'eof'
    );
  }

  #block(): Stat[] {
    this.#openBlock();
    const stats = this.#statements();
    this.#closeBlock();
    return stats;
  }

  #enterLevel(): void {
    if (++this.#levels > MAX_SYNTAX_LEVELS)
      throw new LuaError(
        `${this.#chunk}:${this.#peek().endLine}: chunk has too many syntax levels`,
      );
  }

  // Lua's errorlimit: a lexer error (no token named) at the current line.
  #overLimit(scope: FunctionScope, limit: number, what: string): never {
    const where = scope.line === 0 ? 'main function' : `function at line ${scope.line}`;
    throw new LuaError(
      `${this.#chunk}:${this.#peek().endLine}: ${where} has more than ${limit} ${what}`,
    );
  }

  // luaK_reserveregs' check, raised at the token at hand.
  #reserveRegisters(n: number): void {
    const scope = this.#scope;
    if (scope.active.length + scope.hidden + this.#registers + n >= MAX_REGISTERS)
      this.#fail('function or expression too complex');
    this.#registers += n;
  }

  #statements(): Stat[] {
    this.#enterLevel();
    const stats = this.#statementList();
    this.#levels--;
    return stats;
  }

  #statementList(): Stat[] {
    const stats: Stat[] = [];
    while (!this.#blockFollows()) {
      if (this.#check('return')) {
        const line = this.#next().line;
        const values = this.#blockFollows() || this.#check(';') ? [] : this.#exprList();
        // retstat puts the last of several values in the next register.
        if (values.length > 1 && !isMultiValue(values[values.length - 1]!))
          this.#reserveRegisters(1);
        this.#registers = 0;
        this.#accept(';');
        stats.push({ kind: 'return', values, line });
        // 'return' ends its block: what follows is the enclosing
        // construct's to check ('end', '<eof>'...), as in Lua.
        break;
      }
      if (this.#check('break')) {
        // Lua names the token after 'break' (it was consumed first).
        this.#next();
        if (this.#scope.loops === 0) this.#fail('no loop to break');
        this.#accept(';');
        stats.push({ kind: 'break' });
        break;
      }
      stats.push(this.#statement());
      this.#accept(';');
      // Each statement ends with only the active locals in registers.
      this.#registers = 0;
    }
    return stats;
  }

  #loopBody(): Block {
    this.#scope.loops++;
    const body = this.#block();
    this.#scope.loops--;
    return body;
  }

  #statement(): Stat {
    const token = this.#peek();
    switch (token.type) {
      case 'if': {
        this.#next();
        const clauses: { cond: Expr; body: Block }[] = [];
        const cond = this.#expr();
        this.#expect('then');
        clauses.push({ cond, body: this.#block() });
        let orelse: Block | undefined;
        for (;;) {
          if (this.#accept('elseif')) {
            const next = this.#expr();
            this.#expect('then');
            clauses.push({ cond: next, body: this.#block() });
          } else if (this.#accept('else')) {
            orelse = this.#block();
            this.#close('end', 'if', token.line);
            break;
          } else {
            this.#close('end', 'if', token.line);
            break;
          }
        }
        return { kind: 'if', clauses, orelse };
      }
      case 'while': {
        this.#next();
        const cond = this.#expr();
        this.#expect('do');
        const body = this.#loopBody();
        this.#close('end', 'while', token.line);
        return { kind: 'while', cond, body };
      }
      case 'do': {
        this.#next();
        const body = this.#block();
        this.#close('end', 'do', token.line);
        return { kind: 'do', body };
      }
      case 'for':
        return this.#for();
      case 'repeat': {
        this.#next();
        // The condition sees the body's locals, so one scope holds both.
        this.#scope.loops++;
        this.#openBlock();
        const body = this.#statements();
        this.#scope.loops--;
        this.#close('until', 'repeat', token.line);
        const cond = this.#expr();
        this.#closeBlock();
        return { kind: 'repeat', body, cond };
      }
      case 'function': {
        this.#next();
        // function a.b.c:m() ... end
        let target: Target = this.#nameExpr(this.#name(), token.line);
        let isMethod = false;
        while (this.#check('.') || this.#check(':')) {
          isMethod = this.#next().type === ':';
          const key = this.#name();
          target = {
            kind: 'index',
            object: target,
            key: { kind: 'string', value: key },
            line: token.line,
          };
          if (isMethod) break;
        }
        const func = this.#functionBody(isMethod, token.line);
        return { kind: 'assign', targets: [target], values: [func], line: token.line };
      }
      case 'local': {
        this.#next();
        if (this.#accept('function')) {
          // The name is visible inside the body, for recursion.
          const name = this.#name();
          this.#scope.checkLocals(0);
          const decl = this.#scope.declare(name);
          this.#scope.active.push(decl);
          const func = this.#functionBody(false, token.line);
          return { kind: 'localfunction', decl, func };
        }
        const names: string[] = [];
        do {
          names.push(this.#name());
          this.#scope.checkLocals(names.length - 1);
        } while (this.#accept(','));
        const values = this.#accept('=') ? this.#exprList() : [];
        this.#closeList(values);
        // The new locals become visible after the statement.
        const decls = names.map((name) => this.#scope.declare(name));
        this.#scope.active.push(...decls);
        return { kind: 'local', decls, values, line: token.line };
      }
      default:
        return this.#exprStatement();
    }
  }

  #for(): Stat {
    const line = this.#next().line;
    const first = this.#name();
    if (this.#check('=')) {
      // fornum: three hidden control locals, then the variable.
      this.#scope.checkLocals(3);
      this.#next();
      const start = this.#expr();
      this.#expect(',');
      const limit = this.#expr();
      const step = this.#accept(',') ? this.#expr() : undefined;
      this.#expect('do');
      this.#openBlock();
      const decl = this.#scope.declare(first);
      this.#scope.active.push(decl);
      this.#scope.hidden += 3;
      const body = this.#loopBody();
      this.#scope.hidden -= 3;
      this.#closeBlock();
      this.#close('end', 'for', line);
      return { kind: 'numfor', decl, start, limit, step, body, line };
    }
    // Lua's forstat: a name then '=', or ',' or 'in' for the generic form,
    // where only 'in' may follow the names.
    if (!this.#check(',') && !this.#check('in')) this.#fail(`'=' or 'in' expected`);
    // forlist: three hidden control locals, then the variables.
    const names = [first];
    this.#scope.checkLocals(3);
    while (this.#accept(',')) {
      names.push(this.#name());
      this.#scope.checkLocals(2 + names.length);
    }
    this.#expect('in');
    const exprs = this.#exprList();
    this.#closeList(exprs);
    this.#expect('do');
    this.#openBlock();
    const decls = names.map((name) => this.#scope.declare(name));
    this.#scope.active.push(...decls);
    this.#scope.hidden += 3;
    const body = this.#loopBody();
    this.#scope.hidden -= 3;
    this.#closeBlock();
    this.#close('end', 'for', line);
    return { kind: 'genfor', decls, exprs, body, line };
  }

  #exprStatement(): Stat {
    const first = this.#suffixedExpr();
    if (first.kind === 'call' || first.kind === 'method') return { kind: 'callstat', call: first };
    // Anything else is an assignment (Lua's exprstat): each target must be
    // assignable ("syntax error"), then ',' or '=' must follow.
    const targets: Target[] = [this.#target(first)];
    while (this.#accept(',')) {
      const target = this.#suffixedExpr();
      // restassign's check: the targets before this one, against
      // LUAI_MAXCCALLS less the nesting at hand.
      const limit = MAX_SYNTAX_LEVELS - this.#levels;
      if (targets.length > limit) this.#overLimit(this.#scope, limit, 'variables in assignment');
      targets.push(this.#target(target));
    }
    this.#expect('=');
    const values = this.#exprList();
    // restassign stores a last value straight into its target when the
    // counts match; otherwise adjust_assign puts it in a register.
    if (values.length !== targets.length) this.#closeList(values);
    // The stores come after the values: their errors name the line of the
    // statement's last token.
    return { kind: 'assign', targets, values, line: this.#lastLine() };
  }

  #target(expr: Expr): Target {
    if ((expr.kind !== 'name' && expr.kind !== 'index') || this.#parenthesized.has(expr))
      this.#fail('syntax error');
    return expr as Target;
  }

  #functionBody(isMethod: boolean, line: number): FunctionNode {
    const scope = new FunctionScope(this.#scope, line, (over, limit, what) =>
      this.#overLimit(over, limit, what),
    );
    this.#scope = scope;
    const params: LocalDecl[] = [];
    if (isMethod) params.push(scope.declare('self'));
    let isVararg = false;
    let arg: LocalDecl | undefined;
    this.#expect('(');
    if (!this.#check(')')) {
      do {
        if (this.#accept('...')) {
          isVararg = true;
          // LUA_COMPAT_VARARG: '...' declares the local `arg` too.
          scope.checkLocals(params.length);
          arg = scope.declare('arg');
          break;
        }
        if (!this.#check('name')) this.#fail(`<name> or '...' expected`);
        const name = this.#name();
        scope.checkLocals(params.length);
        params.push(scope.declare(name));
      } while (this.#accept(','));
    }
    this.#expect(')');
    scope.active.push(...params);
    if (arg !== undefined) scope.active.push(arg);
    scope.vararg = isVararg;
    const held = this.#registers;
    this.#registers = 0;
    const body = this.#statements();
    this.#close('end', 'function', line);
    this.#registers = held;
    this.#scope = scope.parent!;
    const node: FunctionNode = { kind: 'function', params, isVararg, body, ...scope.node, line };
    // The `arg` table is built only when the body never reads '...'.
    return arg !== undefined && !scope.usedVararg ? { ...node, compatArg: arg } : node;
  }

  // explist1: each value but the last goes to the next register once
  // the ',' after it is read.
  #exprList(): Expr[] {
    const list = [this.#expr()];
    while (this.#accept(',')) {
      this.#reserveRegisters(1);
      list.push(this.#expr());
    }
    return list;
  }

  // adjust_assign: a last value that is not a call or '...' goes to the
  // next register after the list.
  #closeList(values: Expr[]): void {
    const last = values[values.length - 1];
    if (last !== undefined && !isMultiValue(last)) this.#reserveRegisters(1);
  }

  #expr(limit = 0): Expr {
    this.#enterLevel();
    const expr = this.#subexpr(limit);
    this.#levels--;
    return expr;
  }

  #subexpr(limit: number): Expr {
    let left: Expr;
    const token = this.#peek();
    if (token.type === 'not' || token.type === '-' || token.type === '#') {
      this.#next();
      const operand = this.#expr(UNARY_PRIORITY);
      // A negated numeral is folded, as Lua's code generator does (constants.ts).
      const folded = foldNumerals(token.type, operand);
      left =
        folded === undefined
          ? { kind: 'unary', op: token.type, operand, line: this.#lastLine() }
          : { kind: 'number', value: folded };
    } else {
      left = this.#simpleExpr();
    }
    for (;;) {
      const op = this.#peek();
      const priority = BINARY[op.type];
      if (priority === undefined || priority[0] <= limit) break;
      this.#next();
      // luaK_infix puts a concatenation's left operand in the next
      // register while the right one is read (other operators' operands
      // are not counted: see #registers).
      const held = this.#registers;
      if (op.type === '..') this.#reserveRegisters(1);
      const right = this.#expr(priority[1]);
      this.#registers = held;
      // Arithmetic on two numerals is folded, as Lua's code generator does
      // (constants.ts). Otherwise Lua emits the operation after its right
      // operand: its errors name the line of that operand's last token.
      const folded = foldNumerals(op.type, left, right);
      left =
        folded === undefined
          ? { kind: 'binary', op: op.type, left, right, line: this.#lastLine() }
          : { kind: 'number', value: folded };
    }
    return left;
  }

  #simpleExpr(): Expr {
    const token = this.#peek();
    switch (token.type) {
      case 'number':
        this.#next();
        return { kind: 'number', value: token.value as number };
      case 'string':
        this.#next();
        return { kind: 'string', value: token.value as string };
      case 'nil':
        this.#next();
        return { kind: 'nil' };
      case 'true':
        this.#next();
        return { kind: 'true' };
      case 'false':
        this.#next();
        return { kind: 'false' };
      case '...':
        // Refused while '...' is the token at hand, so the message names it.
        if (!this.#scope.vararg) this.#fail("cannot use '...' outside a vararg function");
        this.#scope.usedVararg = true;
        this.#next();
        return { kind: 'vararg' };
      case '{':
        return this.#table();
      case 'function':
        this.#next();
        return this.#functionBody(false, token.line);
      default:
        return this.#suffixedExpr();
    }
  }

  #primaryExpr(): Expr {
    const token = this.#peek();
    if (token.type === 'name') {
      this.#next();
      return this.#nameExpr(token.value as string, token.line);
    }
    if (token.type === '(') {
      this.#next();
      const expr = this.#expr();
      this.#close(')', '(', token.line);
      // Parentheses cut a call or '...' to one value.
      if (expr.kind === 'call' || expr.kind === 'method' || expr.kind === 'vararg')
        return { kind: 'paren', expr };
      // A variable in parentheses is a value, not a variable: `(x) = 1` is
      // a syntax error. It stays a name or index node, which error
      // messages name as Lua does ("attempt to call global 'x'").
      this.#parenthesized.add(expr);
      return expr;
    }
    return this.#fail('unexpected symbol');
  }

  #nameExpr(name: string, line: number): Expr & { kind: 'name' } {
    const local = this.#scope.findLocal(name);
    let ref: NameRef;
    if (local !== undefined) ref = { kind: 'local', decl: local };
    else {
      const index = this.#scope.findUpvalue(name);
      ref = index === undefined ? { kind: 'global' } : { kind: 'upvalue', index };
    }
    return { kind: 'name', name, ref, line };
  }

  #suffixedExpr(): Expr {
    let expr = this.#primaryExpr();
    for (;;) {
      const token = this.#peek();
      switch (token.type) {
        case '.': {
          this.#next();
          const key = this.#name();
          expr = {
            kind: 'index',
            object: expr,
            key: { kind: 'string', value: key },
            line: this.#lastLine(),
          };
          break;
        }
        case '[': {
          this.#next();
          const key = this.#expr();
          this.#expect(']');
          expr = { kind: 'index', object: expr, key, line: this.#lastLine() };
          break;
        }
        case ':': {
          this.#next();
          const name = this.#name();
          // A call's line is where its arguments open (funcargs' line).
          const line = this.#peek().endLine;
          // luaK_self: the function and self, two registers.
          const held = this.#registers;
          this.#reserveRegisters(2);
          expr = { kind: 'method', object: expr, name, args: this.#callArgs(), line };
          this.#registers = held;
          break;
        }
        case '(':
        case 'string':
        case '{': {
          // The function goes to the next register, its arguments after it.
          const held = this.#registers;
          this.#reserveRegisters(1);
          expr = { kind: 'call', callee: expr, args: this.#callArgs(), line: token.endLine };
          this.#registers = held;
          break;
        }
        default:
          return expr;
      }
    }
  }

  #callArgs(): Expr[] {
    const token = this.#peek();
    if (token.type === 'string') {
      this.#next();
      this.#reserveRegisters(1);
      return [{ kind: 'string', value: token.value as string }];
    }
    if (token.type === '{') {
      const table = this.#table();
      this.#reserveRegisters(1);
      return [table];
    }
    if (token.type !== '(') this.#fail('function arguments expected');
    // Lua 5.1 refuses a call's '(' on a new line (a method's too): it
    // would be ambiguous.
    if (token.line !== this.#lastLine())
      this.#fail('ambiguous syntax (function call x new statement)');
    this.#next();
    const args = this.#check(')') ? [] : this.#exprList();
    this.#close(')', '(', token.line);
    // funcargs closes the last argument once ')' is read.
    const last = args[args.length - 1];
    if (last !== undefined && !isMultiValue(last)) this.#reserveRegisters(1);
    return args;
  }

  #table(): Expr {
    // Registers as lparser.c's constructor holds them: the table's (taken
    // before '{' is read), then each positional value once the next field
    // begins (closelistfield), 50 at most before SETLIST stores them; the
    // last after '}'.
    const held = this.#registers;
    this.#reserveRegisters(1);
    const line = this.#expect('{').line;
    let pending = 0;
    let lastPositional: Expr | undefined;
    const items: ({ key: undefined; value: Expr } | { key: Expr; value: Expr })[] = [];
    while (!this.#check('}')) {
      if (lastPositional !== undefined) {
        this.#reserveRegisters(1);
        lastPositional = undefined;
        if (++pending === FIELDS_PER_FLUSH) {
          this.#registers = held + 1;
          pending = 0;
        }
      }
      if (this.#check('[')) {
        this.#next();
        const key = this.#expr();
        this.#expect(']');
        this.#expect('=');
        items.push({ key, value: this.#expr() });
      } else if (this.#check('name') && this.#at(this.#pos + 1).type === '=') {
        const key = this.#name();
        this.#next();
        items.push({ key: { kind: 'string', value: key }, value: this.#expr() });
      } else {
        lastPositional = this.#expr();
        items.push({ key: undefined, value: lastPositional });
      }
      if (!this.#accept(',') && !this.#accept(';')) break;
    }
    this.#close('}', '{', line);
    if (lastPositional !== undefined && !isMultiValue(lastPositional)) this.#reserveRegisters(1);
    this.#registers = held;
    return { kind: 'table', items, line };
  }
}
