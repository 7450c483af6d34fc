package io.knetsim.tool.dnsutils;

import io.knetsim.packet.DnsMessage;
import io.knetsim.packet.DnsMessage.Question;
import io.knetsim.packet.DnsMessage.Record;
import io.knetsim.packet.DnsName;

/**
 * Resource records as dig prints them (BIND's master-file style): owner name, then the TTL,
 * class, type and data each starting at the next of columns 24, 32, 40 and 48, reached with
 * tabs of 8; a field that already passed its column is set off by one space.
 *
 * <pre>
 *   web.lab.             30  IN  A   10.0.0.2       (the columns, written with tabs)
 *   web.default.svc.cluster.local. 30 IN A	10.96.0.20   (a long name: spaces, then a tab)
 *   ;web.lab.                IN  A                  (a question: no TTL)
 * </pre>
 */
final class MasterFormat {
    private static final int TTL_COLUMN = 24;
    private static final int CLASS_COLUMN = 32;
    private static final int TYPE_COLUMN = 40;
    private static final int RDATA_COLUMN = 48;

    private MasterFormat() {
    }

    static String record(Record r) {
        StringBuilder sb = new StringBuilder(DnsName.absolute(r.name()));
        column(sb, TTL_COLUMN);
        sb.append(r.ttl());
        column(sb, CLASS_COLUMN);
        sb.append(className(r.cls()));
        column(sb, TYPE_COLUMN);
        sb.append(DnsMessage.typeName(r.type()));
        column(sb, RDATA_COLUMN);
        sb.append(r.data().text());
        return sb.toString();
    }

    static String question(Question q) {
        StringBuilder sb = new StringBuilder(";").append(DnsName.absolute(q.name()));
        column(sb, CLASS_COLUMN);
        sb.append(className(q.cls()));
        column(sb, TYPE_COLUMN);
        sb.append(DnsMessage.typeName(q.type()));
        return sb.toString();
    }

    static String className(int cls) {
        return switch (cls) {
            case DnsMessage.CLASS_IN -> "IN";
            case 3 -> "CH";
            case 4 -> "HS";
            case 255 -> "ANY";
            default -> "CLASS" + cls;
        };
    }

    /** Tabs to {@code col} (the line's width counts a tab as reaching the next multiple of 8), or one space. */
    private static void column(StringBuilder sb, int col) {
        int lineStart = sb.lastIndexOf("\n") + 1;
        int cur = 0;
        for (int i = lineStart; i < sb.length(); i++) {
            cur = sb.charAt(i) == '\t' ? (cur / 8 + 1) * 8 : cur + 1;
        }
        if (cur >= col) {
            sb.append(' ');
            return;
        }
        while (cur < col) {
            sb.append('\t');
            cur = (cur / 8 + 1) * 8;
        }
    }
}
