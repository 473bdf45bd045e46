package dev.lbstudio.io;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A document (or an item of a List, at {@code path} in it) and the line the document starts on: warnings
 * about the whole document point there, warnings about one of its values at the value's own line and column.
 */
record Located(String file, int line, ObjectNode doc, String text, String path) {
}
