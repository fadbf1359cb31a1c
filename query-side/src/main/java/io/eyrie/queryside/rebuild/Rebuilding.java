package io.eyrie.queryside.rebuild;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/** Marks the units of work of the rebuild processor, whose writes go to the generation being built. */
public final class Rebuilding {
    private static final String MARK = Rebuilding.class.getName();

    private Rebuilding() {
    }

    static void mark() {
        CurrentUnitOfWork.get().root().resources().put(MARK, Boolean.TRUE);
    }

    /** True while the rebuild processor handles an event on this thread. */
    public static boolean active() {
        return CurrentUnitOfWork.isStarted() && CurrentUnitOfWork.get().root().getResource(MARK) != null;
    }
}
