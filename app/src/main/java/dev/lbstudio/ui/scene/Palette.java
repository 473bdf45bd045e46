package dev.lbstudio.ui.scene;

import dev.lbstudio.ui.scene.DesignScene.EdgeKind;
import dev.lbstudio.ui.scene.DesignScene.Glyph;

/**
 * The colours of the design, shared by the canvas stylesheet's intent and the SVG export so a
 * picture pasted into a wiki looks like the app. Chosen for a projector: strong hue per kind,
 * dark text on light fills, nothing that depends on telling red from green alone.
 */
public final class Palette {
    private Palette() {
    }

    public static String fill(Glyph g) {
        return switch (g) {
            case SPINE -> "#e0e7ff";
            case TOR -> "#dbeafe";
            case SEGMENT -> "#f1f5f9";
            case NODE -> "#dcfce7";
            case CLIENT -> "#fef3c7";
            case POD -> "#ecfdf5";
            case SERVICE -> "#f3e8ff";
            case POOL -> "#ffedd5";
        };
    }

    public static String stroke(Glyph g) {
        return switch (g) {
            case SPINE -> "#4338ca";
            case TOR -> "#1d4ed8";
            case SEGMENT -> "#475569";
            case NODE -> "#15803d";
            case CLIENT -> "#b45309";
            case POD -> "#059669";
            case SERVICE -> "#7e22ce";
            case POOL -> "#c2410c";
        };
    }

    public static String edge(EdgeKind k) {
        return switch (k) {
            case LINK -> "#64748b";
            case BGP -> "#2563eb";
            case BGP_ONE_SIDED -> "#dc2626";
            case ENDPOINT -> "#9333ea";
            case ALLOCATION -> "#ea580c";
            case PLACEMENT -> "#94a3b8";
        };
    }

    /** The legend's words for each kind of line. */
    public static String meaning(EdgeKind k) {
        return switch (k) {
            case LINK -> "link to a segment";
            case BGP -> "BGP session";
            case BGP_ONE_SIDED -> "BGP, configured on one side only";
            case ENDPOINT -> "service endpoint";
            case ALLOCATION -> "address from pool";
            case PLACEMENT -> "pod runs on node";
        };
    }

    public static double edgeWidth(EdgeKind k) {
        return switch (k) {
            case BGP, BGP_ONE_SIDED -> 2.5;
            case LINK -> 2;
            default -> 1.5;
        };
    }

    /** Dash pattern (on, off) or empty for a solid line; one-sided sessions are dashed so they read in grey too. */
    public static double[] dashes(EdgeKind k) {
        return switch (k) {
            case BGP_ONE_SIDED -> new double[] {8, 6};
            case ENDPOINT, ALLOCATION -> new double[] {4, 4};
            default -> new double[0];
        };
    }

    /** BGP sessions bow sideways so they do not hide the link that carries them. */
    public static boolean curved(EdgeKind k) {
        return k == EdgeKind.BGP || k == EdgeKind.BGP_ONE_SIDED;
    }

    public static final String TEXT = "#0f172a";
    public static final String SUBTEXT = "#475569";
    public static final String BACKGROUND = "#ffffff";
    public static final String SELECTION = "#f59e0b";
}
