package dev.lbstudio.cli;

/** {@code --format}: readable text or JSON for scripts. */
enum OutputFormat { TEXT, JSON }
