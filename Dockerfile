# syntax=docker/dockerfile:1
# One image recipe for every service and the gateway:
#   docker build --build-arg SERVICE=auth-service -t springbase/auth-service .
# docker-compose.yml builds each of them this way.

FROM eclipse-temurin:25-jdk AS build
ARG SERVICE
WORKDIR /workspace
COPY . .
# The cache mount keeps Maven's repository between builds of the five images.
RUN --mount=type=cache,target=/root/.m2 \
    test -n "${SERVICE}" || { echo "Build with --build-arg SERVICE=<module>, e.g. auth-service." >&2; exit 1; }; \
    ./mvnw -B -q -DskipTests -pl "${SERVICE}" -am package \
    && java -Djarmode=tools -jar "${SERVICE}"/target/*-exec.jar extract --layers --launcher --destination /extracted

FROM eclipse-temurin:25-jre
# curl serves the health check; /data is the data directory (master key, objects, JARs).
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system springbase \
    && useradd --system --gid springbase --home-dir /app --no-create-home springbase \
    && mkdir /data \
    && chown springbase:springbase /data
WORKDIR /app
# Least often changed first, so that a code change rebuilds only the last layer.
COPY --from=build /extracted/dependencies/ ./
COPY --from=build /extracted/spring-boot-loader/ ./
COPY --from=build /extracted/snapshot-dependencies/ ./
COPY --from=build /extracted/application/ ./
USER springbase
ENV SPRINGBASE_BIND_ADDRESS=0.0.0.0 \
    SPRINGBASE_DATA_DIR=/data
# As in ./springbase up, but the heap follows the container's memory limit; add options
# with JAVA_TOOL_OPTIONS.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=60", "-Xss512k", "-XX:+UseSerialGC", "org.springframework.boot.loader.launch.JarLauncher"]
