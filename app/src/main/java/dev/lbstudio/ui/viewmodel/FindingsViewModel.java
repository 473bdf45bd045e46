package dev.lbstudio.ui.viewmodel;

import dev.lbstudio.model.ElementId;
import dev.lbstudio.validate.Edit;
import dev.lbstudio.validate.Finding;
import dev.lbstudio.validate.Severity;
import dev.lbstudio.validate.ValidationResult;
import dev.lbstudio.validate.Validator;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.util.Duration;

/**
 * Live validation: findings for the current design, worst first, refreshed shortly after each edit
 * (debounced, off the FX thread). Clicking a finding selects its elements; "Fix" applies the rule's
 * model edit through the document, so it is one undoable step like any other edit.
 */
public final class FindingsViewModel {

    static final Duration DEBOUNCE = Duration.millis(150);

    private final DesignViewModel document;
    private final ObservableList<Finding> findings = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "Validating …");
    private final Analysis<ValidationResult> analysis;
    // One validator remembers its last run, so an edit re-runs only the rules that read what changed.
    // Made and used only on the single analysis thread, so loading the rules never delays the window.
    private Validator validator;
    private Consumer<String> browser;

    public FindingsViewModel(DesignViewModel document, Executor analysisThread) {
        this.document = document;
        this.analysis = new Analysis<>(document, analysisThread, DEBOUNCE, this::validate, this::show);
    }

    private ValidationResult validate(dev.lbstudio.model.Topology design) {
        if (validator == null) {
            validator = new Validator();
        }
        return validator.revalidate(design);
    }

    void start() {
        analysis.start();
    }

    private void show(ValidationResult result) {
        findings.setAll(result.findings());
        summary.set(count(result, Severity.ERROR, "error") + " · " + count(result, Severity.WARN, "warning") + " · "
                + count(result, Severity.INFO, "note"));
    }

    private static String count(ValidationResult r, Severity s, String word) {
        long n = r.count(s);
        return n + " " + word + (n == 1 ? "" : "s");
    }

    /** Selects and flashes the finding's elements on the canvas (the first is the one it is about). */
    public void select(Finding finding) {
        List<ElementId> ids = finding.elements();
        document.select(ids);
        document.flash(ids);
        document.say(finding.ruleId() + ": " + finding.message());
    }

    /** Applies the finding's fix, when it has a model edit; one undo step. */
    public boolean fix(Finding finding) {
        Edit edit = finding.fix().editIfAny().orElse(null);
        if (edit == null) {
            document.say(finding.ruleId() + " has no automatic fix: " + finding.fix().text());
            return false;
        }
        document.apply("Fix " + finding.ruleId() + ": " + edit.describe(), edit.applyTo(document.design()));
        return true;
    }

    /** Who opens a web page: the application's host services; until set (tests, no desktop), links are copied. */
    public void setBrowser(Consumer<String> open) {
        this.browser = open;
    }

    /**
     * Opens the upstream source the finding's rule is based on (docs/validation.md lists them), or puts it on the
     * clipboard when there is no browser to open it with.
     */
    public void openSource(Finding finding) {
        String url = finding.rule().source();
        if (browser != null) {
            browser.accept(url);
            document.say("Opened " + url);
        } else {
            copySource(finding);
        }
    }

    /** Puts the upstream source of the finding's rule on the clipboard. */
    public void copySource(Finding finding) {
        ClipboardContent content = new ClipboardContent();
        content.putString(finding.rule().source());
        Clipboard.getSystemClipboard().setContent(content);
        document.say("Copied " + finding.rule().source());
    }

    /**
     * The source in a few words: a GitHub file as "owner/repo tag: file", a page as its host and path, so the
     * repository and tag a rule follows show without opening it.
     */
    public static String sourceLabel(String url) {
        Matcher github = GITHUB_FILE.matcher(url);
        if (github.matches()) {
            String path = github.group(3);
            return github.group(1) + " " + github.group(2) + ": " + path.substring(path.lastIndexOf('/') + 1);
        }
        return url.replaceFirst("^https?://", "").replaceFirst("/$", "");
    }

    private static final Pattern GITHUB_FILE = Pattern.compile("https://github\\.com/([^/]+/[^/]+)/blob/([^/]+)/(.+)");

    void stop() {
        analysis.stop();
    }

    public ObservableList<Finding> findings() {
        return findings;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }
}
