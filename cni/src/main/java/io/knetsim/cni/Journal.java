package io.knetsim.cni;

import io.knetsim.fs.FileTree;
import java.util.ArrayList;
import java.util.List;

/**
 * The undo log of one CNI operation: every change an ADD makes (a device, an address, a file)
 * registers how to take it back, and a failed ADD runs those steps newest first, so nothing is
 * left half-made. A successful operation simply drops the log.
 */
public final class Journal {
    private final List<Runnable> undo = new ArrayList<>();

    /** Registers a step that undoes the change just made. */
    public void onRollback(Runnable step) {
        undo.add(step);
    }

    /** Writes a file, recording its previous content (or absence) to restore. */
    public void write(FileTree files, String path, String content) {
        byte[] before = files.read(path);
        boolean existed = files.exists(path);
        files.write(path, content);
        onRollback(() -> {
            if (before != null) {
                files.write(path, before);
            } else if (!existed) {
                files.delete(path);
            }
        });
    }

    /** Deletes a file, recording its content to restore. */
    public void delete(FileTree files, String path) {
        byte[] before = files.read(path);
        if (before != null && files.delete(path)) {
            onRollback(() -> files.write(path, before));
        }
    }

    /** Runs the undo steps newest first and empties the log. */
    public void rollback() {
        for (int i = undo.size() - 1; i >= 0; i--) {
            undo.get(i).run();
        }
        undo.clear();
    }

    public int size() {
        return undo.size();
    }
}
