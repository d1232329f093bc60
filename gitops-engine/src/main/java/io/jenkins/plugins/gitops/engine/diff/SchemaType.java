package io.jenkins.plugins.gitops.engine.diff;

import java.util.List;
import java.util.Map;

/**
 * The type of one field as server-side apply treats it: a scalar (a quantity and an int-or-string are scalars
 * of their own), a struct with named fields, a map, or a list that is atomic (replaced whole), a set (items
 * are their own keys) or a map list (items identified by {@code keys}). Atomic structs and maps are replaced
 * whole by an apply too. Struct fields are filled in after construction (types refer to each other).
 */
final class SchemaType {
    enum Shape { SCALAR, QUANTITY, STRUCT, MAP, LIST, ANY }

    enum ListKind { ATOMIC, SET, MAP }

    static final SchemaType ANY = new SchemaType(Shape.ANY, null, null, List.of(), true);
    static final SchemaType SCALAR = new SchemaType(Shape.SCALAR, null, null, List.of(), true);
    static final SchemaType QUANTITY = new SchemaType(Shape.QUANTITY, null, null, List.of(), true);

    final Shape shape;
    final SchemaType element;
    final ListKind listKind;
    final List<String> keys;
    final boolean atomic;
    /**
     * Part of a custom resource, which the server stores as JSON as given: its empty lists, maps and strings are
     * kept, so they are not absent values ({@link ApplyProjection#clean} leaves them).
     */
    final boolean storedAsJson;
    /** Struct fields; filled in once by the loader. */
    Map<String, Field> fields = Map.of();

    SchemaType(Shape shape, SchemaType element, ListKind listKind, List<String> keys, boolean atomic) {
        this(shape, element, listKind, keys, atomic, false);
    }

    SchemaType(Shape shape, SchemaType element, ListKind listKind, List<String> keys, boolean atomic,
            boolean storedAsJson) {
        this.storedAsJson = storedAsJson;
        this.shape = shape;
        this.element = element;
        this.listKind = listKind;
        this.keys = List.copyOf(keys);
        this.atomic = atomic;
    }

    /** The type of {@code name} inside this one; null when unknown (compared as before, without a schema). */
    SchemaType child(String name) {
        if (shape == Shape.STRUCT) {
            Field f = fields.get(name);
            return f == null ? null : f.type();
        }
        return shape == Shape.MAP ? element : null;
    }

    Field field(String name) {
        return shape == Shape.STRUCT ? fields.get(name) : null;
    }

    /**
     * A struct field. {@code dropsEmpty}: the Go field is {@code omitempty} and not a pointer, so the server
     * never returns its zero value ({@code ""}, {@code false}, {@code 0}): writing it equals leaving it out.
     */
    record Field(SchemaType type, boolean dropsEmpty) {
    }
}
