package dev.lbstudio.io;

import dev.lbstudio.frr.FrrConfig;
import dev.lbstudio.frr.FrrReader;
import dev.lbstudio.frr.FrrToModel;
import dev.lbstudio.frr.LineWarnings;
import dev.lbstudio.model.IpPrefix;
import dev.lbstudio.model.Router;
import dev.lbstudio.model.RouterInterface;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One router's FRR configuration made into a {@link Router}: read into the FRR vendor model
 * ({@link FrrReader}), converted ({@link FrrToModel}), with every warning located at the file and
 * line and at most {@link #MAX_WARNINGS_PER_FILE} of them per file (then one saying how many more).
 */
final class RouterConfigImport {

    /** Enough to see what kind of trouble a file has; a 5 MB file of junk must not print 100,000 lines. */
    static final int MAX_WARNINGS_PER_FILE = 100;

    /** Places an interface's subnet on a segment and names it (the importer owns segments). */
    interface Segments {
        /** The segment of an interface's subnet, and of its IPv6 subnet ({@code subnet6}, null on a single-family port). */
        String segmentFor(String file, String router, FrrConfig.Iface iface, IpPrefix subnet, IpPrefix subnet6);
    }

    private RouterConfigImport() {
    }

    /**
     * The config's text: UTF-8, with bytes that are not UTF-8 replaced (U+FFFD) and reported at
     * their line, as FRR reads them as bytes and a stray Latin-1 description must not lose the router.
     */
    static String decode(String file, byte[] bytes, Consumer<ImportWarning> sink) {
        CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return strict.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException notUtf8) {
            // new String(...) replaces what is not UTF-8 with U+FFFD
            String text = new String(bytes, StandardCharsets.UTF_8);
            Capped warn = new Capped(file, sink);
            String[] lines = text.split("\\R", -1);
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].indexOf('\uFFFD') >= 0) {
                    warn.warn(i + 1, "bytes that are not UTF-8 replaced by U+FFFD; check this line's names and descriptions");
                }
            }
            warn.finish();
            return text;
        }
    }

    /** The router, or null (with a warning saying it was dropped) when the config has no default BGP instance. */
    static Router router(String name, String file, String text, Consumer<ImportWarning> sink, Segments segments) {
        Capped warn = new Capped(file, sink);
        if (text.isBlank()) {
            sink.accept(new ImportWarning(file, 0, 0, "the router config is empty: router " + name + " dropped", ImportWarning.Loss.OBJECT));
            return null;
        }
        FrrConfig config = FrrReader.read(text, warn);
        FrrToModel.Converted c = FrrToModel.convert(config, text, warn);
        warn.finish();
        if (c.bgp() == null) {
            sink.accept(new ImportWarning(file, 0, 0, "no 'router bgp' default instance with a valid AS number: router " + name
                    + " dropped", ImportWarning.Loss.OBJECT));
            return null;
        }
        List<RouterInterface> interfaces = new ArrayList<>();
        for (FrrConfig.Iface i : c.interfaces()) {
            if (i.addresses().isEmpty() || i.vrf() != null) {
                continue;
            }
            // one address per family (ADR 1100): the first IPv4 and the first IPv6 one
            IpPrefix v4 = i.addresses().stream().filter(IpPrefix::isIpv4).findFirst().orElse(null);
            IpPrefix v6 = i.addresses().stream().filter(a -> !a.isIpv4()).findFirst().orElse(null);
            IpPrefix address = v4 != null ? v4 : v6;
            IpPrefix address6 = v4 != null ? v6 : null;
            List<IpPrefix> dropped = i.addresses().stream().filter(a -> a != address && a != address6).toList();
            if (!dropped.isEmpty()) {
                sink.accept(new ImportWarning(file, i.line(), "interface " + i.name() + " has " + i.addresses().size()
                        + " addresses; the model keeps one per family, " + (address6 == null ? address : address + " and " + address6)
                        + ", and drops " + dropped.stream().map(IpPrefix::toString).collect(java.util.stream.Collectors.joining(", "))));
            }
            interfaces.add(new RouterInterface(i.name(), address, address6, segments.segmentFor(file, name, i, address.network(),
                    address6 == null ? null : address6.network())));
        }
        return new Router(name, null, c.software(), interfaces, c.bgp(), null, c.frr());
    }

    /** Passes the first warnings of a file on and counts the rest. */
    private static final class Capped implements LineWarnings {
        private final String file;
        private final Consumer<ImportWarning> sink;
        private int count;

        Capped(String file, Consumer<ImportWarning> sink) {
            this.file = file;
            this.sink = sink;
        }

        @Override
        public void warn(int line, String message) {
            if (++count <= MAX_WARNINGS_PER_FILE) {
                sink.accept(new ImportWarning(file, line, message));
            }
        }

        void finish() {
            if (count > MAX_WARNINGS_PER_FILE) {
                sink.accept(new ImportWarning(file, 0, (count - MAX_WARNINGS_PER_FILE) + " more warnings for this file not shown (first "
                        + MAX_WARNINGS_PER_FILE + " above)"));
            }
        }
    }
}
