package io.knetsim.pcap;

import java.io.IOException;

/** A file that is not a classic pcap file, or one cut short; the message is libpcap's wording. */
public final class PcapFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public PcapFormatException(String message) {
        super(message);
    }
}
