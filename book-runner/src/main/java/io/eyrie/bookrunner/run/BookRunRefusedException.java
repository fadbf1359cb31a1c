package io.eyrie.bookrunner.run;

/** A {@code BookRun} command that does not fit the run's current state. */
public class BookRunRefusedException extends IllegalStateException {

    public BookRunRefusedException(String message) {
        super(message);
    }
}
