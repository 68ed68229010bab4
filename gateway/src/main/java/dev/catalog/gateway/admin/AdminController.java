package dev.catalog.gateway.admin;

import dev.catalog.graphql.error.BadUserInputException;
import dev.catalog.graphql.error.ErrorCode;
import dev.catalog.graphql.error.RefusedException;
import dev.catalog.gateway.security.RequiresAdmin;
import dev.catalog.query.infrastructure.DeadLetterRetrier;
import dev.catalog.query.infrastructure.DeadLetters;
import dev.catalog.query.infrastructure.EventLog;
import dev.catalog.query.infrastructure.ProcessorPositions;
import dev.catalog.query.infrastructure.ProcessorReplay;
import dev.catalog.query.infrastructure.ProcessorStatuses;
import dev.catalog.events.restore.EventImportSummary;
import dev.catalog.events.restore.ImportStagedEventsCommand;
import dev.catalog.events.restore.ImportedEvent;
import dev.catalog.events.restore.StageImportedEventsCommand;
import dev.catalog.gateway.cost.CatalogListCosts;
import dev.catalog.gateway.write.Commands;
import dev.catalog.query.infrastructure.ProcessorRates;
import dev.catalog.query.infrastructure.ProjectionGroups;
import dev.catalog.query.infrastructure.ViewRebuild;
import dev.catalog.query.infrastructure.ViewVerification;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * Administrative operations on this instance's event processors: the inline view projections and the
 * asynchronous processors with their dead letters, the replay of the store to one of them, the views' rebuild and
 * check, and the import of events. All need scope {@code catalog:admin}. Only the import sends commands (staging the
 * events, then appending them), so that the write step keeps one owner; the others read or steer processors.
 */
@Controller
public class AdminController {

    /** The page limits, declared with the cost model that counts them. */
    private static final int MAX_DEAD_LETTERS = CatalogListCosts.MAX_DEAD_LETTERS;
    private static final int MAX_EVENTS = CatalogListCosts.MAX_EVENTS;

    private final ProcessorStatuses statuses;
    private final DeadLetterRetrier retrier;
    private final ProcessorReplay replay;
    private final DeadLetters deadLetters;
    private final ProcessorPositions positions;
    private final EventLog eventLog;
    private final ViewVerification verification;
    private final ViewRebuild rebuild;
    private final Commands commands;
    private final ProcessorRates rates;

    public AdminController(ProcessorStatuses statuses, DeadLetterRetrier retrier, ProcessorReplay replay,
                           DeadLetters deadLetters, ProcessorPositions positions, EventLog eventLog,
                           ViewVerification verification, ViewRebuild rebuild, Commands commands,
                           ProcessorRates rates) {
        this.rates = rates;
        this.rebuild = rebuild;
        this.commands = commands;
        this.statuses = statuses;
        this.retrier = retrier;
        this.replay = replay;
        this.deadLetters = deadLetters;
        this.positions = positions;
        this.eventLog = eventLog;
        this.verification = verification;
    }

    @QueryMapping
    @RequiresAdmin
    public List<Projection> projections() {
        var all = positions.read();
        return statuses.all().stream().map(status -> Projection.of(status, all)).toList();
    }

    /**
     * One retry round now, on the request's thread. The periodic retrier, or another instance, may run a round
     * alongside: the queue claims each sequence for one of them, so {@code recovered} counts this round's only.
     */
    @MutationMapping
    @RequiresAdmin
    public DeadLetterRetry retryDeadLetters(@Argument String processor) {
        int recovered = processor == null ? retrier.retryAll() : retrier.retry(processor);
        return new DeadLetterRetry(recovered, projections());
    }

    /** The parked events of every instance, oldest first per aggregate. */
    @QueryMapping
    @RequiresAdmin
    public List<DeadLetter> deadLetters(@Argument String processor, @Argument int first) {
        if (first < 1 || first > MAX_DEAD_LETTERS) {
            throw new BadUserInputException("first", "`first` is 1 to " + MAX_DEAD_LETTERS + ".");
        }
        return deadLetters.list(Optional.ofNullable(processor), first).stream().map(DeadLetter::of).toList();
    }

    /** A view projection recomputed from the events into scratch tables and compared with the live view. */
    @QueryMapping
    @RequiresAdmin
    public ViewCheck verifyProjection(@Argument String name, @Argument int first) {
        view(name);
        if (first < 0 || first > MAX_DEAD_LETTERS) {
            throw new BadUserInputException("first", "`first` is 0 to " + MAX_DEAD_LETTERS + ".");
        }
        return ViewCheck.of(verification.verify(name, first));
    }

    /** How fast an asynchronous processor goes on this instance; null for an inline one or before it is known. */
    @SchemaMapping(typeName = "Projection")
    public Double eventsPerSecond(Projection projection) {
        OptionalDouble rate = rates.of(projection.name());
        return rate.isPresent() ? rate.getAsDouble() : null;
    }

    /** The rebuild of a view projection in progress, else its last one; null for other processors. */
    @SchemaMapping(typeName = "Projection")
    public ProjectionRebuild rebuild(Projection projection) {
        return ViewRebuild.rebuildable(projection.name())
                ? rebuild.progress(projection.name()).map(ProjectionRebuild::of).orElse(null) : null;
    }

    @QueryMapping
    @RequiresAdmin
    public ProjectionRebuild projectionRebuild(@Argument String name) {
        return rebuild.progress(view(name)).map(ProjectionRebuild::of).orElse(null);
    }

    /** Starts or resumes a view's rebuild on this instance, in the background; answers with its first progress. */
    @MutationMapping
    @RequiresAdmin
    public ProjectionRebuild rebuildProjection(@Argument String name) {
        try {
            rebuild.begin(view(name));
        } catch (ViewRebuild.RunningElsewhereException e) {
            throw new RefusedException(ErrorCode.CONFLICT, "name", "Another instance is rebuilding `" + name
                    + "`; follow it with `projectionRebuild`, or abort it.");
        }
        return rebuild.progress(name).map(ProjectionRebuild::of)
                .orElseThrow(() -> new IllegalStateException("The rebuild of " + name + " started but left no progress"));
    }

    /** The schema's {@code ImportedEventInput}. */
    public record ImportedEventInput(long position, String aggregate, String aggregateType, long sequence, String type,
                                     String revision, String timestamp, String payload, String id, String metadata) {
        ImportedEvent toEvent() {
            return new ImportedEvent(position, aggregate, aggregateType, sequence, type, revision, timestamp, payload,
                    id, metadata);
        }
    }

    /** The schema's {@code EventImport}. */
    public record EventImportResult(int events, int products, int images) {
    }

    @MutationMapping
    @RequiresAdmin
    public int stageEventImport(@Argument List<ImportedEventInput> events, @Argument boolean restart) {
        long staged = commands.send(new StageImportedEventsCommand(
                events.stream().map(ImportedEventInput::toEvent).toList(), restart));
        return Projection.toInt(staged);
    }

    /** Imports the staged events, then rebuilds both views from them (the import bypasses the inline projections). */
    @MutationMapping
    @RequiresAdmin
    public EventImportResult finishEventImport(@Argument boolean force) {
        EventImportSummary summary = commands.send(new ImportStagedEventsCommand(force));
        ProjectionGroups.ALL.forEach(rebuild::rebuild);
        return new EventImportResult(Projection.toInt(summary.events()), Projection.toInt(summary.products()),
                Projection.toInt(summary.images()));
    }

    @MutationMapping
    @RequiresAdmin
    public String abortProjectionRebuild(@Argument String name) {
        return switch (rebuild.abort(view(name))) {
            case ABORTED -> "ABORTED";
            case STOPPING -> "STOPPING";
            case NONE -> throw new RefusedException(ErrorCode.NOT_FOUND, "name", "No rebuild of `" + name
                    + "` is in progress.");
        };
    }

    private static String view(String name) {
        if (!ViewRebuild.rebuildable(name)) {
            throw new RefusedException(ErrorCode.BAD_USER_INPUT, "name", "`" + name + "` is not a view projection; "
                    + "the views are product-view and image-view.");
        }
        return name;
    }

    @QueryMapping
    @RequiresAdmin
    public int eventStoreHead() {
        return (int) Math.min(eventLog.head(), Integer.MAX_VALUE);
    }

    /** Stored events after a position, for export and tail. */
    @QueryMapping
    @RequiresAdmin
    public List<StoredEvent> events(@Argument int after, @Argument int first, @Argument String aggregate) {
        if (after < 0) {
            throw new BadUserInputException("after", "`after` is a position of the event store, 0 or more.");
        }
        if (first < 1 || first > MAX_EVENTS) {
            throw new BadUserInputException("first", "`first` is 1 to " + MAX_EVENTS + ".");
        }
        return eventLog.after(after, first, Optional.ofNullable(aggregate)).stream().map(StoredEvent::of).toList();
    }

    @MutationMapping
    @RequiresAdmin
    public boolean evictDeadLetter(@Argument String id) {
        return deadLetters.evict(id);
    }

    /** Moves one asynchronous processor back to {@code fromPosition} (default: the first event) on this instance. */
    @MutationMapping
    @RequiresAdmin
    public EventReplay replayEvents(@Argument String processor, @Argument Integer fromPosition) {
        if (fromPosition != null && fromPosition < 0) {
            throw new BadUserInputException("fromPosition", "`fromPosition` is a position of the event store, 0 or more.");
        }
        int from = fromPosition == null ? 0 : fromPosition;
        return switch (replay.replay(processor, Optional.of((long) from))) {
            case STARTED -> new EventReplay(processor, from);
            case NO_SUCH_PROCESSOR -> throw new RefusedException(ErrorCode.NOT_FOUND, "processor",
                    "There is no event processor named `" + processor + "`; `projections` lists them.");
            case INLINE -> throw new RefusedException(ErrorCode.BAD_USER_INPUT, "processor", "`" + processor
                    + "` runs inline, in the commands' transactions: it has no position to move back. Rebuild its view instead.");
            case HELD_ELSEWHERE -> throw new RefusedException(ErrorCode.CONFLICT, "processor", "Another instance is "
                    + "processing a segment of `" + processor + "`; stop it there, or send this to that instance.");
        };
    }
}
