package dev.lbstudio.model;

import inet.ipaddr.AddressStringException;
import inet.ipaddr.IPAddress;
import inet.ipaddr.AddressStringParameters.RangeParameters;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;
import inet.ipaddr.IncompatibleAddressException;

/**
 * The one way model types hand address text to the IPAddress library, which overflows on prefix
 * lengths beyond int range: {@code 10.0.0.1/2147483648} throws ArrayIndexOutOfBoundsException and
 * {@code 10.0.0.1/4294967296} silently reads as /0 (IPAddress 5.5.1, found by the importer fuzz
 * test). No valid prefix length has more than three digits, so longer ones are refused first.
 * Text the library reads as a range of segments ({@code 10-}) it cannot make into one address throws
 * IncompatibleAddressException, not AddressStringException (found by the nightly fuzz run).
 *
 * <p>Addresses are read as Kubernetes, MetalLB and FRR read them (Go's net.ParseIP / ParseCIDR, inet_pton):
 * written out in full. The library's defaults would also take {@code 10} as 0.0.0.10, an empty string as
 * the loopback address, {@code 10-} as a range and {@code *} as everything, so MetalLB's {@code 10-} pool
 * would silently become 0.0.0.10–127.0.0.1 where MetalLB refuses it.
 */
final class IpText {
    private static final IPAddressStringParameters AS_WRITTEN_OUT = new IPAddressStringParameters.Builder()
            .allowEmpty(false).allowAll(false).allowSingleSegment(false).allowPrefixOnly(false)
            .allowWildcardedSeparator(false).setRangeOptions(RangeParameters.NO_RANGE).allow_inet_aton(false)
            .toParams();

    private IpText() {
    }

    static IPAddressString of(String text) {
        String length = text.substring(text.lastIndexOf('/') + 1).strip().replaceFirst("^0+(?=\\d)", "");
        if (text.contains("/") && length.length() > 3 && length.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("'" + text.strip() + "' has prefix length " + length
                    + "; it is at most 32 for IPv4 and 128 for IPv6");
        }
        return new IPAddressString(text, AS_WRITTEN_OUT);
    }

    /** The address {@code text} names, or IllegalArgumentException saying it is not {@code what} ("an IP address"). */
    static IPAddress toAddress(String text, String what) {
        try {
            return of(text.trim()).toAddress();
        } catch (AddressStringException | IncompatibleAddressException e) {
            throw new IllegalArgumentException("'" + text + "' is not " + what + ": " + e.getMessage(), e);
        }
    }
}
