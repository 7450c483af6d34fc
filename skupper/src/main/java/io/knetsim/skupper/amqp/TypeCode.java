package io.knetsim.skupper.amqp;

/**
 * The format codes of the AMQP 1.0 type system (OASIS AMQP 1.0, part 1, section 1.6): the
 * first byte of every encoded value. The high nibble gives the width class: 0x4 no data,
 * 0x5 one byte, 0x6 two, 0x7 four, 0x8 eight, 0x9 sixteen, 0xa/0xb variable (1/4-byte size),
 * 0xc/0xd compound (1/4-byte size and count), 0xe/0xf array.
 */
public final class TypeCode {
    private TypeCode() {
    }

    public static final int DESCRIBED = 0x00;
    public static final int NULL = 0x40;
    public static final int BOOLEAN = 0x56;
    public static final int TRUE = 0x41;
    public static final int FALSE = 0x42;
    public static final int UBYTE = 0x50;
    public static final int USHORT = 0x60;
    public static final int UINT = 0x70;
    public static final int SMALLUINT = 0x52;
    public static final int UINT0 = 0x43;
    public static final int ULONG = 0x80;
    public static final int SMALLULONG = 0x53;
    public static final int ULONG0 = 0x44;
    public static final int BYTE = 0x51;
    public static final int SHORT = 0x61;
    public static final int INT = 0x71;
    public static final int SMALLINT = 0x54;
    public static final int LONG = 0x81;
    public static final int SMALLLONG = 0x55;
    public static final int TIMESTAMP = 0x83;
    public static final int UUID = 0x98;
    public static final int VBIN8 = 0xa0;
    public static final int VBIN32 = 0xb0;
    public static final int STR8 = 0xa1;
    public static final int STR32 = 0xb1;
    public static final int SYM8 = 0xa3;
    public static final int SYM32 = 0xb3;
    public static final int LIST0 = 0x45;
    public static final int LIST8 = 0xc0;
    public static final int LIST32 = 0xd0;
    public static final int MAP8 = 0xc1;
    public static final int MAP32 = 0xd1;
    public static final int ARRAY8 = 0xe0;
    public static final int ARRAY32 = 0xf0;
}
