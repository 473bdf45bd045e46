package dev.lbstudio.ui.view;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Cell;
import javafx.scene.control.Labeled;
import javafx.scene.text.Text;
import javafx.scene.transform.Transform;
import org.kordamp.ikonli.javafx.FontIcon;

/** What a window shows and how big, measured the way a viewer sees it: through every scale and clip above a node. */
final class OnScreen {

    private OnScreen() {
    }

    /** The font size a text has on screen: its own size times the vertical scale of everything above it. */
    static double fontPx(Text t) {
        Transform tr = t.getLocalToSceneTransform();
        return t.getFont().getSize() * Math.hypot(tr.getMxy(), tr.getMyy());
    }

    /** Every node drawn in the window: visible up to the root, inside the window and inside every clip above it. */
    static List<Node> shown(Scene scene) {
        List<Node> all = new ArrayList<>();
        collect(scene.getRoot(), all);
        Bounds window = new BoundingBox(0, 0, scene.getWidth(), scene.getHeight());
        return all.stream().filter(n -> isShown(n, window)).toList();
    }

    private static void collect(Node n, List<Node> into) {
        into.add(n);
        if (n instanceof Parent p) {
            p.getChildrenUnmodifiable().forEach(c -> collect(c, into));
        }
    }

    private static boolean isShown(Node n, Bounds window) {
        Bounds b = n.localToScene(n.getBoundsInLocal());
        if (b.getWidth() <= 0 || b.getHeight() <= 0 || !b.intersects(window)) {
            return false;
        }
        for (Node at = n; at != null; at = at.getParent()) {
            if (!at.isVisible() || at.getOpacity() == 0) {
                return false;
            }
            if (at.getClip() != null && !at.localToScene(at.getClip().getBoundsInParent()).intersects(b)) {
                return false;
            }
        }
        return true;
    }

    /** The texts a viewer reads: not icon glyphs (an icon font's "text" is a picture), not blank. */
    static List<Text> texts(Scene scene) {
        return shown(scene).stream().filter(n -> n instanceof Text && !(n instanceof FontIcon)).map(n -> (Text) n)
                .filter(t -> t.getText() != null && !t.getText().isBlank()).toList();
    }

    /**
     * The labels and buttons whose text is not shown whole: cut with an ellipsis, or wider than the control. Table
     * and list cells are left out: a column is cut by its width and the row says the rest on selection.
     */
    static List<String> cut(Scene scene) {
        List<String> cut = new ArrayList<>();
        for (Node n : shown(scene)) {
            if (!(n instanceof Labeled l) || n instanceof Cell || l.getText() == null || l.getText().isBlank()) {
                continue;
            }
            Text drawn = l.getChildrenUnmodifiable().stream().filter(c -> c instanceof Text && !(c instanceof FontIcon))
                    .map(c -> (Text) c).findFirst().orElse(null);
            if (drawn == null) {
                continue;
            }
            String whole = l.isMnemonicParsing() ? l.getText().replaceFirst("_", "") : l.getText();
            Bounds text = drawn.localToScene(drawn.getLayoutBounds());
            Bounds box = l.localToScene(l.getLayoutBounds());
            if (!drawn.getText().equals(whole) || text.getMaxX() > box.getMaxX() + 0.5
                    || text.getMinX() < box.getMinX() - 0.5) {
                cut.add(describe(l) + " shows \"" + drawn.getText() + "\"");
            }
        }
        return cut;
    }

    static String describe(Node n) {
        String text = n instanceof Labeled l ? l.getText() : n instanceof Text t ? t.getText() : "";
        return n.getClass().getSimpleName() + (n.getId() == null ? "" : "#" + n.getId()) + " \"" + text + "\"";
    }

    /** True when {@code inner}'s bounds on screen lie within {@code outer}'s (half a pixel to spare). */
    static boolean within(Node inner, Node outer) {
        Bounds i = inner.localToScene(inner.getBoundsInLocal());
        Bounds o = outer.localToScene(outer.getBoundsInLocal());
        return within(i, o);
    }

    static boolean within(Bounds i, Bounds o) {
        return i.getMinX() >= o.getMinX() - 0.5 && i.getMinY() >= o.getMinY() - 0.5 && i.getMaxX() <= o.getMaxX() + 0.5
                && i.getMaxY() <= o.getMaxY() + 0.5;
    }

    static Bounds window(Scene scene) {
        return new BoundingBox(0, 0, scene.getWidth(), scene.getHeight());
    }
}
