/**
 * How Lua 5.1 names a chunk. A chunk keeps the name it was loaded with
 * (its `source`: "@user_script" for EVAL's scripts, "@user_function"
 * for a function library, "=name" or the code itself for loadstring),
 * and messages print a short form of it (luaO_chunkid): "user_script",
 * "name", `[string "first line..."]`. Runtime errors shorten it to
 * LUA_IDSIZE, syntax errors to the lexer's larger MAXSRC; Redis's error
 * replies end with the raw source ("on @user_script:3.").
 *
 * @module
 */

/** A chunk's name: as loaded, and as runtime errors print it. */
export interface ChunkName {
  readonly source: string;
  readonly short: string;
}

/** Lua 5.1's LUA_IDSIZE: the buffer runtime error positions are printed into. */
const LUA_IDSIZE = 60;

/** llex.c's MAXSRC: the buffer syntax errors print the chunk's name into. */
export const SYNTAX_ID_SIZE = 80;

/**
 * luaO_chunkid: "=name" is name (cut to fit), "@file" is the file's name
 * (its end, after "...", when too long), anything else is the code
 * itself as `[string "..."]`, up to its first line break and cut to fit,
 * with "..." when anything was left out. `size` counts C's terminator.
 */
export function chunkId(source: string, size: number): string {
  if (source.startsWith('=')) return source.slice(1, size);
  if (source.startsWith('@')) {
    const file = source.slice(1);
    // sizeof(" '...' ") is 8.
    const room = size - 8;
    return file.length > room ? `...${file.slice(file.length - room)}` : file;
  }
  // sizeof(" [string \"...\"] ") is 17.
  const room = size - 17;
  let length = source.search(/[\n\r]/);
  if (length < 0) length = source.length;
  if (length > room) length = room;
  return length < source.length
    ? `[string "${source.slice(0, length)}..."]`
    : `[string "${source}"]`;
}

/** The name of a chunk loaded as `source`. */
export function chunkName(source: string): ChunkName {
  return { source, short: chunkId(source, LUA_IDSIZE) };
}
