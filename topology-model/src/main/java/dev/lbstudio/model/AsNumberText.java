package dev.lbstudio.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AS numbers written as text the way Calico reads them (api/pkg/lib/numorstring/asnumber.go at
 * v3.32.1): plain digits up to 2^32-1, or asdot {@code high.low} with two 16-bit parts
 * ({@code 1.10} is 65546).
 */
public final class AsNumberText {
    private static final Pattern PLAIN = Pattern.compile("[0-9]{1,10}");
    private static final Pattern ASDOT = Pattern.compile("([0-9]{1,5})\\.([0-9]{1,5})");
    private static final long MAX = 4_294_967_295L;

    private AsNumberText() {
    }

    /** The AS number the text means, or null when Calico would not read it as one. */
    public static Long parse(String text) {
        String t = text.strip();
        if (PLAIN.matcher(t).matches()) {
            long n = Long.parseLong(t);
            return n <= MAX ? n : null;
        }
        Matcher m = ASDOT.matcher(t);
        if (m.matches()) {
            long high = Long.parseLong(m.group(1));
            long low = Long.parseLong(m.group(2));
            return high <= 65_535 && low <= 65_535 ? (high << 16) + low : null;
        }
        return null;
    }
}
