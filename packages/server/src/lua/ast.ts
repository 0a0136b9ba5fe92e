/**
 * The Lua 5.1 syntax tree the parser builds and the compiler turns into
 * closures. Names are resolved while parsing (as Lua's own one-pass
 * compiler does): each `name` node says whether it is a local of its
 * function, an upvalue, or a global.
 *
 * @module
 */

/** A local variable's declaration: its frame slot, and whether a closure captures it. */
export interface LocalDecl {
  readonly name: string;
  readonly slot: number;
  /** Set when an inner function reads or writes it: it then lives in a box. */
  captured: boolean;
}

/** Where an enclosing function's variable comes from, for a function's upvalue list. */
export type UpvalueSource = { readonly fromLocal: LocalDecl } | { readonly fromUpvalue: number };

/** A function's body and what it needs to be instantiated. */
export interface FunctionNode {
  readonly kind: 'function';
  readonly params: readonly LocalDecl[];
  readonly isVararg: boolean;
  readonly body: Block;
  /** Frame slots the body's locals use. */
  slots: number;
  readonly upvalues: UpvalueSource[];
  readonly line: number;
  /**
   * Lua 5.1's LUA_COMPAT_VARARG: a vararg function whose body never uses
   * '...' gets its extra arguments as a table in the local `arg` (with
   * `n`, their count). Undefined otherwise (`arg` is then a nil local).
   */
  readonly compatArg?: LocalDecl;
}

/** How a name resolves. */
export type NameRef =
  | { readonly kind: 'local'; readonly decl: LocalDecl }
  | { readonly kind: 'upvalue'; readonly index: number }
  | { readonly kind: 'global' };

export type Expr =
  | { readonly kind: 'nil' }
  | { readonly kind: 'true' }
  | { readonly kind: 'false' }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'vararg' }
  | FunctionNode
  | {
      readonly kind: 'table';
      readonly items: readonly (
        | { readonly key: undefined; readonly value: Expr }
        | { readonly key: Expr; readonly value: Expr }
      )[];
      readonly line: number;
    }
  | {
      readonly kind: 'binary';
      readonly op: string;
      readonly left: Expr;
      readonly right: Expr;
      readonly line: number;
    }
  | { readonly kind: 'unary'; readonly op: string; readonly operand: Expr; readonly line: number }
  | { readonly kind: 'name'; readonly name: string; readonly ref: NameRef; readonly line: number }
  | { readonly kind: 'index'; readonly object: Expr; readonly key: Expr; readonly line: number }
  | {
      readonly kind: 'call';
      readonly callee: Expr;
      readonly args: readonly Expr[];
      readonly line: number;
    }
  | {
      readonly kind: 'method';
      readonly object: Expr;
      readonly name: string;
      readonly args: readonly Expr[];
      readonly line: number;
    }
  | { readonly kind: 'paren'; readonly expr: Expr };

/** An expression that can be assigned to. */
export type Target = Extract<Expr, { kind: 'name' } | { kind: 'index' }>;

export type Stat =
  | {
      readonly kind: 'local';
      readonly decls: readonly LocalDecl[];
      readonly values: readonly Expr[];
      readonly line: number;
    }
  | {
      readonly kind: 'assign';
      readonly targets: readonly Target[];
      readonly values: readonly Expr[];
      readonly line: number;
    }
  | { readonly kind: 'callstat'; readonly call: Expr }
  | { readonly kind: 'do'; readonly body: Block }
  | { readonly kind: 'while'; readonly cond: Expr; readonly body: Block }
  | { readonly kind: 'repeat'; readonly body: Block; readonly cond: Expr }
  | {
      readonly kind: 'if';
      readonly clauses: readonly { readonly cond: Expr; readonly body: Block }[];
      readonly orelse: Block | undefined;
    }
  | {
      readonly kind: 'numfor';
      readonly decl: LocalDecl;
      readonly start: Expr;
      readonly limit: Expr;
      readonly step: Expr | undefined;
      readonly body: Block;
      readonly line: number;
    }
  | {
      readonly kind: 'genfor';
      readonly decls: readonly LocalDecl[];
      readonly exprs: readonly Expr[];
      readonly body: Block;
      readonly line: number;
    }
  | { readonly kind: 'localfunction'; readonly decl: LocalDecl; readonly func: FunctionNode }
  | { readonly kind: 'return'; readonly values: readonly Expr[]; readonly line: number }
  | { readonly kind: 'break' };

export type Block = readonly Stat[];
