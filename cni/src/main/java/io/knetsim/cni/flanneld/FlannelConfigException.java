package io.knetsim.cni.flanneld;

/** A network configuration flanneld cannot use; the message is flannel's own wording. */
public final class FlannelConfigException extends Exception {
    public FlannelConfigException(String message) {
        super(message);
    }
}
