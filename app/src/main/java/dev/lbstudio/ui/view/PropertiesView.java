package dev.lbstudio.ui.view;

import dev.lbstudio.ui.edit.PropertyField;
import dev.lbstudio.ui.viewmodel.PropertiesViewModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import org.controlsfx.control.PropertySheet;
import org.controlsfx.property.editor.PropertyEditor;
import org.controlsfx.validation.ValidationResult;
import org.controlsfx.validation.ValidationSupport;
import org.controlsfx.validation.decoration.CompoundValidationDecoration;
import org.controlsfx.validation.decoration.GraphicValidationDecoration;
import org.controlsfx.validation.decoration.StyleClassValidationDecoration;

/**
 * The property sheet (ControlsFX {@link PropertySheet}) for the selection. Text is checked as it is
 * typed and decorated inline when the design file would refuse it (ControlsFX
 * {@link ValidationSupport}); it is applied on Enter or when the field loses focus, and only if valid.
 */
public final class PropertiesView extends BorderPane {

    /** Key under which each editor keeps its field's path (tests find editors by it). */
    public static final String FIELD_PATH = "lbstudio.field";

    private final PropertiesViewModel vm;
    private final PropertySheet sheet = new PropertySheet();
    private ValidationSupport validation = new ValidationSupport();

    public PropertiesView(PropertiesViewModel vm) {
        this.vm = vm;
        getStyleClass().add("properties");
        Label title = new Label();
        title.getStyleClass().add("panel-title");
        title.textProperty().bind(vm.titleProperty());
        setTop(title);
        sheet.setModeSwitcherVisible(false);
        sheet.setMode(PropertySheet.Mode.CATEGORY);
        sheet.setSearchBoxVisible(true);
        sheet.setPropertyEditorFactory(item -> editor((Item) item));
        setCenter(sheet);
        vm.fields().addListener((ListChangeListener<PropertyField>) c -> refresh());
        refresh();
    }

    private void refresh() {
        validation = new ValidationSupport();
        // A red mark with the reason as tooltip, plus the "error" style class for the red outline.
        validation.setValidationDecorator(new CompoundValidationDecoration(new GraphicValidationDecoration(),
                new StyleClassValidationDecoration()));
        List<PropertySheet.Item> items = new ArrayList<>();
        vm.fields().forEach(f -> items.add(new Item(f)));
        sheet.getItems().setAll(items);
    }

    private PropertyEditor<?> editor(Item item) {
        PropertyField field = item.field;
        Control control;
        if (!field.choices().isEmpty() && field.editable()) {
            ComboBox<String> box = new ComboBox<>();
            if (field.optional()) {
                box.getItems().add("");
            }
            box.getItems().addAll(field.choices());
            String current = field.text(vm.design());
            box.setValue(current.isEmpty() ? null : current);
            box.setPromptText(field.optional() ? "default" : "");
            box.valueProperty().addListener((o, a, b) -> {
                if (b != null) {
                    vm.commit(field, b);
                }
            });
            control = box;
        } else {
            TextField text = new TextField(field.text(vm.design()));
            boolean editable = field.editable() || vm.isName(field);
            text.setEditable(editable);
            text.setPromptText(field.optional() ? "default" : "required");
            text.setOnAction(e -> vm.commit(field, text.getText()));
            text.focusedProperty().addListener((o, was, is) -> {
                if (was && !is && vm.check(field, text.getText()) == null) {
                    vm.commit(field, text.getText());
                }
            });
            if (editable) {
                validation.registerValidator(text, false, (Control c, String value) -> {
                    String problem = vm.check(field, value);
                    return ValidationResult.fromErrorIf(c, problem == null ? "" : problem, problem != null);
                });
            }
            control = text;
        }
        control.getProperties().put(FIELD_PATH, field.path().toString());
        control.setUserData(field.path().toString());
        return new PropertyEditor<Object>() {
            @Override
            public Node getEditor() {
                return control;
            }

            @Override
            public Object getValue() {
                return field.text(vm.design());
            }

            @Override
            public void setValue(Object value) {
                // The editor commits through the view model; the sheet never pushes values into it.
            }
        };
    }

    /** Adapts a {@link PropertyField} to the sheet; values flow through the view model, not through here. */
    private final class Item implements PropertySheet.Item {
        private final PropertyField field;

        Item(PropertyField field) {
            this.field = field;
        }

        @Override
        public Class<?> getType() {
            return String.class;
        }

        @Override
        public String getCategory() {
            return field.category();
        }

        @Override
        public String getName() {
            return field.name();
        }

        @Override
        public String getDescription() {
            return field.path().toString() + (field.optional() ? " (empty = upstream default)" : "");
        }

        @Override
        public Object getValue() {
            return field.text(vm.design());
        }

        @Override
        public void setValue(Object value) {
            vm.commit(field, String.valueOf(value));
        }

        @Override
        public Optional<ObservableValue<? extends Object>> getObservableValue() {
            return Optional.empty();
        }

        @Override
        public boolean isEditable() {
            return field.editable() || vm.isName(field);
        }
    }
}
