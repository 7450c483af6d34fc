package io.knetsim.cni;

import java.util.List;

/**
 * A CNI plugin, found by the {@code type} of its configuration. Where the real plugin is a binary
 * reading its configuration on stdin and {@code CNI_*} variables, this one is a class called
 * in-process with a {@link PluginCall} holding both.
 *
 * <p>ADD returns the result or throws a {@link CniError}; whatever it made before failing is
 * undone by the caller through the call's journal ({@link PluginCall#onRollback}), so a plugin
 * records an undo step right after each change. DEL must succeed when things are already gone.
 */
public interface CniPlugin {
    /** The {@code type} that selects this plugin, e.g. {@code bridge}. */
    String type();

    CniResult add(PluginCall call) throws CniError;

    void del(PluginCall call) throws CniError;

    void check(PluginCall call) throws CniError;

    /** The versions {@code VERSION} reports and configurations may ask for. */
    default List<String> supportedVersions() {
        return CniVersion.SUPPORTED;
    }
}
