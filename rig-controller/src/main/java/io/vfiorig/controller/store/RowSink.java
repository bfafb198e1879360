package io.vfiorig.controller.store;

/** Rows written left to right, {@link #add} ending each, {@link #execute} sending what was added. */
interface RowSink extends AutoCloseable {
    RowSink text(String v);

    RowSink integer(long v);

    void add();

    void execute();

    @Override
    void close();
}
