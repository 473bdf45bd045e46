package dev.lbstudio.ui.view;

import dev.lbstudio.ui.viewmodel.EnginePanel;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** What a panel shows until its engine is merged: its purpose and what it waits for, nothing pretend. */
public final class PlaceholderView extends VBox {

    public PlaceholderView(EnginePanel panel) {
        getStyleClass().add("placeholder");
        setAlignment(Pos.CENTER);
        setSpacing(12);
        FontIcon icon = new FontIcon(Feather.CLOCK);
        icon.getStyleClass().add("placeholder-icon");
        Label title = new Label(panel.title());
        title.getStyleClass().add("placeholder-title");
        Label purpose = new Label(panel.purpose());
        purpose.setWrapText(true);
        Label arrival = new Label(panel.arrival());
        arrival.getStyleClass().add("placeholder-arrival");
        arrival.setWrapText(true);
        getChildren().setAll(icon, title, purpose, arrival);
        setUserData(panel);
    }
}
