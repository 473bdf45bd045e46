package dev.lbstudio.model;

/** An element of the design with a stable id. */
public interface Identified {
    ElementId id();
}
