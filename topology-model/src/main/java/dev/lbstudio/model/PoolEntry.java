package dev.lbstudio.model;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressSeqRange;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;

/**
 * One entry of an IPAddressPool's {@code addresses}, read the way MetalLB reads it: a CIDR (host
 * bits masked, as Go's net.ParseCIDR does), or a {@code start-end} range of one family.
 */
public record PoolEntry(String text, IPAddressSeqRange range, boolean isCidr, boolean hadHostBits) {

    public static PoolEntry parse(String text) {
        String t = text == null ? "" : text.trim();
        if (t.contains("-")) {
            String[] ends = t.split("-", -1);
            if (ends.length != 2) {
                throw new IllegalArgumentException("invalid IP range '" + text + "': write start-end, e.g. 10.0.0.10-10.0.0.20");
            }
            IPAddress start = single(ends[0], text);
            IPAddress end = single(ends[1], text);
            if (start.getIPVersion() != end.getIPVersion()) {
                throw new IllegalArgumentException("invalid IP range '" + text + "': start and end are of different IP families");
            }
            if (start.compareTo(end) > 0) {
                throw new IllegalArgumentException("invalid IP range '" + text + "': start IP " + start + " is after the end IP " + end);
            }
            return new PoolEntry(t, start.spanWithRange(end), false, false);
        }
        IPAddress cidr = IpText.of(t).getAddress();
        if (cidr == null || !cidr.isPrefixed()) {
            throw new IllegalArgumentException("invalid CIDR '" + text + "': write e.g. 10.208.1.0/24 or a range 10.208.1.10-10.208.1.20");
        }
        IPAddress block = cidr.toPrefixBlock();
        // A CIDR written without host bits parses as the whole block, so compare lowest addresses.
        return new PoolEntry(t, block.toSequentialRange(), true,
                !cidr.getLower().withoutPrefixLength().equals(block.getLower().withoutPrefixLength()));
    }

    private static IPAddress single(String part, String whole) {
        IPAddress ip = IpText.of(part.trim()).getAddress();
        if (ip == null || ip.isPrefixed() || ip.isMultiple()) {
            throw new IllegalArgumentException("invalid IP range '" + whole + "': '" + part.trim() + "' is not an IP address");
        }
        return ip;
    }

    public IPAddress first() {
        return range.getLower();
    }

    public IPAddress last() {
        return range.getUpper();
    }

    public boolean isIpv4() {
        return range.getLower().isIPv4();
    }

    public BigInteger size() {
        return range.getCount();
    }

    /** The CIDR blocks MetalLB summarises this entry into (one for a CIDR, several for most ranges). */
    public List<IpPrefix> blocks() {
        return Arrays.stream(range.spanWithPrefixBlocks()).map(IpPrefix::new).toList();
    }

    public boolean contains(IpAddr ip) {
        return range.contains(ip.address());
    }

    /** MetalLB's avoidBuggyIPs test: an IPv4 address whose last octet is 0 or 255. */
    public static boolean confusesBuggyFirmware(IPAddress ip) {
        if (!ip.isIPv4()) {
            return false;
        }
        int last = ip.getSegment(3).getSegmentValue();
        return last == 0 || last == 255;
    }

    /** Addresses MetalLB can hand out from this entry: all of them, less .0/.255 with avoidBuggyIPs. */
    public BigInteger usable(boolean avoidBuggyIPs) {
        if (!avoidBuggyIPs || !isIpv4()) {
            return size();
        }
        long first = first().getValue().longValueExact();
        long last = last().getValue().longValueExact();
        long buggy = countLastOctet(first, last, 0) + countLastOctet(first, last, 255);
        return size().subtract(BigInteger.valueOf(buggy));
    }

    private static long countLastOctet(long first, long last, int octet) {
        long firstHit = (first & ~0xFFL) + octet;
        if (firstHit < first) {
            firstHit += 256;
        }
        return firstHit > last ? 0 : (last - firstHit) / 256 + 1;
    }
}
