package io.knetsim.skupper.config;

import static io.knetsim.skupper.config.Attributes.Kind.INTEGER;
import static io.knetsim.skupper.config.Attributes.Kind.STRING;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An {@code sslProfile} entity, as every Skupper-generated configuration carries (certificate
 * and key file paths). knetsim does not model TLS: the profile is read, checked and written
 * back, and listeners or connectors naming it still run in the clear.
 *
 * @param name unique among the configuration's sslProfiles
 * @param others the other schema attributes present (caCertFile, certFile, privateKeyFile, ...)
 */
public record SslProfileEntity(String name, Map<String, Object> others) implements ConfigEntity {
    /** The entity type name. */
    public static final String TYPE = "sslProfile";

    static final Map<String, Attributes.Kind> OTHERS = Map.of("ciphers", STRING, "protocols", STRING,
        "caCertFile", STRING, "certFile", STRING, "privateKeyFile", STRING, "password", STRING,
        "uidFormat", STRING, "uidNameMappingFile", STRING, "version", INTEGER, "oldestValidVersion", INTEGER);

    /** Copies {@code others}. */
    public SslProfileEntity {
        Objects.requireNonNull(name, "name");
        others = Others.copy(others);
    }

    @Override
    public String entityType() {
        return TYPE;
    }

    @Override
    public Map<String, Object> attributes() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.putAll(others);
        return m;
    }

    static SslProfileEntity read(Attributes a) {
        a.checkKnown(Set.of("name"), OTHERS);
        return new SslProfileEntity(a.requiredString("name"), a.others(OTHERS));
    }
}
