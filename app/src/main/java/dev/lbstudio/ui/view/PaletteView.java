package dev.lbstudio.ui.view;

import dev.lbstudio.ui.edit.TopologyEdits.Addable;
import dev.lbstudio.ui.scene.DesignScene.Glyph;
import dev.lbstudio.ui.scene.Palette;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/** The palette: one tile per kind a user can add; drag a tile onto the canvas (or onto a segment). */
public final class PaletteView extends VBox {

    /** Key under which a tile keeps the {@link Addable} kind it adds. */
    public static final String ADDS = "lbstudio.adds";

    public PaletteView() {
        getStyleClass().add("palette");
        Label heading = new Label("Add");
        heading.getStyleClass().add("palette-heading");
        getChildren().add(heading);
        tile(Addable.ROUTER, Glyph.TOR, "Router", "A ToR or spine (FRR). Connect it to segments.");
        tile(Addable.SEGMENT, Glyph.SEGMENT, "Segment", "An L2 network: a rack VLAN, a client LAN, a link.");
        tile(Addable.NODE, Glyph.NODE, "Node", "A Kubernetes node running calico-node (BIRD). Drop it on a segment.");
        tile(Addable.CLIENT, Glyph.CLIENT, "Client", "A traffic source outside the cluster. Drop it on a segment.");
        tile(Addable.POOL, Glyph.POOL, "Pool", "A MetalLB IPAddressPool (LoadBalancer addresses).");
        tile(Addable.SERVICE, Glyph.SERVICE, "Service", "A LoadBalancer Service.");
    }

    private void tile(Addable kind, Glyph glyph, String text, String help) {
        FontIcon icon = new FontIcon(DesignCanvas.icon(glyph));
        icon.setIconColor(javafx.scene.paint.Color.web(Palette.stroke(glyph)));
        Label tile = new Label(text, icon);
        tile.getStyleClass().add("palette-tile");
        tile.setMaxWidth(Double.MAX_VALUE);
        tile.setTooltip(new Tooltip(help + "\nDrag onto the canvas."));
        tile.getProperties().put(ADDS, kind);
        tile.setUserData(kind);
        tile.setOnDragDetected(e -> {
            tile.startFullDrag();
            e.consume();
        });
        getChildren().add(tile);
    }
}
