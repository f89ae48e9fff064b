package io.dvmigrate.pipeline.transform;

/** A source row the mapping cannot turn into a target row; the message names the column and the reason. */
public class RowRejected extends Exception {
    public static final String CODE = "DVM_TRANSFORM";

    public RowRejected(String message) {
        super(message, null, false, false);
    }
}
