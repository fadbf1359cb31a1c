package io.eyrie.bookrunner.run;

import io.eyrie.bookrunner.driver.ClusterDriver;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/runner}: which driver this runner uses, whether it is simulated, how many workers it has and
 * how many runs it has claimed but not yet finished. Read-only, for operators.
 */
@RestController
public class RunnerStatusController {
    private final BookRunner runner;
    private final ClusterDriver driver;
    private final RunnerProperties properties;

    public RunnerStatusController(BookRunner runner, ClusterDriver driver, RunnerProperties properties) {
        this.runner = runner;
        this.driver = driver;
        this.properties = properties;
    }

    @GetMapping("/api/runner")
    public RunnerStatus status() {
        return new RunnerStatus(driver.name(), driver.simulated(), properties.workers(), runner.activeRuns());
    }

    public record RunnerStatus(String driver, boolean simulated, int workers, int activeRuns) {
    }
}
