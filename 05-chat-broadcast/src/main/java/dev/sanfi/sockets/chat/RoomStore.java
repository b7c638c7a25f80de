package dev.sanfi.sockets.chat;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The room as Redis keeps it, for every node alike. Each change is one Lua script, which Redis runs
 * alone (no other command in between), so that taking the next {@code seq} and appending the event
 * to the stream are one step: the stream's order is the seq order.
 *
 * <ul>
 *   <li>{@code chat:seq}: the last seq given out ({@code INCR});
 *   <li>{@code chat:events}: the Redis Stream of events, trimmed to about {@link ChatLimits#RESUME_EVENTS}.
 *       An event with seq {@code S} has the entry ID {@code S-0}, so "everything after S" is an ID
 *       range; a {@code replaced} notice (a member resumed elsewhere; no seq) gets {@code S-1, S-2...};
 *   <li>{@code chat:name:NAME}: the SHA-256 of the member's resume token, with a lease ({@code PX})
 *       its node renews; a dead node's names expire;
 *   <li>{@code chat:members}: a sorted set of names, scored by the seq of their joined event.
 * </ul>
 *
 * Every command has a timeout; while Redis cannot be reached commands fail at once instead of
 * queueing ({@link ClientOptions.DisconnectedBehavior#REJECT_COMMANDS}).
 */
final class RoomStore implements AutoCloseable {

    static final String SEQ = "chat:seq";
    static final String EVENTS = "chat:events";
    static final String MEMBERS = "chat:members";
    static final String NAME_PREFIX = "chat:name:";

    /** At most this many commands wait in Lettuce for an answer, across all callers. */
    private static final int REQUEST_QUEUE = 10_000;

    /** ARGV: name, presented token hash or '', new token hash, lease ms, maxlen, at, owner. */
    private static final String JOIN = """
            local held = redis.call('GET', KEYS[3])
            if held then
              if ARGV[2] ~= '' and held == ARGV[2] then
                redis.call('SET', KEYS[3], ARGV[3], 'PX', ARGV[4])
                local last = tonumber(redis.call('GET', KEYS[1]) or '0')
                redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[5], last .. '-*', 'type', 'replaced', 'name', ARGV[1], 'owner', ARGV[7])
                return {'resumed', last}
              end
              return {'taken', 0}
            end
            redis.call('SET', KEYS[3], ARGV[3], 'PX', ARGV[4])
            local seq = redis.call('INCR', KEYS[1])
            redis.call('ZADD', KEYS[4], seq, ARGV[1])
            redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[5], seq .. '-0', 'type', 'joined', 'seq', seq, 'name', ARGV[1], 'at', ARGV[6])
            return {'joined', seq}
            """;

    /** ARGV: name, token hash, text, at, maxlen. 0 when the name is no longer this member's. */
    private static final String MESSAGE = """
            if redis.call('GET', KEYS[3]) ~= ARGV[2] then return 0 end
            local seq = redis.call('INCR', KEYS[1])
            redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[5], seq .. '-0', 'type', 'message', 'seq', seq, 'name', ARGV[1], 'text', ARGV[3], 'at', ARGV[4])
            return seq
            """;

    /** ARGV: name, token hash, at, maxlen. 0 when the name is no longer this member's (replaced, expired). */
    private static final String LEAVE = """
            if redis.call('GET', KEYS[3]) ~= ARGV[2] then return 0 end
            redis.call('DEL', KEYS[3])
            redis.call('ZREM', KEYS[4], ARGV[1])
            local seq = redis.call('INCR', KEYS[1])
            redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[4], seq .. '-0', 'type', 'left', 'seq', seq, 'name', ARGV[1], 'at', ARGV[3])
            return seq
            """;

    /**
     * ARGV: lease ms, then name, token hash pairs. Renews each lease that is still the member's; a
     * lease that is gone (Redis restarted empty) is taken again. Returns the names held by another token.
     */
    private static final String RENEW = """
            local lost = {}
            for i = 2, #ARGV, 2 do
              local key = KEYS[2] .. ARGV[i]
              local held = redis.call('GET', key)
              if held == ARGV[i + 1] then
                redis.call('PEXPIRE', key, ARGV[1])
              elseif not held then
                redis.call('SET', key, ARGV[i + 1], 'PX', ARGV[1])
                redis.call('ZADD', KEYS[1], 'NX', tonumber(redis.call('GET', KEYS[3]) or '0'), ARGV[i])
              else
                table.insert(lost, ARGV[i])
              end
            end
            return lost
            """;

    /** ARGV: name prefix, at, maxlen. Every member whose lease expired leaves, announced once. */
    private static final String SWEEP = """
            local gone = 0
            for _, name in ipairs(redis.call('ZRANGE', KEYS[3], 0, -1)) do
              if redis.call('EXISTS', ARGV[1] .. name) == 0 then
                redis.call('ZREM', KEYS[3], name)
                local seq = redis.call('INCR', KEYS[1])
                redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[3], seq .. '-0', 'type', 'left', 'seq', seq, 'name', name, 'at', ARGV[2])
                gone = gone + 1
              end
            end
            return gone
            """;

    /**
     * ARGV: the last seq this node saw. A Redis that restarted empty starts counting again from the
     * highest seq the nodes know, so seq stays contiguous and the stream's IDs keep growing.
     */
    private static final String FLOOR = """
            if tonumber(redis.call('GET', KEYS[1]) or '0') < tonumber(ARGV[1]) then
              redis.call('SET', KEYS[1], ARGV[1])
            end
            return tonumber(redis.call('GET', KEYS[1]))
            """;

    /** The state a node starts from: the last seq, and the members in joining order, read at one moment. */
    private static final String SNAPSHOT = """
            local last = tonumber(redis.call('GET', KEYS[1]) or '0')
            return {last, redis.call('ZRANGE', KEYS[2], 0, -1)}
            """;

    /** What joining got: a fresh member (its joined event's seq), a resume (the seq at that moment), or refused. */
    record Joining(String outcome, long seq) {
        boolean joined() {
            return outcome.equals("joined");
        }

        boolean resumed() {
            return outcome.equals("resumed");
        }
    }

    /** One entry of the stream: an event with its seq, or a replaced notice (seq 0). */
    record Entry(String id, String type, long seq, String name, String text, Instant at, String owner) {
    }

    /** The last seq and the members in joining order. */
    record Snapshot(long lastSeq, List<String> members) {
    }

    private final ClientResources resources;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> writer;
    /** Blocking reads on their own connection, so that they never hold up a member's command. */
    private final StatefulRedisConnection<String, String> reader;
    private final long leaseMillis;

    private RoomStore(ClientResources resources, RedisClient client, StatefulRedisConnection<String, String> writer,
            StatefulRedisConnection<String, String> reader, Duration lease) {
        this.resources = resources;
        this.client = client;
        this.writer = writer;
        this.reader = reader;
        this.leaseMillis = lease.toMillis();
    }

    /** Connects both connections; throws {@link io.lettuce.core.RedisConnectionException} when Redis cannot be reached. */
    static RoomStore connect(ClusterSettings settings) {
        Duration timeout = settings.commandTimeout();
        // Lettuce reconnects a lost connection by itself; full jitter keeps many nodes from retrying in step.
        ClientResources resources = ClientResources.builder()
                .ioThreadPoolSize(2).computationThreadPoolSize(2)
                .reconnectDelay(Delay.fullJitter(Duration.ofMillis(50), settings.maxBackoff(), 2, TimeUnit.MILLISECONDS))
                .build();
        RedisURI uri = RedisURI.builder().withHost(settings.redis().host()).withPort(settings.redis().port())
                .withTimeout(timeout).build();
        RedisClient client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .requestQueueSize(REQUEST_QUEUE)
                .socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .build());
        StatefulRedisConnection<String, String> writer = null;
        try {
            writer = client.connect();
            StatefulRedisConnection<String, String> reader = client.connect();
            return new RoomStore(resources, client, writer, reader, settings.nameLease());
        } catch (RuntimeException e) {
            if (writer != null) {
                writer.close();
            }
            shutdown(client, resources);
            throw e;
        }
    }

    Joining join(MemberName name, String presentedToken, ResumeToken newToken, Instant at, String owner) {
        List<Object> result = commands().eval(JOIN, ScriptOutputType.MULTI,
                new String[] {SEQ, EVENTS, NAME_PREFIX + name.value(), MEMBERS},
                name.value(), presentedToken == null ? "" : hash(presentedToken), hash(newToken.text()),
                Long.toString(leaseMillis), Integer.toString(ChatLimits.RESUME_EVENTS), at.toString(), owner);
        return new Joining((String) result.get(0), (Long) result.get(1));
    }

    /** The message's seq, or 0 when the name is no longer this member's. */
    long message(MemberName name, ResumeToken token, String text, Instant at) {
        Long seq = commands().eval(MESSAGE, ScriptOutputType.INTEGER, new String[] {SEQ, EVENTS, NAME_PREFIX + name.value()},
                name.value(), hash(token.text()), text, at.toString(), Integer.toString(ChatLimits.RESUME_EVENTS));
        return seq;
    }

    void leave(MemberName name, ResumeToken token, Instant at) {
        commands().eval(LEAVE, ScriptOutputType.INTEGER, new String[] {SEQ, EVENTS, NAME_PREFIX + name.value(), MEMBERS},
                name.value(), hash(token.text()), at.toString(), Integer.toString(ChatLimits.RESUME_EVENTS));
    }

    /** Renews the leases of these members; returns the names another token holds now. */
    List<String> renew(List<MemberName> names, List<ResumeToken> tokens) {
        List<String> args = new ArrayList<>(1 + 2 * names.size());
        args.add(Long.toString(leaseMillis));
        for (int i = 0; i < names.size(); i++) {
            args.add(names.get(i).value());
            args.add(hash(tokens.get(i).text()));
        }
        return commands().eval(RENEW, ScriptOutputType.MULTI, new String[] {MEMBERS, NAME_PREFIX, SEQ}, args.toArray(String[]::new));
    }

    void sweep(Instant at) {
        commands().eval(SWEEP, ScriptOutputType.INTEGER, new String[] {SEQ, EVENTS, MEMBERS},
                NAME_PREFIX, at.toString(), Integer.toString(ChatLimits.RESUME_EVENTS));
    }

    long floor(long lastSeen) {
        Long last = commands().eval(FLOOR, ScriptOutputType.INTEGER, new String[] {SEQ}, Long.toString(lastSeen));
        return last;
    }

    @SuppressWarnings("unchecked")
    Snapshot snapshot() {
        List<Object> result = commands().eval(SNAPSHOT, ScriptOutputType.MULTI, new String[] {SEQ, MEMBERS});
        return new Snapshot((Long) result.get(0), List.copyOf((List<String>) result.get(1)));
    }

    /** The kept entries with an ID up to {@code lastId}, oldest first (for a node's history at start). */
    List<Entry> upTo(String lastId) {
        return entries(commands().xrange(EVENTS, Range.create("-", lastId)));
    }

    /** The entries after {@code afterId}, waiting at most {@code block} for the first. */
    @SuppressWarnings("unchecked") // one StreamOffset through Lettuce's generic varargs
    List<Entry> after(String afterId, Duration block, int count) {
        return entries(reader.sync().xread(XReadArgs.Builder.block(block).count(count),
                XReadArgs.StreamOffset.from(EVENTS, afterId)));
    }

    private RedisCommands<String, String> commands() {
        return writer.sync();
    }

    private static List<Entry> entries(List<StreamMessage<String, String>> messages) {
        List<Entry> entries = new ArrayList<>(messages.size());
        for (StreamMessage<String, String> message : messages) {
            var body = message.getBody();
            String seq = body.get("seq");
            String at = body.get("at");
            entries.add(new Entry(message.getId(), body.get("type"), seq == null ? 0 : Long.parseLong(seq), body.get("name"),
                    body.get("text"), at == null ? null : Instant.parse(at), body.get("owner")));
        }
        return entries;
    }

    /**
     * Redis keeps the token's SHA-256, not the token: whoever reads Redis cannot take a name, and the
     * script's plain string comparison leaks nothing useful about the token through its timing.
     */
    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    @Override
    public void close() {
        reader.close();
        writer.close();
        shutdown(client, resources);
    }

    private static void shutdown(RedisClient client, ClientResources resources) {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
