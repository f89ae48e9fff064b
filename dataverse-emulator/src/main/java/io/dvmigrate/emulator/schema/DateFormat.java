package io.dvmigrate.emulator.schema;

/** DateTime column format: a point in time, or a calendar date written as {@code yyyy-MM-dd}. */
public enum DateFormat {
    DateAndTime, DateOnly
}
