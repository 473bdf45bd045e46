package dev.lbstudio.model;

import inet.ipaddr.IPAddressString;

/**
 * The one way model types hand address text to the IPAddress library, which overflows on prefix
 * lengths beyond int range: {@code 10.0.0.1/2147483648} throws ArrayIndexOutOfBoundsException and
 * {@code 10.0.0.1/4294967296} silently reads as /0 (IPAddress 5.5.1, found by the importer fuzz
 * test). No valid prefix length has more than three digits, so longer ones are refused first.
 */
final class IpText {
    private IpText() {
    }

    static IPAddressString of(String text) {
        String length = text.substring(text.lastIndexOf('/') + 1).strip().replaceFirst("^0+(?=\\d)", "");
        if (text.contains("/") && length.length() > 3 && length.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("'" + text.strip() + "' has prefix length " + length
                    + "; it is at most 32 for IPv4 and 128 for IPv6");
        }
        return new IPAddressString(text);
    }
}
