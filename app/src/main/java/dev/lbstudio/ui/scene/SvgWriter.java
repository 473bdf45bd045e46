package dev.lbstudio.ui.scene;

import dev.lbstudio.ui.scene.DesignScene.Box;
import dev.lbstudio.ui.scene.DesignScene.Edge;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.DoubleStream;

/**
 * Writes a {@link DesignScene} as a standalone SVG: the same boxes, lines and colours as the canvas,
 * with no scripts and no external references (see ADR 0200 for why it is hand-written).
 */
public final class SvgWriter {

    private static final double MARGIN = 40;

    private SvgWriter() {
    }

    public static String write(DesignScene scene, String title) {
        double[] b = scene.bounds(MARGIN);
        double width = b[2] - b[0];
        double height = b[3] - b[1];
        StringBuilder s = new StringBuilder();
        s.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
                + "viewBox=\"%.1f %.1f %.1f %.1f\" font-family=\"'Inter','Segoe UI','DejaVu Sans',sans-serif\">%n",
                width, height, b[0], b[1], width, height));
        s.append("  <title>").append(escape(title)).append("</title>\n");
        s.append(String.format(Locale.ROOT, "  <rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>%n",
                b[0], b[1], width, height, Palette.BACKGROUND));
        Map<dev.lbstudio.model.ElementId, Box> boxes = scene.byId();
        s.append("  <g id=\"edges\" fill=\"none\">\n");
        for (Edge e : scene.edges()) {
            Box from = boxes.get(e.from());
            Box to = boxes.get(e.to());
            if (from == null || to == null) {
                continue;
            }
            double[] d = Palette.dashes(e.kind());
            String dash = d.length == 0 ? "" : " stroke-dasharray=\"" + DoubleStream.of(d)
                    .mapToObj(v -> String.format(Locale.ROOT, "%.0f", v)).collect(Collectors.joining(" ")) + "\"";
            s.append(String.format(Locale.ROOT, "    <path d=\"%s\" stroke=\"%s\" stroke-width=\"%.1f\"%s>"
                            + "<title>%s</title></path>%n", path(from, to, Palette.curved(e.kind())),
                    Palette.edge(e.kind()), Palette.edgeWidth(e.kind()), dash,
                    escape(e.from() + " – " + e.to() + (e.label().isEmpty() ? "" : ": " + e.label()))));
        }
        s.append("  </g>\n  <g id=\"elements\">\n");
        for (Box box : scene.boxes()) {
            s.append(String.format(Locale.ROOT, "    <g id=\"%s\">%n", escape(box.id().toString())));
            s.append(String.format(Locale.ROOT, "      <rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                            + "rx=\"%d\" fill=\"%s\" stroke=\"%s\" stroke-width=\"2\"/>%n", box.left(), box.top(),
                    box.width(), box.height(), box.glyph() == DesignScene.Glyph.SEGMENT ? 23 : 8,
                    Palette.fill(box.glyph()), Palette.stroke(box.glyph())));
            boolean twoLines = !box.subtitle().isEmpty() && box.glyph() != DesignScene.Glyph.POD;
            double titleY = twoLines ? box.y() - 3 : box.y() + 5;
            s.append(String.format(Locale.ROOT, "      <text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" "
                    + "font-size=\"14\" font-weight=\"600\" fill=\"%s\">%s</text>%n", box.x(), titleY, Palette.TEXT,
                    escape(box.title())));
            if (twoLines) {
                s.append(String.format(Locale.ROOT, "      <text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" "
                        + "font-size=\"12\" fill=\"%s\">%s</text>%n", box.x(), box.y() + 15, Palette.SUBTEXT,
                        escape(box.subtitle())));
            }
            s.append("    </g>\n");
        }
        s.append("  </g>\n</svg>\n");
        return s.toString();
    }

    /** A straight line, or for BGP sessions a quadratic curve bowed to one side of the straight line. */
    static String path(Box from, Box to, boolean curved) {
        if (!curved) {
            return String.format(Locale.ROOT, "M %.1f %.1f L %.1f %.1f", from.x(), from.y(), to.x(), to.y());
        }
        double[] c = EdgeGeometry.control(from.x(), from.y(), to.x(), to.y());
        return String.format(Locale.ROOT, "M %.1f %.1f Q %.1f %.1f %.1f %.1f", from.x(), from.y(), c[0], c[1], to.x(),
                to.y());
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
