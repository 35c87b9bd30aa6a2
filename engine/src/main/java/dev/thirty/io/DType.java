package dev.thirty.io;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.Set;

/**
 * The safetensors element types this engine reads, each converted to float32 on read. Data is
 * little-endian. Writing always uses {@link #F32}.
 */
public enum DType {
    /** IEEE 754 binary64, narrowed to float32 with round-to-nearest. */
    F64(8),
    /** IEEE 754 binary32, read exactly. */
    F32(4),
    /** IEEE 754 binary16, widened exactly. */
    F16(2),
    /** bfloat16, the upper 16 bits of a binary32, widened exactly. */
    BF16(2);

    /** Element types the format defines that this reader does not convert. */
    private static final Set<String> OTHER_FORMAT_TYPES = Set.of("BOOL", "U8", "I8", "I16", "U16", "I32",
            "U32", "I64", "U64", "C64", "F8_E5M2", "F8_E4M3", "F8_E8M0", "F6_E2M3", "F6_E3M2", "F4");

    private final int bytes;

    DType(int bytes) {
        this.bytes = bytes;
    }

    /** Bytes per element. */
    public int bytes() {
        return bytes;
    }

    /** The type with this header name, if this reader supports it. */
    static Optional<DType> byName(String name) {
        for (DType t : values()) {
            if (t.name().equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** Whether {@code name} is an element type of the format that this reader does not convert. */
    static boolean isOtherFormatType(String name) {
        return OTHER_FORMAT_TYPES.contains(name);
    }

    /** Decodes {@code count} elements from {@code src} (little-endian) into {@code dst[offset..]}. */
    void decode(ByteBuffer src, float[] dst, int offset, int count) {
        switch (this) {
            case F32 -> src.asFloatBuffer().get(dst, offset, count);
            case F64 -> {
                for (int i = 0; i < count; i++) {
                    dst[offset + i] = (float) src.getDouble(i * 8);
                }
            }
            case F16 -> {
                for (int i = 0; i < count; i++) {
                    dst[offset + i] = Float.float16ToFloat(src.getShort(i * 2));
                }
            }
            case BF16 -> {
                for (int i = 0; i < count; i++) {
                    dst[offset + i] = Float.intBitsToFloat((src.getShort(i * 2) & 0xffff) << 16);
                }
            }
        }
    }
}
