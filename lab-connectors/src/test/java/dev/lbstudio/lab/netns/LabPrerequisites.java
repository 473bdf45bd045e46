package dev.lbstudio.lab.netns;

import static org.assertj.core.api.Assertions.fail;

import dev.lbstudio.lab.api.Capabilities;

/** Real-lab tests fail loudly, naming what is missing and how to get it, instead of silently skipping. */
final class LabPrerequisites {

    private LabPrerequisites() {
    }

    static void require() {
        Capabilities.Report report = Capabilities.check();
        if (!report.canRunNetnsLab()) {
            fail("the namespace lab cannot run here: " + report.describe());
        }
    }
}
