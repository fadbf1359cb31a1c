package io.eyrie.bookrunner.driver;

/** What a step did, in a short sentence an operator can read on the job's page. */
public sealed interface StepOutcome {

    record Succeeded(String detail) implements StepOutcome {
    }

    record Failed(String error) implements StepOutcome {
    }

    static StepOutcome succeeded(String detail) {
        return new Succeeded(detail);
    }

    static StepOutcome failed(String error) {
        return new Failed(error);
    }
}
