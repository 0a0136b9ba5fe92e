// Lua scripting (EVAL, EVALSHA, EVAL_RO, SCRIPT) against a real
// redis-server: each script's whole reply must be byte for byte Redis's,
// errors included (their positions, "script: <sha>, on @user_script:N."),
// in RESP2 and RESP3. The scripts reach the Lua 5.1 language (closures,
// varargs, metatables, numbers as %.14g), its libraries (string patterns
// and format, table.sort's order, math, bit, cjson, cmsgpack), Redis's
// sandbox (read-only globals, undeclared globals) and the redis library
// (call, pcall, error_reply, status_reply, setresp, sha1hex, the reply
// conversions both ways).
// Tables are laid out as Lua's, so pairs() order and cjson's object key
// order are Redis's too (differential-lua-random.test.ts builds random ones).
import { describe, expect, it } from 'vitest';
import { hasRedis, RawClient, useDifferentialServers } from './helpers.js';

// `local v0 = 0 local v1 = 1 ...`: n locals, for the compiler's limits.
function manyLocals(n: number, prefix = 'v'): string {
  return Array.from({ length: n }, (_, i) => `local ${prefix}${i} = ${i}`).join(' ');
}

// `0, 1, ..., n - 1`.
function numbers(n: number): string {
  return Array.from({ length: n }, (_, i) => i).join(', ');
}

// `p0, p1, ...` (or `t[1], t[2], ...` with a prefix and suffix around
// numbers from 1): n names joined by `separator`.
function names(n: number, prefix: string, separator = ', ', suffix = ''): string {
  const from = suffix === '' ? 0 : 1;
  return Array.from({ length: n }, (_, i) => `${prefix}${i + from}${suffix}`).join(separator);
}

const SCRIPTS: readonly (readonly string[])[] = [
  ['return 1'],
  ['return {1, 2.9, "a", {true, false}, nil, 5}'],
  ['return tostring(0/0) .. tostring(1e15) .. " " .. tostring(2^53) .. " " .. 10/2 .. " " .. 0.1'],
  ['return 3.99'],
  ['return -3.99'],
  ['return math.huge'],
  ['return {double=3.5}'],
  ['return {double=0.1}'],
  ['return true'],
  ['return false'],
  ['return nil'],
  ['return {err="plain"}'],
  ['return {err="a\\nb"}'],
  ['return {ok="fine"}'],
  ['return {ok=5}'],
  ['return redis.error_reply("-my err")'],
  ['return redis.status_reply("FINE")'],
  ['return redis.error_reply("x")'],
  ['return redis.error_reply("a b c")'],
  ['return redis.error_reply("-CODE some msg\\r\\n")'],
  // Line breaks as Lua reads them: CR, LF, CR LF and LF CR are one each.
  ['local a = 1\r\nlocal b = 2\n\rlocal c = 3\rreturn x'],
  ['return "unfinished\r\n"'],
  ['return [[\r\nfirst\r\nsecond\n\rthird\rfourth]]'],
  ['return "a\\\r\nb"'],
  ['return [[ a [[ b ]] ]]'],
  ['do return 1 x end'],
  // Error lines as Lua's code generator sets them across lines.
  ['local t = {}\nt.a\n.b = 1'],
  ['local t = {}\nreturn t[\nnil\n].x'],
  ['local f = nil\nf(\n1\n)'],
  ['local x = 1 +\n{} +\n2'],
  ['local t = {} t[1]()'],
  ['function y (1) end'],
  ['return (1\n+ 2'],
  ['return 1 x'],
  ['repeat break x until true'],
  ['return 1;;'],
  ['-- a comment\rreturn 1'],
  ['#!lua\nreturn x'],
  ['# not a shebang\nreturn 1'],
  ['return loadstring("#!lua\\nreturn 1")'],
  ['return redis.error_reply()'],
  ['return redis.status_reply({})'],
  ['return redis.set_repl()'],
  ['local e = redis.pcall("nosuch") return {e.err, tostring(e.ignore_error_stats_update)}'],
  ['local e = redis.pcall() return {e.err, tostring(e.ignore_error_stats_update)}'],
  ['return {map={a=1}}'],
  ['return {big_number="123"}'],
  ['return x + 1'],
  ['local t = nil; return t.x'],
  ['local a = {} a.b.c = 1'],
  ['return #nil'],
  ['return {} < {}'],
  ['return 1 < "x"'],
  ['x = 5'],
  ['string.foo = 1'],
  ['return _G.nothere'],
  ['return rawget(_G, "nothere")'],
  ['error("boom")'],
  ['error({err="MY custom"})'],
  ['error()'],
  ['error("a\\nb")'],
  ['local function f()\n  return nil + 1\nend\nreturn f()'],
  ['local function f() error("deep", 2) end\nlocal function g()\n  f()\nend\ng()'],
  ['return ('],
  ['x = = 1'],
  ['return "abc'],
  ['for i = 1 do end'],
  ['local t = {} t[nil] = 1'],
  // Lua bounds how deep blocks and subexpressions nest (200 levels).
  [`return ${'('.repeat(198)}1${')'.repeat(198)}`],
  [`return ${'('.repeat(199)}1${')'.repeat(199)}`],
  [`${'do '.repeat(199)}${'end '.repeat(199)}return 1`],
  [`${'do '.repeat(200)}${'end '.repeat(200)}return 1`],
  [`return 1${' .. 1'.repeat(300)}`],
  ['return string.rep()'],
  ['return redis.call("nosuch")'],
  ['return redis.call("set", "a")'],
  ['return redis.call()'],
  ['return redis.call({})'],
  ['return redis.call("multi")'],
  ['return redis.call("blpop", "l", 1)'],
  ['return redis.call("client", "nope")'],
  ['return redis.call("client", "id")'],
  ['return redis.call("config", "get")'],
  ['return redis.call("config", "get", "maxclients")'],
  ['return redis.call("object")'],
  ['return redis.call("object", "encoding")'],
  ['return redis.call("OBJECT", "ENCODING", "{s}h")'],
  ['return redis.call("script", "load", "return 1")'],
  ['return redis.call("XREAD", "BLOCK", "0", "STREAMS", "{s}st", "$")'],
  ['return redis.call("xreadgroup", "group", "g", "c", "block", "10", "streams", "{s}st", ">")'],
  ['return redis.call("xread", "count", "1", "streams", "{s}st", "0")'],
  ['return redis.setresp(4)'],
  ['return redis.pcall("nosuch")'],
  ['return redis.pcall("incr", "{s}h")'],
  ['local ok, e = pcall(redis.call, "incr", "{s}h") return {tostring(ok), e}'],
  ['local ok, e = pcall(error, {err="x"}) return {tostring(ok), e}'],
  ['return redis.call("incr", "{s}counter") .. "x"'],
  [
    'redis.call("set", "{s}n", 0.1) redis.call("append", "{s}n", 1/3) redis.call("append", "{s}n", 2^63) return redis.call("get", "{s}n")',
  ],
  ['return redis.call("hgetall", "{s}h")'],
  ['redis.setresp(3) return redis.call("hgetall", "{s}h")'],
  ['redis.setresp(3) return redis.call("get", "{s}nokey") == nil'],
  ['return redis.call("get", "{s}nokey")'],
  ['return type(redis.call("get", "{s}nokey"))'],
  ['return redis.call("ping")'],
  ['return redis.call("zrange", "{s}z", 0, -1, "withscores")'],
  ['redis.setresp(3) return redis.call("zscore", "{s}z", "a")'],
  ['return redis.sha1hex("abc") .. redis.sha1hex("")'],
  ['return redis.REDIS_VERSION .. " " .. redis.REDIS_VERSION_NUM'],
  ['return #KEYS .. " " .. #ARGV .. " " .. KEYS[1] .. ARGV[2]', '1', 'k1', 'a1', 'a2'],
  ['return {KEYS[1], ARGV[1]}', '1', '{s}\u00ff\u0000', 'bin\r\narg'],
  [
    'local t = {} for i = 1, 10 do t[i] = function() return i end end return {t[1](), t[5](), t[10]()}',
  ],
  [
    'local function sum(...) local s = 0 for _, v in ipairs({...}) do s = s + v end return s, select("#", ...) end return {sum(1, 2, 3)}',
  ],
  [
    'local mt = {__add = function(a, b) return a.v + b.v end, __index = function(t, k) return k .. "!" end} local a = setmetatable({v = 1}, mt) local b = setmetatable({v = 2}, mt) return {a + b, a.foo}',
  ],
  ['local t = {5, 2, 8, 1, 9, 3, 7, 7, 2} table.sort(t) return t'],
  [
    'local t = {5, 2, 8, 1, 9, 3} table.sort(t, function(a, b) return a > b end) return table.concat(t, ",")',
  ],
  [
    'local t = {} table.insert(t, "a") table.insert(t, 1, "b") table.insert(t, "c") local r = table.remove(t, 1) return {r, unpack(t)}',
  ],
  [
    'return {string.find("hello world", "o w"), string.find("hello", "l+"), string.match("key:123", "(%a+):(%d+)")}',
  ],
  ['return {string.gsub("hello world", "(%w+)", "<%1>")}'],
  ['return {string.gsub("abc", "%w", "%0%0"), string.gsub("hello", "", "-")}'],
  [
    'local t = {} for k, v in string.gmatch("a=1, b=2, c=3", "(%w+)=(%w+)") do t[#t + 1] = k .. v end return t',
  ],
  [
    'return {string.match("  trim  ", "^%s*(.-)%s*$"), string.find("a.b", ".", 1, true), string.match("THE (quick) fox", "%((%a+)%)")}',
  ],
  [
    'return {string.format("%5.2f|%d|%s|%q", 3.14159, 42, "hi", "a\\nb\\0c"), string.format("%x %X %o %e %g %5s|%-5s|%c", 255, 255, 8, 12345.678, 0.0001, "ab", "cd", 65)}',
  ],
  [
    'return {string.format("%g %g %g %.3g %10.4f %-10d| %+d", 1e20, 123456789, 0.1, 2/3, math.pi, 42, 5)}',
  ],
  [
    'return {string.byte("ABC", 1, -1), string.char(104, 105), ("x"):rep(3), string.upper("aBc"), string.len("\\0\\1"), string.sub("hello", -3, -2), string.reverse("abc")}',
  ],
  [
    'return {tonumber("0x10"), tonumber("  12  "), tonumber("z", 36), tonumber("1e3"), tostring(tonumber("abc")), tonumber("ff", 16)}',
  ],
  [
    'return {math.floor(3.7), math.ceil(3.2), math.max(1, 5, 3), math.min(4, 2), math.abs(-3), math.fmod(7, 3), 7 % -3, -7 % 3, 2^10, math.sqrt(16)}',
  ],
  [
    'math.randomseed(42) return {math.random(1000), math.random(5, 10), math.floor(math.random() * 1000)}',
  ],
  [
    'return {bit.band(0xff, 0x0f), bit.bor(1, 2, 4), bit.bxor(5, 3), bit.tohex(255), bit.tohex(-1, -4), bit.lshift(1, 31), bit.rshift(-1, 28), bit.arshift(-16, 2), bit.bnot(0), bit.tobit(2^32 + 5), bit.rol(1, 33)}',
  ],
  ['return cjson.encode({1, 2, "x/y", {true, false}, cjson.null})'],
  ['return cjson.encode({a = {b = 1.5}})'],
  ['return cjson.encode({a = {1, 2, 3}, b = "x/y", c = true, name = "n", id = 7})'],
  [
    'return cjson.encode(cjson.decode("{\\"name\\":\\"x\\",\\"age\\":3,\\"nested\\":{\\"q\\":1,\\"w\\":2,\\"e\\":3}}"))',
  ],
  ['return cjson.encode({[1] = 1, [100] = 2})'],
  [
    'local t = cjson.decode("[1,2,{\\"a\\":[true,null,\\"\\\\u00e9\\"]}]") return {t[1], t[3].a[1], tostring(t[3].a[2]), t[3].a[3]}',
  ],
  ['return cjson.decode("[1,")'],
  ['return {cmsgpack.unpack(cmsgpack.pack({1, 2, 3, "abc", -5, 300, -300, 70000, 1.5, 2^40}))}'],
  ['return cmsgpack.pack({1, 2, 3}, "abc", true, 1.5, -1, 2^33, 0.1)'],
  ['return {cmsgpack.unpack_one(cmsgpack.pack(1, 2), 0)}'],
  [
    'return struct.pack(">I2<i4bBhHlLTfdxs c3", 513, -2, -1, 255, -300, 65535, -5, 2^40, 7, 1.5, 0.1, "str", "abcdef")',
  ],
  ['return struct.pack("!4 b i d c0 I3 >I3", 1, 2, 3.25, "whole", 70000, 70000)'],
  [
    'return {struct.unpack(">I2<i4bBhHlLTfdxs c3", struct.pack(">I2<i4bBhHlLTfdxs c3", 513, -2, -1, 255, -300, 65535, -5, 2^40, 7, 1.5, 0.1, "str", "abcdef"))}',
  ],
  ['return {struct.unpack("b c0 i", struct.pack("b c3 i", 3, "xyz", 9))}'],
  ['return {struct.unpack("i", "abcdefgh", 5), struct.size("!8 b d i2 c5")}'],
  ['return {struct.pack("i16", -1), struct.pack("I9", 2^63), struct.pack("i", 2^40)}'],
  ['return struct.pack("z", 1)'],
  ['return struct.pack("i33", 1)'],
  ['return struct.pack("!3 i", 1)'],
  ['return struct.size("s")'],
  ['return struct.size("c0")'],
  ['return struct.unpack("i", "abc")'],
  ['return struct.unpack("s", "abc")'],
  ['return struct.unpack("c0", "abc")'],
  ['return struct.unpack("i", "abcd", 0)'],
  ['return struct.pack("c5", "abc")'],
  [
    'local s = 0 for i = 1, 100, 3 do s = s + i end local j = 0 while true do j = j + 1 if j > 10 then break end end repeat j = j - 1 until j < 5 return {s, j}',
  ],
  [
    'local a, b, c = (function() return 1, 2, 3 end)() local d = (function() return 1, 2 end)() return {a, b, c, d}',
  ],
  // 0 and -0 are one constant of a function: the first the code generator
  // adds is what every zero numeral of the function reads (constants.ts).
  // Each case is a function of its own, with a constant table of its own.
  [
    [
      'return {tostring(0) .. tostring(-0)',
      '(function() return tostring(-0) .. tostring(0) end)()',
      '(function() local a = 0 return tostring(1/-0) end)()',
      '(function() local function f(x) return x end return tostring(0 + f(-0)) end)()',
      '(function() local function f(x) return x end return tostring(f(-0) + 0) end)()',
      '(function() local x = 0 and 1 return tostring(-0) end)()',
      '(function() local x = 0 or 1 return tostring(-0) end)()',
      '(function() local a = 1 if a and 0 then end return tostring(-0) end)()',
      '(function() while 0 do break end return tostring(-0) end)()',
      '(function() local x = not (0) return tostring(-0) end)()',
      '(function() local x = -(0) return tostring(0) end)()',
      '(function() local x = 1 - 1 return tostring(-0) end)()',
      '(function() local x = -(-0) return tostring(-0) end)()',
      '(function() local x = 5 % 0 return tostring(-0) end)()',
      '(function() local t = {[0] = 1} return tostring(-0) end)()',
      '(function() local y = {} local x = y[-0] return tostring(0) end)()',
      '(function() local x = -0 == 0 return tostring(0) end)()',
      '(function() for i = 0, 1 do end return tostring(-0) end)()',
      '(function() local x = 0 local function g() return tostring(-0) end return g() end)()',
      '(function() local a = 1 local x = a and 0 return tostring(-0) end)()}',
    ].join(', '),
  ],
  // A variable in parentheses is a value: not assignable.
  ['(x) = 1'],
  ['x, (y) = 1, 2'],
  ['( x ) ~ nil'],
  ['local t = {} (t)[1] = 2 return t[1]'],
  // Lexer and parser positions: a string token's text as Lua's buffer
  // holds it (escapes decoded, up to a NUL), and the line a token ends
  // on, which Lua's messages and line info use.
  ["return '\\400'"],
  ["return 'ab\\65\\400'"],
  ["return 'a\\tb\n'"],
  ["return 'a\\0b\n'"],
  ["return 'abc\\"],
  ["local x = 1 'a\\65'"],
  ['local x = 1 [[a\u0000b]]'],
  ["local x = 1 'a\\\nb'"],
  ['local t = nil t [[a\nb]]'],
  ['local t = nil t(\n[[a\nb]])'],
  ['return {} .. [[a\nb]]'],
  ["local s = 'x' local y = s .. [[b\nc]](print)"],
  ['local s = {} s:m\n(1)'],
  ['local s = {} s:m [[a\nb]]'],
  ['local s = {} s\n:m(1)'],
  // Numerals as read_numeral reads them; for and '...' errors where Lua
  // raises them; assert's message after the caller's position (luaL_error).
  ['return 0x1.8'],
  ['return 1e1e1'],
  ['return 1ee+5'],
  ['return 1a.5'],
  ['return {0x1e+5, 1e+5, 1.5E-3, .5, 5., 1.e5, 2 ..3}'],
  ['for i, j = 1, 2 do end'],
  ['for i j in x do end'],
  ['function f() return ... end'],
  ["return assert(nil, 'msg')"],
  ['return assert(false, 42)'],
  ["return {pcall(assert, false, 'msg')}"],
  ["local ok, e = pcall(function()\n\n assert(false, 'x') end) return e"],
  // gsub copies the NUL a final '%' escapes; concat names the bad value's type.
  ["return string.gsub('abc', 'b', 'x%')"],
  ['return table.concat({1, {}, 3})'],
  ["return table.concat({1, nil, 3}, ',', 1, 3)"],
  // lua-cjson's string errors (at the backslash), lua-cmsgpack's argument
  // #0, and redis.log's own text.
  ['return cjson.decode(\'"\\\\ud800"\')'],
  ['return cjson.decode(\'"a\\\\udc00"\')'],
  ['return cjson.decode(\'"\\\\ud800\\\\u0041"\')'],
  ['return cjson.decode(\'"\\\\u12g4"\')'],
  ['return cjson.decode(\'"\\\\x"\')'],
  ["return cjson.decode('\"ab\\\\')"],
  ["return cjson.decode('\"abc')"],
  ['return cjson.decode(\'["\\\\ud83d\\\\ude00"]\')[1]'],
  ['return cmsgpack.pack()'],
  ["return redis.log(99, 'x')"],
  // tonumber in another base is C's strtoul: a sign negates modulo 2^64,
  // base 16 takes 0x, past 2^64 - 1 it stays there; the string is checked first.
  [
    'return {tostring(tonumber("-ff", 16)), tostring(tonumber("-0", 16)), tostring(tonumber("0x10", 16)), tostring(tonumber("-0x10", 16)), tostring(tonumber("0x", 16)), tostring(tonumber("ffffffffffffffffff", 16)), tostring(tonumber("\\t-7\\n", 8)), string.format("%.0f", tonumber("-1", 16)), string.format("%.0f", tonumber("zzzzzzzzzzzzz", 36))}',
  ],
  ['return tonumber({}, 99)'],
  // C's pow where JavaScript's ** differs: pow(1, y) and pow(-1, ±inf) are 1.
  [
    'return {tostring((-1)^(1/0)), tostring((-1)^(-1/0)), tostring(1^(0/0)), tostring(1^(1/0)), tostring(math.pow(-1, 1/0)), tostring(math.pow(1, 0/0)), tostring((0/0)^0), tostring((-1)^0.5)}',
  ],
  // C's frexp, ldexp and modf: subnormals (frexp of one used to loop
  // forever), a power of two past a double's range applied in steps with
  // one rounding, and the fraction's sign.
  [
    "local m, e = math.frexp(5e-324) local m2, e2 = math.frexp(-2.5e-310) local m3, e3 = math.frexp(1.7976931348623157e308) return string.format('%.17g %d %.17g %d %.17g %d', m, e, m2, e2, m3, e3)",
  ],
  [
    "return string.format('%.17g %.17g %.17g %.17g %.17g %.17g', math.ldexp(3, -1075), math.ldexp(7, -1076), math.ldexp(1e-300, 1100), math.ldexp(0, 1100), math.ldexp(5e-324, 2000), math.ldexp(1, 2^32 + 3))",
  ],
  [
    'local a, b = math.modf(-3) local c, d = math.modf(-1/0) local e, f = math.modf(0/0) return tostring(b) .. tostring(d) .. tostring(f) .. tostring(select(2, math.modf(1/0)))',
  ],
  // A C int argument (luaL_checkint) is the low 32 bits of the integer.
  [
    "return {select(2^32 + 2, 'a', 'b', 'c'), string.rep('x', 2^32 + 2), string.char(2^32 + 65), table.concat({1, 2, 3}, ',', 2^32 + 1, 2^32 + 2), tonumber('10', 2^32 + 16), string.format('%c', 2^31 + 65) == ''}",
  ],
  ["local t = {1, 2} table.insert(t, 2^32 + 1, 'x') table.remove(t, 2^32 + 3) return t"],
  ["return {string.gsub('aaa', 'a', 'b', 2^32 + 1)}"],
  ["return error('x', 2^32 + 1)"],
  // LuaBitOp's barg: the low 32 bits of x + 2^52 + 2^51's representation.
  [
    'return {bit.tobit(1e300), bit.tobit(2^53 + 3), bit.band(1e300, -1), bit.tohex(1, 2^53 + 4), bit.bswap(1e20), bit.tobit(1/0)}',
  ],
  ['return bit.tohex(1, nil)'],
  // lua-cmsgpack's offsets and limits, and its messages' C ints.
  ["return {cmsgpack.unpack_limit('\\1\\2\\3', 0, 1)}"],
  ["return {cmsgpack.unpack_limit('\\1\\2\\3', 0)}"],
  ["return {cmsgpack.unpack_limit('\\1\\2\\3', 0, 4)}"],
  ["return {cmsgpack.unpack_one('\\1\\2\\3', 2^32 + 1)}"],
  ["return {cmsgpack.unpack_limit('\\1\\2\\3', 1, -1)}"],
  ["return {cmsgpack.unpack_one('\\1\\2\\3', 1e300)}"],
  ["return {cmsgpack.unpack_limit('\\1\\2\\3')}"],
  // lua-cjson's tokens: strtod numbers (hex, leading zeros, '+', inf,
  // nan), token names in messages, a NUL as the end, UTF-16 refused, the
  // context a string error is reported in; configuration arguments.
  [
    "return {cjson.decode('01'), cjson.decode('0x1p4'), cjson.decode('+1'), cjson.decode('1.'), cjson.decode('-01.5')}",
  ],
  [
    "return {tostring(cjson.decode('nan')), tostring(cjson.decode('-Infinity')), tostring(cjson.decode('+inf'))}",
  ],
  ["return cjson.decode('1 2')"],
  ["return cjson.decode('nullnull')"],
  ["return cjson.decode('{1:2}')"],
  ['return cjson.decode(\'{"a":1 "b"}\')'],
  ["return cjson.decode('{\"a')"],
  ["return cjson.decode('[1 2]')"],
  ["return cjson.decode('infin')"],
  ["return cjson.decode('+x')"],
  ["return cjson.decode('-')"],
  ["return cjson.decode('[1]\\0junk')"],
  ["return cjson.decode('1\\0junk')"],
  ["return cjson.decode('\\0')"],
  ['return cjson.decode(\'"a\\0b"\')'],
  ['return cjson.decode()'],
  ['return cjson.encode({[true] = 1})'],
  ['return cjson.encode({[1e300] = 1})'],
  ["local c = cjson.new() c.decode_invalid_numbers(false) return c.decode('01')"],
  ["local c = cjson.new() return {c.encode_invalid_numbers('null'), c.encode({0/0, 1/0})}"],
  ["local c = cjson.new() return c.decode_invalid_numbers('x')"],
  ['local c = cjson.new() return {c.encode_max_depth(2.5), c.encode_number_precision(2^32 + 3)}'],
  ["local c = cjson.new() return c.encode_max_depth('x')"],
  ['local c = cjson.new() return c.encode_max_depth(nil, 1)'],
  ['local c = cjson.new() return {c.encode_sparse_array(true, -1)}'],
  ["local c = cjson.new() return {c.encode_sparse_array('x')}"],
  // Redis 7's own pcall (luaRedisPcall) and Lua 5.1's xpcall.
  ['return {pcall()}'],
  ['return {pcall(pcall, pcall)}'],
  ['return {pcall(function() error({err = 5}) end)}'],
  ['return select("#", pcall(function() error({x = 1}) end))'],
  [
    "return {pcall(function() error(setmetatable({}, {__index = function() return 'idx' end})) end)}",
  ],
  ["return {xpcall(function() error('x') end, 5)}"],
  ["return {xpcall(function() error('x') end)}"],
  ['return {xpcall(error, error)}'],
  ['return select("#", xpcall(error, function() return 1, 2 end))'],
  // A native function's own errors after it called back into Lua code
  // still carry its caller's position.
  [
    'local t = {} for i = 1, 100 do t[i] = i end table.sort(t, function(a, b) return true end) return 1',
  ],
  // A loaded chunk is named by how it was loaded (luaO_chunkid): its
  // runtime errors and Redis's "on <source>:<line>" use that name.
  [
    "return {select(2, loadstring('x = ', 'a very long chunk name that goes on and on and on and on and on and on and on beyond sixty'))}",
  ],
  ["return {select(2, loadstring('x = ', 'short\\nsecond'))}"],
  [
    "return {select(2, loadstring('x = ', '@a very long chunk name that goes on and on and on and on and on and on and on beyond sixty'))}",
  ],
  [
    "return {pcall(loadstring('error(\"e\")', 'a very long chunk name that goes on and on and on and on and on and on and on beyond sixty'))}",
  ],
  [
    "return {pcall(loadstring('error(\"e\")', '=a very long chunk name that goes on and on and on and on and on and on and on beyond sixty'))}",
  ],
  [
    "return {pcall(loadstring('error(\"e\")', '@a very long chunk name that goes on and on and on and on and on and on and on beyond sixty'))}",
  ],
  ["local f = loadstring('return string.rep()', '=c') return f()"],
  ["local f = loadstring('return x') return f()"],
  [
    "local n = 0 return {pcall(load(function() n = n + 1 if n == 1 then return 'error(1)' end end))}",
  ],
  // The library's own edges: next's error has no position (luaH_next
  // raises it from C), a pattern without lstrlib's SPECIALS is found as
  // plain text, and the collector's settings return the previous ones.
  ["return next({}, 'x')"],
  ["return {string.find('abc', 'a)')}"],
  [
    "return {collectgarbage('setpause', 100), collectgarbage('setpause', 200), collectgarbage('step')}",
  ],
  // struct.c: a nil marks the end of pack's arguments; unpack's offset
  // is a size_t, so only 0 is refused and a negative one is past the data.
  ["return struct.pack('i1i1', 1)"],
  ["return struct.pack('c')"],
  ["return {struct.unpack('i4', '\\1\\2\\3\\4', -1)}"],
  ["return {struct.unpack('', '\\1\\2\\3\\4', -7)}"],
  // Protected tables: the strings' metatable is one of them, and a write
  // by a library function (raised from C) carries no position.
  ["getmetatable('').__index = {}"],
  ["local t = getmetatable('') rawset(t, 'x', 1)"],
  ["setmetatable(getmetatable(''), {})"],
  ["table.insert(getmetatable(''), 1)"],
  ["table.insert(string, 'x')"],
  ["rawset(_G, 'x', 1) return x"],
  ['setmetatable(_G, {})'],
  ["return ('x'):rep(3)"],
  // Proper tail calls: `return f(...)` runs f in the caller's place, so
  // tail recursion does not deepen the stack, and each tail call is a
  // level without position for error(msg, level).
  [
    'local function loop(n, acc) if n == 0 then return acc end return loop(n - 1, acc + n) end return loop(100000, 0)',
  ],
  [
    "local t = {} function t:count(n) if n == 0 then return 'done' end return self:count(n - 1) end return t:count(50000)",
  ],
  [
    "local function check(x) if not x then error('bad', 2) end return x end local function g() return check(nil) end return g()",
  ],
  [
    "local function check(x) if not x then error('bad', 2) end return x end local function g() local r = check(nil) return r end return g()",
  ],
  [
    "local function check(x) error('bad', 4) end local function g() return check() end local function h() return g() end local r = h() return r",
  ],
  [
    "local function f(n) if n > 0 then return f(n - 1) end error('deep', 2) end local x = f(5) return x",
  ],
  ['local f = loadstring(\'return function() error("in", 2) end\')() return f()'],
  [
    'local t = setmetatable({}, {__call = function(self, a) return a * 2 end}) local function g() return t(21) end return g()',
  ],
  ['local o = {} local function g() return o:m() end return g()'],
  // nil and NaN keys: positioned in Lua code (a constructor, or a table
  // with __newindex too), not when a library stores them.
  ['local t = {[nil] = 1}'],
  ['local k local t = {[k] = 1, 2}'],
  ['local t = setmetatable({}, {__newindex = function() end}) t[nil] = 1 return 1'],
  ['rawset({}, 0/0, 1)'],
  // lua-cmsgpack 0.4.0: NaN packs as a double, uint 64 wraps past 2^63 - 1,
  // bin types are a bad format, a nil map key fails.
  ['return #cmsgpack.pack(0/0)'],
  ["return {cmsgpack.unpack('\\207\\255\\255\\255\\255\\255\\255\\255\\255')}"],
  ["return cmsgpack.unpack('\\196\\3abc')"],
  ["return cmsgpack.unpack('\\129\\192\\2')"],
  ['return #cmsgpack.pack({[2^31] = 1})'],
  // The shebang line as evalExtractShebangFlags reads it (sdssplitargs,
  // the C string's first newline), and the redis library's numbers as
  // lua_tonumber gives them (numeric strings, fractions cut).
  ['#!lua'],
  ['#!lua flags=no-writes,\nreturn 1'],
  ['#!lua "flags=no-writes"\nreturn 1'],
  ["#!lua 'flags=no-writes\nreturn 1"],
  ['#!lua\tflags=no-writes\nreturn 1'],
  ['#!lua\r\nreturn 1'],
  ['#! lua\nreturn 1'],
  ['#!lua\0x\nreturn 1'],
  [
    "return {redis.setresp(2.5), redis.setresp('3'), redis.set_repl('1'), redis.log('3', 'x'), redis.log(3.5, 'x')}",
  ],
  ['return redis.setresp({})'],
  // Lua 5.1's compiler limits: 200 active locals per function (for loops'
  // hidden control locals and a vararg function's `arg` count), 60
  // upvalues, 200 less the nesting targets in one assignment.
  [`${manyLocals(201)} return 1`],
  [`${manyLocals(197)} for i = 1, 2 do end return 1`],
  [`${manyLocals(195)} for a, b, c in pairs({}) do end return 1`],
  [`local function f(${names(200, 'p')}, ...) end return 1`],
  [`local f = function()\n${manyLocals(201)} end return 1`],
  [
    `${manyLocals(61, 'u')} return function() return function() return ${names(61, 'u', ' + ')} end end`,
  ],
  [`local t = {} ${names(200, 't[', ', ', ']')} = 1 return #t`],
  [`local t = {} do ${names(200, 't[', ', ', ']')} = 1 end return #t`],
  // Registers (luaK_checkstack: fewer than 250 per function): a call's
  // function and arguments, a list's values, a constructor's pending
  // values, a concatenation's left operand; refused near the token at hand.
  [`return select("#", ${numbers(247)})`],
  [`return select("#", ${numbers(248)})`],
  [`return select("#", ${numbers(248)}, ...)`],
  [`return ${numbers(249)}`],
  [`local a = ${numbers(249)} return a`],
  [`${manyLocals(100)} return select("#", ${numbers(148)})`],
  [`local t = {} return t:concat(${numbers(247)})`],
  [`return select("#", ${numbers(247)}, {1, 2})`],
  [`return select("#", ${numbers(200)}, {${numbers(48)}})`],
  [`return select("#", ${numbers(190)}, {${numbers(100)}})`],
  [
    `return select("#", ${numbers(240)}, 'a' .. 'b' .. 'c' .. 'd' .. 'e' .. 'f' .. 'g' .. 'h' .. 'i')`,
  ],
  [`for k in pairs({}) do return select("#", ${numbers(245)}) end return 0`],
  [`return #{${numbers(49)}, f = 1, ${numbers(300)}}`],
  // LUA_COMPAT_VARARG: a vararg function that never reads '...' has its
  // extra arguments in the local `arg`, with n; one that does has a nil `arg`.
  ['return (function(a, ...) return {arg[1], arg[2], arg.n} end)(1, 2, 3)'],
  ['return (function(...) local x = ... return type(arg) end)(1, 2)'],
  ['return (function(...) return (function() return arg.n end)() end)(7, 8, 9)'],
  // string.format wants each argument before it reads the specification.
  ['return string.format("%e")'],
  ['return string.format("%------d")'],
  ['return string.format("%------d", 1)'],
  ['return string.format("%d %y", 1)'],
  ['return string.format("%", 1)'],
  ['local f = loadstring("return 2 * 21") return f()'],
  ['return loadstring("return 1 + ")'],
  ['local s = "x" .. 1 .. 2.5 return s'],
  ['local t = {10, 20, 30, nil, 50} return #t'],
  ['return select(-1, 1, 2, 3)'],
  ['return {pcall(function() error({code = 1}) end)}'],
  ['return {pcall(function() local x = nil; return x.y end)}'],
  ['return {xpcall(function() error("e") end, function(m) return "handled: " .. m end)}'],
  ['return type(print)'],
  // A NaN's sign, as x86 and glibc give it (tostring prints "-nan" for a
  // negative one): an invalid operation gives the default, negative NaN,
  // an operation on a NaN gives that NaN back, unary minus flips it, fabs
  // clears it, asin/acos/log10 out of their domain give a positive one.
  [
    'return {tostring(math.huge % 2), tostring(5 % 0), tostring(math.huge - math.huge), tostring(math.huge * 0), tostring(-(0/0)), tostring(-(0/0) % 3), tostring(3 % -(0/0)), tostring(-(0/0) + 1), tostring(1 - -(0/0))}',
  ],
  [
    'return {tostring(math.abs(0/0)), tostring(math.abs(-(0/0))), tostring(math.asin(2)), tostring(math.asin(0/0)), tostring(math.log10(-1)), tostring(math.log10(0/0)), tostring(math.exp(0/0)), tostring(math.floor(-(0/0))), tostring(math.cos(-math.huge)), tostring(math.fmod(1, 0)), tostring((-2)^0.5), tostring(math.pow(-(0/0), 2))}',
  ],
  [
    "return {tostring(tonumber('nan')), tostring(tonumber('-nan')), tostring(-tonumber('-nan')), tostring('nan' + 0), tostring(-'nan')}",
  ],
  ["return string.format('%f %g %.1e', math.huge % 2, -(0/0), math.abs(0/0))"],
  // glibc's pow: a NaN base with an odd integer exponent loses its sign.
  [
    'return {tostring((0/0)^2), tostring((0/0)^-1), tostring((0/0)^1), tostring((0/0)^3), tostring((0/0)^0.5), tostring((0/0)^(2^60)), tostring(2^(0/0)), tostring((0/0)^(-(0/0))), tostring((-(0/0))^(0/0)), tostring((0/0)^-math.huge), tostring((0/0)^0)}',
  ],
  // The same once the code is hot: V8 does not keep NaN bits, and its
  // optimized code gave a positive NaN where the cold code gave Redis's.
  [
    'local seen = {} for i = 1, 30000 do local x = (i % 2 == 0) and math.huge or 0 seen[tostring(x % 2) .. tostring(x - math.huge) .. tostring(-(x * 0 / 0))] = true end local keys = {} for k in pairs(seen) do keys[#keys + 1] = k end table.sort(keys) return keys',
  ],
  [
    'local seen = {} for i = 1, 30000 do local x = (i % 2 == 0) and math.huge or 0 seen[tostring(math.sqrt(-x - 1)) .. tostring(math.abs(x * 0)) .. tostring(math.log10(x * 0 - 1))] = true end local keys = {} for k in pairs(seen) do keys[#keys + 1] = k end table.sort(keys) return keys',
  ],
  ['#!lua flags=no-writes\nreturn redis.call("set", "{s}k", "v")'],
  ['#!lua flags=no-writes\nreturn redis.call("get", "{s}nokey")'],
  ['#!lua flags=bogus\nreturn 1'],
  ['#!python\nreturn 1'],
  // Status and error replies a script returns or raises are bytes, as Lua
  // strings are: a byte above 0x7f goes out as that byte (they went out
  // as its UTF-8, é as four bytes), and an error quoting a client's
  // argument reaches Lua with the argument's bytes (a byte that was not
  // UTF-8 became U+FFFD).
  ['return redis.status_reply(ARGV[1])', '0', 'é ÿ'],
  ['return redis.status_reply(string.char(255, 65, 200))'],
  ['return {err=ARGV[1]}', '0', 'é'],
  ['return {err="ERR " .. string.char(200, 10, 255)}'],
  ['error(ARGV[1])', '0', 'é'],
  ["return redis.call('EXPIRE', '{s}h', '100', ARGV[1])", '0', 'é'],
  ["return redis.call('EXPIRE', '{s}h', '100', string.char(255, 0, 120))"],
  ["local e = redis.pcall('EXPIRE', '{s}h', '100', string.char(255, 65)) return {e.err, #e.err}"],
  ["return redis.pcall('EXPIRE', '{s}h', '100', ARGV[1])", '0', 'ÿ\u0000x'],
  ["local e = redis.pcall('EXPIRE', '{s}h', '100', ARGV[1]) return e", '0', 'ÿé'],
];

function evalCommand(script: readonly string[]): string[] {
  const [body, numkeys = '0', ...rest] = script;
  return ['EVAL', body!, numkeys, ...rest];
}

const enabled = hasRedis();

describe.skipIf(!enabled)('differential: Lua scripting', () => {
  const ports = useDifferentialServers();

  const setup = [['FLUSHALL'], ['HSET', '{s}h', 'a', '1'], ['ZADD', '{s}z', '1.5', 'a', '2', 'b']];

  for (const protocol of ['2', '3']) {
    it(`replies to every script as Redis does (RESP${protocol})`, async () => {
      const theirs = await RawClient.connect(ports.redis);
      const mine = await RawClient.connect(ports.ours);
      try {
        for (const client of [theirs, mine]) {
          client.send([['HELLO', protocol], ...setup]);
          await client.read(setup.length + 1);
        }
        for (const script of SCRIPTS) {
          const command = evalCommand(script);
          theirs.send([command]);
          mine.send([command]);
          const [expected, actual] = [await theirs.read(1), await mine.read(1)];
          expect(actual, JSON.stringify(script)).toBe(expected);
        }
      } finally {
        theirs.close();
        mine.close();
      }
    });
  }

  it('caches scripts: EVALSHA, SCRIPT LOAD, EXISTS, FLUSH; EVAL_RO refuses writes; SELECT stays in the script', async () => {
    const sha = 'e0e1f9fabfc9d4800c877a703b823ac0578ff8db';
    const steps: string[][] = [
      ['SCRIPT', 'FLUSH'],
      ['EVALSHA', sha, '0'],
      ['SCRIPT', 'LOAD', 'return 1'],
      ['EVALSHA', sha.toUpperCase(), '0'],
      ['SCRIPT', 'EXISTS', sha, 'abc'],
      ['EVAL', 'return 2', '0'],
      ['SCRIPT', 'EXISTS', '7f923f79fe76194c868d7e1d0820de36700eb649'],
      ['SCRIPT', 'FLUSH', 'ASYNC'],
      ['SCRIPT', 'EXISTS', sha],
      ['SCRIPT', 'FLUSH', 'BOGUS'],
      ['SCRIPT', 'KILL'],
      ['SCRIPT', 'LOAD', 'return ('],
      ['SCRIPT', 'HELP'],
      ['SCRIPT', 'NOPE'],
      ['EVAL', 'return 1', '2', 'a'],
      ['EVAL', 'return 1', '-1'],
      ['EVAL', 'return 1', 'x'],
      ['EVAL', 'return 1', '01'],
      ['EVAL', 'return 1', '-0'],
      ['EVAL'],
      // A script with flags that may write cannot run from EVAL_RO at all.
      ['EVAL_RO', '#!lua\nreturn 1', '0'],
      ['EVAL_RO', '#!lua flags=no-writes\nreturn 1', '0'],
      ['EVAL_RO', '#!lua flags=no-writes\nreturn redis.call("set", "{s}k", "v")', '0'],
      ['EVALSHA', 'abc', '0'],
      // A SHA1 that is not 40 long is NOSCRIPT before numkeys is read; a
      // 40-long unknown one only after.
      ['EVALSHA', 'abc', 'x'],
      ['EVALSHA_RO', 'abc', '-1'],
      ['EVALSHA', '0123456789012345678901234567890123456789', 'x'],
      ['EVALSHA_RO', '0123456789012345678901234567890123456789', '5'],
      ['EVAL_RO', 'return redis.call("set", "{s}k", "v")', '1', '{s}k'],
      ['EVAL_RO', 'return redis.call("get", KEYS[1])', '1', '{s}k'],
      ['SCRIPT', 'LOAD', 'return redis.call("del", KEYS[1])'],
      ['EVALSHA_RO', '9d5b9b6b3ee1cd6b9b5d4c38e02b3c5d5bc1a0a8', '1', '{s}k'],
      [
        'EVAL',
        'redis.call("select", 3) redis.call("set", "{s}sel", "1") return redis.call("dbsize")',
        '0',
      ],
      ['EXISTS', '{s}sel'],
      ['SELECT', '3'],
      ['EXISTS', '{s}sel'],
      ['SELECT', '0'],
      ['MULTI'],
      ['EVAL', 'return redis.call("incr", "{s}m")', '0'],
      ['EVAL', 'return redis.call("incr", "{s}m")', '0'],
      ['EXEC'],
      ['INFO', 'nothing'],
    ];
    const theirs = await RawClient.connect(ports.redis);
    const mine = await RawClient.connect(ports.ours);
    try {
      for (const command of steps) {
        theirs.send([command]);
        mine.send([command]);
        const [expected, actual] = [await theirs.read(1), await mine.read(1)];
        expect(actual, JSON.stringify(command)).toBe(expected);
      }
    } finally {
      theirs.close();
      mine.close();
    }
  });
});
