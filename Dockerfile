# The catalog's image: built with the Maven wrapper on a JDK, run on a JRE, as a non-root user.
#   docker build -t catalog:0.1.0 .        (docker-compose.yml builds it too)
# Versions are pinned; change them here and nowhere else.
ARG JDK_IMAGE=eclipse-temurin:21.0.7_6-jdk-noble
ARG JRE_IMAGE=eclipse-temurin:21.0.7_6-jre-noble

FROM ${JDK_IMAGE} AS build
WORKDIR /src
# The wrapper and the POMs first: the dependencies are a layer of their own, rebuilt only when a POM changes.
COPY mvnw pom.xml ./
COPY .mvn .mvn
COPY events/pom.xml events/
COPY files/pom.xml files/
COPY platform/pom.xml platform/
COPY command-side/pom.xml command-side/
COPY query-side/pom.xml query-side/
COPY kafka-publisher/pom.xml kafka-publisher/
COPY graphql-server/pom.xml graphql-server/
COPY gateway/pom.xml gateway/
COPY admin-cli/pom.xml admin-cli/
COPY benchmark/pom.xml benchmark/
RUN ./mvnw -B -q -pl gateway -am dependency:go-offline
COPY . .
# EMBEDDED_DATABASE=false (docker-compose.yml): an image that always runs on an external PostgreSQL carries none.
ARG EMBEDDED_DATABASE=true
RUN ./mvnw -B -q -o -pl gateway -am -DskipTests $([ "$EMBEDDED_DATABASE" = false ] && echo -Dno-embedded-database) package \
    && java -Djarmode=tools -jar gateway/target/catalog.jar extract --destination /app

FROM ${JRE_IMAGE}
# A user of its own, no shell login, no home to write to but the data directory.
RUN groupadd --system catalog && useradd --system --gid catalog --no-create-home --shell /usr/sbin/nologin catalog \
    && mkdir -p /var/lib/catalog && chown catalog:catalog /var/lib/catalog
# Extracted (the application jar and its libraries as plain jars): the JVM maps and links them faster (ADR 30).
COPY --from=build /app /app
USER catalog
WORKDIR /var/lib/catalog
# bin/run's measured memory settings (ADR 32, ADR 39), sized from the container's memory limit: a fixed heap of
# 37.5% of it, 192 MB of the 512 MB a container should get. G1 named: in a container under 1792 MB the JVM would
# pick the serial collector. The C heap's free memory goes back to the system every 5 s (experimental on JDK 21).
# The embedded database (no SPRING_DATASOURCE_URL) keeps its data here.
ENV JAVA_TOOL_OPTIONS="-XX:+UseG1GC -XX:InitialRAMPercentage=37.5 -XX:MaxRAMPercentage=37.5 -XX:MaxGCPauseMillis=10 -XX:+UnlockExperimentalVMOptions -XX:TrimNativeHeapInterval=5000" \
    MALLOC_ARENA_MAX=2 \
    CATALOG_DATA_DIR=/var/lib/catalog/data
EXPOSE 8080
# Ready: the database reachable and the event processors running (/actuator/health/readiness). bash's /dev/tcp:
# the JRE image has no curl.
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 CMD ["bash", "-c", \
    "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /actuator/health/readiness HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && grep -q '\"status\":\"UP\"' <&3"]
ENTRYPOINT ["java", "-jar", "/app/catalog.jar"]
