/**
 * The command table: every command the server implements, by lower-case
 * name. Each lives in its own file beside this one.
 *
 * @module
 */

import type { Command } from '../command.js';
import { acl } from './acl.js';
import { append } from './append.js';
import { asking } from './asking.js';
import { auth } from './auth.js';
import { bgsave } from './bgsave.js';
import { bitcount } from './bitcount.js';
import { bitfield } from './bitfield.js';
import { bitfieldRo } from './bitfield-ro.js';
import { bitop } from './bitop.js';
import { bitpos } from './bitpos.js';
import { blmove } from './blmove.js';
import { blmpop } from './blmpop.js';
import { blpop } from './blpop.js';
import { brpop } from './brpop.js';
import { brpoplpush } from './brpoplpush.js';
import { bzmpop } from './bzmpop.js';
import { bzpopmax } from './bzpopmax.js';
import { bzpopmin } from './bzpopmin.js';
import { client } from './client.js';
import { cluster } from './cluster.js';
import { command } from './command.js';
import { config } from './config.js';
import { copy } from './copy.js';
import { dbsize } from './dbsize.js';
import { debug } from './debug.js';
import { decr } from './decr.js';
import { decrby } from './decrby.js';
import { del } from './del.js';
import { discard } from './discard.js';
import { dump } from './dump.js';
import { echo } from './echo.js';
import { evalCommand } from './eval.js';
import { evalRo } from './eval-ro.js';
import { evalsha } from './evalsha.js';
import { evalshaRo } from './evalsha-ro.js';
import { exec } from './exec.js';
import { exists } from './exists.js';
import { expire } from './expire.js';
import { expireat } from './expireat.js';
import { expiretime } from './expiretime.js';
import { failover } from './failover.js';
import { fcall } from './fcall.js';
import { fcallRo } from './fcall-ro.js';
import { flushall } from './flushall.js';
import { flushdb } from './flushdb.js';
import { functionCommand } from './function.js';
import { geoadd } from './geoadd.js';
import { geodist } from './geodist.js';
import { geohash } from './geohash.js';
import { geopos } from './geopos.js';
import { georadius } from './georadius.js';
import { georadius_ro } from './georadius-ro.js';
import { georadiusbymember } from './georadiusbymember.js';
import { georadiusbymember_ro } from './georadiusbymember-ro.js';
import { geosearch } from './geosearch.js';
import { geosearchstore } from './geosearchstore.js';
import { get } from './get.js';
import { getbit } from './getbit.js';
import { getdel } from './getdel.js';
import { getex } from './getex.js';
import { getrange } from './getrange.js';
import { getset } from './getset.js';
import { hdel } from './hdel.js';
import { hello } from './hello.js';
import { hexists } from './hexists.js';
import { hget } from './hget.js';
import { hgetall } from './hgetall.js';
import { hincrby } from './hincrby.js';
import { hincrbyfloat } from './hincrbyfloat.js';
import { hkeys } from './hkeys.js';
import { hlen } from './hlen.js';
import { hmget } from './hmget.js';
import { hmset } from './hmset.js';
import { hrandfield } from './hrandfield.js';
import { hscan } from './hscan.js';
import { hset } from './hset.js';
import { hsetnx } from './hsetnx.js';
import { hstrlen } from './hstrlen.js';
import { hvals } from './hvals.js';
import { incr } from './incr.js';
import { incrby } from './incrby.js';
import { incrbyfloat } from './incrbyfloat.js';
import { info } from './info.js';
import { keys } from './keys.js';
import { lastsave } from './lastsave.js';
import { latency } from './latency.js';
import { lcs } from './lcs.js';
import { lindex } from './lindex.js';
import { linsert } from './linsert.js';
import { llen } from './llen.js';
import { lmove } from './lmove.js';
import { lmpop } from './lmpop.js';
import { lolwut } from './lolwut.js';
import { lpop } from './lpop.js';
import { lpos } from './lpos.js';
import { lpush } from './lpush.js';
import { lpushx } from './lpushx.js';
import { lrange } from './lrange.js';
import { lrem } from './lrem.js';
import { lset } from './lset.js';
import { ltrim } from './ltrim.js';
import { memory } from './memory.js';
import { mget } from './mget.js';
import { migrate } from './migrate.js';
import { moduleCommand } from './module.js';
import { monitor } from './monitor.js';
import { move } from './move.js';
import { mset } from './mset.js';
import { msetnx } from './msetnx.js';
import { multi } from './multi.js';
import { object } from './object.js';
import { persist } from './persist.js';
import { pexpire } from './pexpire.js';
import { pexpireat } from './pexpireat.js';
import { pexpiretime } from './pexpiretime.js';
import { pfadd } from './pfadd.js';
import { pfcount } from './pfcount.js';
import { pfdebug } from './pfdebug.js';
import { pfmerge } from './pfmerge.js';
import { pfselftest } from './pfselftest.js';
import { ping } from './ping.js';
import { psetex } from './psetex.js';
import { psubscribe } from './psubscribe.js';
import { pttl } from './pttl.js';
import { publish } from './publish.js';
import { pubsub } from './pubsub.js';
import { punsubscribe } from './punsubscribe.js';
import { quit } from './quit.js';
import { randomkey } from './randomkey.js';
import { readonly } from './readonly.js';
import { readwrite } from './readwrite.js';
import { rename } from './rename.js';
import { renamenx } from './renamenx.js';
import { reset } from './reset.js';
import { restore } from './restore.js';
import { restoreAsking } from './restore-asking.js';
import { role } from './role.js';
import { rpop } from './rpop.js';
import { rpoplpush } from './rpoplpush.js';
import { rpush } from './rpush.js';
import { rpushx } from './rpushx.js';
import { sadd } from './sadd.js';
import { save } from './save.js';
import { scan } from './scan.js';
import { scard } from './scard.js';
import { script } from './script.js';
import { sdiff } from './sdiff.js';
import { sdiffstore } from './sdiffstore.js';
import { select } from './select.js';
import { set } from './set.js';
import { setbit } from './setbit.js';
import { setex } from './setex.js';
import { setnx } from './setnx.js';
import { setrange } from './setrange.js';
import { shutdown } from './shutdown.js';
import { sinter } from './sinter.js';
import { sintercard } from './sintercard.js';
import { sinterstore } from './sinterstore.js';
import { sismember } from './sismember.js';
import { slowlog } from './slowlog.js';
import { smembers } from './smembers.js';
import { smismember } from './smismember.js';
import { smove } from './smove.js';
import { sort } from './sort.js';
import { sort_ro } from './sort-ro.js';
import { spop } from './spop.js';
import { spublish } from './spublish.js';
import { srandmember } from './srandmember.js';
import { srem } from './srem.js';
import { sscan } from './sscan.js';
import { ssubscribe } from './ssubscribe.js';
import { strlen } from './strlen.js';
import { subscribe } from './subscribe.js';
import { substr } from './substr.js';
import { sunion } from './sunion.js';
import { sunionstore } from './sunionstore.js';
import { sunsubscribe } from './sunsubscribe.js';
import { swapdb } from './swapdb.js';
import { time } from './time.js';
import { touch } from './touch.js';
import { ttl } from './ttl.js';
import { type } from './type.js';
import { unlink } from './unlink.js';
import { unsubscribe } from './unsubscribe.js';
import { unwatch } from './unwatch.js';
import { wait } from './wait.js';
import { watch } from './watch.js';
import { xack } from './xack.js';
import { xadd } from './xadd.js';
import { xautoclaim } from './xautoclaim.js';
import { xclaim } from './xclaim.js';
import { xdel } from './xdel.js';
import { xgroup } from './xgroup.js';
import { xinfo } from './xinfo.js';
import { xlen } from './xlen.js';
import { xpending } from './xpending.js';
import { xrange } from './xrange.js';
import { xread } from './xread.js';
import { xreadgroup } from './xreadgroup.js';
import { xrevrange } from './xrevrange.js';
import { xsetid } from './xsetid.js';
import { xtrim } from './xtrim.js';
import { zadd } from './zadd.js';
import { zcard } from './zcard.js';
import { zcount } from './zcount.js';
import { zdiff } from './zdiff.js';
import { zdiffstore } from './zdiffstore.js';
import { zincrby } from './zincrby.js';
import { zinter } from './zinter.js';
import { zintercard } from './zintercard.js';
import { zinterstore } from './zinterstore.js';
import { zlexcount } from './zlexcount.js';
import { zmpop } from './zmpop.js';
import { zmscore } from './zmscore.js';
import { zpopmax } from './zpopmax.js';
import { zpopmin } from './zpopmin.js';
import { zrandmember } from './zrandmember.js';
import { zrange } from './zrange.js';
import { zrangebylex } from './zrangebylex.js';
import { zrangebyscore } from './zrangebyscore.js';
import { zrangestore } from './zrangestore.js';
import { zrank } from './zrank.js';
import { zrem } from './zrem.js';
import { zremrangebylex } from './zremrangebylex.js';
import { zremrangebyrank } from './zremrangebyrank.js';
import { zremrangebyscore } from './zremrangebyscore.js';
import { zrevrange } from './zrevrange.js';
import { zrevrangebylex } from './zrevrangebylex.js';
import { zrevrangebyscore } from './zrevrangebyscore.js';
import { zrevrank } from './zrevrank.js';
import { zscan } from './zscan.js';
import { zscore } from './zscore.js';
import { zunion } from './zunion.js';
import { zunionstore } from './zunionstore.js';

/** A fresh map of every command, by name. */
export function commandTable(): Map<string, Command> {
  const commands: Command[] = [
    blmove,
    blmpop,
    blpop,
    brpop,
    brpoplpush,
    linsert,
    lindex,
    llen,
    lolwut,
    lmove,
    lmpop,
    lpop,
    lpos,
    lpush,
    lpushx,
    lrange,
    lrem,
    lset,
    ltrim,
    role,
    rpop,
    rpoplpush,
    rpush,
    rpushx,
    acl,
    append,
    auth,
    bitcount,
    bitfield,
    bitfieldRo,
    evalCommand,
    evalRo,
    evalsha,
    evalshaRo,
    script,
    fcall,
    fcallRo,
    functionCommand,
    dump,
    restore,
    restoreAsking,
    moduleCommand,
    cluster,
    readonly,
    readwrite,
    asking,
    save,
    bgsave,
    bitop,
    bitpos,
    bzmpop,
    bzpopmax,
    bzpopmin,
    client,
    command,
    config,
    copy,
    dbsize,
    debug,
    decr,
    decrby,
    del,
    discard,
    echo,
    exec,
    exists,
    expire,
    expireat,
    expiretime,
    flushall,
    failover,
    flushdb,
    geoadd,
    geodist,
    geohash,
    geopos,
    georadius,
    georadius_ro,
    georadiusbymember,
    georadiusbymember_ro,
    geosearch,
    geosearchstore,
    get,
    getbit,
    getdel,
    getex,
    getrange,
    getset,
    hdel,
    hexists,
    hget,
    hgetall,
    hincrby,
    hincrbyfloat,
    hkeys,
    hlen,
    hmget,
    hmset,
    hrandfield,
    hscan,
    hset,
    hsetnx,
    hstrlen,
    hvals,
    hello,
    incr,
    incrby,
    incrbyfloat,
    info,
    keys,
    lastsave,
    latency,
    lcs,
    memory,
    migrate,
    mget,
    monitor,
    move,
    mset,
    msetnx,
    multi,
    object,
    persist,
    pexpire,
    pexpireat,
    pexpiretime,
    pfadd,
    pfcount,
    pfdebug,
    pfmerge,
    pfselftest,
    ping,
    psetex,
    psubscribe,
    pttl,
    publish,
    pubsub,
    punsubscribe,
    quit,
    randomkey,
    rename,
    renamenx,
    reset,
    scan,
    sadd,
    scard,
    sdiff,
    sdiffstore,
    shutdown,
    slowlog,
    sinter,
    sintercard,
    sinterstore,
    sismember,
    smembers,
    smismember,
    smove,
    sort,
    sort_ro,
    spop,
    srandmember,
    srem,
    sscan,
    sunion,
    sunionstore,
    select,
    set,
    setbit,
    setex,
    setnx,
    setrange,
    spublish,
    ssubscribe,
    strlen,
    subscribe,
    substr,
    sunsubscribe,
    swapdb,
    time,
    touch,
    ttl,
    type,
    unlink,
    unsubscribe,
    unwatch,
    wait,
    watch,
    xack,
    xadd,
    xautoclaim,
    xclaim,
    xdel,
    xgroup,
    xinfo,
    xlen,
    xpending,
    xrange,
    xread,
    xreadgroup,
    xrevrange,
    xsetid,
    xtrim,
    zadd,
    zcard,
    zcount,
    zdiff,
    zdiffstore,
    zincrby,
    zinter,
    zintercard,
    zinterstore,
    zlexcount,
    zmpop,
    zmscore,
    zpopmax,
    zpopmin,
    zrandmember,
    zrange,
    zrangebylex,
    zrangebyscore,
    zrangestore,
    zrank,
    zrem,
    zremrangebylex,
    zremrangebyrank,
    zremrangebyscore,
    zrevrange,
    zrevrangebylex,
    zrevrangebyscore,
    zrevrank,
    zscan,
    zscore,
    zunion,
    zunionstore,
  ];
  return new Map(commands.map((command) => [command.name, command]));
}
