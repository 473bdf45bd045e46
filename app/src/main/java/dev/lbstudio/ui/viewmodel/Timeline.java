package dev.lbstudio.ui.viewmodel;

import dev.lbstudio.lab.api.LabEvents;
import dev.lbstudio.scenario.LabEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;
import javafx.collections.SetChangeListener;
import javafx.collections.transformation.FilteredList;

/**
 * The run as the lab reported it (FX thread): the recording — every event of the run plus the presenter's
 * annotations — and what is shown of it now, which a replay rebuilds event by event. A replayed event is the
 * very object recorded, so it is recognised by identity and shown without being recorded twice, while live
 * events arriving meanwhile are still recorded.
 */
public final class Timeline {

    private final List<LabEvent> recording = new ArrayList<>();
    private final Set<LabEvent> annotations = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<LabEvent> replaying = Collections.newSetFromMap(new IdentityHashMap<>());
    private final ObservableList<TimelineRow> rows = FXCollections.observableArrayList();
    private final ObservableSet<TimelineRow.Kind> shown = FXCollections.observableSet(
            EnumSet.complementOf(EnumSet.of(TimelineRow.Kind.PROBE)));
    private final FilteredList<TimelineRow> visible = new FilteredList<>(rows, r -> shown.contains(r.kind()));
    private final ObjectProperty<Duration> cursor = new SimpleObjectProperty<>(this, "cursor");
    private final ReadOnlyObjectWrapper<Duration> end = new ReadOnlyObjectWrapper<>(this, "end", Duration.ZERO);
    private final RunStats stats = new RunStats();
    /** The events shown now, on the lab clock: the recording, or as much of it as a replay has reached. */
    private final List<LabEvent> shownEvents = new ArrayList<>();
    private final ReadOnlyLongWrapper resets = new ReadOnlyLongWrapper(this, "resets");
    private Duration origin = Duration.ZERO;

    public Timeline() {
        shown.addListener((SetChangeListener<TimelineRow.Kind>) c -> visible.setPredicate(r -> shown.contains(r.kind())));
    }

    /** Takes a batch from the lab feed. */
    void accept(List<LabEvent> batch) {
        List<TimelineRow> added = new ArrayList<>(batch.size());
        List<LabEvent> shown = new ArrayList<>(batch.size());
        for (LabEvent e : batch) {
            boolean replayed = replaying.remove(e);
            if (!replayed && e.at().compareTo(origin) < 0) {
                // From before this recording began (the previous run's or a live step's late probes): not this run's.
                continue;
            }
            if (!replayed) {
                recording.add(e);
            }
            shownEvents.add(e);
            LabEvent s = relative(e);
            shown.add(s);
            added.add(TimelineRow.of(s, annotations.contains(e)));
            if (s.at().compareTo(end.get()) > 0) {
                end.set(s.at());
            }
        }
        rows.addAll(added);
        stats.addAll(shown);
    }

    /** The event as the timeline shows it: timed from the start of the recording. */
    private LabEvent relative(LabEvent e) {
        return origin.isZero() ? e : LabEvents.shifted(e, origin.negated());
    }

    /**
     * Starts a new recording at lab time {@code origin}: nothing recorded, nothing shown. Times on the timeline,
     * the chart and in exports count from there (a scenario's step at 5 s shows at 5 s).
     */
    void clear(Duration origin) {
        this.origin = origin;
        recording.clear();
        annotations.clear();
        replaying.clear();
        rows.clear();
        stats.clear();
        shownEvents.clear();
        cursor.set(null);
        end.set(Duration.ZERO);
        resets.set(resets.get() + 1);
    }

    /** A time on this timeline's clock as lab time. */
    Duration toLab(Duration timelineTime) {
        return timelineTime.plus(origin);
    }

    /** A presenter's note at lab time {@code at}; publish it so it is shown, recorded and exported like any event. */
    LabEvent annotation(Duration at, String text) {
        LabEvent note = new LabEvent.Note(at, LabEvent.Severity.INFO, text, null);
        annotations.add(note);
        return note;
    }

    /** Clears what is shown and returns the recording, to be published again; those events are not re-recorded. */
    List<LabEvent> beginReplay() {
        List<LabEvent> again = List.copyOf(recording);
        replaying.clear();
        replaying.addAll(again);
        rows.clear();
        stats.clear();
        shownEvents.clear();
        cursor.set(null);
        resets.set(resets.get() + 1);
        return again;
    }

    /** A replay stopped early: show the whole recording again. */
    void abandonReplay() {
        replaying.clear();
        rows.setAll(recording.stream().map(e -> TimelineRow.of(relative(e), annotations.contains(e))).toList());
        stats.clear();
        stats.addAll(recording.stream().map(this::relative).toList());
        shownEvents.clear();
        shownEvents.addAll(recording);
        resets.set(resets.get() + 1);
    }

    /** The events shown now, on the lab clock, in arrival order (the recording unless a replay is under way). */
    public List<LabEvent> shownEvents() {
        return Collections.unmodifiableList(shownEvents);
    }

    /** The scrub cursor as lab time, or empty while following the run live. */
    public java.util.Optional<Duration> cursorOnLabClock() {
        return java.util.Optional.ofNullable(cursor.get()).map(this::toLab);
    }

    /**
     * Counts the times what is shown started over (a new recording, a replay starting, a replay abandoned): whoever
     * shows the lab's state rebuilds it from {@link #shownEvents} then.
     */
    public ReadOnlyLongProperty resetsProperty() {
        return resets.getReadOnlyProperty();
    }

    /** Every recorded row in time order, whatever the filter: what an export writes. */
    public List<TimelineRow> recordedRows() {
        return recording.stream().map(e -> TimelineRow.of(relative(e), annotations.contains(e)))
                .sorted(java.util.Comparator.comparing(TimelineRow::at)).toList();
    }

    public boolean isEmpty() {
        return recording.isEmpty();
    }

    /** Every row shown so far, in arrival order. */
    public ObservableList<TimelineRow> rows() {
        return rows;
    }

    /** The rows of the kinds {@link #shown()}. */
    public ObservableList<TimelineRow> visible() {
        return visible;
    }

    /** The kinds the table shows; successful and failed probes are hidden at first (there are thousands). */
    public ObservableSet<TimelineRow.Kind> shown() {
        return shown;
    }

    /**
     * The scrub position, on the timeline's clock (from the start of the recording; lab time is this plus the
     * recording's origin), or null when following the run live. Other panels may show the state at this time;
     * the table highlights the rows up to it.
     */
    public ObjectProperty<Duration> cursorProperty() {
        return cursor;
    }

    /** The latest time shown, on the timeline's clock. */
    public ReadOnlyObjectProperty<Duration> endProperty() {
        return end.getReadOnlyProperty();
    }

    public RunStats stats() {
        return stats;
    }
}
