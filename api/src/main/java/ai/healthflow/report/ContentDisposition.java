package ai.healthflow.report;

import java.nio.charset.StandardCharsets;

/**
 * {@code Content-Disposition: attachment} as RFC 6266 says: a plain ASCII {@code filename} for old clients and
 * {@code filename*} (RFC 8187) carrying the real, possibly Arabic, name in UTF-8.
 */
public final class ContentDisposition {
    private ContentDisposition() {
    }

    public static String attachment(String asciiName, String name) {
        return "attachment; filename=\"" + ascii(asciiName) + "\"; filename*=UTF-8''" + encode(name);
    }

    /** Only printable ASCII, without quote or backslash (which would need escaping some clients get wrong). */
    private static String ascii(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (char c : name.toCharArray()) {
            out.append(c >= 0x20 && c < 0x7F && c != '"' && c != '\\' ? c : '_');
        }
        return out.toString();
    }

    /** RFC 8187 value-chars: attr-chars as they are, every other byte of the UTF-8 form as %XX. */
    static String encode(String name) {
        StringBuilder out = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            boolean attrChar = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || "!#$&+-.^_`|~".indexOf(c) >= 0;
            if (attrChar) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }
}
