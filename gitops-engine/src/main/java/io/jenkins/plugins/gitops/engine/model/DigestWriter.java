package io.jenkins.plugins.gitops.engine.model;

import java.io.Writer;
import java.security.MessageDigest;

/**
 * Feeds text into a digest as the UTF-8 bytes {@code String.getBytes(UTF_8)} would give (an unpaired surrogate
 * becomes {@code ?}), without the text: the canonical JSON of a plan file or a large body was built as a String, copied
 * and encoded only to be hashed, three copies of 6 MB for kube-prometheus. A surrogate pair split between two writes
 * is joined.
 */
final class DigestWriter extends Writer {
    private final MessageDigest digest;
    private byte[] bytes = new byte[3 * 8192];
    /** A high surrogate that ended the last write, waiting for its low half. */
    private char high;

    DigestWriter(MessageDigest digest) {
        this.digest = digest;
    }

    @Override
    public void write(char[] chars, int offset, int length) {
        if (bytes.length < 3 * length + 4) {
            bytes = new byte[3 * length + 4];
        }
        int n = 0;
        for (int i = offset; i < offset + length; i++) {
            char c = chars[i];
            if (high != 0) {
                if (Character.isLowSurrogate(c)) {
                    int codePoint = Character.toCodePoint(high, c);
                    high = 0;
                    bytes[n++] = (byte) (0xF0 | (codePoint >> 18));
                    bytes[n++] = (byte) (0x80 | ((codePoint >> 12) & 0x3F));
                    bytes[n++] = (byte) (0x80 | ((codePoint >> 6) & 0x3F));
                    bytes[n++] = (byte) (0x80 | (codePoint & 0x3F));
                    continue;
                }
                high = 0;
                bytes[n++] = '?';
            }
            if (c < 0x80) {
                bytes[n++] = (byte) c;
            } else if (c < 0x800) {
                bytes[n++] = (byte) (0xC0 | (c >> 6));
                bytes[n++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c)) {
                high = c;
            } else if (Character.isLowSurrogate(c)) {
                bytes[n++] = '?';
            } else {
                bytes[n++] = (byte) (0xE0 | (c >> 12));
                bytes[n++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                bytes[n++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        digest.update(bytes, 0, n);
    }

    @Override
    public void flush() {
        // Nothing is held but a high surrogate, which only close() may settle.
    }

    @Override
    public void close() {
        if (high != 0) {
            high = 0;
            digest.update((byte) '?');
        }
    }
}
