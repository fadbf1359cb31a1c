# One image per service: docker build --build-arg SERVICE=command-side .
# Build the jars first with: ./mvnw -DskipTests package
FROM eclipse-temurin:21-jre
ARG SERVICE
COPY ${SERVICE}/target/${SERVICE}-exec.jar /app/service.jar
ENV AXONIQ_UPDATE_CHECKER_DISABLED=true
ENTRYPOINT ["java", "-jar", "/app/service.jar"]
