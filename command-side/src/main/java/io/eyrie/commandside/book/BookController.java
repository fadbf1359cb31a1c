package io.eyrie.commandside.book;

import io.eyrie.api.book.BookId;
import io.eyrie.api.book.BookStep;
import io.eyrie.api.book.PublishBook;
import io.eyrie.api.book.StandardBooks;
import io.eyrie.api.book.StepKind;
import io.eyrie.api.book.StepRules;
import io.eyrie.commandside.CommandSender;
import io.eyrie.commandside.InvalidInputException;
import io.eyrie.commandside.deployment.type.DeploymentTypes;
import io.eyrie.platform.security.Caller;
import io.eyrie.platform.web.Problems;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Books, published by platform admins (see {@code CommandEndpoints}); read them on the query service. */
@RestController
public class BookController {
    private final CommandSender commands;
    private final DeploymentTypes types;

    public BookController(CommandSender commands, DeploymentTypes types) {
        this.commands = commands;
        this.types = types;
    }

    /**
     * Publishes a new version of a Book (the first makes it): 201 with the version. Steps equal to the latest
     * version's are no new version: 200 with that one. Jobs that exist keep the version they copied.
     */
    @PostMapping("/api/books")
    public Mono<ResponseEntity<BookResponse>> publish(@Valid @RequestBody BookRequest request, Caller caller,
                                                      @RequestHeader HttpHeaders headers) {
        var groupType = types.require(request.groupType(), "groupType").type();
        List<BookStep> steps = request.toSteps();
        int multiplier = request.timeoutMultiplier() == null ? StandardBooks.TIMEOUT_MULTIPLIER : request.timeoutMultiplier();
        return commands.<Book.Published>request(new PublishBook(new BookId(request.name()), groupType, steps, multiplier),
                        caller, headers)
                .map(published -> ResponseEntity.status(published.changed() ? HttpStatus.CREATED : HttpStatus.OK)
                        .body(new BookResponse(request.name(), published.version(), published.changed())));
    }

    public record BookRequest(
            @NotBlank @Pattern(regexp = BookId.NAME, message = BookId.NAME_MESSAGE) String name,
            @NotBlank String groupType,
            @NotNull @Size(min = 1, max = 50) List<@NotNull @Valid StepRequest> steps,
            @Min(1) @Max(100) Integer timeoutMultiplier) {

        List<BookStep> toSteps() {
            List<Problems.FieldError> errors = new ArrayList<>();
            Set<String> names = new HashSet<>();
            List<BookStep> parsed = new ArrayList<>();
            for (int i = 0; i < steps.size(); i++) {
                StepRequest step = steps.get(i);
                if (!names.add(step.name())) {
                    errors.add(new Problems.FieldError("steps[" + i + "].name", "is the name of an earlier step"));
                }
                BookStep book = new BookStep(step.name(), step.kind(), step.with(),
                        step.estimatedSeconds() == null ? 0 : step.estimatedSeconds());
                for (String[] problem : StepRules.problems(book)) {
                    errors.add(new Problems.FieldError("steps[" + i + "].with." + problem[0], problem[1]));
                }
                parsed.add(book);
            }
            if (!errors.isEmpty()) {
                throw new InvalidInputException(errors);
            }
            return parsed;
        }
    }

    public record StepRequest(
            @NotBlank @Size(max = 60) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9 ._()-]*",
                    message = "must be letters, digits, spaces and ._()-") String name,
            @NotNull StepKind kind,
            @Size(max = 10) Map<@Size(max = 40) String, @NotNull @Size(max = 200) String> with,
            @Min(0) @Max(86_400) Long estimatedSeconds) {
    }

    public record BookResponse(String name, int version, boolean changed) {
    }
}
