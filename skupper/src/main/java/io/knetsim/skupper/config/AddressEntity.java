package io.knetsim.skupper.config;

import static io.knetsim.skupper.config.Attributes.Kind.INTEGER;
import static io.knetsim.skupper.config.Attributes.Kind.STRING;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An {@code address} entity: the distribution of messages to addresses that start with a
 * {@code prefix} (or match a wildcard {@code pattern}; exactly one of the two is given).
 *
 * <pre>
 *   ["address", {"prefix": "mc", "distribution": "multicast"}]
 * </pre>
 *
 * The schema's default distribution is {@code balanced}.
 *
 * @param prefix the address prefix, if the entity matches by prefix
 * @param pattern the wildcard pattern ({@code *} one token, {@code #} any), if it matches by pattern
 * @param distribution multicast, closest, balanced or unavailable
 * @param others the other schema attributes present (priority, name)
 */
public record AddressEntity(Optional<String> prefix, Optional<String> pattern, Distribution distribution,
                            Map<String, Object> others) implements ConfigEntity {
    /** The entity type name. */
    public static final String TYPE = "address";

    static final Map<String, Attributes.Kind> OTHERS = Map.of("priority", INTEGER, "name", STRING);
    private static final Set<String> TYPED = Set.of("prefix", "pattern", "distribution");

    /** Checks that exactly one of prefix and pattern is given; copies {@code others}. */
    public AddressEntity {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(distribution, "distribution");
        if (prefix.isPresent() == pattern.isPresent()) {
            throw new IllegalArgumentException("an address has exactly one of prefix and pattern");
        }
        others = Others.copy(others);
    }

    /** An address entity for a prefix. */
    public AddressEntity(String prefix, Distribution distribution) {
        this(Optional.of(prefix), Optional.empty(), distribution, Map.of());
    }

    @Override
    public String entityType() {
        return TYPE;
    }

    /** The prefix or the pattern, whichever is given: the key that must be unique. */
    public String key() {
        return prefix.orElseGet(pattern::get);
    }

    @Override
    public Map<String, Object> attributes() {
        Map<String, Object> m = new LinkedHashMap<>();
        prefix.ifPresent(v -> m.put("prefix", v));
        pattern.ifPresent(v -> m.put("pattern", v));
        m.put("distribution", distribution.wireName());
        m.putAll(others);
        return m;
    }

    static AddressEntity read(Attributes a) {
        a.checkKnown(TYPED, OTHERS);
        Optional<String> prefix = Optional.ofNullable(a.string("prefix", null));
        Optional<String> pattern = Optional.ofNullable(a.string("pattern", null));
        if (prefix.isPresent() && pattern.isPresent()) {
            throw a.error("pattern", "cannot be used together with prefix");
        }
        if (prefix.isEmpty() && pattern.isEmpty()) {
            throw a.error("prefix", "required but missing (or give a pattern)");
        }
        return new AddressEntity(prefix, pattern, a.choice("distribution", Distribution.values(), Distribution.BALANCED),
            a.others(OTHERS));
    }
}
