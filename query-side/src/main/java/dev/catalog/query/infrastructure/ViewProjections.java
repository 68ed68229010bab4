package dev.catalog.query.infrastructure;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessageHandler;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;

/** The {@link ViewProjection}s, by processing group, as handlers to replay events through. */
@Component
class ViewProjections {

    private final Map<String, EventMessageHandler> byGroup = new HashMap<>();

    ViewProjections(List<ViewProjection> projections) {
        for (ViewProjection projection : projections) {
            ProcessingGroup group = AnnotatedElementUtils.findMergedAnnotation(ClassUtils.getUserClass(projection),
                    ProcessingGroup.class);
            if (group == null || !ProjectionGroups.VIEWS.containsKey(group.value())) {
                throw new IllegalStateException(projection.getClass().getName() + " is a view projection without "
                        + "the processing group of a view: one of " + ProjectionGroups.VIEWS.keySet());
            }
            if (byGroup.put(group.value(), new AnnotationEventHandlerAdapter(projection)) != null) {
                throw new IllegalStateException("Two view projections in processing group " + group.value());
            }
        }
        if (!byGroup.keySet().equals(ProjectionGroups.VIEWS.keySet())) {
            throw new IllegalStateException("View projections found for " + byGroup.keySet() + ", expected for "
                    + ProjectionGroups.VIEWS.keySet());
        }
    }

    /** The projection of {@code group}, one of {@link ProjectionGroups#VIEWS}. */
    EventMessageHandler of(String group) {
        return byGroup.get(group);
    }
}
