// Random Lua, run by our interpreter and by a real redis-server's Lua 5.1:
// expressions over numbers and strings (arithmetic with coercions, %.14g
// printing, comparisons, string functions and string.format), and Lua
// patterns (find, match, gmatch, gsub with captures, classes, sets,
// anchors, %b, %f and back-references) over random subjects. Each
// expression runs under pcall, so its error message (with its position)
// is compared too. Tables built at random are compared in pairs() order.
// LUA_SEEDS=1,2,... runs other seeds.
import { describe, expect, it } from 'vitest';
import { hasRedis, RawClient, seededRandom, useDifferentialServers } from './helpers.js';

const SEEDS = (process.env.LUA_SEEDS ?? '1,2,3,4').split(',').map(Number);
const EXPRESSIONS_PER_SEED = 300;
const PATTERNS_PER_SEED = 300;
const TABLES_PER_SEED = 200;
const TOKEN_SCRIPTS_PER_SEED = 400;
const PROGRAMS_PER_SEED = 200;
const RETURNED_PER_SEED = 150;

const NUMBERS = [
  '0',
  '1',
  '-1',
  '2',
  '3',
  '7',
  '10',
  '0.5',
  '-2.5',
  '1e15',
  '1e16',
  '123456789012345',
  '2^53',
  '1/3',
  '0.1',
  '1e-5',
  '-0.25',
  '255',
  '1e300',
  '3.7',
];
const STRINGS = [
  '"10"',
  '" 5 "',
  '"0x1F"',
  '"abc"',
  '""',
  '"1e2"',
  '"-3.5"',
  '"x y"',
  '"A%d"',
  '"\\0z"',
];
const BINARY = ['+', '-', '*', '/', '%', '^', '..', '==', '~=', '<', '<=', '>', '>='];

function expressions(seed: number): () => string {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const expr = (depth: number): string => {
    const roll = random();
    if (depth > 2 || roll < 0.3) return random() < 0.75 ? pick(NUMBERS) : pick(STRINGS);
    if (roll < 0.6) return `(${expr(depth + 1)} ${pick(BINARY)} ${expr(depth + 1)})`;
    if (roll < 0.65) return `(-${expr(depth + 1)})`;
    const a = expr(depth + 1);
    const b = expr(depth + 1);
    return pick([
      `math.floor(${a})`,
      `math.ceil(${a})`,
      `math.abs(${a})`,
      `math.max(${a}, ${b})`,
      `math.min(${a}, ${b})`,
      `math.fmod(${a}, ${b})`,
      `math.sqrt(${a})`,
      `tostring(${a})`,
      `tonumber(${a})`,
      `#tostring(${a})`,
      `string.len(${a})`,
      `string.upper(${a})`,
      `string.rep(${a}, 2)`,
      `string.sub(tostring(${a}), ${pick(['1', '2', '-1', '-3', '0', '5'])}, ${pick(['-1', '3', '1', '10', '-2'])})`,
      `string.byte(tostring(${a}), 1)`,
      `string.format("%d", ${a})`,
      `string.format("%g", ${a})`,
      `string.format("%.3f", ${a})`,
      `string.format("%5.1f|%-6s|", ${a}, ${b})`,
      `string.format("%x", ${a})`,
      `string.format("%e", ${a})`,
      `string.format("%.10g", ${a})`,
      `string.format("%s", ${a})`,
      `string.format("%q", tostring(${a}))`,
      `select("#", ${a}, ${b})`,
      `(${a} and ${b})`,
      `(${a} or ${b})`,
      `(not ${a})`,
      `type(${a})`,
    ]);
  };
  return () => expr(0);
}

const SUBJECTS = [
  'hello world',
  'key:123:abc',
  '  padded  ',
  'a.b.c',
  '(nested (parens) here)',
  'THE quick Brown fox',
  'x=1, y=22, z=333',
  '',
  'aaa',
  'abcabc',
  'tab\there',
  '%d%s',
  'THE (quick) fox',
];
const PATTERN_PIECES = [
  '%a+',
  '%d+',
  '%s*',
  '%w',
  '.',
  '.-',
  'a*',
  'b?',
  '[%a_]+',
  '[^%s]+',
  '(%w+)',
  '(%d)',
  '()',
  '%b()',
  '%f[%w]',
  '^',
  '$',
  'l+',
  'o',
  '%p',
  '[a-c]+',
  '(.)%1',
  '%u',
  '%l*',
  'x',
  ':',
  '=',
  '(%a+)=(%d+)',
  '%.',
  '%%',
];

function patternCalls(seed: number): () => string {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  return () => {
    let pattern = '';
    const pieces = 1 + Math.floor(random() * 3);
    for (let i = 0; i < pieces; i++) pattern += pick(PATTERN_PIECES);
    const subject = JSON.stringify(pick(SUBJECTS));
    const quoted = JSON.stringify(pattern);
    return pick([
      `{string.find(${subject}, ${quoted})}`,
      `{string.find(${subject}, ${quoted}, ${pick(['2', '-4', '10'])})}`,
      `{string.match(${subject}, ${quoted})}`,
      `{string.gsub(${subject}, ${quoted}, "<%0>")}`,
      `{string.gsub(${subject}, ${quoted}, "%1", 2)}`,
      `{string.gsub(${subject}, ${quoted}, function(a) return a:upper() end)}`,
      `{string.gsub(${subject}, ${quoted}, {hello = "HI", o = 0})}`,
      `(function() local t = {} for a, b in string.gmatch(${subject}, ${quoted}) do t[#t + 1] = tostring(a) .. "/" .. tostring(b) if #t > 20 then break end end return t end)()`,
    ]);
  };
}

// Random table building: constructors with positional, named and [k]
// items (a call's values last, sometimes), then sets and removals of
// string, number and boolean keys; the script returns every key and value
// in pairs() order, #t, and cjson.encode of a table of string keys. The
// order is Lua's hash layout, which the interpreter copies.
const TABLE_KEYS = [
  '"a"',
  '"b"',
  '"name"',
  '"id"',
  '"k1"',
  '"k2"',
  '"longer_key_name"',
  '"x"',
  '1',
  '2',
  '3',
  '4',
  '5',
  '7',
  '8',
  '16',
  '17',
  '0',
  '-1',
  '2.5',
  '1e10',
  'true',
  'false',
];
const TABLE_VALUES = ['1', '"v"', 'true', 'false', '2.5', '"x"', 'nil', '{}'];

function tableScripts(seed: number): () => string {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  return () => {
    const items: string[] = [];
    const count = Math.floor(random() * 8);
    for (let i = 0; i < count; i++) {
      const roll = random();
      if (roll < 0.4) items.push(pick(TABLE_VALUES));
      else if (roll < 0.7)
        items.push(`${pick(['a', 'b', 'name', 'id', 'k1', 'zz'])} = ${pick(TABLE_VALUES)}`);
      else items.push(`[${pick(TABLE_KEYS)}] = ${pick(TABLE_VALUES)}`);
    }
    if (random() < 0.2) items.push('(function() return 1, 2, 3 end)()');
    let body = `local t = {${items.join(', ')}} `;
    const steps = Math.floor(random() * 30);
    for (let i = 0; i < steps; i++) {
      const roll = random();
      if (roll < 0.15) body += `t[#t + 1] = ${pick(TABLE_VALUES)} `;
      else if (roll < 0.25) body += `table.insert(t, ${pick(TABLE_VALUES)}) `;
      else if (roll < 0.3) body += 'table.remove(t, 1) ';
      else if (roll < 0.4)
        body += `t["s" .. ${Math.floor(random() * 40)}] = ${pick(TABLE_VALUES)} `;
      else if (roll < 0.5) body += `t[${Math.floor(random() * 40)}] = ${pick(TABLE_VALUES)} `;
      else body += `t[${pick(TABLE_KEYS)}] = ${pick(TABLE_VALUES)} `;
    }
    body +=
      'local out = {#t} for k, v in pairs(t) do out[#out + 1] = tostring(k) .. "=" .. type(v) end ';
    body +=
      'local s = {} for k, v in pairs(t) do if type(k) == "string" and type(v) ~= "table" then s[k] = v end end out[#out + 1] = cjson.encode(s) ';
    return `(function() ${body} return out end)()`;
  };
}

// Random token sequences, most of them not Lua: each is compiled (and, if
// it compiles, run) by both servers, so the parser's error messages, the
// line numbers and the tokens they name are compared.
const TOKENS = [
  'local',
  'function',
  'end',
  'if',
  'then',
  'else',
  'elseif',
  'while',
  'do',
  'for',
  'in',
  'repeat',
  'until',
  'return',
  'break',
  'and',
  'or',
  'not',
  'nil',
  'true',
  'false',
  'x',
  'y',
  't',
  '...',
  '=',
  '==',
  '~=',
  '<',
  '<=',
  '+',
  '-',
  '*',
  '/',
  '%',
  '^',
  '#',
  '..',
  '(',
  ')',
  '{',
  '}',
  '[',
  ']',
  ';',
  ':',
  ',',
  '.',
  '1',
  '2.5',
  '0x1F',
  '1e',
  '"s"',
  "'q'",
  '[[long]]',
  '--c\n',
  '\n',
  '~',
  '@',
  '$',
  '"open',
  '[=[',
  '3..4',
];

function tokenScripts(seed: number): () => string {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  return () => {
    for (;;) {
      const count = 1 + Math.floor(random() * 8);
      const parts: string[] = [];
      for (let i = 0; i < count; i++) parts.push(pick(TOKENS));
      // A loop that never ends (`repeat until ...`: the chunk's varargs
      // are empty) keeps Redis busy until SCRIPT KILL, and is stopped at
      // busy-reply-threshold here (see the README): no such pair is made.
      const loops =
        (parts.includes('repeat') && parts.includes('until')) ||
        (parts.includes('while') && parts.includes('do'));
      if (!loops) return parts.join(' ');
    }
  };
}

// Random programs: statements from templates over five locals (closures
// over loop variables, varargs, multiple assignment, numeric loops with
// fractional steps, while/repeat with break, metatables, pcall and error
// values, string building), then every local in text. Statements that
// fail are caught, so the run goes on and the error text is kept.
// Each template gets a random picker and a random number's text.
interface Randoms {
  pick<T>(items: readonly T[]): T;
  n(): string;
}

const STATEMENTS: readonly ((r: Randoms) => string)[] = [
  (r) => `${r.pick(['a', 'b', 'c'])} = ${r.n()}`,
  () => `a, b = b, a`,
  (r) =>
    `local function f(...) return select('#', ...), ... end ${r.pick(['a', 'b'])}, ${r.pick(['c', 'd'])} = f(${r.n()}, nil, ${r.n()})`,
  (r) =>
    `local fs = {} for i = 1, ${r.pick(['3', '5'])} do fs[#fs + 1] = function() return i * ${r.n()} end end c = fs[2]() + fs[#fs]()`,
  (r) =>
    `for x = ${r.n()}, ${r.n()}, ${r.pick(['0.1', '0.25', '-0.5', '1', '3'])} do d = (d or 0) + x if d > 1e6 then break end end`,
  (r) =>
    `local k = 0 while true do k = k + 1 if k >= ${r.pick(['3', '7'])} then break end end e = tostring(e) .. k`,
  (r) => `local k = 0 repeat local z = k * 2 k = k + 1 until z > ${r.n()} or k > 20 b = k`,
  (r) =>
    `local counter = 0 local function inc() counter = counter + ${r.n()} return counter end inc() inc() a = counter`,
  (r) => `t = t or {} t[#t + 1] = ${r.pick(['a', 'b', 'c', r.n()])}`,
  (r) =>
    `local mt = {__index = function(_, k) return k .. '!' end, __add = function(x, y) return 42 end, __concat = function(x, y) return 'cat' end, __eq = function() return true end, __lt = function() return false end, __le = function() return true end, __call = function(self, v) return v end, __tostring = function() return 'T' end, __len = function() return 9 end} local o = setmetatable({}, mt) local p = setmetatable({}, mt) e = tostring(o.key) .. tostring(o + 1) .. tostring(o .. 'x') .. tostring(o == p) .. tostring(o < p) .. tostring(o <= p) .. tostring(o(${r.n()})) .. tostring(#o)`,
  (r) =>
    `local ok, err = pcall(error, ${r.pick(['"msg"', '{code = 1}', '42', 'nil'])}, ${r.pick(['0', '1', '2'])}) e = tostring(ok) .. type(err) .. tostring(type(err) == 'table' and err.code or err)`,
  () => `local ok, err = pcall(function() local q = nil return q.field end) e = tostring(err)`,
  (r) =>
    `local parts = {} for w in string.gmatch('${r.pick(['a b c', 'x=1,y=2', ''])}', '%w+') do parts[#parts + 1] = w:upper() end d = table.concat(parts, '-')`,
  (r) => `local s = '' for i = ${r.pick(['1', '3'])}, 1, -1 do s = s .. i .. ',' end c = s .. #s`,
  (r) => `local x, y, z = ${r.n()} d = tostring(y) .. tostring(z) .. x`,
  (r) => `local v = {${r.n()}, ${r.n()}, nil, ${r.n()}} b = select('#', unpack(v)) + #v`,
  (r) =>
    `local function fib(k) if k < 2 then return k end return fib(k - 1) + fib(k - 2) end a = fib(${r.pick(['5', '10', '15'])})`,
  (r) => `do local a = ${r.n()} b = a end`,
  (r) =>
    `local g = function(...) local arg = {...} return #arg, arg[1] end c, d = g(${r.n()}, ${r.n()})`,
  (r) =>
    `e = string.format('%s|%5.2f|%d', tostring(a), tonumber(${r.n()}) or 0, math.floor(tonumber(${r.n()}) or 0))`,
];

function programs(seed: number): () => string {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const n = () => pick(['0', '1', '2', '-3', '0.5', '1e3', '7', '"4"', '2^31', '1/3']);
  return () => {
    let body = 'local a, b, c, d, e = 1, 2, 3, nil, "s" local t ';
    const count = 2 + Math.floor(random() * 6);
    for (let i = 0; i < count; i++)
      body += `do local ok, err = pcall(function() ${pick(STATEMENTS)({ pick, n })} end) if not ok then e = 'E:' .. tostring(err) end end `;
    body +=
      'local out = {} for _, v in ipairs({a, b, c, d, e}) do out[#out + 1] = tostring(v) end return out';
    return `(function() ${body} end)()`;
  };
}

// Random values a script returns, for Redis's conversion to a reply:
// numbers (fractions truncated, huge ones), strings, booleans and nil
// (which setresp decides), arrays with holes, and the tables Redis reads
// by field: ok, err, double, map, set, big_number, verbatim_string.
// (A big_number that is not a number is left out: Redis writes it to a
// RESP3 caller as it is, `(12a`, which no client can read; this server
// sends it as a bulk string.)
function returnedValues(seed: number): () => string {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const value = (depth: number): string => {
    const roll = random();
    if (depth > 2 || roll < 0.45)
      return pick([
        '1',
        '-2.7',
        '3.99',
        '1e20',
        '-1e20',
        'math.huge',
        '0/0',
        '"s"',
        '""',
        '"a\\r\\nb"',
        'true',
        'false',
        'nil',
        '2^53',
        '-0.5',
      ]);
    if (roll < 0.6) return `{${[value(depth + 1), value(depth + 1), value(depth + 1)].join(', ')}}`;
    return pick([
      `{ok = ${pick(['"fine"', '"a\\nb"', '5', '{}'])}}`,
      `{err = ${pick(['"ERR x"', '"plain"', '"-dash"', '7'])}}`,
      `{double = ${pick(['0.1', '3', '-2.5', '1e300', 'math.huge', '"x"'])}}`,
      `{map = {a = ${value(depth + 1)}, [1] = ${value(depth + 1)}}}`,
      `{set = {x = true, [2] = true, y = ${value(depth + 1)}}}`,
      `{big_number = ${pick(['"123"', '"-9"', '5'])}}`,
      `{verbatim_string = {format = "txt", string = ${pick(['"hello"', '5', 'nil'])}}}`,
      `{ok = "s", err = "e"}`,
      `{1, 2, err = "with array"}`,
    ]);
  };
  return () => `redis.setresp(${pick(['2', '3'])}) return ${value(0)}`;
}

// Each value in a table of results, as text (nil as "nil"). A NaN's sign
// is left out: glibc's follows the x86 instruction or libm function that
// made it, and V8 keeps the hardware's sign only until it stores the NaN
// in some places (optimized code may make it positive).
const WRAP = (expr: string) =>
  `local function text(x) return (tostring(x):gsub("%-nan", "nan")) end local ok, v = pcall(function() return ${expr} end) if type(v) == "table" then local out = {tostring(ok)} for i = 1, 80 do out[#out + 1] = text(v[i]) end return out end return {tostring(ok), text(v)}`;

const enabled = hasRedis();

describe.skipIf(!enabled)('differential: random Lua', () => {
  const ports = useDifferentialServers();

  async function compare(next: () => string, count: number): Promise<void> {
    const theirs = await RawClient.connect(ports.redis);
    const mine = await RawClient.connect(ports.ours);
    try {
      for (let n = 0; n < count; n++) {
        const source = WRAP(next());
        const command = ['EVAL', source, '0'];
        theirs.send([command]);
        mine.send([command]);
        const [expected, actual] = [await theirs.read(1), await mine.read(1)];
        expect(actual, source).toBe(expected);
      }
    } finally {
      theirs.close();
      mine.close();
    }
  }

  for (const seed of SEEDS) {
    it(`expressions, seed ${seed}`, async () => {
      await compare(expressions(seed), EXPRESSIONS_PER_SEED);
    });
    it(`patterns, seed ${seed}`, async () => {
      await compare(patternCalls(seed), PATTERNS_PER_SEED);
    });
    it(`tables, seed ${seed}`, async () => {
      await compare(tableScripts(seed), TABLES_PER_SEED);
    });
    it(`returned values, seed ${seed}`, async () => {
      for (const protocol of ['2', '3']) {
        const theirs = await RawClient.connect(ports.redis);
        const mine = await RawClient.connect(ports.ours);
        try {
          for (const client of [theirs, mine]) {
            client.send([['HELLO', protocol]]);
            await client.read(1);
          }
          const next = returnedValues(seed);
          for (let n = 0; n < RETURNED_PER_SEED; n++) {
            const command = ['EVAL', next(), '0'];
            theirs.send([command]);
            mine.send([command]);
            const [expected, actual] = [await theirs.read(1), await mine.read(1)];
            expect(actual, `RESP${protocol}: ${command[1]}`).toBe(expected);
          }
        } finally {
          theirs.close();
          mine.close();
        }
      }
    });
    it(`programs, seed ${seed}`, async () => {
      await compare(programs(seed), PROGRAMS_PER_SEED);
    });
    it(`token sequences, seed ${seed}`, async () => {
      const theirs = await RawClient.connect(ports.redis);
      const mine = await RawClient.connect(ports.ours);
      try {
        const next = tokenScripts(seed);
        for (let n = 0; n < TOKEN_SCRIPTS_PER_SEED; n++) {
          const command = ['EVAL', next(), '0'];
          theirs.send([command]);
          mine.send([command]);
          const [expected, actual] = [await theirs.read(1), await mine.read(1)];
          expect(actual, JSON.stringify(command[1])).toBe(expected);
        }
      } finally {
        theirs.close();
        mine.close();
      }
    });
  }
});
